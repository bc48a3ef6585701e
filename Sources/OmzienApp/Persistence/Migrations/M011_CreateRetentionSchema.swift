import FluentKit

struct CreateRetentionSchema: AsyncMigration {
    /// The name stored in `_fluent_migrations`; it must never change, or existing databases would run this again.
    var name: String { "OmzienApp.CreateRetentionSchema" }

    func prepare(on database: any Database) async throws {
        try await database.schema(RetentionSettingsModel.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(MunicipalityModel.schema, "id"))
            .field("uncontacted_months", .int, .required).field("declined_months", .int, .required)
            .field("closed_trajectory_months", .int, .required)
            .unique(on: "municipality_id")
            .create()
        try await database.schema(RetentionLogModel.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(MunicipalityModel.schema, "id"))
            .field("ran_at", .datetime, .required).field("kind", .string, .required).field("count", .int, .required)
            .field("dry_run", .bool, .required).field("by", .string, .required)
            .create()
        try await database.schema(JobClaimModel.schema)
            .id()
            .field("job", .string, .required).field("period", .string, .required).field("claimed_at", .datetime, .required)
            .unique(on: "job", "period")
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [JobClaimModel.schema, RetentionLogModel.schema, RetentionSettingsModel.schema] {
            try await database.schema(schema).delete()
        }
    }
}
