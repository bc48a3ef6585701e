import FluentKit
import Foundation
import OmzienCore
import SQLKit

/// The person's data as `PersonalDataRegistry` declares it: gathered for the export, deleted for the erasure.
public struct PersonDataRepository: Sendable {
    let db: @Sendable () -> any Database
    public init(databaseService: DatabaseService) { self.db = { databaseService.database } }

    /// Every row about the person in every registry table, with the columns the registry exports.
    public func gather(personID: UUID, municipalityID: UUID) async throws -> PersonDataRecord? {
        let database = db()
        guard try await Self.exists(personID: personID, municipalityID: municipalityID, on: database) else { return nil }
        let store = PersonalDataStore(sql: database as! any SQLDatabase)
        let scope = try await store.scope(personID: personID)
        let organisations = try await store.organisationNames()
        var person: [String: String] = [:]
        var items: [PersonDataRecord.Item] = []
        for table in PersonalDataRegistry.tables {
            let rows = try await store.exported(table, ids: scope.ids(table.name), organisations: organisations)
            guard let kind = table.kind else {
                person = rows.first?.fields ?? [:]
                continue
            }
            items += rows.map { PersonDataRecord.Item(kind: kind, id: $0.id.uuidString, date: $0.date, fields: $0.fields) }
        }
        let open = items.filter { $0.kind == "trajectory" && $0.fields["status"] == TrajectoryStatus.open.rawValue }.count
        let running = items.filter {
            $0.kind == "coupling" && [CouplingStatus.active.rawValue, CouplingStatus.proposed.rawValue].contains($0.fields["status"] ?? "")
        }.count
        return PersonDataRecord(person: person, items: items, recordIDs: [personID.uuidString] + items.map(\.id),
                                openTrajectories: open, runningCouplings: running)
    }

    /// Deletes every row about the person, children first. Returns how many rows went, by table.
    public func erase(personID: UUID, municipalityID: UUID) async throws -> [String: Int] {
        try await db().transaction { tx in
            guard try await Self.exists(personID: personID, municipalityID: municipalityID, on: tx) else { return [:] }
            let store = PersonalDataStore(sql: tx as! any SQLDatabase)
            return try await store.erase(try await store.scope(personID: personID))
        }
    }

    static func exists(personID: UUID, municipalityID: UUID, on database: any Database) async throws -> Bool {
        try await PersonModel.query(on: database).filter(\.$id == personID).filter(\.$municipality.$id == municipalityID).count() == 1
    }
}
