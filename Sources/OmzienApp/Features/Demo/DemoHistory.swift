import FluentKit
import Foundation
import OmzienCore
import SQLKit

/// Years of fictional casework for the demo municipality, so the evaluation has something to measure and
/// its speed can be measured at scale (`omzien demo --size large`: 100,000 signals, 50,000 trajectories,
/// 200,000 contact-log entries, 20,000 referrals). Written with multi-row inserts in one transaction per
/// table; the random generator is seeded, so the same size gives the same data on SQLite and PostgreSQL.
public enum DemoHistory {
    public struct Size: Sendable, Equatable {
        public var signals: Int
        public var caseContacts: Int
        public var referrals: Int
        public var couplings: Int

        /// The benchmark municipality.
        public static let large = Size(signals: 100_000, caseContacts: 200_000, referrals: 20_000, couplings: 2_500)
        /// Enough history for a demo dashboard that shows most figures.
        public static let medium = Size(signals: 3_000, caseContacts: 6_000, referrals: 600, couplings: 150)
    }

    /// What the history needs from the seeded demo municipality.
    struct Frame {
        let municipalityID: UUID
        let districts: [(id: UUID, name: String, postcode: String, teamID: UUID?)]
        let organisations: [(id: UUID, type: OrganisationType)]
        let professionals: [UUID]
        let volunteers: [UUID]
        let activities: [(id: UUID, organisationID: UUID)]
    }

    /// Adds the history to the demo municipality (GM9901), spread over four years up to `today`.
    public static func seed(into services: AppServices, size: Size, today: CivilDate, progress: (String) -> Void = { _ in }) async throws {
        guard let municipality = try await services.organisations.municipality(code: "GM9901") else { return }
        let frame = try await frame(services, municipalityID: municipality.id)
        let writer = HistoryWriter(frame: frame, size: size, today: today)
        try await writer.generate(into: services.database, progress: progress)
    }

    static func frame(_ services: AppServices, municipalityID: UUID) async throws -> Frame {
        let orgs = services.organisations
        let teams = try await orgs.teams(municipalityID: municipalityID)
        let districts = try await orgs.districts(municipalityID: municipalityID).map { district in
            (id: district.id, name: district.name, postcode: String(district.postcodeRanges.prefix(4)),
             teamID: teams.first { $0.districtIDs.contains(district.id) }?.id)
        }
        let users = try await services.users.users(municipalityID: municipalityID)
        let activities = try await services.catalogue.activities(municipalityID: municipalityID).compactMap { stored -> (id: UUID, organisationID: UUID)? in
            guard let id = UUID(uuidString: stored.activity.id), let organisation = UUID(uuidString: stored.activity.organisationID) else { return nil }
            return (id: id, organisationID: organisation)
        }
        return Frame(
            municipalityID: municipalityID, districts: districts,
            organisations: try await orgs.organisations(municipalityID: municipalityID).map { (id: $0.id, type: $0.type) },
            professionals: users.filter { $0.role == .professional || $0.role == .coordinator }.map(\.id),
            volunteers: users.filter { $0.role == .volunteer }.map(\.id),
            activities: activities)
    }
}

extension SeededGenerator {
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }

    /// Picks by weight.
    mutating func weighted<T>(_ items: [(T, Double)]) -> T {
        let total = items.reduce(0) { $0 + $1.1 }
        var draw = Double.random(in: 0..<total, using: &self)
        for (item, weight) in items {
            draw -= weight
            if draw < 0 { return item }
        }
        return items[items.count - 1].0
    }

    /// A skewed number of days (median about `median`), as waiting times are.
    mutating func days(median: Double, cap: Int) -> Int {
        let u = Double.random(in: 0.0001..<1, using: &self)
        return min(cap, Int((median * exp(0.8 * sqrt(-2 * log(u)) * cos(2 * .pi * Double.random(in: 0..<1, using: &self)))).rounded()))
    }
}

/// Buffers rows per table and writes them in multi-row inserts.
struct BulkTable {
    let name: String
    let columns: [String]
    var rows: [[any Encodable & Sendable]] = []
    /// Rows per INSERT: well under the bind limits of SQLite (32,766) and PostgreSQL (65,535).
    var batch: Int { max(1, 8_000 / columns.count) }

    init(_ name: String, _ columns: [String]) {
        self.name = name
        self.columns = columns
    }

    mutating func add(_ row: [any Encodable & Sendable], on sql: any SQLDatabase) async throws {
        rows.append(row)
    }

    var isFull: Bool { rows.count >= batch }

    /// Writes the tables in the order given (parents before children) once any of them is full, or always when `force`.
    static func flush(_ tables: inout [BulkTable], on sql: any SQLDatabase, force: Bool = false) async throws {
        guard force || tables.contains(where: \.isFull) else { return }
        for index in tables.indices { try await tables[index].flush(on: sql) }
    }

    mutating func flush(on sql: any SQLDatabase) async throws {
        guard !rows.isEmpty else { return }
        var insert = sql.insert(into: name).columns(columns)
        for row in rows { insert = insert.values(row) }
        try await insert.run()
        rows.removeAll(keepingCapacity: true)
    }
}
