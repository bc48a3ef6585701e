import FluentKit
import Foundation
import OmzienCore

/// A routing rule of a municipality beyond "each team takes its districts".
final class RoutingRuleModel: Model, @unchecked Sendable {
    static let schema = "routing_rules"
    @ID var id: UUID?
    @Parent(key: "municipality_id") var municipality: MunicipalityModel
    @Parent(key: "team_id") var team: TeamModel
    @OptionalField(key: "district_id") var districtID: UUID?
    /// Comma-separated `AgeBand` raw values, or nil for any age.
    @OptionalField(key: "age_bands") var ageBands: String?
    @OptionalField(key: "partner_type") var partnerType: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

/// A stored routing rule with its id, for listing and removing.
public struct StoredRoutingRule: Sendable, Equatable {
    public var id: UUID
    public var rule: RoutingRule
}

/// The municipality's own routing rules, oldest first (earlier rules win ties).
public struct RoutingRuleRepository: Sendable {
    let db: @Sendable () -> any Database
    public init(databaseService: DatabaseService) { self.db = { databaseService.database } }

    public func rules(municipalityID: UUID) async throws -> [StoredRoutingRule] {
        try await RoutingRuleModel.query(on: db()).filter(\.$municipality.$id == municipalityID).sort(\.$createdAt).all().map { model in
            let table = RoutingRuleModel.schema
            return StoredRoutingRule(id: try model.requireID(), rule: RoutingRule(
                teamID: model.$team.id.uuidString, districtID: model.districtID?.uuidString,
                ageBands: try model.ageBands.map { Set(try StoredValue.list($0, table: table, column: "age_bands")) },
                partnerType: try StoredValue.decode(model.partnerType, table: table, column: "partner_type")))
        }
    }

    public func add(municipalityID: UUID, teamID: UUID, districtID: UUID?, ageBands: Set<AgeBand>?, partnerType: OrganisationType?) async throws {
        let model = RoutingRuleModel()
        model.$municipality.id = municipalityID
        model.$team.id = teamID
        model.districtID = districtID
        model.ageBands = ageBands.map { $0.map(\.rawValue).sorted().joined(separator: ",") }
        model.partnerType = partnerType?.rawValue
        try await model.create(on: db())
    }

    public func remove(id: UUID, municipalityID: UUID) async throws {
        try await RoutingRuleModel.query(on: db()).filter(\.$id == id).filter(\.$municipality.$id == municipalityID).delete()
    }
}
