import Foundation
import SQLKit
import Testing
@testable import OmzienApp

/// Migrations are recognised by the name stored in `_fluent_migrations`: a changed name would make every
/// existing database run that migration a second time.
@Suite struct MigrationNameTests {
    /// The names as databases in use have them stored, in order. Append; never change or reorder.
    static let stored = [
        "OmzienApp.CreateOrganisationSchema", "OmzienApp.CreateAccountSchema", "OmzienApp.CreateAuditSchema", "OmzienApp.CreateSignalSchema",
        "OmzienApp.CreateRoutingRules", "OmzienApp.CreateTrajectorySchema", "OmzienApp.CreateMonitorSchema", "OmzienApp.CreateCouplingSchema",
        "OmzienApp.CreateCatalogueSchema", "OmzienApp.AddMunicipalityProvince", "OmzienApp.CreateRetentionSchema", "OmzienApp.ExtendConsents",
        "OmzienApp.AddReferralFeedbackConsent", "OmzienApp.AddEvaluationSupport", "OmzienApp.AddEvaluationVersion",
        "OmzienApp.UniqueRules", "OmzienApp.OneCurrentConsent", "OmzienApp.MoreUniqueRules", "OmzienApp.AddReferralGoal",
    ]

    @Test func migrationNamesAreTheOnesExistingDatabasesHaveStored() async throws {
        #expect(OmzienMigrations.all.map(\.name) == Self.stored)
        let app = try await TestApp.make()
        try await app.run { _ in
            let rows = try await app.services.database.sql.select().column("name").from("_fluent_migrations").all()
            #expect(Set(try rows.map { try $0.decode(column: "name", as: String.self) }) == Set(Self.stored))
        }
    }

    @Test func migratingAnExistingDatabaseAgainFindsNothingToDo() async throws {
        let app = try await TestApp.make()
        try await app.run { _ in
            // A second migration run, as at every start of an existing installation, finds nothing to do.
            try await app.services.database.migrate()
            let count = try await app.services.database.sql.select().column("name").from("_fluent_migrations").all().count
            #expect(count == Self.stored.count)
        }
    }
}
