import FluentKit
import Foundation

/// What was done to a record.
public enum AuditAction: String, Sendable, CaseIterable, Codable {
    case read, list, create, update, delete
    case login, loginFailed = "login_failed", logout
    case passwordSet = "password_set", resetLinkIssued = "reset_link_issued"
    case secondFactorEnabled = "second_factor_enabled", secondFactorReset = "second_factor_reset"
    case secondFactorLocked = "second_factor_locked"
    case accessDenied = "access_denied"
}

/// One line of the audit trail.
public struct AuditEntry: Sendable, Equatable {
    public var at: Date
    public var municipalityID: UUID?
    public var actorID: UUID?
    /// The actor's e-mail at the time, or "anoniem"/"systeem": the trail stays readable if a user is removed.
    public var actorLabel: String
    public var sessionRef: String
    public var action: AuditAction
    public var recordType: String
    public var recordID: String?
    public var detail: String
    public var requestID: String
}

/// Filters for reading the trail; always within one municipality.
public struct AuditQuery: Sendable, Equatable {
    public var municipalityID: UUID
    public var actorID: UUID?
    public var recordType: String?
    public var recordID: String?
    public var from: Date?
    public var until: Date?
    public var limit: Int = 200

    public init(municipalityID: UUID, actorID: UUID? = nil, recordType: String? = nil, recordID: String? = nil,
                from: Date? = nil, until: Date? = nil, limit: Int = 200) {
        self.municipalityID = municipalityID
        self.actorID = actorID
        self.recordType = recordType
        self.recordID = recordID
        self.from = from
        self.until = until
        self.limit = limit
    }
}
