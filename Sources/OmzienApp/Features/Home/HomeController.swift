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
        services.renderer.page(LandingPage(), title: services.renderer.text("landing_title", context.language), context: context, request: request)
    }

    @Sendable func start(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let language = context.language
        let role = context.user.account.role
        let renderer = services.renderer
        let tasks = (1...3).map { renderer.text("home_\(role.rawValue)_task\($0)", language) }
        let notifications = try await NotificationCenter(services: services).notifications(for: context.user)
        let counts = [AppNotification.Kind.newSignal, .overdueFirstContact, .startTrajectory, .followUpToday, .backupRequested].compactMap { kind -> String? in
            let count = notifications.filter { $0.kind == kind }.count
            return count == 0 ? nil : renderer.count("home_count_\(kind.rawValue)", count, language)
        }.map { Chrome.Link(label: $0, route: .notifications) } + (try await referralCounts(context))
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
        return renderer.page(page, title: page.roleLabel, context: context, request: request)
    }
}

extension HomeController {
    /// For a provider: the referrals to their organisation that wait for an answer, and those waiting too long.
    func referralCounts(_ context: StaffRequestContext) async throws -> [Chrome.Link] {
        guard context.user.account.role != .coordinator, AccessPolicy.decide(context.user.actor, .answerReferrals).isAllowed,
              let organisationID = context.user.account.organisationID else { return [] }
        let waiting = try await services.referrals.referrals(municipalityID: context.municipalityID, .init(organisationID: organisationID))
            .filter { $0.status == .sent }
        let today = services.clock.today
        let overdue = waiting.filter {
            ReferralRules.isOverdue(status: $0.status, sentOn: $0.sentOn, today: today, answerDays: services.configuration.referralAnswerDays)
        }
        let language = context.language
        return [("home_count_referrals_new", waiting.count), ("home_count_referrals_overdue", overdue.count)]
            .filter { $0.1 > 0 }.map { Chrome.Link(label: services.renderer.text($0.0, language, String($0.1)), route: .referralsReceived) }
    }
}
