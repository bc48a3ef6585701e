import FluentKit
import SQLKit

/// The "only one" rules that M016 and M017 left to the code, as unique indexes (issue 15).
///
/// - one waiting coupling request per trajectory: the request form is refused while one waits, and two
///   professionals sending it at the same moment used to put the person on the waiting list twice.
///
/// The other rules kept by reading first already had a unique index from the table's own migration
/// (a user's e-mail address, one volunteer profile per account, one organisation profile per organisation,
/// one evaluation report per municipality and year, one retention settings row per municipality, district,
/// team and organisation names per municipality); there the code now handles the loser of a race instead.
///
/// Existing duplicates are resolved first: of several waiting requests of one trajectory the oldest stays on
/// the waiting list (the person keeps their place) and the later ones are marked withdrawn. Nothing is deleted,
/// and a waiting request has no open coupling that could point at it.
struct MoreUniqueRules: AsyncMigration {
    /// The name stored in `_fluent_migrations`; it must never change.
    var name: String { "OmzienApp.MoreUniqueRules" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        // An older waiting request of the same trajectory: waiting longer, or as long with a smaller id (any fixed order will do).
        try await sql.raw("""
            UPDATE coupling_requests SET status = 'withdrawn'
            WHERE status = 'waiting' AND EXISTS (
                SELECT 1 FROM coupling_requests older
                WHERE older.trajectory_id = coupling_requests.trajectory_id AND older.status = 'waiting'
                  AND (older.waiting_since < coupling_requests.waiting_since
                       OR (older.waiting_since = coupling_requests.waiting_since AND older.id < coupling_requests.id)))
            """).run()
        try await sql.raw("""
            CREATE UNIQUE INDEX coupling_requests_one_waiting_per_trajectory ON coupling_requests (trajectory_id) WHERE status = 'waiting'
            """).run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX coupling_requests_one_waiting_per_trajectory").run()
    }
}
