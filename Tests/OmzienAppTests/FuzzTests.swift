import Foundation
import Hummingbird
import HummingbirdTesting
import OmzienCore
import Testing
@testable import OmzienApp

/// Hostile input against every public form, the JSON endpoints and the forms professionals use daily:
/// 10,000 hostile values (each request carries several: every field, and the path where it takes an id) with script tags, SQL fragments, huge values, broken encodings and deep JSON. None may
/// crash the app or answer 500, no injected markup may come back unescaped, and nothing stored is lost.
@Suite struct FuzzTests {
    static let payloads: [String] = [
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>", "javascript:alert(1)",
        "'; DROP TABLE signals; --", "\" OR 1=1 --", "1' UNION SELECT password_hash FROM users --", "%00", "%ZZ%", "%%%",
        "../../../../etc/passwd", "{{t.login_title}}", "{{{chrome}}}", "{{#page}}x{{/page}}", "\u{0000}\u{0001}\u{001B}[31m", "\u{202E}gnp.exe",
        "😀🏳️‍🌈👨‍👩‍👧", String(repeating: "𝕏", count: 3000), String(repeating: "A", count: 70_000), "", " ", "-1", "99999999999999999999",
        "NaN", "1e309", "2026-02-31", "0000-00-00", "GM9901", "00000000-0000-0000-0000-000000000000",
        String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000), "{\"a\":" + String(repeating: "{\"a\":", count: 2000) + "1" + String(repeating: "}", count: 2001),
        "\r\nSet-Cookie: evil=1", "a&b=c&_csrf=x", "ja,nee,misschien", "🙂" + String(repeating: "\u{0301}", count: 500),
    ]

    static let injected = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>"]

    struct Target: Sendable {
        let method: HTTPRequest.Method
        let path: String
        let fields: [String]
        /// Which login the request needs (nil: none).
        let login: String?
    }

    static func targets(trajectoryID: UUID, signalID: UUID) -> [Target] {
        let trajectory = "/trajecten/\(trajectoryID)"
        return [
            Target(method: .post, path: "/melden", fields: ["stap", "concern", "indicators", "duration", "danger", "relation", "reporter_name",
                                                            "reporter_email", "person_name", "postcode", "birth_year", "municipality", "website"], login: nil),
            Target(method: .post, path: "/melden/status", fields: ["code"], login: nil),
            Target(method: .post, path: "/inloggen", fields: ["email", "password"], login: nil),
            Target(method: .get, path: "/activiteiten", fields: ["zoek", "dag", "wijk", "vorm", "kosten", "voor", "gemeente"], login: nil),
            Target(method: .get, path: "/activiteiten/{x}", fields: [], login: nil),
            Target(method: .get, path: "/hsds/GM9901/services", fields: ["search", "page", "per_page", "taxonomy_term_id", "organization_id", "modified_after"], login: nil),
            Target(method: .get, path: "/hsds/{x}/organizations", fields: ["search", "page"], login: nil),
            Target(method: .get, path: "/hsds/GM9901/services/{x}", fields: [], login: nil),
            Target(method: .get, path: "/api/v1/me", fields: ["x"], login: nil),
            Target(method: .post, path: trajectory + "/notities", fields: ["fase", "notes"], login: "professional"),
            Target(method: .post, path: trajectory + "/contact", fields: ["contact_on", "kind", "minutes", "note"], login: "professional"),
            Target(method: .post, path: trajectory + "/herinnering", fields: ["remind_on", "remind_note"], login: "professional"),
            Target(method: .post, path: trajectory + "/doelen", fields: ["goal", "resource", "due_on", "agreed"], login: "professional"),
            Target(method: .post, path: "/signalen/\(signalID)/contact", fields: ["on_date", "channel", "outcome", "note", "consent_form"], login: "professional"),
            Target(method: .post, path: "/aanbod", fields: ["name", "description", "organisation", "schedules", "cost", "target_groups", "minimum_age"], login: "coordinator"),
            Target(method: .post, path: "/verwijzingen", fields: ["activity", "person_name", "person_phone", "request", "consent", "consent_form"], login: "referrer"),
        ]
    }

    @Test func tenThousandHostileInputsCauseNoCrashNo500NoUnescapedMarkupAndNoLoss() async throws {
        try await TestApp.withBrowser { app, browser in
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            let signal = try #require(try await app.services.signals.signal(id: trajectory.signalID!, municipalityID: trajectory.municipalityID))
            let before = try #require(try await app.services.signals.person(id: signal.personID, municipalityID: signal.municipalityID))
            let usersBefore = try await app.services.users.users(municipalityID: signal.municipalityID)
            var rng = SeededGenerator(seed: 90210)
            let targets = Self.targets(trajectoryID: trajectory.id, signalID: signal.id)
            var browsers: [String: (Browser, String)] = [:]
            for login in Set(targets.compactMap(\.login)) {
                let session = Browser(browser.client)
                try await session.login("\(login)@lindewaard.example")
                let token = try #require(try await session.get("/start").csrfToken)
                browsers[login] = (session, token)
            }
            let anonymousToken = try #require(try await browser.get("/inloggen").csrfToken)
            var inputs = 0, statuses: [Int: Int] = [:]
            while inputs < 10_000 {
                let target = targets[Int.random(in: 0..<targets.count, using: &rng)]
                let payload = { Self.payloads[Int.random(in: 0..<Self.payloads.count, using: &rng)] }
                let path = target.path.replacingOccurrences(of: "{x}", with: payload().addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "x")
                let (session, token) = target.login.flatMap { browsers[$0] } ?? (browser, anonymousToken)
                var fields = target.fields.map { ($0, payload()) }
                if target.path == "/melden" { fields.append(("stap", String(Int.random(in: 0...5, using: &rng)))) }
                let page: Browser.Page
                if target.method == .get {
                    let query = fields.map { "\(Browser.encode($0.0))=\(Browser.encode($0.1))" }.joined(separator: "&")
                    page = try await session.get(path + (query.isEmpty ? "" : "?" + query))
                } else {
                    page = try await session.post(path, fields, csrf: token)
                }
                statuses[page.status.code, default: 0] += 1
                #expect(page.status.code < 500, "\(target.method) \(target.path) answered \(page.status)")
                if page.headers[.contentType]?.hasPrefix("text/html") == true {
                    for markup in Self.injected { #expect(!page.body.contains(markup), "\(target.path) echoed \(markup) unescaped") }
                }
                inputs += fields.count + (target.path.contains("{x}") ? 1 : 0)
            }
            // Nothing already stored was lost or changed by the attempts.
            let after = try #require(try await app.services.signals.person(id: signal.personID, municipalityID: signal.municipalityID))
            #expect(after == before)
            #expect(try await app.services.signals.signal(id: signal.id, municipalityID: signal.municipalityID)?.concern == signal.concern)
            #expect(try await app.services.users.users(municipalityID: signal.municipalityID).map { "\($0.id) \($0.role) \($0.email) \($0.active)" }
                    == usersBefore.map { "\($0.id) \($0.role) \($0.email) \($0.active)" })
            // Whatever was stored (e.g. an activity named with a script tag) is escaped wherever it shows.
            for activity in try await app.services.catalogue.activities(municipalityID: signal.municipalityID).prefix(20) {
                let page = try await browser.get("/activiteiten/\(activity.activity.id)")
                for markup in Self.injected { #expect(!page.body.contains(markup)) }
            }
            #expect(inputs >= 10_000 && statuses.values.reduce(0, +) > 1_500)
        }
    }
}
