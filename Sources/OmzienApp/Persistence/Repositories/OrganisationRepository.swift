import FluentKit
import Foundation
import OmzienCore

/// Municipalities, districts, teams and partner organisations.
///
/// Every query that returns records of a municipality takes the municipality id, so a caller cannot
/// forget the tenant boundary.
public struct OrganisationRepository: Sendable {
    let db: @Sendable () -> any Database

    public init(databaseService: DatabaseService) { self.db = { databaseService.database } }

    // MARK: Municipalities

    public func municipalities() async throws -> [Municipality] {
        try await MunicipalityModel.query(on: db()).sort(\.$name).all().map { try $0.record }
    }

    public func municipality(id: UUID) async throws -> Municipality? {
        try await MunicipalityModel.find(id, on: db())?.record
    }

    public func municipality(code: String) async throws -> Municipality? {
        try await MunicipalityModel.query(on: db()).filter(\.$code == code.uppercased()).first()?.record
    }

    @discardableResult
    public func createMunicipality(name: String, code: String, mfaRoles: Set<Role> = [], province: String? = nil) async throws -> Municipality {
        let model = MunicipalityModel()
        model.province = province
        model.name = name
        model.code = code.uppercased()
        model.mfaRoles = Self.encode(mfaRoles)
        try await model.create(on: db())
        return try model.record
    }

    public func setMFARoles(_ roles: Set<Role>, municipalityID: UUID) async throws {
        guard let model = try await MunicipalityModel.find(municipalityID, on: db()) else { throw AppError.notFound }
        model.mfaRoles = Self.encode(roles)
        try await model.update(on: db())
    }

    public func setProvince(_ province: String, municipalityID: UUID) async throws {
        guard let model = try await MunicipalityModel.find(municipalityID, on: db()) else { throw AppError.notFound }
        model.province = province.isEmpty ? nil : province
        try await model.update(on: db())
    }

    static func encode(_ roles: Set<Role>) -> String {
        roles.map(\.rawValue).sorted().joined(separator: ",")
    }

    // MARK: Districts

    public func districts(municipalityID: UUID) async throws -> [District] {
        try await DistrictModel.query(on: db()).filter(\.$municipality.$id == municipalityID).sort(\.$name).all().map(\.record)
    }

    public func district(id: UUID, municipalityID: UUID) async throws -> District? {
        try await DistrictModel.query(on: db()).filter(\.$id == id).filter(\.$municipality.$id == municipalityID).first()?.record
    }

    /// Creates or (with `id`) updates a district.
    @discardableResult
    public func saveDistrict(id: UUID? = nil, municipalityID: UUID, name: String, postcodeRanges: String) async throws -> District {
        let model = try await existing(DistrictModel.self, id: id, municipalityID: municipalityID, field: \.$municipality.$id) ?? DistrictModel()
        model.$municipality.id = municipalityID
        model.name = name
        model.postcodeRanges = postcodeRanges
        try await model.save(on: db())
        return model.record
    }

    // MARK: Teams

    public func teams(municipalityID: UUID) async throws -> [Team] {
        let teams = try await TeamModel.query(on: db()).filter(\.$municipality.$id == municipalityID).sort(\.$name).all()
        let links = try await TeamDistrictModel.query(on: db()).filter(\.$team.$id ~~ teams.compactMap(\.id)).all()
        return teams.map { team in
            Team(id: team.id!, municipalityID: municipalityID, name: team.name,
                 districtIDs: links.filter { $0.$team.id == team.id }.map(\.$district.id))
        }
    }

    public func team(id: UUID, municipalityID: UUID) async throws -> Team? {
        try await teams(municipalityID: municipalityID).first { $0.id == id }
    }

    /// Creates or updates a team with the districts it serves (districts of other municipalities are ignored).
    @discardableResult
    public func saveTeam(id: UUID? = nil, municipalityID: UUID, name: String, districtIDs: [UUID]) async throws -> Team {
        let ownDistricts = Set(try await districts(municipalityID: municipalityID).map(\.id))
        // Each district once: the link table allows one row per team and district.
        var seen: Set<UUID> = []
        let served = districtIDs.filter { ownDistricts.contains($0) && seen.insert($0).inserted }
        let database = db()
        return try await database.transaction { tx in
            let model = try await existing(TeamModel.self, id: id, municipalityID: municipalityID, field: \.$municipality.$id, on: tx) ?? TeamModel()
            model.$municipality.id = municipalityID
            model.name = name
            try await model.save(on: tx)
            try await TeamDistrictModel.query(on: tx).filter(\.$team.$id == model.id!).delete()
            for districtID in served {
                let link = TeamDistrictModel()
                link.$team.id = model.id!
                link.$district.id = districtID
                try await link.create(on: tx)
            }
            return Team(id: model.id!, municipalityID: municipalityID, name: name, districtIDs: served)
        }
    }

    // MARK: Organisations

    public func organisations(municipalityID: UUID) async throws -> [Organisation] {
        try await OrganisationModel.query(on: db()).filter(\.$municipality.$id == municipalityID).sort(\.$name).all().map { try $0.record }
    }

    public func organisation(id: UUID, municipalityID: UUID) async throws -> Organisation? {
        try await OrganisationModel.query(on: db()).filter(\.$id == id).filter(\.$municipality.$id == municipalityID).first()?.record
    }

    @discardableResult
    public func saveOrganisation(id: UUID? = nil, municipalityID: UUID, name: String, type: OrganisationType, contact: String) async throws -> Organisation {
        let model = try await existing(OrganisationModel.self, id: id, municipalityID: municipalityID, field: \.$municipality.$id) ?? OrganisationModel()
        model.$municipality.id = municipalityID
        model.name = name
        model.type = type.rawValue
        model.contact = contact
        try await model.save(on: db())
        return try model.record
    }

    /// Loads the record to update, refusing one that belongs to another municipality.
    private func existing<M: Model>(
        _ type: M.Type, id: UUID?, municipalityID: UUID, field: KeyPath<M, FieldProperty<M, UUID>>, on database: (any Database)? = nil
    ) async throws -> M? where M.IDValue == UUID {
        guard let id else { return nil }
        guard let model = try await M.find(id, on: database ?? db()), model[keyPath: field].wrappedValue == municipalityID else {
            throw AppError.notFound
        }
        return model
    }
}
