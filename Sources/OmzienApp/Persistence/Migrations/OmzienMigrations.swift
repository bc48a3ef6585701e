import FluentKit

/// All schema migrations, in the order they run. Never edit a released migration; add a new one at the end,
/// in a new file numbered after the last. Each pins the `name` stored in `_fluent_migrations`.
enum OmzienMigrations {
    static var all: [any AsyncMigration] {
        [
            CreateOrganisationSchema(),    // M001: Municipalities, districts, teams and partner organisations.
            CreateAccountSchema(),         // M002: User accounts, regional grants, password links, login throttling, sessions and settings.
            CreateAuditSchema(),           // M003: The append-only audit trail.
            CreateSignalSchema(),          // M004: Persons, signals, contact attempts and consents.
            CreateRoutingRules(),          // M005: Routing rules beyond "each team takes its districts".
            CreateTrajectorySchema(),      // M006: Trajectories with their timeline, measurements, network, goals, contacts and reminders.
            CreateMonitorSchema(),         // M007: The population monitor: datasets, microdata and computed tables.
            CreateCouplingSchema(),        // M008: Volunteers, the waiting list, couplings, check-ins and backup requests.
            CreateCatalogueSchema(),       // M009: The social map: activities, organisation profiles, referrals and their consents.
            AddMunicipalityProvince(),     // M010: The municipality's province, which HSDS addresses require.
            CreateRetentionSchema(),       // M011: Retention settings, the retention log and job claims.
            ExtendConsents(),              // M012: Consents get a recipient organisation and an expiry.
            AddReferralFeedbackConsent(),  // M013: Feedback to the referrer as a consent of its own.
            AddEvaluationSupport(),        // M014: Evaluation columns, their backfill, the report table and the indexes.
            AddEvaluationVersion(),        // M015: The write counter the evaluation cache watches.
            UniqueRules(),                 // M016: The "only one" rules as unique indexes (one trajectory per signal, one open coupling per request).
            OneCurrentConsent(),           // M017: One current consent per person, purpose and recipient; older duplicates marked superseded.
            MoreUniqueRules(),             // M018: One waiting coupling request per trajectory; later duplicates marked withdrawn.
            AddReferralGoal(),             // M019: A referral can serve one goal of the plan.
        ]
    }
}
