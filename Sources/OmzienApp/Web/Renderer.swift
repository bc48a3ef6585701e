import Foundation
import Hummingbird
import Mustache
import OmzienCore

/// Renders Mustache templates inside the base layout. Logic lives in the Swift view models;
/// templates only show what they are given.
public struct Renderer: Sendable {
    let library: MustacheLibrary
    let translations: Translations

    public init(translations: Translations) async throws {
        guard let folder = Bundle.module.url(forResource: "templates", withExtension: nil, subdirectory: "Resources") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Resources/templates"])
        }
        self.library = try await MustacheLibrary(directory: folder.path)
        self.translations = translations
    }

    /// A full HTML page: `template` is rendered with `page` inside the layout.
    public func page(
        _ template: String, title: String, page: Any = [String: String](), context: some PageRequestContext,
        request: Request, status: HTTPResponse.Status = .ok
    ) -> Response {
        let chrome = Chrome(context: context, request: request, translations: translations, title: title)
        let object: [String: Any] = ["t": translations.catalogue(context.language), "chrome": chrome, "page": page]
        // Through `TemplateNode`, so no optional anywhere in the page can print as `nil`.
        guard let html = library.render(TemplateNode(value: object), withTemplate: template) else {
            preconditionFailure("template \(template) is missing from Resources/templates")
        }
        return Self.html(html, status: status)
    }

    /// One text in the request's language.
    public func text(_ key: String, _ language: Language, _ arguments: String...) -> String {
        translations.text(key, language, arguments: arguments)
    }

    static func html(_ body: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }
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
            let items = Navigation.items(for: role)
            // The current item is the one whose address matches the page best (longest prefix).
            let current = items.filter { path == $0.path || ($0.path != "/start" && path.hasPrefix($0.path + "/")) }
                .max { $0.path.count < $1.path.count }?.path
            nav = items.map { item in
                Link(label: translations.text(item.labelKey, language), href: item.path, current: item.path == current)
            }
            isPublic = false
        } else {
            user = nil
            role = "public"
            nav = []
            isPublic = true
        }
        let other: Language = language == .nl ? .en : .nl
        let back = request.uri.query.map { "\(path)?\($0)" } ?? path
        switchLanguage = Link(
            label: translations.text("language_name", other),
            href: "/taal/\(other.rawValue)?terug=\(back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")",
            current: false)
    }
}

/// The navigation of each role. Only links the role may open are listed.
enum Navigation {
    struct Item { let labelKey: String; let path: String; let permission: Permission }

    static let all: [Item] = [
        Item(labelKey: "nav_home", path: "/start", permission: .useOwnAccount),
        Item(labelKey: "nav_signals", path: "/signalen", permission: .handleSignals),
        Item(labelKey: "nav_trajectories", path: "/trajecten", permission: .workOnTrajectories),
        Item(labelKey: "nav_agenda", path: "/agenda", permission: .handleSignals),
        Item(labelKey: "nav_notifications", path: "/berichten", permission: .handleSignals),
        Item(labelKey: "nav_monitor", path: "/monitor", permission: .useMonitor),
        Item(labelKey: "nav_evaluation", path: "/evaluatie", permission: .viewEvaluation),
        Item(labelKey: "nav_coupling", path: "/koppelen", permission: .coordinateVolunteers),
        Item(labelKey: "nav_volunteers", path: "/vrijwilligers", permission: .coordinateVolunteers),
        Item(labelKey: "nav_my_couplings", path: "/mijn-koppelingen", permission: .workAsVolunteer),
        Item(labelKey: "nav_catalogue", path: "/aanbod", permission: .maintainCatalogue),
        Item(labelKey: "nav_referrals_received", path: "/verwijzingen/ontvangen", permission: .answerReferrals),
        Item(labelKey: "nav_referrals", path: "/verwijzingen", permission: .makeReferrals),
        Item(labelKey: "nav_routing", path: "/routering", permission: .manageRouting),
        Item(labelKey: "nav_report_signal", path: "/signalen/nieuw", permission: .reportSignals),
        Item(labelKey: "nav_own_signals", path: "/signalen/mijn", permission: .viewOwnSignals),
        Item(labelKey: "nav_users", path: "/beheer/gebruikers", permission: .administerOrganisation),
        Item(labelKey: "nav_teams", path: "/beheer/teams", permission: .administerOrganisation),
        Item(labelKey: "nav_districts", path: "/beheer/wijken", permission: .administerOrganisation),
        Item(labelKey: "nav_organisations", path: "/beheer/organisaties", permission: .administerOrganisation),
        Item(labelKey: "nav_municipality", path: "/beheer/gemeente", permission: .administerMunicipality),
        Item(labelKey: "nav_retention", path: "/beheer/bewaartermijnen", permission: .administerMunicipality),
        Item(labelKey: "nav_rights", path: "/beheer/personen", permission: .exerciseDataRights),
        Item(labelKey: "nav_audit", path: "/beheer/audit", permission: .readAuditTrail),
        Item(labelKey: "nav_unusual", path: "/beheer/audit/ongebruikelijk", permission: .readAuditTrail),
        Item(labelKey: "nav_account", path: "/account/tweestaps", permission: .useOwnAccount),
    ]

    static func items(for role: Role) -> [Item] {
        let granted = AccessPolicy.permissions(of: role)
        return all.filter { granted.contains($0.permission) }
    }
}
