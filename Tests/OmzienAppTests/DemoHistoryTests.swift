import Foundation
import OmzienCore
import SQLKit
import Testing
@testable import OmzienApp

/// The demo's history is written the way real use leaves the database.
@Suite struct DemoHistoryTests {
    /// An anonymised signal in the demo looks exactly as the retention job leaves one: every column of the
    /// signal and its person went through the personal-data registry's rule (no name kept as a marker, no full
    /// address or birth year left behind).
    @Test func anonymisedSignalsFollowTheRegistrysRules() async throws {
        let app = try await TestApp.make(seed: { services in
            try await DemoData.seed(into: services, withSignals: false)
            do { try await DemoHistory.seed(into: services, size: DemoHistory.Size(signals: 600, caseContacts: 600, referrals: 60, couplings: 15),
                                       today: services.clock.today) } catch {
                try await services.database.shutdown()
                throw error
            }
        })
        defer { Task { try? await app.close() } }
        let sql = app.services.database.sql
        let signalIDs = try await sql.select().column("id").column("person_id").from("signals")
            .where("status", .equal, SignalStatus.anonymised.rawValue).all()
        try #require(signalIDs.count >= 3, "the history should hold a few anonymised signals")
        let anonymised = [(PersonalDataRegistry.signals, try signalIDs.map { try $0.decode(column: "id", as: UUID.self) }),
                          (PersonalDataRegistry.persons, try signalIDs.map { try $0.decode(column: "person_id", as: UUID.self) })]
        for (table, ids) in anonymised {
            for row in try await sql.select().column("*").from(table.name).where("id", .in, ids).all() {
                for column in table.columns {
                    let value = try PersonalDataStore.readable(row, column, organisations: [:])
                    switch column.anonymisation {
                    case .blank: #expect(value == "", "\(table.name).\(column.column) should be blank, is \(value ?? "NULL")")
                    case .null: #expect(value == nil, "\(table.name).\(column.column) should be NULL, is \(value ?? "NULL")")
                    case .marker(let text): #expect(value == text, "\(table.name).\(column.column)")
                    case .rewrite(let rewrite): #expect(value == rewrite.apply(value), "\(table.name).\(column.column) is not rewritten yet")
                    case .keep: continue
                    }
                }
            }
        }
    }
}
