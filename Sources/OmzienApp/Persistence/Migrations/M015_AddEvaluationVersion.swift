import FluentKit
import SQLKit

/// A number that changes with every write to the tables the evaluation reads, so the in-memory facts
/// know when to reload. PostgreSQL: a sequence (never blocks, never deadlocks); SQLite: one row (it has one writer).
struct AddEvaluationVersion: AsyncMigration {
    /// The name stored in `_fluent_migrations`; it must never change, or existing databases would run this again.
    var name: String { "OmzienApp.AddEvaluationVersion" }

    static let tables = ["persons", "signals", "contact_attempts", "trajectories", "measurements", "goals", "referrals", "couplings",
                         "coupling_requests", "districts", "teams", "team_districts", "catalogue_activities", "volunteer_profiles"]

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            try await sql.raw("CREATE SEQUENCE evaluation_version").run()
            try await sql.raw("""
                CREATE FUNCTION evaluation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN PERFORM nextval('evaluation_version'); RETURN NULL; END $$
                """).run()
            for table in Self.tables {
                try await sql.raw("""
                    CREATE TRIGGER evaluation_bump_\(unsafeRaw: table) AFTER INSERT OR UPDATE OR DELETE ON \(unsafeRaw: table)
                    FOR EACH STATEMENT EXECUTE FUNCTION evaluation_bump()
                    """).run()
            }
        } else {
            try await sql.raw("CREATE TABLE evaluation_state (id INTEGER PRIMARY KEY, version INTEGER NOT NULL)").run()
            try await sql.raw("INSERT INTO evaluation_state (id, version) VALUES (1, 0)").run()
            for table in Self.tables {
                for event in ["INSERT", "UPDATE", "DELETE"] {
                    try await sql.raw("""
                        CREATE TRIGGER evaluation_bump_\(unsafeRaw: table)_\(unsafeRaw: event.lowercased()) AFTER \(unsafeRaw: event) ON \(unsafeRaw: table)
                        BEGIN UPDATE evaluation_state SET version = version + 1 WHERE id = 1; END
                        """).run()
                }
            }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            for table in Self.tables { try await sql.raw("DROP TRIGGER evaluation_bump_\(unsafeRaw: table) ON \(unsafeRaw: table)").run() }
            try await sql.raw("DROP FUNCTION evaluation_bump()").run()
            try await sql.raw("DROP SEQUENCE evaluation_version").run()
        } else {
            for table in Self.tables {
                for event in ["insert", "update", "delete"] { try await sql.raw("DROP TRIGGER evaluation_bump_\(unsafeRaw: table)_\(unsafeRaw: event)").run() }
            }
            try await sql.raw("DROP TABLE evaluation_state").run()
        }
    }
}
