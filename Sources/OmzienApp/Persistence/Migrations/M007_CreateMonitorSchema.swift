import FluentKit

struct CreateMonitorSchema: AsyncMigration {
    /// The name stored in `_fluent_migrations`; it must never change, or existing databases would run this again.
    var name: String { "OmzienApp.CreateMonitorSchema" }

    func prepare(on database: any Database) async throws {
        try await database.schema(MonitorDatasetModel.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(MunicipalityModel.schema, "id"))
            .field("source", .string, .required)
            .field("year", .int, .required)
            .field("population_min", .int, .required)
            .field("population_max", .int)
            .field("mode", .string, .required)
            .field("file_name", .string, .required)
            .field("byte_count", .int64, .required)
            .field("weight_column", .string, .required)
            .field("strata_column", .string)
            .field("created_by", .uuid, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema(MonitorMicrodataModel.schema)
            .id()
            .field("dataset_id", .uuid, .required, .references(MonitorDatasetModel.schema, "id", onDelete: .cascade))
            .field("data", .data, .required)
            .field("keep_until", .datetime, .required)
            .unique(on: "dataset_id")
            .create()
        try await database.schema(MonitorTableModel.schema)
            .id()
            .field("dataset_id", .uuid, .required, .references(MonitorDatasetModel.schema, "id", onDelete: .cascade))
            .field("indicator", .string, .required)
            .field("by_columns", .string, .required)
            .field("item_columns", .string, .required)
            .field("min_n", .int, .required)
            .field("overall", .string, .required)
            .field("cells", .string, .required)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [MonitorTableModel.schema, MonitorMicrodataModel.schema, MonitorDatasetModel.schema] {
            try await database.schema(schema).delete()
        }
    }
}
