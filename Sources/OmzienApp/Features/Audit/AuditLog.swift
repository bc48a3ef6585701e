import HummingbirdAuth
import Foundation
import Hummingbird

/// Writes the audit trail from request handlers: every read and write of personal data goes through here.
public struct AuditLog: Sendable {
    let repository: AuditRepository

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
        try await repository.append(AuditEntry(
            at: Date(), municipalityID: municipalityID, actorID: actorID, actorLabel: actorLabel,
            sessionRef: sessionReference.map { String(SecureRandom.sha256($0).prefix(12)) } ?? "-",
            action: action, recordType: recordType, recordID: recordID, detail: detail, requestID: requestID))
    }
}
