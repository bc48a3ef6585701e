import Foundation
import Hummingbird
import HummingbirdAuth
import Logging
import OmzienCore
import ServiceLifecycle

/// The composition root: builds the whole application from a configuration.
public enum OmzienApplication {
    /// Builds the router with every feature. Exposed so tests can list its routes.
    public static func router(services: AppServices) -> Router<AppRequestContext> {
        let config = services.configuration
        let router = Router(context: AppRequestContext.self)
        // Order matters: middleware wraps only the routes added after it, and the outer ones also see
        // the responses of the inner ones (so error pages get security headers too).
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: LogRequestsMiddleware(.info))
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: SecurityHeadersMiddleware(hsts: config.servedOverTLS))
        router.add(middleware: StaticFilesMiddleware(folder: Self.publicFolder))
        router.add(middleware: LanguageMiddleware(defaultLanguage: config.defaultLanguage))
        // Outer error mapping: failures of the session, CSRF and login middleware below.
        router.add(middleware: ErrorMiddleware(renderer: services.renderer))
        router.add(middleware: SessionMiddleware(
            storage: DatabasePersistDriver(databaseService: services.database),
            configuration: .init(
                sessionCookieParameters: .init(name: SessionCookie.name, path: "/", secure: config.secureCookies, sameSite: .lax),
                keyPrefix: SessionCookie.keyPrefix, defaultSessionExpiration: .seconds(config.sessionMinutes * 60))))
        router.add(middleware: SessionExpiryMiddleware(clock: services.clock, idleLimit: Double(config.idleMinutes * 60),
                                                       lifetime: Double(config.sessionMinutes * 60)))
        router.add(middleware: CSRFMiddleware(key: services.csrfKey, secureCookies: config.secureCookies, maxBodyBytes: config.maxBodyBytes,
                                              maxUploadBytes: config.maxUploadBytes))
        router.add(middleware: AuthenticationMiddleware(users: services.users, organisations: services.organisations))
        // Inner error mapping: handler errors become pages that know the user, language and CSRF token,
        // and the session middleware above still saves what the request changed (such as a logout).
        router.add(middleware: ErrorMiddleware(renderer: services.renderer))

        HealthController(database: services.database, registry: services.metrics, metricsToken: services.configuration.metricsToken).addRoutes(to: router)
        let accounts = AccountsController(services: services)
        let home = HomeController(services: services)
        accounts.addPublicRoutes(to: router)
        home.addPublicRoutes(to: router)
        PublicSignalController(services: services).addRoutes(to: router)
        PublicCatalogueController(services: services).addRoutes(to: router)
        HSDAController(services: services).addRoutes(to: router)
        APIController(services: services).addRoutes(to: router.group(context: StaffRequestContext.self))

        accounts.addEnrolmentRoutes(to: router.group(context: EnrollingRequestContext.self))

        let staff = router.group(context: StaffRequestContext.self)
        home.addStaffRoutes(to: staff.group().add(middleware: RequirePermission(permission: .useOwnAccount)))

        let signals = SignalsController(services: services)
        signals.addReportRoutes(to: staff.group().add(middleware: RequirePermission(permission: .reportSignals)))
        signals.addOwnSignalRoutes(to: staff.group().add(middleware: RequirePermission(permission: .viewOwnSignals)))
        signals.addHandlingRoutes(to: staff.group().add(middleware: RequirePermission(permission: .handleSignals)))
        signals.addAssignRoutes(to: staff.group().add(middleware: RequirePermission(permission: .assignSignals)))
        TrajectoriesController(services: services).addRoutes(to: staff.group().add(middleware: RequirePermission(permission: .workOnTrajectories)))
        MonitorController(services: services).addRoutes(to: staff.group().add(middleware: RequirePermission(permission: .useMonitor)))
        let evaluation = EvaluationController(services: services)
        evaluation.addRoutes(to: staff.group().add(middleware: RequirePermission(permission: .viewEvaluation)))
        evaluation.addWriteRoutes(to: staff.group().add(middleware: RequirePermission(permission: .writeEvaluationReport)))
        CouplingsController(services: services).addRoutes(to: staff.group().add(middleware: RequirePermission(permission: .workOnTrajectories)))
        VolunteersController(services: services).addRoutes(to: staff.group().add(middleware: RequirePermission(permission: .coordinateVolunteers)))
        MyCouplingsController(services: services).addRoutes(to: staff.group().add(middleware: RequirePermission(permission: .workAsVolunteer)))
        CatalogueController(services: services).addRoutes(to: staff.group().add(middleware: RequirePermission(permission: .maintainCatalogue)))
        SuggestionsController(services: services).addRoutes(to: staff.group().add(middleware: RequirePermission(permission: .workOnTrajectories)))
        RecordAuditController(services: services).addRoutes(to: staff.group().add(middleware: RequirePermission(permission: .workOnTrajectories)))
        ConsentController(services: services).addRoutes(to: staff.group().add(middleware: RequirePermission(permission: .workOnTrajectories)))
        let referrals = ReferralsController(services: services)
        referrals.addReceiverRoutes(to: staff.group().add(middleware: RequirePermission(permission: .answerReferrals)))
        referrals.addReferrerRoutes(to: staff.group().add(middleware: RequirePermission(permission: .makeReferrals)))
        referrals.addDetailRoutes(to: staff.group().add(middleware: RequirePermission(permission: .useOwnAccount)))
        RoutingController(services: services).addRoutes(to: staff.group().add(middleware: RequirePermission(permission: .manageRouting)))

        let admin = staff.group().add(middleware: RequirePermission(permission: .administerOrganisation))
        UsersController(services: services).addRoutes(to: admin)
        StructureController(services: services).addRoutes(to: admin)
        MunicipalityController(services: services).addRoutes(to: staff.group().add(middleware: RequirePermission(permission: .administerMunicipality)))
        RetentionController(services: services).addRoutes(to: staff.group().add(middleware: RequirePermission(permission: .administerMunicipality)))
        PersonRightsController(services: services).addRoutes(to: staff.group().add(middleware: RequirePermission(permission: .exerciseDataRights)))
        AuditController(services: services).addRoutes(to: staff.group().add(middleware: RequirePermission(permission: .readAuditTrail)))
        return router
    }

    /// The HTTP application with the database service attached for graceful shutdown.
    public static func application(services: AppServices, logger: Logger) -> some ApplicationProtocol {
        let config = services.configuration
        return Application(
            router: router(services: services),
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: "Omzien"),
            services: [
                services.database,
                SessionSweeper(driver: DatabasePersistDriver(databaseService: services.database), interval: .seconds(3600), logger: logger),
                RetentionJob(services: services, logger: logger),
                EvaluationWarmup(services: services, logger: logger),
            ],
            logger: logger)
    }

    static var publicFolder: String {
        Bundle.module.url(forResource: "public", withExtension: nil, subdirectory: "Resources")?.path ?? "public"
    }
}

/// A small JSON API for signed-in users; errors come back as problem documents.
struct APIController {
    let services: AppServices

    struct Me: ResponseEncodable {
        let id: UUID
        let name: String
        let email: String
        let role: String
        let municipality: String
    }

    func addRoutes(to group: RouterGroup<StaffRequestContext>) {
        group.get(.apiMe) { _, context in
            let account = context.user.account
            return Me(id: account.id, name: account.name, email: account.email, role: account.role.rawValue,
                      municipality: context.user.municipality.code)
        }
    }
}
