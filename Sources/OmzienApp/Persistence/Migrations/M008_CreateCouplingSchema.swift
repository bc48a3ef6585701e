import FluentKit

struct CreateCouplingSchema: AsyncMigration {
    /// The name stored in `_fluent_migrations`; it must never change, or existing databases would run this again.
    var name: String { "OmzienApp.CreateCouplingSchema" }

    func prepare(on database: any Database) async throws {
        try await database.schema(VolunteerProfileModel.schema)
            .id()
            .field("user_id", .uuid, .required, .references(UserModel.schema, "id", onDelete: .cascade))
            .field("municipality_id", .uuid, .required, .references(MunicipalityModel.schema, "id"))
            .field("intake_on", .string).field("vog_on", .string).field("vog_expires_on", .string)
            .field("training_done", .bool, .required)
            .field("interests", .string, .required).field("languages", .string, .required).field("availability", .string, .required)
            .field("districts", .string).field("gender", .string).field("preferred_gender", .string)
            .field("preferred_age_min", .int).field("preferred_age_max", .int)
            .field("max_couplings", .int, .required).field("travel", .string, .required).field("phone", .string, .required)
            .unique(on: "user_id")
            .create()
        try await database.schema(CouplingRequestModel.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(MunicipalityModel.schema, "id"))
            .field("trajectory_id", .uuid, .required, .references(TrajectoryModel.schema, "id"))
            .field("interests", .string, .required).field("languages", .string, .required).field("availability", .string, .required)
            .field("gender", .string).field("preferred_volunteer_gender", .string)
            .field("prefers_other_district", .bool, .required)
            .field("excluded", .string, .required).field("note", .string, .required)
            .field("waiting_since", .string, .required).field("status", .string, .required)
            .field("created_by", .uuid, .required)
            .create()
        try await database.schema(CouplingModel.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(MunicipalityModel.schema, "id"))
            .field("request_id", .uuid, .required, .references(CouplingRequestModel.schema, "id"))
            .field("trajectory_id", .uuid, .required, .references(TrajectoryModel.schema, "id"))
            .field("volunteer_id", .uuid, .required)
            .field("status", .string, .required)
            .field("person_agreed_on", .string).field("person_agreement_by", .uuid).field("volunteer_agreed_on", .string)
            .field("proposed_on", .string, .required).field("start_on", .string)
            .field("period_months", .int, .required).field("checkin_days", .int, .required)
            .field("goal_ids", .string, .required).field("score", .double, .required).field("reasons", .string, .required)
            .field("ended_on", .string).field("end_kind", .string).field("end_reason", .string).field("end_note", .string)
            .field("created_at", .datetime)
            .create()
        try await database.schema(CouplingCheckInModel.schema)
            .id()
            .field("coupling_id", .uuid, .required, .references(CouplingModel.schema, "id", onDelete: .cascade))
            .field("on_date", .string, .required).field("what", .string, .required).field("how", .string, .required)
            .field("by_user", .uuid, .required).field("created_at", .datetime)
            .create()
        try await database.schema(BackupRequestModel.schema)
            .id()
            .field("coupling_id", .uuid, .required, .references(CouplingModel.schema, "id", onDelete: .cascade))
            .field("asked_at", .datetime, .required).field("note", .string, .required)
            .field("resolved_at", .datetime).field("resolved_by", .uuid)
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [BackupRequestModel.schema, CouplingCheckInModel.schema, CouplingModel.schema, CouplingRequestModel.schema,
                       VolunteerProfileModel.schema] {
            try await database.schema(schema).delete()
        }
    }
}
