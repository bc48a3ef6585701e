import FluentKit
import Foundation
import OmzienCore

/// Stores monitor datasets, their tables and (for a limited time) their microdata.
public struct MonitorRepository: Sendable {
    let db: @Sendable () -> any Database
    public init(databaseService: DatabaseService) { self.db = { databaseService.database } }

    /// Adds a dataset with its first table; the microdata are kept until `keepUntil` when given.
    public func create(
        _ new: NewMonitorDataset, municipalityID: UUID, createdBy: UUID, microdata: Data?, keepUntil: Date?
    ) async throws -> UUID {
        try await db().transaction { database in
            let model = MonitorDatasetModel()
            model.$municipality.id = municipalityID
            model.source = new.source
            model.year = new.year
            model.populationMin = new.population.minimum
            model.populationMax = new.population.maximum
            model.mode = new.mode.rawValue
            model.fileName = new.fileName
            model.byteCount = new.byteCount
            model.weightColumn = new.weightColumn
            model.strataColumn = new.strataColumn
            model.createdBy = createdBy
            try await model.create(on: database)
            if let microdata, let keepUntil {
                let stored = MonitorMicrodataModel()
                stored.$dataset.id = model.id!
                stored.data = microdata
                stored.keepUntil = keepUntil
                try await stored.create(on: database)
            }
            return model.id!
        }
    }

    public func addTable(
        datasetID: UUID, indicator: PrevalenceCSV.Indicator, by: [String], items: [String], minN: Int,
        overall: PrevalenceCell, cells: [PrevalenceCell]
    ) async throws -> UUID {
        let model = MonitorTableModel()
        model.$dataset.id = datasetID
        model.indicator = indicator.rawValue
        model.byColumns = by.joined(separator: ",")
        model.itemColumns = items.joined(separator: ",")
        model.minN = minN
        model.overall = try Self.encode([overall])
        model.cells = try Self.encode(cells)
        try await model.create(on: db())
        return model.id!
    }

    /// The municipality's datasets, newest year first.
    public func datasets(municipalityID: UUID) async throws -> [MonitorDataset] {
        let models = try await MonitorDatasetModel.query(on: db()).filter(\.$municipality.$id == municipalityID)
            .sort(\.$year, .descending).sort(\.$createdAt, .descending).all()
        let kept = try await keptUntil(datasetIDs: models.compactMap(\.id))
        return try models.map { try Self.dataset($0, keptUntil: kept[$0.id!]) }
    }

    /// One dataset, only when it belongs to the municipality.
    public func dataset(id: UUID, municipalityID: UUID) async throws -> MonitorDataset? {
        guard let model = try await MonitorDatasetModel.query(on: db()).filter(\.$id == id)
            .filter(\.$municipality.$id == municipalityID).first() else { return nil }
        return try Self.dataset(model, keptUntil: try await keptUntil(datasetIDs: [id])[id])
    }

    /// The tables of some datasets, oldest first.
    public func tables(datasetIDs: [UUID]) async throws -> [MonitorTable] {
        guard !datasetIDs.isEmpty else { return [] }
        return try await MonitorTableModel.query(on: db()).filter(\.$dataset.$id ~~ datasetIDs).sort(\.$createdAt).all().map { model in
            guard let indicator = PrevalenceCSV.Indicator(rawValue: model.indicator) else { throw PersistenceError.corrupt("monitor_tables.indicator") }
            let overall = try Self.decode(model.overall)
            guard let first = overall.first else { throw PersistenceError.corrupt("monitor_tables.overall") }
            return MonitorTable(
                id: model.id!, datasetID: model.$dataset.id, indicator: indicator, by: Self.list(model.byColumns),
                items: Self.list(model.itemColumns), minN: model.minN, overall: first, cells: try Self.decode(model.cells),
                createdAt: model.createdAt ?? Date(timeIntervalSince1970: 0))
        }
    }

    /// The microdata of a dataset while they are kept.
    public func microdata(datasetID: UUID) async throws -> Data? {
        try await MonitorMicrodataModel.query(on: db()).filter(\.$dataset.$id == datasetID).first()?.data
    }

    /// Every overall figure of the municipality with its metadata, in upload order: for trend lines and the
    /// evaluation report (the comparability guard decides what may be joined).
    public func figures(municipalityID: UUID) async throws -> [MonitorFigure] {
        let datasets = try await datasets(municipalityID: municipalityID)
        let byID = Dictionary(uniqueKeysWithValues: datasets.map { ($0.id, $0) })
        let tables = try await tables(datasetIDs: datasets.map(\.id))
        // One figure per dataset and indicator: the newest table decides (all tables share the overall figure
        // unless the minimum cell size differs).
        var latest: [String: MonitorTable] = [:]
        for table in tables { latest["\(table.datasetID)|\(table.indicator.rawValue)"] = table }
        return latest.values
            .compactMap { table -> (MonitorDataset, MonitorTable)? in byID[table.datasetID].map { ($0, table) } }
            .sorted { ($0.0.createdAt, $0.1.createdAt) < ($1.0.createdAt, $1.1.createdAt) }
            .map { dataset, table in
                MonitorFigure(
                    metadata: dataset.metadata(for: table.indicator), year: dataset.year, estimate: table.overall.estimate ?? 0,
                    lower: table.overall.lower, upper: table.overall.upper, n: table.overall.n, suppressed: table.overall.suppressed)
            }
    }

    /// Removes a dataset with its tables and microdata.
    public func delete(id: UUID, municipalityID: UUID) async throws {
        try await db().transaction { database in
            guard try await MonitorDatasetModel.query(on: database).filter(\.$id == id)
                .filter(\.$municipality.$id == municipalityID).count() == 1 else { return }
            try await MonitorTableModel.query(on: database).filter(\.$dataset.$id == id).delete()
            try await MonitorMicrodataModel.query(on: database).filter(\.$dataset.$id == id).delete()
            try await MonitorDatasetModel.query(on: database).filter(\.$id == id).delete()
        }
    }

    /// Deletes microdata whose time is up; the tables stay. Returns how many files were removed.
    public func deleteExpiredMicrodata(now: Date) async throws -> Int {
        let expired = try await MonitorMicrodataModel.query(on: db()).filter(\.$keepUntil <= now).count()
        try await MonitorMicrodataModel.query(on: db()).filter(\.$keepUntil <= now).delete()
        return expired
    }

    private func keptUntil(datasetIDs: [UUID]) async throws -> [UUID: Date] {
        guard !datasetIDs.isEmpty else { return [:] }
        // Only the two small columns: the data themselves stay in the database.
        let rows = try await MonitorMicrodataModel.query(on: db()).filter(\.$dataset.$id ~~ datasetIDs)
            .field(\.$id).field(\.$dataset.$id).field(\.$keepUntil).all()
        return Dictionary(rows.map { ($0.$dataset.id, $0.keepUntil) }, uniquingKeysWith: { first, _ in first })
    }

    private static func dataset(_ model: MonitorDatasetModel, keptUntil: Date?) throws -> MonitorDataset {
        guard let population = AgeRange(minimum: model.populationMin, maximum: model.populationMax),
              let mode = SurveyMode(rawValue: model.mode) else { throw PersistenceError.corrupt("monitor_datasets") }
        return MonitorDataset(
            id: model.id!, municipalityID: model.$municipality.id, source: model.source, year: model.year, population: population,
            mode: mode, fileName: model.fileName, byteCount: model.byteCount, weightColumn: model.weightColumn,
            strataColumn: model.strataColumn, createdBy: model.createdBy, createdAt: model.createdAt ?? Date(timeIntervalSince1970: 0),
            microdataKeptUntil: keptUntil)
    }

    private static func list(_ text: String) -> [String] { text.isEmpty ? [] : text.split(separator: ",").map(String.init) }
    private static func encode(_ cells: [PrevalenceCell]) throws -> String { String(decoding: try JSONEncoder().encode(cells), as: UTF8.self) }
    private static func decode(_ text: String) throws -> [PrevalenceCell] { try JSONDecoder().decode([PrevalenceCell].self, from: Data(text.utf8)) }
}
