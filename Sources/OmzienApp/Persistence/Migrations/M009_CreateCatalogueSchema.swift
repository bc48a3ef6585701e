import FluentKit

struct CreateCatalogueSchema: AsyncMigration {
    /// The name stored in `_fluent_migrations`; it must never change, or existing databases would run this again.
    var name: String { "OmzienApp.CreateCatalogueSchema" }

    func prepare(on database: any Database) async throws {
        try await database.schema(CatalogueActivityModel.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(MunicipalityModel.schema, "id"))
            .field("organisation_id", .uuid, .required, .references(OrganisationModel.schema, "id"))
            .field("name", .string, .required).field("status", .string, .required).field("data", .string, .required)
            .field("checked_on", .string).field("updated_at", .datetime).field("created_at", .datetime)
            .create()
        try await database.schema(OrganisationProfileModel.schema)
            .id()
            .field("organisation_id", .uuid, .required, .references(OrganisationModel.schema, "id", onDelete: .cascade))
            .field("description", .string, .required).field("email", .string, .required).field("website", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "organisation_id")
            .create()
        try await database.schema(ReferralModel.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(MunicipalityModel.schema, "id"))
            .field("activity_id", .uuid, .required, .references(CatalogueActivityModel.schema, "id"))
            .field("organisation_id", .uuid, .required).field("trajectory_id", .uuid).field("person_id", .uuid)
            .field("referrer_id", .uuid, .required)
            .field("person_name", .string, .required).field("person_phone", .string, .required).field("person_birth_year", .int)
            .field("request", .string, .required).field("status", .string, .required)
            .field("decline_reason", .string).field("outcome_reason", .string).field("feedback", .string, .required)
            .field("sent_on", .string, .required).field("answered_on", .string).field("started_on", .string).field("completed_on", .string)
            .field("updated_at", .datetime)
            .create()
        try await database.schema(ReferralConsentModel.schema)
            .id()
            .field("referral_id", .uuid, .required, .references(ReferralModel.schema, "id", onDelete: .cascade))
            .field("recipient_organisation_id", .uuid, .required).field("form", .string, .required)
            .field("recorded_by", .uuid, .required).field("recorded_on", .string, .required).field("withdrawn_on", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [ReferralConsentModel.schema, ReferralModel.schema, OrganisationProfileModel.schema, CatalogueActivityModel.schema] {
            try await database.schema(schema).delete()
        }
    }
}
