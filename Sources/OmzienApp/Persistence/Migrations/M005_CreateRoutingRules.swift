import FluentKit

struct CreateRoutingRules: AsyncMigration {
    /// The name stored in `_fluent_migrations`; it must never change, or existing databases would run this again.
    var name: String { "OmzienApp.CreateRoutingRules" }

    func prepare(on database: any Database) async throws {
        try await database.schema(RoutingRuleModel.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(MunicipalityModel.schema, "id"))
            .field("team_id", .uuid, .required, .references(TeamModel.schema, "id", onDelete: .cascade))
            .field("district_id", .uuid, .references(DistrictModel.schema, "id", onDelete: .cascade))
            .field("age_bands", .string)
            .field("partner_type", .string)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RoutingRuleModel.schema).delete()
    }
}
