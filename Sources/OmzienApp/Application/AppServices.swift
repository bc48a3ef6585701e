import Crypto
import Foundation
import Logging
import OmzienCore
import Prometheus

/// Everything the features need, built once by the composition root and passed in.
public struct AppServices: Sendable {
    public let configuration: AppConfiguration
    public let database: DatabaseService
    public let users: UserRepository
    public let organisations: OrganisationRepository
    public let passwordTokens: PasswordTokenRepository
    /// A `var` so that tests can make audit writes fail (`AuditLog.beforeWrite`).
    var audit: AuditLog
    let login: LoginService
    let renderer: Renderer
    let csrfKey: SymmetricKey
    public let metrics: PrometheusCollectorRegistry
    public let clock: AppClock
    public let signals: SignalRepository
    public let routingRules: RoutingRuleRepository
    public let trajectories: TrajectoryRepository
    public let monitor: MonitorRepository
    public let couplings: CouplingRepository
    public let catalogue: CatalogueRepository
    public let referrals: ReferralRepository
    public let retention: RetentionRepository
    public let consents: ConsentRepository
    public let evaluation: EvaluationRepository
    public let evaluationReports: EvaluationReportRepository
    public let evaluationCache: EvaluationCache
    let signalService: SignalService
    /// Public form submissions per address (per app instance).
    let publicFormLimiter: RateLimiter
    /// Every post of a public form's steps per address (per app instance); a larger budget than the sends.
    let publicStepLimiter: RateLimiter

    /// Opens the database (migrating when configured) and loads templates and texts.
    public static func make(
        configuration: AppConfiguration, logger: Logger, metrics: PrometheusCollectorRegistry = .init(), clock: AppClock = AppClock()
    ) async throws -> AppServices {
        let database = try DatabaseService(location: configuration.database, logger: logger)
        do {
            if configuration.migrateOnStart { try await database.migrate() }
            let users = UserRepository(databaseService: database)
            let organisations = OrganisationRepository(databaseService: database)
            let translations = try Translations.load()
            let secret = try await SettingsStore(databaseService: database).secret(named: "csrf-key")
            let signals = SignalRepository(databaseService: database)
            let routingRules = RoutingRuleRepository(databaseService: database)
            let evaluation = EvaluationRepository(databaseService: database)
            let catalogue = CatalogueRepository(databaseService: database)
            return AppServices(
                configuration: configuration, database: database, users: users, organisations: organisations,
                passwordTokens: PasswordTokenRepository(databaseService: database),
                audit: AuditLog(repository: AuditRepository(databaseService: database)),
                login: LoginService(
                    users: users, organisations: organisations, throttleStore: LoginThrottleStore(databaseService: database),
                    throttles: .init(maxFailures: configuration.maxFailedLogins), bcryptCost: configuration.bcryptCost),
                renderer: Renderer(translations: translations),
                csrfKey: SymmetricKey(data: Data(secret.utf8)),
                metrics: metrics,
                clock: clock,
                signals: signals,
                routingRules: routingRules,
                trajectories: TrajectoryRepository(databaseService: database),
                monitor: MonitorRepository(databaseService: database),
                couplings: CouplingRepository(databaseService: database),
                catalogue: catalogue,
                referrals: ReferralRepository(databaseService: database),
                retention: RetentionRepository(databaseService: database),
                consents: ConsentRepository(databaseService: database),
                evaluation: evaluation,
                evaluationReports: EvaluationReportRepository(databaseService: database),
                evaluationCache: EvaluationCache(
                    refreshSeconds: configuration.evaluationRefreshSeconds, clock: clock,
                    rule: SuppressionRule(minimum: configuration.evaluationMinimumCell), version: { try await evaluation.version() },
                    load: { municipalityID in
                        try await evaluation.facts(municipalityID: municipalityID,
                                                   districts: try await organisations.districts(municipalityID: municipalityID),
                                                   teams: try await organisations.teams(municipalityID: municipalityID),
                                                   activities: try await catalogue.activities(municipalityID: municipalityID).map(\.activity))
                    }),
                signalService: SignalService(
                    signals: signals, organisations: organisations, routingRules: routingRules, clock: clock,
                    firstContactWorkingDays: configuration.firstContactWorkingDays),
                publicFormLimiter: RateLimiter(limit: RateLimit(limit: configuration.publicFormsPerHour, window: 3600)),
                publicStepLimiter: RateLimiter(limit: RateLimit(limit: configuration.publicFormPostsPerHour, window: 3600)))
        } catch {
            try? await database.shutdown()
            throw error
        }
    }

    /// The audit repository, for the CLI and tests that read the trail.
    public var auditTrail: AuditRepository { audit.repository }
}
