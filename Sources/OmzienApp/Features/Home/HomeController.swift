import Foundation
import Hummingbird
import OmzienCore

/// The public landing page and each role's start page.
struct HomeController {
    let services: AppServices

    func addPublicRoutes(to router: Router<AppRequestContext>) {
        router.get(.landing, use: landing)
    }

    func addStaffRoutes(to group: RouterGroup<StaffRequestContext>) {
        group.get(.start, use: start)
    }

    @Sendable func landing(_ request: Request, context: AppRequestContext) async throws -> Response {
        services.renderer.page(.landing, title: services.renderer.text("landing_title", context.language), context: context, request: request)
    }

    @Sendable func start(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let language = context.language
        let role = context.user.account.role
        let renderer = services.renderer
        let tasks = (1...3).map { renderer.text("home_\(role.rawValue)_task\($0)", language) }
        let notifications = try await NotificationCenter(services: services).notifications(for: context.user)
        let counts = [AppNotification.Kind.newSignal, .overdueFirstContact, .followUpToday, .backupRequested].compactMap { kind -> String? in
            let count = notifications.filter { $0.kind == kind }.count
            return count == 0 ? nil : renderer.count("home_count_\(kind.rawValue)", count, language)
        }
        let page = StartPage(
            greeting: renderer.text("home_greeting", language, context.user.account.name),
            roleLabel: renderer.text("role_\(role.rawValue)", language),
            roleIntro: renderer.text("home_\(role.rawValue)_intro", language),
            tasks: tasks,
            municipality: context.user.municipality.name,
            secondFactorMissing: !context.user.account.totpEnabled,
            counts: counts,
            shortcuts: Navigation.items(for: role).filter { $0.route != .start }.map {
                Chrome.Link(label: renderer.text($0.labelKey, language), route: $0.route)
            })
        return renderer.page(.home, title: page.roleLabel, page: page, context: context, request: request)
    }
}

struct StartPage {
    let greeting: String
    let roleLabel: String
    let roleIntro: String
    let tasks: [String]
    let municipality: String
    let secondFactorMissing: Bool
    /// For people who work on signals: what needs attention ("3 nieuwe signalen").
    let counts: [String]
    let shortcuts: [Chrome.Link]
}
