import FluentKit
import HummingbirdAuth
import Foundation
import Hummingbird

/// Writes the audit trail from request handlers: every read and write of personal data goes through here.
public struct AuditLog: Sendable {
    let repository: AuditRepository
    /// Runs before each entry is written; a throw stops the write. Empty in the app; tests make an audit
    /// write fail with it, to prove that the change it belongs to is rolled back too.
    var beforeWrite: @Sendable (AuditEntry) throws -> Void = { _ in }

    /// The same log, writing on `database` (the transaction of a unit of work).
    func bound(to database: any Database) -> AuditLog {
        AuditLog(repository: AuditRepository(database: database), beforeWrite: beforeWrite)
    }

    /// Records an action of the signed-in user.
    func record(
        _ action: AuditAction, _ recordType: String, id recordID: String? = nil, detail: String = "",
        context: StaffRequestContext
    ) async throws {
        try await record(
            action, recordType, id: recordID, detail: detail, municipalityID: context.user.municipality.id,
            actorID: context.user.account.id, actorLabel: context.user.account.email,
            sessionReference: context.sessions.session?.reference, requestID: context.id)
    }

    /// Records an action with explicit actor details (logins, CLI, system jobs).
    func record(
        _ action: AuditAction, _ recordType: String, id recordID: String? = nil, detail: String = "",
        municipalityID: UUID?, actorID: UUID?, actorLabel: String, sessionReference: String?, requestID: String
    ) async throws {
        let entry = AuditEntry(
            at: Date(), municipalityID: municipalityID, actorID: actorID, actorLabel: actorLabel,
            sessionRef: sessionReference.map { String(SecureRandom.sha256($0).prefix(12)) } ?? "-",
            action: action, recordType: recordType, recordID: recordID, detail: detail, requestID: requestID)
        try beforeWrite(entry)
        try await repository.append(entry)
    }
}
