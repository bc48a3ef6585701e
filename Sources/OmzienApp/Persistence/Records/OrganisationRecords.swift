import FluentKit
import Foundation
import OmzienCore

// Sendable values handed from the persistence layer to the rest of the app.

/// A municipality: the tenant every record belongs to.
public struct Municipality: Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var code: String
    /// Roles that must log in with a second factor.
    public var mfaRoles: Set<Role>
    /// The province (e.g. "Drenthe"); empty when not set.
    public var province: String = ""
}

/// A district (wijk) with the postcode areas it covers.
public struct District: Sendable, Equatable {
    public var id: UUID
    public var municipalityID: UUID
    public var name: String
    public var postcodeRanges: String
}

/// A team of professionals, serving some districts.
public struct Team: Sendable, Equatable {
    public var id: UUID
    public var municipalityID: UUID
    public var name: String
    public var districtIDs: [UUID]
}

/// A partner organisation.
public struct Organisation: Sendable, Equatable {
    public var id: UUID
    public var municipalityID: UUID
    public var name: String
    public var type: OrganisationType
    public var contact: String
}

/// A user account, without secrets.
public struct UserAccount: Sendable, Equatable {
    public var id: UUID
    public var municipalityID: UUID
    public var teamID: UUID?
    public var organisationID: UUID?
    public var email: String
    public var name: String
    public var role: Role
    public var hasPassword: Bool
    public var totpEnabled: Bool
    public var active: Bool
    public var lastLoginAt: Date?
    public var regionalMunicipalityIDs: Set<UUID>

    /// The view of this account that the access policy works with.
    public var actor: Actor {
        Actor(
            userID: id.uuidString, role: role, municipalityID: municipalityID.uuidString,
            teamID: teamID?.uuidString, regionalMunicipalityIDs: Set(regionalMunicipalityIDs.map(\.uuidString)),
            isActive: active)
    }
}

extension MunicipalityModel {
    var record: Municipality {
        get throws {
            Municipality(id: try requireID(), name: name, code: code,
                         mfaRoles: Set(try StoredValue.list(mfaRoles, table: Self.schema, column: "mfa_roles")), province: province ?? "")
        }
    }
}

extension DistrictModel {
    var record: District { District(id: id!, municipalityID: $municipality.id, name: name, postcodeRanges: postcodeRanges) }
}

extension OrganisationModel {
    var record: Organisation {
        get throws {
            Organisation(id: try requireID(), municipalityID: $municipality.id, name: name,
                         type: try StoredValue.decode(type, table: Self.schema, column: "type"), contact: contact)
        }
    }
}

extension UserModel {
    func record(regional: Set<UUID>) throws -> UserAccount {
        UserAccount(
            id: try requireID(), municipalityID: $municipality.id, teamID: $team.id, organisationID: $organisation.id,
            email: email, name: name, role: try StoredValue.decode(role, table: Self.schema, column: "role"), hasPassword: passwordHash != nil,
            totpEnabled: totpEnabled, active: active, lastLoginAt: lastLoginAt, regionalMunicipalityIDs: regional)
    }
}
