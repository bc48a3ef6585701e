import FluentKit

struct CreateSignalSchema: AsyncMigration {
    /// The name stored in `_fluent_migrations`; it must never change, or existing databases would run this again.
    var name: String { "OmzienApp.CreateSignalSchema" }

    func prepare(on database: any Database) async throws {
        try await database.schema(PersonModel.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(MunicipalityModel.schema, "id"))
            .field("team_id", .uuid, .references(TeamModel.schema, "id", onDelete: .setNull))
            .field("name", .string, .required)
            .field("birth_year", .int)
            .field("age_band", .string, .required)
            .field("postcode", .string)
            .field("house_number", .string)
            .field("street", .string)
            .field("phone", .string)
            .field("known_to_partner", .bool)
            .field("created_at", .datetime)
            .create()
        try await database.schema(SignalModel.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(MunicipalityModel.schema, "id"))
            .field("person_id", .uuid, .required, .references(PersonModel.schema, "id"))
            .field("team_id", .uuid, .references(TeamModel.schema, "id", onDelete: .setNull))
            .field("district_id", .uuid, .references(DistrictModel.schema, "id", onDelete: .setNull))
            .field("reference_code", .string, .required)
            .field("source", .string, .required)
            .field("reporter_relation", .string, .required)
            .field("reporter_name", .string)
            .field("reporter_email", .string)
            .field("reporter_phone", .string)
            .field("reporter_user_id", .uuid)
            .field("reporter_organisation_id", .uuid)
            .field("concern", .string, .required)
            .field("indicators", .string, .required)
            .field("duration", .string, .required)
            .field("status", .string, .required)
            .field("received_at", .datetime, .required)
            .field("contact_due", .string, .required)
            .field("follow_up_on", .string)
            .field("merged_into", .uuid)
            .unique(on: "reference_code")
            .create()
        try await database.schema(ContactAttemptModel.schema)
            .id()
            .field("signal_id", .uuid, .required, .references(SignalModel.schema, "id", onDelete: .cascade))
            .field("on_date", .string, .required)
            .field("channel", .string, .required)
            .field("outcome", .string, .required)
            .field("note", .string, .required)
            .field("consent_form", .string)
            .field("decline_reason", .string)
            .field("recorded_by", .uuid, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema(ConsentModel.schema)
            .id()
            .field("person_id", .uuid, .required, .references(PersonModel.schema, "id", onDelete: .cascade))
            .field("purpose", .string, .required)
            .field("form", .string, .required)
            .field("given_on", .string, .required)
            .field("recorded_by", .uuid, .required)
            .field("withdrawn_on", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [ConsentModel.schema, ContactAttemptModel.schema, SignalModel.schema, PersonModel.schema] {
            try await database.schema(schema).delete()
        }
    }
}
