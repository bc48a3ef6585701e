import FluentKit

struct CreateAccountSchema: AsyncMigration {
    /// The name stored in `_fluent_migrations`; it must never change, or existing databases would run this again.
    var name: String { "OmzienApp.CreateAccountSchema" }

    func prepare(on database: any Database) async throws {
        try await database.schema(UserModel.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(MunicipalityModel.schema, "id"))
            .field("team_id", .uuid, .references(TeamModel.schema, "id", onDelete: .setNull))
            .field("organisation_id", .uuid, .references(OrganisationModel.schema, "id", onDelete: .setNull))
            .field("email", .string, .required)
            .field("name", .string, .required)
            .field("role", .string, .required)
            .field("password_hash", .string)
            .field("totp_secret", .string)
            .field("totp_enabled", .bool, .required)
            .field("totp_last_step", .int64)
            .field("active", .bool, .required)
            .field("last_login_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "email")
            .create()
        try await database.schema(RegionalGrantModel.schema)
            .id()
            .field("user_id", .uuid, .required, .references(UserModel.schema, "id", onDelete: .cascade))
            .field("municipality_id", .uuid, .required, .references(MunicipalityModel.schema, "id"))
            .unique(on: "user_id", "municipality_id")
            .create()
        try await database.schema(PasswordTokenModel.schema)
            .id()
            .field("user_id", .uuid, .required, .references(UserModel.schema, "id", onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .field("created_by", .string, .required)
            .unique(on: "token_hash")
            .create()
        try await database.schema(LoginThrottleModel.schema)
            .field("address", .string, .identifier(auto: false))
            .field("failures", .int, .required)
            .field("first_failure_at", .double)
            .field("locked_until", .double)
            .create()
        try await database.schema(PersistedValueModel.schema)
            .field("key_hash", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .field("expires_at", .datetime)
            .create()
        try await database.schema(SettingModel.schema)
            .field("name", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [SettingModel.schema, PersistedValueModel.schema, LoginThrottleModel.schema,
                       PasswordTokenModel.schema, RegionalGrantModel.schema, UserModel.schema] {
            try await database.schema(schema).delete()
        }
    }
}
