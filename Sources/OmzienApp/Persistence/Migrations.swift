import FluentKit
import SQLKit

/// All schema migrations, in order. Never edit a released migration; add a new one.
enum OmzienMigrations {
    static var all: [any AsyncMigration] { [CreateOrganisationSchema(), CreateAccountSchema(), CreateAuditSchema(), CreateSignalSchema(), CreateRoutingRules(), CreateTrajectorySchema(), CreateMonitorSchema(), CreateCouplingSchema(), CreateCatalogueSchema(), AddMunicipalityProvince(), CreateRetentionSchema(), ExtendConsents(), AddReferralFeedbackConsent(), AddEvaluationSupport(), AddEvaluationVersion(), M100_UniqueRules()] }
}

struct CreateOrganisationSchema: AsyncMigration {
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

struct CreateAccountSchema: AsyncMigration {
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

struct CreateAuditSchema: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEventModel.schema)
            .id()
            .field("at", .datetime, .required)
            .field("municipality_id", .uuid)
            .field("actor_id", .uuid)
            .field("actor_label", .string, .required)
            .field("session_ref", .string, .required)
            .field("action", .string, .required)
            .field("record_type", .string, .required)
            .field("record_id", .string)
            .field("detail", .string, .required)
            .field("request_id", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "audit_events_at").on(AuditEventModel.schema).column("at").run()
        try await sql.create(index: "audit_events_record").on(AuditEventModel.schema).column("record_type").column("record_id").run()
        try await sql.create(index: "audit_events_actor").on(AuditEventModel.schema).column("actor_id").run()
        // Append-only on PostgreSQL: the database itself refuses UPDATE and DELETE on the trail.
        if sql.dialect.name == "postgresql" {
            try await sql.raw("""
                CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$
                """).run()
            try await sql.raw("""
                CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
                FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()
                """).run()
        } else {
            try await sql.raw("""
                CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
                BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END
                """).run()
            try await sql.raw("""
                CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
                BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END
                """).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEventModel.schema).delete()
    }
}
