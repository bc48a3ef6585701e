import FluentKit
import Foundation

/// A survey dataset of the population monitor: its metadata (the comparability guard) and who added it.
final class MonitorDatasetModel: Model, @unchecked Sendable {
    static let schema = "monitor_datasets"
    @ID var id: UUID?
    @Parent(key: "municipality_id") var municipality: MunicipalityModel
    @Field(key: "source") var source: String
    @Field(key: "year") var year: Int
    @Field(key: "population_min") var populationMin: Int
    @OptionalField(key: "population_max") var populationMax: Int?
    @Field(key: "mode") var mode: String
    @Field(key: "file_name") var fileName: String
    @Field(key: "byte_count") var byteCount: Int
    @Field(key: "weight_column") var weightColumn: String
    @OptionalField(key: "strata_column") var strataColumn: String?
    @Field(key: "created_by") var createdBy: UUID
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

/// The uploaded microdata, kept apart from the dataset so lists never load it, and only until `keep_until`.
final class MonitorMicrodataModel: Model, @unchecked Sendable {
    static let schema = "monitor_microdata"
    @ID var id: UUID?
    @Parent(key: "dataset_id") var dataset: MonitorDatasetModel
    @Field(key: "data") var data: Data
    @Field(key: "keep_until") var keepUntil: Date
    init() {}
}

/// A computed table: one indicator, one grouping, its cells as JSON (aggregates only).
final class MonitorTableModel: Model, @unchecked Sendable {
    static let schema = "monitor_tables"
    @ID var id: UUID?
    @Parent(key: "dataset_id") var dataset: MonitorDatasetModel
    @Field(key: "indicator") var indicator: String
    @Field(key: "by_columns") var byColumns: String
    @Field(key: "item_columns") var itemColumns: String
    @Field(key: "min_n") var minN: Int
    @Field(key: "overall") var overall: String
    @Field(key: "cells") var cells: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}
