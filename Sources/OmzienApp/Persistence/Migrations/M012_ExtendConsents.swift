import FluentKit

/// The consent registry: consents get a recipient organisation and an expiry.
struct ExtendConsents: AsyncMigration {
    /// The name stored in `_fluent_migrations`; it must never change, or existing databases would run this again.
    var name: String { "OmzienApp.ExtendConsents" }

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds columns one at a time.
        try await database.schema(ConsentModel.schema).field("recipient_organisation_id", .uuid).update()
        try await database.schema(ConsentModel.schema).field("expires_on", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ConsentModel.schema).deleteField("recipient_organisation_id").update()
        try await database.schema(ConsentModel.schema).deleteField("expires_on").update()
    }
}
