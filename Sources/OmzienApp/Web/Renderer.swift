import Foundation
import Hummingbird
import OmzienCore

/// Draws pages: each page's typed content (`PageContent`) inside the layout, in the request's language.
/// Pages are Swift (`Web/HTML/`), so a page that compiles has every value it shows, and drawing one needs
/// no reflection (see README, "Pages").
public struct Renderer: Sendable {
    let translations: Translations

    public init(translations: Translations) {
        self.translations = translations
    }

    /// A full HTML page: `content` inside the layout.
    func page(
        _ content: some PageContent, title: String, context: some PageRequestContext, request: Request,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let chrome = Chrome(context: context, request: request, translations: translations, title: title)
        let t = texts(context.language)
        return Self.html(Layout.page(content.main(t, chrome), chrome: chrome, t: t).description, status: status)
    }

    /// The texts of one language, as pages read them.
    func texts(_ language: Language) -> Texts { Texts(language: language, translations: translations) }

    /// One text in the request's language.
    public func text(_ key: String, _ language: Language, _ arguments: String...) -> String {
        translations.text(key, language, arguments: arguments)
    }

    /// A count text in the form its number needs (`<key>.one` or `<key>.other`); see `Translations.count`.
    public func count(_ key: String, _ count: Int, _ language: Language, _ arguments: String...) -> String {
        translations.plural(key, PluralForm.of(count), language, arguments: [String(count)] + arguments)
    }

    static func html(_ body: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

/// The fixed addresses templates link to, built from `Route` (templates never spell a path).
struct Links: Sendable {
    static let shared = Links()
    let landing = Route.landing.href
    let report = Route.report.href
    let reportStatus = Route.reportStatus.href
    let login = Route.login().href
    let activities = Route.activities().href
    let script = Route.script.href
    let stylesheet = Route.stylesheet.href
    let logout = Route.logout.href
    let signals = Route.signals().href
    let notifications = Route.notifications.href
    let twoFactor = Route.twoFactor.href
    let trajectories = Route.trajectories().href
    let monitor = Route.monitor.href
    let evaluation = Route.evaluation().href
    let waitingList = Route.waitingList.href
    let couplingProposal = Route.couplingProposal.href
    let couplingExclude = Route.couplingExclude.href
    let myCouplings = Route.myCouplings.href
    let catalogue = Route.catalogue.href
    let newCatalogueEntry = Route.newCatalogueEntry.href
    let referrals = Route.referrals.href
    let newReferral = Route.newReferral().href
    let people = Route.people.href
    let audit = Route.audit().href
    let auditUnusual = Route.auditUnusual.href
    let retentionDryRun = Route.retentionDryRun.href
}

/// What the layout needs on every page: language, navigation, the user and the CSRF token.
struct Chrome {
    struct Link { let label: String; let href: String; let current: Bool }
    struct UserBadge { let name: String; let roleLabel: String; let municipality: String }

    let lang: String
    let title: String
    let csrf: String
    let user: UserBadge?
    let nav: [Link]
    let role: String
    let switchLanguage: Link
    /// The site name links to the start page of a signed-in user, or to the public home page.
    let brandHref: String
    /// Public pages use the larger resident font; staff pages are denser.
    let isPublic: Bool

    init(context: some PageRequestContext, request: Request, translations: Translations, title: String) {
        let language = context.language
        let path = request.uri.path
        lang = language.rawValue
        self.title = title
        csrf = context.csrfToken
        if let user = context.signedInUser {
            let role = user.account.role
            self.user = UserBadge(
                name: user.account.name, roleLabel: translations.text("role_\(role.rawValue)", language),
                municipality: user.municipality.name)
            self.role = role.rawValue
            brandHref = Route.start.href
            let items = Navigation.items(for: role)
            // The current item is the one whose address matches the page best (longest prefix).
            let current = items.filter { path == $0.path || ($0.route != .start && path.hasPrefix($0.path + "/")) }
                .max { $0.path.count < $1.path.count }?.path
            nav = items.map { item in
                Link(label: translations.text(item.labelKey, language), href: item.path, current: item.path == current)
            }
            isPublic = false
        } else {
            user = nil
            role = "public"
            brandHref = Route.landing.href
            nav = []
            isPublic = true
        }
        let other: Language = language == .nl ? .en : .nl
        let back = request.uri.query.map { "\(path)?\($0)" } ?? path
        switchLanguage = Link(label: translations.text("language_name", other), route: .switchLanguage(to: other, back: back))
    }
}

/// The navigation of each role. Only links the role may open are listed.
enum Navigation {
    struct Item {
        let labelKey: String
        let route: Route
        let permission: Permission
        var path: String { route.href }
    }

    static let all: [Item] = [
        Item(labelKey: "nav_home", route: .start, permission: .useOwnAccount),
        Item(labelKey: "nav_signals", route: .signals(), permission: .handleSignals),
        Item(labelKey: "nav_trajectories", route: .trajectories(), permission: .workOnTrajectories),
        Item(labelKey: "nav_agenda", route: .agenda, permission: .handleSignals),
        Item(labelKey: "nav_notifications", route: .notifications, permission: .handleSignals),
        Item(labelKey: "nav_monitor", route: .monitor, permission: .useMonitor),
        Item(labelKey: "nav_evaluation", route: .evaluation(), permission: .viewEvaluation),
        Item(labelKey: "nav_coupling", route: .waitingList, permission: .coordinateVolunteers),
        Item(labelKey: "nav_volunteers", route: .volunteers, permission: .coordinateVolunteers),
        Item(labelKey: "nav_my_couplings", route: .myCouplings, permission: .workAsVolunteer),
        Item(labelKey: "nav_catalogue", route: .catalogue, permission: .maintainCatalogue),
        Item(labelKey: "nav_referrals_received", route: .referralsReceived, permission: .answerReferrals),
        Item(labelKey: "nav_referrals", route: .referrals, permission: .makeReferrals),
        Item(labelKey: "nav_routing", route: .routing, permission: .manageRouting),
        Item(labelKey: "nav_report_signal", route: .newSignal, permission: .reportSignals),
        Item(labelKey: "nav_own_signals", route: .ownSignals(), permission: .viewOwnSignals),
        Item(labelKey: "nav_users", route: .users(), permission: .administerOrganisation),
        Item(labelKey: "nav_teams", route: .structure(.teams), permission: .administerOrganisation),
        Item(labelKey: "nav_districts", route: .structure(.districts), permission: .administerOrganisation),
        Item(labelKey: "nav_organisations", route: .structure(.organisations), permission: .administerOrganisation),
        Item(labelKey: "nav_municipality", route: .ownMunicipality, permission: .administerMunicipality),
        Item(labelKey: "nav_retention", route: .retention, permission: .administerMunicipality),
        Item(labelKey: "nav_rights", route: .people, permission: .exerciseDataRights),
        Item(labelKey: "nav_audit", route: .audit(), permission: .readAuditTrail),
        Item(labelKey: "nav_unusual", route: .auditUnusual, permission: .readAuditTrail),
        Item(labelKey: "nav_account", route: .twoFactor, permission: .useOwnAccount),
    ]

    static func items(for role: Role) -> [Item] {
        let granted = AccessPolicy.permissions(of: role)
        return all.filter { granted.contains($0.permission) }
    }
}
