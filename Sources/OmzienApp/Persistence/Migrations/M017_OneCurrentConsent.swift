import FluentKit
import SQLKit

/// One current consent per person, purpose and recipient. Before this, a referral wrote a second identical
/// "share with provider" consent beside the first, and withdrawing one left the other valid.
///
/// - adds `superseded_on`: the day a newer consent of the same scope took the place of this one;
/// - closes existing duplicates: of several current rows of one scope the newest stays current and the
///   older ones are marked superseded on the day the newest was given (no row is deleted: the registry is history);
/// - two partial unique indexes (a NULL recipient means "any provider", and NULLs never clash in a unique
///   index, so that scope gets an index of its own).
struct OneCurrentConsent: AsyncMigration {
    /// The name stored in `_fluent_migrations`; it must never change.
    var name: String { "OmzienApp.OneCurrentConsent" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ConsentModel.schema).field("superseded_on", .string).update()
        let sql = database as! any SQLDatabase
        // A newer row of the same scope: given later, or the same day with a larger id (any fixed order will do).
        let newer = """
            FROM consents newer
            WHERE newer.person_id = consents.person_id AND newer.purpose = consents.purpose
              AND (newer.recipient_organisation_id = consents.recipient_organisation_id
                   OR (newer.recipient_organisation_id IS NULL AND consents.recipient_organisation_id IS NULL))
              AND newer.withdrawn_on IS NULL
              AND (newer.given_on > consents.given_on OR (newer.given_on = consents.given_on AND newer.id > consents.id))
            """
        try await sql.raw("""
            UPDATE consents SET superseded_on = (SELECT MAX(newer.given_on) \(unsafeRaw: newer))
            WHERE withdrawn_on IS NULL AND EXISTS (SELECT 1 \(unsafeRaw: newer))
            """).run()
        try await sql.raw("""
            CREATE UNIQUE INDEX consents_one_current_per_recipient ON consents (person_id, purpose, recipient_organisation_id)
            WHERE withdrawn_on IS NULL AND superseded_on IS NULL AND recipient_organisation_id IS NOT NULL
            """).run()
        try await sql.raw("""
            CREATE UNIQUE INDEX consents_one_current_any_recipient ON consents (person_id, purpose)
            WHERE withdrawn_on IS NULL AND superseded_on IS NULL AND recipient_organisation_id IS NULL
            """).run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX consents_one_current_any_recipient").run()
        try await sql.raw("DROP INDEX consents_one_current_per_recipient").run()
        try await database.schema(ConsentModel.schema).deleteField("superseded_on").update()
    }
}
