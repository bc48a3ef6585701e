import FluentKit

/// Feedback to the referrer is a consent of its own.
struct AddReferralFeedbackConsent: AsyncMigration {
    /// The name stored in `_fluent_migrations`; it must never change, or existing databases would run this again.
    var name: String { "OmzienApp.AddReferralFeedbackConsent" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ReferralModel.schema).field("feedback_consent", .bool).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReferralModel.schema).deleteField("feedback_consent").update()
    }
}
