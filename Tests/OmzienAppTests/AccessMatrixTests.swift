import HummingbirdTesting
import Foundation
import Hummingbird
import OmzienCore
import Testing
@testable import OmzienApp

/// Every registered route against every role and an anonymous visitor.
///
/// The expected decisions are kept here, in the test, on purpose: adding a route without adding its
/// decision below fails `everyRouteHasADecision`, and a route that opens up to the wrong role fails
/// `everyRoleGetsExactlyWhatTheMatrixSays`.
@Suite struct AccessMatrixTests {
    /// Who may use a route.
    enum Audience: Equatable {
        /// Anyone, logged in or not.
        case everyone
        /// Any logged-in user (including one who still has to set up two-factor login).
        case signedIn
        /// Only these roles.
        case roles(Set<Role>)
        /// Nobody by login: only a request with the metrics bearer token (not set here, so 404 for all).
        case bearerToken
    }

    static let allRoles = Set(Role.allCases)
    static let admins: Audience = .roles([.admin])
    /// Volunteers, providers and analysts never see signals; signalers only their own.
    static let handlers: Audience = .roles([.professional, .coordinator])
    static let reporters: Audience = .roles([.signaler, .referrer, .professional, .coordinator])

    static let matrix: [String: Audience] = [
        "GET /": .everyone,
        "GET /health/live": .everyone,
        "GET /health/ready": .everyone,
        "GET /metrics": .bearerToken,
        "GET /inloggen": .everyone,
        "POST /inloggen": .everyone,
        "GET /inloggen/code": .everyone,
        "POST /inloggen/code": .everyone,
        "POST /uitloggen": .everyone,
        "GET /wachtwoord/{token}": .everyone,
        "POST /wachtwoord/{token}": .everyone,
        "GET /taal/{language}": .everyone,
        "GET /start": .roles(allRoles),
        "GET /api/v1/me": .roles(allRoles),
        "GET /account/tweestaps": .signedIn,
        "POST /account/tweestaps": .signedIn,
        "GET /beheer/gebruikers": admins,
        "GET /beheer/gebruikers/nieuw": admins,
        "POST /beheer/gebruikers": admins,
        "GET /beheer/gebruikers/{id}": admins,
        "POST /beheer/gebruikers/{id}": admins,
        "POST /beheer/gebruikers/{id}/herstellink": admins,
        "POST /beheer/gebruikers/{id}/tweestaps-reset": admins,
        "GET /beheer/wijken": admins,
        "GET /beheer/wijken/nieuw": admins,
        "POST /beheer/wijken": admins,
        "GET /beheer/wijken/{id}": admins,
        "POST /beheer/wijken/{id}": admins,
        "GET /beheer/teams": admins,
        "GET /beheer/teams/nieuw": admins,
        "POST /beheer/teams": admins,
        "GET /beheer/teams/{id}": admins,
        "POST /beheer/teams/{id}": admins,
        "GET /beheer/organisaties": admins,
        "GET /beheer/organisaties/nieuw": admins,
        "POST /beheer/organisaties": admins,
        "GET /beheer/organisaties/{id}": admins,
        "POST /beheer/organisaties/{id}": admins,
        "GET /beheer/gemeente": admins,
        "GET /beheer/bewaartermijnen": admins,
        "GET /beheer/personen": admins,
        "POST /beheer/personen": admins,
        "GET /beheer/personen/{id}": admins,
        "POST /beheer/personen/{id}/export": admins,
        "POST /beheer/personen/{id}/wissen": admins,
        "POST /beheer/bewaartermijnen": admins,
        "POST /beheer/bewaartermijnen/proef": admins,
        "GET /beheer/gemeenten/{code}": admins,
        "POST /beheer/gemeenten/{code}": admins,
        "GET /beheer/audit": admins,
        "GET /beheer/audit/ongebruikelijk": admins,
        "GET /melden": .everyone,
        "POST /melden": .everyone,
        "GET /melden/status": .everyone,
        "POST /melden/status": .everyone,
        "GET /signalen/nieuw": reporters,
        "POST /signalen": reporters,
        // Everyone who reports sees what became of their reports (the confirmation lands there).
        "GET /signalen/mijn": reporters,
        "GET /signalen": handlers,
        "GET /signalen/{id}": handlers,
        "POST /signalen/{id}/contact": handlers,
        "POST /signalen/{id}/samenvoegen": handlers,
        "POST /signalen/{id}/bekend": handlers,
        "POST /signalen/{id}/team": .roles([.coordinator]),
        "GET /agenda": handlers,
        "GET /berichten": handlers,
        "GET /trajecten": handlers,
        "GET /trajecten/nieuw": handlers,
        "POST /trajecten": handlers,
        "POST /signalen/{id}/traject": handlers,
        "GET /trajecten/{id}": handlers,
        "POST /trajecten/{id}/fase": handlers,
        "POST /trajecten/{id}/notities": handlers,
        "POST /trajecten/{id}/luisteren": handlers,
        "POST /trajecten/{id}/meting": handlers,
        "POST /trajecten/{id}/netwerk": handlers,
        "POST /trajecten/{id}/netwerk/{member}/verwijderen": handlers,
        "POST /trajecten/{id}/doelen": handlers,
        "POST /trajecten/{id}/doelen/{goal}": handlers,
        "POST /trajecten/{id}/contact": handlers,
        "POST /trajecten/{id}/herinnering": handlers,
        "POST /trajecten/{id}/overdragen": handlers,
        "POST /trajecten/{id}/afsluiten": handlers,
        "POST /trajecten/{id}/heropenen": handlers,
        "GET /monitor": .roles([.analyst, .coordinator]),
        "GET /evaluatie": .roles([.analyst, .coordinator]),
        "GET /evaluatie/csv": .roles([.analyst, .coordinator]),
        "GET /evaluatie/rapport": .roles([.analyst, .coordinator]),
        "GET /evaluatie/rapport/{year}": .roles([.analyst, .coordinator]),
        "GET /evaluatie/rapport/{year}/csv": .roles([.analyst, .coordinator]),
        "POST /evaluatie/rapport/{year}": .roles([.analyst]),
        "POST /evaluatie/rapport/{year}/vaststellen": .roles([.analyst]),
        "POST /monitor": .roles([.analyst, .coordinator]),
        "GET /monitor/{id}": .roles([.analyst, .coordinator]),
        "POST /monitor/{id}/tabellen": .roles([.analyst, .coordinator]),
        "GET /monitor/{id}/tabellen/{table}/csv": .roles([.analyst, .coordinator]),
        "POST /monitor/{id}/verwijderen": .roles([.analyst, .coordinator]),
        "GET /trajecten/{id}/maatje": handlers,
        "POST /trajecten/{id}/maatje": handlers,
        "GET /koppelingen/{id}": handlers,
        "POST /koppelingen/{id}/akkoord-persoon": handlers,
        "POST /koppelingen/{id}/intrekken": .roles([.coordinator]),
        "POST /koppelingen/{id}/ritme": .roles([.coordinator]),
        "POST /koppelingen/{id}/hulp/{backup}/afgehandeld": handlers,
        "POST /koppelingen/{id}/einde": handlers,
        "GET /vrijwilligers": .roles([.coordinator]),
        "GET /vrijwilligers/{id}": .roles([.coordinator]),
        "POST /vrijwilligers/{id}": .roles([.coordinator]),
        "GET /koppelen": .roles([.coordinator]),
        "GET /koppelen/voorstel": .roles([.coordinator]),
        "POST /koppelen": .roles([.coordinator]),
        "POST /koppelen/uitsluiten": .roles([.coordinator]),
        "GET /mijn-koppelingen": .roles([.volunteer]),
        "GET /mijn-koppelingen/{id}": .roles([.volunteer]),
        "POST /mijn-koppelingen/{id}/akkoord": .roles([.volunteer]),
        "POST /mijn-koppelingen/{id}/contact": .roles([.volunteer]),
        "POST /mijn-koppelingen/{id}/hulp": .roles([.volunteer]),
        "GET /activiteiten": .everyone,
        "GET /hsds/{municipality}": .everyone,
        "GET /hsds/{municipality}/services": .everyone,
        "GET /hsds/{municipality}/services/{id}": .everyone,
        "GET /hsds/{municipality}/organizations": .everyone,
        "GET /hsds/{municipality}/organizations/{id}": .everyone,
        "GET /hsds/{municipality}/taxonomies": .everyone,
        "GET /hsds/{municipality}/taxonomy_terms": .everyone,
        "GET /hsds/{municipality}/service_at_locations": .everyone,
        "GET /activiteiten/{id}": .everyone,
        "GET /aanbod": .roles([.provider, .coordinator]),
        "GET /aanbod/nieuw": .roles([.provider, .coordinator]),
        "POST /aanbod": .roles([.provider, .coordinator]),
        "GET /aanbod/{id}": .roles([.provider, .coordinator]),
        "POST /aanbod/{id}": .roles([.provider, .coordinator]),
        "POST /aanbod/{id}/gecontroleerd": .roles([.coordinator]),
        "GET /trajecten/{id}/suggesties": handlers,
        "GET /trajecten/{id}/inzage": .roles([.coordinator]),
        "GET /trajecten/{id}/toestemming": handlers,
        "POST /trajecten/{id}/toestemming": handlers,
        "POST /trajecten/{id}/toestemming/{consent}/intrekken": handlers,
        "GET /verwijzingen": .roles([.referrer, .professional, .coordinator]),
        "GET /verwijzingen/nieuw": .roles([.referrer, .professional, .coordinator]),
        "POST /verwijzingen": .roles([.referrer, .professional, .coordinator]),
        "POST /verwijzingen/{id}/intrekken": .roles([.referrer, .professional, .coordinator]),
        "GET /verwijzingen/ontvangen": .roles([.provider, .professional, .coordinator]),
        "POST /verwijzingen/{id}/status": .roles([.provider, .professional, .coordinator]),
        "GET /verwijzingen/{id}": .signedIn,
        "GET /routering": .roles([.coordinator, .admin]),
        "POST /routering": .roles([.coordinator, .admin]),
        "POST /routering/{id}/verwijderen": .roles([.coordinator, .admin]),
    ]

    static func key(_ route: Router<AppRequestContext>.RouteDescription) -> String {
        "\(route.method.rawValue) \(route.path.description.hasPrefix("/") ? "" : "/")\(route.path)"
    }

    @Test func everyRouteHasADecision() async throws {
        let app = try await TestApp.make()
        let registered = Set(app.router.routes.map(Self.key))
        try await app.run { _ in }
        #expect(registered.subtracting(Self.matrix.keys).isEmpty, "routes without a decision: \(registered.subtracting(Self.matrix.keys).sorted())")
        #expect(Set(Self.matrix.keys).subtracting(registered).isEmpty, "decisions for routes that do not exist: \(Set(Self.matrix.keys).subtracting(registered).sorted())")
    }

    @Test func everyRoleGetsExactlyWhatTheMatrixSays() async throws {
        let app = try await TestApp.make()
        let routes = app.router.routes.map(Self.key).sorted { a, b in
            // Logging out ends the session: try it last.
            (a.hasSuffix("/uitloggen") ? 1 : 0, a) < (b.hasSuffix("/uitloggen") ? 1 : 0, b)
        }
        let lindewaard = try await app.municipality("GM9901")
        let samples: [String: String] = [
            "/beheer/gebruikers/{id}": try await app.user("professional@lindewaard.example").id.uuidString,
            "/beheer/wijken/{id}": try #require(try await app.services.organisations.districts(municipalityID: lindewaard.id).first).id.uuidString,
            "/beheer/teams/{id}": try #require(try await app.services.organisations.teams(municipalityID: lindewaard.id).first).id.uuidString,
            "/beheer/organisaties/{id}": try #require(try await app.services.organisations.organisations(municipalityID: lindewaard.id).first).id.uuidString,
            "/signalen/{id}": try await SignalFixtures.signalInProfessionalsTeam(app).id.uuidString,
            "/routering/{id}": UUID().uuidString,
            "/monitor/{id}": UUID().uuidString,
            "/vrijwilligers/{id}": try await app.user("volunteer@lindewaard.example").id.uuidString,
            "/beheer/personen/{id}": UUID().uuidString,
            "/koppelingen/{id}": UUID().uuidString,
            "/aanbod/{id}": UUID().uuidString,
            "/verwijzingen/{id}": UUID().uuidString,
            "/activiteiten/{id}": UUID().uuidString,
            "/mijn-koppelingen/{id}": UUID().uuidString,
            "/trajecten/{id}": try await SignalFixtures.trajectoryInProfessionalsTeam(app).id.uuidString,
        ]
        try await app.run { client in
            let visitors: [Role?] = [nil] + Role.allCases
            for role in visitors {
                for route in routes {
                    let browser = Browser(client)
                    if let role { try await browser.login("\(role.rawValue)@lindewaard.example") }
                    let parts = route.split(separator: " ", maxSplits: 1)
                    let path = Self.concrete(String(parts[1]), samples: samples)
                    let page = parts[0] == "GET"
                        ? try await browser.get(path)
                        : try await browser.post(path, tokenFrom: role == nil ? "/inloggen" : "/start")
                    let expected = Self.matrix[route] ?? .roles([])
                    if expected == .bearerToken {
                        #expect(page.status == .notFound || page.status == .unauthorized, "\(route) answered \(page.status) without its token")
                        continue
                    }
                    let allowed: Bool = switch expected {
                    case .bearerToken: false
                    case .everyone: true
                    case .signedIn: role != nil
                    case .roles(let roles): role.map(roles.contains) ?? false
                    }
                    let who = role?.rawValue ?? "anonymous"
                    if allowed {
                        #expect(page.status != .forbidden && page.status != .unauthorized, "\(who) should reach \(route), got \(page.status)")
                        #expect(page.location?.hasPrefix("/inloggen?terug") != true, "\(who) was sent to login on \(route)")
                    } else if role == nil {
                        let refused = page.location?.hasPrefix("/inloggen") == true || page.status == .unauthorized
                        #expect(refused, "anonymous must be sent to login on \(route), got \(page.status) \(page.location ?? "")")
                    } else {
                        #expect(page.status == .forbidden, "\(who) must be refused \(route), got \(page.status)")
                        #expect(page.contains("Geen toegang") || path.hasPrefix("/api/"))
                    }
                }
            }
        }
    }

    static func concrete(_ path: String, samples: [String: String]) -> String {
        var path = path
        if let sample = samples.first(where: { path.hasPrefix($0.key) }) {
            path = path.replacingOccurrences(of: "{id}", with: sample.value)
        }
        return path.replacingOccurrences(of: "{token}", with: "ongeldig").replacingOccurrences(of: "{member}", with: UUID().uuidString)
            .replacingOccurrences(of: "{goal}", with: UUID().uuidString)
            .replacingOccurrences(of: "{table}", with: UUID().uuidString).replacingOccurrences(of: "{backup}", with: UUID().uuidString)
            .replacingOccurrences(of: "{municipality}", with: "GM9901").replacingOccurrences(of: "{consent}", with: UUID().uuidString).replacingOccurrences(of: "{code}", with: "GM9901")
            .replacingOccurrences(of: "{language}", with: "nl").replacingOccurrences(of: "{year}", with: "2026")
    }

    @Test func anAPIRequestWithoutLoginGetsAProblemDocument() async throws {
        try await TestApp.withBrowser { _, browser in
            let page = try await browser.get("/api/v1/me")
            #expect(page.status == .unauthorized)
            #expect(page.headers[.contentType] == "application/problem+json")
            try await browser.login("analyst@lindewaard.example")
            let me = try await browser.get("/api/v1/me")
            #expect(me.status == .ok)
            #expect(me.contains(#""role":"analyst""#))
        }
    }
}
