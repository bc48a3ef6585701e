import FluentKit
import Foundation

/// Append-only storage of the audit trail: there is deliberately no update or delete here, and the
/// database refuses both with a trigger.
public struct AuditRepository: Sendable {
    let db: @Sendable () -> any Database
    public init(databaseService: DatabaseService) { self.db = { databaseService.database } }
    /// Bound to one database handle, such as the transaction of a `UnitOfWork`.
    init(database: any Database) { self.db = { database } }

    public func append(_ entry: AuditEntry) async throws {
        let model = AuditEventModel()
        model.at = entry.at
        model.municipalityID = entry.municipalityID
        model.actorID = entry.actorID
        model.actorLabel = entry.actorLabel
        model.sessionRef = entry.sessionRef
        model.action = entry.action.rawValue
        model.recordType = entry.recordType
        model.recordID = entry.recordID
        model.detail = entry.detail
        model.requestID = entry.requestID
        try await model.create(on: db())
    }

    /// The newest entries first.
    public func entries(_ query: AuditQuery) async throws -> [AuditEntry] {
        var builder = AuditEventModel.query(on: db()).filter(\.$municipalityID == query.municipalityID)
        if let actor = query.actorID { builder = builder.filter(\.$actorID == actor) }
        if let type = query.recordType { builder = builder.filter(\.$recordType == type) }
        if let record = query.recordID { builder = builder.filter(\.$recordID == record) }
        if let from = query.from { builder = builder.filter(\.$at >= from) }
        if let until = query.until { builder = builder.filter(\.$at < until) }
        return try await builder.sort(\.$at, .descending).limit(query.limit).all().map { model in
            AuditEntry(
                at: model.at, municipalityID: model.municipalityID, actorID: model.actorID, actorLabel: model.actorLabel,
                sessionRef: model.sessionRef, action: try StoredValue.decode(model.action, table: AuditEventModel.schema, column: "action"), recordType: model.recordType,
                recordID: model.recordID, detail: model.detail, requestID: model.requestID)
        }
    }
}
