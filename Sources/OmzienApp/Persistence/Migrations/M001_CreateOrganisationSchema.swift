import FluentKit

struct CreateOrganisationSchema: AsyncMigration {
    /// The name stored in `_fluent_migrations`; it must never change, or existing databases would run this again.
    var name: String { "OmzienApp.CreateOrganisationSchema" }

    func prepare(on database: any Database) async throws {
        try await database.schema(MunicipalityModel.schema)
            .id()
            .field("name", .string, .required)
            .field("code", .string, .required)
            .field("mfa_roles", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "code")
            .create()
        try await database.schema(DistrictModel.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(MunicipalityModel.schema, "id"))
            .field("name", .string, .required)
            .field("postcode_ranges", .string, .required)
            .unique(on: "municipality_id", "name")
            .create()
        try await database.schema(TeamModel.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(MunicipalityModel.schema, "id"))
            .field("name", .string, .required)
            .unique(on: "municipality_id", "name")
            .create()
        try await database.schema(TeamDistrictModel.schema)
            .id()
            .field("team_id", .uuid, .required, .references(TeamModel.schema, "id", onDelete: .cascade))
            .field("district_id", .uuid, .required, .references(DistrictModel.schema, "id", onDelete: .cascade))
            .unique(on: "team_id", "district_id")
            .create()
        try await database.schema(OrganisationModel.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(MunicipalityModel.schema, "id"))
            .field("name", .string, .required)
            .field("type", .string, .required)
            .field("contact", .string, .required)
            .unique(on: "municipality_id", "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [OrganisationModel.schema, TeamDistrictModel.schema, TeamModel.schema, DistrictModel.schema, MunicipalityModel.schema] {
            try await database.schema(schema).delete()
        }
    }
}
