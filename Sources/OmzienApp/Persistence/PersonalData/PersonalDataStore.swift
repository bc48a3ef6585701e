import Foundation
import OmzienCore
import SQLKit

/// The rows one operation on the person's data works on: ids per registry table.
struct PersonalDataScope: Sendable, Equatable {
    var ids: [String: [UUID]] = [:]

    func ids(_ table: String) -> [UUID] { ids[table] ?? [] }
}

/// One row as the export shows it.
struct ExportedRow: Sendable, Equatable {
    let id: UUID
    /// The row's heading date (yyyy-MM-dd), or empty when the table has none.
    let date: String
    /// Column → readable value, for the columns the registry exports; empty values are left out.
    let fields: [String: String]
}

/// Reads, anonymises and erases the person's data as `PersonalDataRegistry` declares it, in plain SQL
/// so the same statements run on SQLite and PostgreSQL.
struct PersonalDataStore {
    let sql: any SQLDatabase

    // MARK: Scope

    /// Every row about one person: the registry's tables, reached from the person's id.
    func scope(personID: UUID) async throws -> PersonalDataScope {
        try await resolve(seeds: [:], personID: personID)
    }

    /// The seeded rows and, through the registry's parent links, every row below them. Links to the person
    /// are followed only when `personID` is given: anonymising one trajectory must not reach the person's others.
    func resolve(seeds: [String: [UUID]], personID: UUID?) async throws -> PersonalDataScope {
        var scope = PersonalDataScope(ids: seeds)
        for table in PersonalDataRegistry.tables {
            var found = Set(scope.ids(table.name))
            for link in table.links {
                switch link {
                case .person(let column):
                    guard let personID else { continue }
                    found.formUnion(try await ids(in: table.name, where: column, in: [personID]))
                case .parent(let parent, let column):
                    let parents = scope.ids(parent)
                    guard !parents.isEmpty else { continue }
                    found.formUnion(try await ids(in: table.name, where: column, in: parents))
                }
            }
            if !found.isEmpty { scope.ids[table.name] = found.sorted { $0.uuidString < $1.uuidString } }
        }
        return scope
    }

    func ids(in table: String, where column: String, in values: [UUID]) async throws -> [UUID] {
        try await sql.select().column("id").from(table).where(column, .in, values).all().map { try $0.decode(column: "id", as: UUID.self) }
    }

    // MARK: Export

    /// Organisation names by id, so the export names the organisation a consent or referral is for.
    func organisationNames() async throws -> [UUID: String] {
        var names: [UUID: String] = [:]
        for row in try await sql.select().column("id").column("name").from("organisations").all() {
            names[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "name", as: String.self)
        }
        return names
    }

    /// The exported columns of the table's rows in scope, in the order they were found.
    func exported(_ table: PersonalTable, ids: [UUID], organisations: [UUID: String]) async throws -> [ExportedRow] {
        guard !ids.isEmpty else { return [] }
        let columns = table.columns.filter { $0.exportLabel != nil }
        var select = sql.select().column("id").from(table.name).where("id", .in, ids)
        if let date = table.dateColumn { select = select.column(date.column) }
        for column in columns { select = select.column(column.column) }
        return try await select.all().map { row in
            var fields: [String: String] = [:]
            for column in columns {
                if let value = try Self.readable(row, column, organisations: organisations), !value.isEmpty { fields[column.column] = value }
            }
            return ExportedRow(id: try row.decode(column: "id", as: UUID.self), date: try Self.date(row, table.dateColumn), fields: fields)
        }
    }

    static func readable(_ row: any SQLRow, _ column: PersonalColumn, organisations: [UUID: String]) throws -> String? {
        switch column.stored {
        case .text: try row.decode(column: column.column, as: String?.self)
        case .integer: try row.decode(column: column.column, as: Int?.self).map(String.init)
        case .boolean: try row.decode(column: column.column, as: Bool?.self).map { $0 ? "ja" : "nee" }
        case .organisation: try row.decode(column: column.column, as: UUID?.self).map { organisations[$0] ?? $0.uuidString }
        }
    }

    static func date(_ row: any SQLRow, _ column: PersonalTable.DateColumn?) throws -> String {
        switch column {
        case .civil(let name): try row.decode(column: name, as: String?.self) ?? ""
        case .timestamp(let name): try row.decode(column: name, as: Date?.self).map { AppClock.civilDate($0).description } ?? ""
        case nil: ""
        }
    }

    // MARK: Anonymisation

    /// Applies every column's anonymisation rule to the rows in scope; the rows themselves stay.
    func anonymise(_ scope: PersonalDataScope) async throws {
        for table in PersonalDataRegistry.tables {
            let ids = scope.ids(table.name)
            guard !ids.isEmpty else { continue }
            try await setFixedValues(table, ids: ids)
            for column in table.columns {
                if case .rewrite(let rewrite) = column.anonymisation { try await self.rewrite(column, rewrite, ids: ids) }
            }
        }
    }

    /// One UPDATE for the table's blank, null and marker rules.
    func setFixedValues(_ table: PersonalTable, ids: [UUID]) async throws {
        let update = sql.update(table.name)
        var changes = 0
        for column in table.columns {
            switch column.anonymisation {
            case .blank: _ = update.set(column.column, to: "")
            case .null: _ = update.set(column.column, to: SQLLiteral.null)
            case .marker(let text): _ = update.set(column.column, to: text)
            case .keep, .rewrite: continue
            }
            changes += 1
        }
        guard changes > 0 else { return }
        try await update.where("id", .in, ids).run()
    }

    /// Row by row, for values computed from the stored one.
    func rewrite(_ column: PersonalColumn, _ rewrite: AnonymisationRewrite, ids: [UUID]) async throws {
        let rows = try await sql.select().column("id").column(column.column).from(column.table).where("id", .in, ids).all()
        for row in rows {
            let stored = try row.decode(column: column.column, as: String?.self)
            let anonymised = rewrite.apply(stored)
            guard anonymised != stored else { continue }
            let update = sql.update(column.table)
            if let anonymised { _ = update.set(column.column, to: anonymised) } else { _ = update.set(column.column, to: SQLLiteral.null) }
            try await update.where("id", .equal, try row.decode(column: "id", as: UUID.self)).run()
        }
    }

    // MARK: Erasure

    /// Deletes the rows in scope, children before parents. Returns how many rows went, by table.
    func erase(_ scope: PersonalDataScope) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in PersonalDataRegistry.tables.reversed() {
            let ids = scope.ids(table.name)
            guard !ids.isEmpty else { continue }
            switch table.erasure {
            case .deleteRows:
                try await sql.delete(from: table.name).where("id", .in, ids).run()
                counts[table.name] = ids.count
            }
        }
        return counts
    }
}
