import FluentKit
import SQLKit

/// The "only one" rules as unique indexes, so that two requests at the same moment cannot both insert:
/// the second insert fails in the database instead of duplicating the record. Both SQLite and
/// PostgreSQL support partial unique indexes (`CREATE UNIQUE INDEX … WHERE …`).
///
/// - one trajectory per signal (trajectories started without a signal have none);
/// - one open coupling (proposed or active) per coupling request.
///
/// One throttle row per key needs nothing new: the key is the primary key of `login_throttles`.
/// An installation that already holds duplicates stops at this migration with the database's message;
/// the duplicates must then be resolved by hand (which of two trajectories is the real one is not ours to guess).
struct UniqueRules: AsyncMigration {
    /// The name stored in `_fluent_migrations`; it must never change.
    var name: String { "OmzienApp.UniqueRules" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("""
            CREATE UNIQUE INDEX trajectories_one_per_signal ON trajectories (signal_id) WHERE signal_id IS NOT NULL
            """).run()
        try await sql.raw("""
            CREATE UNIQUE INDEX couplings_one_open_per_request ON couplings (request_id) WHERE status IN ('proposed', 'active')
            """).run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX couplings_one_open_per_request").run()
        try await sql.raw("DROP INDEX trajectories_one_per_signal").run()
    }
}
