import FluentKit
import Foundation

final class UserModel: Model, @unchecked Sendable {
    static let schema = "users"
    @ID var id: UUID?
    @Parent(key: "municipality_id") var municipality: MunicipalityModel
    @OptionalParent(key: "team_id") var team: TeamModel?
    @OptionalParent(key: "organisation_id") var organisation: OrganisationModel?
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    @Field(key: "role") var role: String
    /// Nil until the user has set a password through a one-time link.
    @OptionalField(key: "password_hash") var passwordHash: String?
    /// Base32 TOTP secret; kept while enrolment is pending, `totp_enabled` tells whether it is in use.
    @OptionalField(key: "totp_secret") var totpSecret: String?
    @Field(key: "totp_enabled") var totpEnabled: Bool
    /// Last TOTP time step accepted, so a code cannot be used twice.
    @OptionalField(key: "totp_last_step") var totpLastStep: Int?
    @Field(key: "active") var active: Bool
    @OptionalField(key: "last_login_at") var lastLoginAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}
}

/// An explicit grant to see another municipality (a regional role).
final class RegionalGrantModel: Model, @unchecked Sendable {
    static let schema = "regional_grants"
    @ID var id: UUID?
    @Parent(key: "user_id") var user: UserModel
    @Parent(key: "municipality_id") var municipality: MunicipalityModel
    init() {}
}

/// A one-time link to set or reset a password. Only the SHA-256 of the token is stored.
final class PasswordTokenModel: Model, @unchecked Sendable {
    static let schema = "password_tokens"
    @ID var id: UUID?
    @Parent(key: "user_id") var user: UserModel
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?
    @Field(key: "created_by") var createdBy: String
    init() {}
}

/// Failed-login counter per typed address; see `LoginThrottle` in the core.
final class LoginThrottleModel: Model, @unchecked Sendable {
    static let schema = "login_throttles"
    @ID(custom: "address", generatedBy: .user) var id: String?
    @Field(key: "failures") var failures: Int
    @OptionalField(key: "first_failure_at") var firstFailureAt: Double?
    @OptionalField(key: "locked_until") var lockedUntil: Double?
    init() {}
}

/// Key/value rows behind hummingbird-auth's session storage (and any other persisted values).
final class PersistedValueModel: Model, @unchecked Sendable {
    static let schema = "persisted_values"
    /// SHA-256 of the key, so a leaked table does not reveal live session ids.
    @ID(custom: "key_hash", generatedBy: .user) var id: String?
    @Field(key: "value") var value: String
    @OptionalField(key: "expires_at") var expiresAt: Date?
    init() {}
}

/// Installation-wide settings such as the CSRF signing key, shared by every app instance.
final class SettingModel: Model, @unchecked Sendable {
    static let schema = "settings"
    @ID(custom: "name", generatedBy: .user) var id: String?
    @Field(key: "value") var value: String
    init() {}
}

/// Append-only audit trail: who read or changed which record, when, from which session.
final class AuditEventModel: Model, @unchecked Sendable {
    static let schema = "audit_events"
    @ID var id: UUID?
    @Field(key: "at") var at: Date
    @OptionalField(key: "municipality_id") var municipalityID: UUID?
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor_label") var actorLabel: String
    /// A short fingerprint of the session (never the session id itself).
    @Field(key: "session_ref") var sessionRef: String
    @Field(key: "action") var action: String
    @Field(key: "record_type") var recordType: String
    @OptionalField(key: "record_id") var recordID: String?
    @Field(key: "detail") var detail: String
    @Field(key: "request_id") var requestID: String
    init() {}
}
