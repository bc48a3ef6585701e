import FluentKit
import Foundation

// Fluent models stay inside the persistence layer; repositories hand out the Sendable structs of
// `Records.swift` instead.

final class MunicipalityModel: Model, @unchecked Sendable {
    static let schema = "municipalities"
    @ID var id: UUID?
    @Field(key: "name") var name: String
    /// CBS municipality code, e.g. GM0363; unique across the installation.
    @Field(key: "code") var code: String
    /// Comma-separated roles that must use two-factor login.
    @Field(key: "mfa_roles") var mfaRoles: String
    /// The province, for addresses published in HSDS (which requires it); nil until set.
    @OptionalField(key: "province") var province: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

final class DistrictModel: Model, @unchecked Sendable {
    static let schema = "districts"
    @ID var id: UUID?
    @Parent(key: "municipality_id") var municipality: MunicipalityModel
    @Field(key: "name") var name: String
    /// Canonical postcode ranges, e.g. "9401-9405, 9410".
    @Field(key: "postcode_ranges") var postcodeRanges: String
    init() {}
}

final class TeamModel: Model, @unchecked Sendable {
    static let schema = "teams"
    @ID var id: UUID?
    @Parent(key: "municipality_id") var municipality: MunicipalityModel
    @Field(key: "name") var name: String
    init() {}
}

/// Which districts a team serves.
final class TeamDistrictModel: Model, @unchecked Sendable {
    static let schema = "team_districts"
    @ID var id: UUID?
    @Parent(key: "team_id") var team: TeamModel
    @Parent(key: "district_id") var district: DistrictModel
    init() {}
}

final class OrganisationModel: Model, @unchecked Sendable {
    static let schema = "organisations"
    @ID var id: UUID?
    @Parent(key: "municipality_id") var municipality: MunicipalityModel
    @Field(key: "name") var name: String
    @Field(key: "type") var type: String
    @Field(key: "contact") var contact: String
    init() {}
}
