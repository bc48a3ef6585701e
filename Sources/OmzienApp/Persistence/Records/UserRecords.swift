import Crypto
import FluentKit
import Foundation
import OmzienCore

/// What a new or edited user looks like, as entered by an administrator.
public struct UserDraft: Sendable, Equatable {
    public var email: String
    public var name: String
    public var role: Role
    public var teamID: UUID?
    public var organisationID: UUID?
    public var active: Bool

    public init(email: String, name: String, role: Role, teamID: UUID? = nil, organisationID: UUID? = nil, active: Bool = true) {
        self.email = email
        self.name = name
        self.role = role
        self.teamID = teamID
        self.organisationID = organisationID
        self.active = active
    }
}

/// The secrets needed to check a login; never leaves the accounts feature.
struct LoginCredentials: Sendable {
    var account: UserAccount
    var passwordHash: String?
    var totpSecret: String?
    var totpLastStep: Int?
}
