import FluentKit

/// A referral made from a file can serve one goal of the plan; its outcome then proposes the goal's result.
struct AddReferralGoal: AsyncMigration {
    /// The name stored in `_fluent_migrations`; it must never change, or existing databases would run this again.
    var name: String { "OmzienApp.AddReferralGoal" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ReferralModel.schema).field("goal_id", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReferralModel.schema).deleteField("goal_id").update()
    }
}
