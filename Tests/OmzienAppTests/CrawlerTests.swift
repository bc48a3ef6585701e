import Foundation
import Hummingbird
import HummingbirdTesting
import OmzienCore
import Testing
@testable import OmzienApp

/// Every page every visitor can reach by clicking, on the medium demo (`omzien demo --size medium`), with
/// its anonymised records and a monitor dataset added: no link may break or be refused, and no page may
/// show template debris or a link without a name.
@Suite struct CrawlerTests {
    /// The medium demo as `omzien demo --size medium` writes it, then what a year of use adds: the retention
    /// rules anonymise old records, and the analyst uploads a monitor dataset.
    static func mediumDemo() async throws -> TestApp {
        try await TestApp.make(seed: { services in
            try await DemoData.seed(into: services, withSignals: true)
            try await DemoHistory.seed(into: services, size: .medium, today: services.clock.today)
            let lindewaard = try #require(try await services.organisations.municipality(code: "GM9901"))
            _ = try await services.retention.apply(municipalityID: lindewaard.id, settings: RetentionSettings(), today: services.clock.today,
                                                   now: services.clock.now(), dryRun: false, by: "crawler test")
        })
    }

    /// Logs in through the real forms, setting up or answering a second factor when the municipality asks for one.
    static func signIn(_ role: Role, app: TestApp, browser: Browser) async throws {
        let email = "\(role.rawValue)@lindewaard.example"
        var page = try await browser.login(email)
        if page.location == "/account/tweestaps" {
            _ = try await browser.get("/account/tweestaps")
            let secret = try #require(try await app.services.users.credentials(userID: try await app.user(email).id)?.totpSecret)
            page = try await browser.post("/account/tweestaps", [("code", TwoFactor.code(secret: secret, at: Date()))], tokenFrom: "/account/tweestaps")
        } else if page.location == "/inloggen/code" {
            let secret = try #require(try await app.services.users.credentials(userID: try await app.user(email).id)?.totpSecret)
            page = try await browser.post("/inloggen/code", [("code", TwoFactor.code(secret: secret, at: Date()))], tokenFrom: "/inloggen/code")
        }
        try #require(page.location == "/start", "\(role.rawValue) could not log in: \(page.status) \(page.location ?? "")")
    }

    // About 40 s alone on SQLite; the limit leaves room for a busy machine running the whole suite.
    @Test(.timeLimit(.minutes(5)))
    func everyVisitorFollowsEveryLinkWithoutBrokenLinksOrTemplateDebris() async throws {
        let app = try await Self.mediumDemo()
        let lindewaard = try await app.municipality("GM9901")
        // The data the crawl must walk through is really there.
        let referrals = try await app.services.referrals.referrals(municipalityID: lindewaard.id)
        #expect(referrals.contains { $0.personName.isEmpty }, "the retention run should have anonymised referrals")
        try await app.run { client in
            let analyst = Browser(client)
            try await Self.signIn(.analyst, app: app, browser: analyst)
            #expect(try await MonitorWebTests.upload(analyst).status == .seeOther)

            var total = 0
            for language in ["nl", "en"] {
                // Dutch is crawled in full; English once per kind of page, for the texts only English shows.
                for role in [nil] + Role.allCases {
                    let browser = Browser(client, cookies: ["omzien_lang": language])
                    if let role { try await Self.signIn(role, app: app, browser: browser) }
                    let crawler = Crawler(browser: browser, role: role, perPattern: language == "nl" ? 3 : 1)
                    let (findings, opened) = try await crawler.crawl(from: role == nil ? ["/"] : ["/start"])
                    for finding in findings { Issue.record(Comment(rawValue: "\(language) \(finding)")) }
                    #expect(opened >= 5, "\(crawler.visitor) (\(language)) reached only \(opened) pages")
                    total += opened
                }
            }
            #expect(total > 300, "the crawl opened only \(total) pages")

            // An anonymised referral is named as such, as text in the lists and in full on its own page.
            let coordinator = Browser(client)
            try await Self.signIn(.coordinator, app: app, browser: coordinator)
            #expect(try await coordinator.get("/verwijzingen/ontvangen").contains(#"<th scope="row">geanonimiseerd</th>"#))
            // The referrer sees the name (here: that there is none left) without asking the registry for consent.
            let professional = try await app.user("professional@lindewaard.example")
            let anonymised = try #require(referrals.first { $0.personName.isEmpty && $0.referrerID == professional.id })
            let referrer = Browser(client)
            try await Self.signIn(.professional, app: app, browser: referrer)
            let detail = try await referrer.get("/verwijzingen/\(anonymised.id)")
            #expect(detail.status == .ok && detail.contains("<h1>Verwijzing: geanonimiseerd</h1>"))
            #expect(Crawler.problems(in: detail.body).isEmpty, "\(Crawler.problems(in: detail.body))")
        }
    }

    // MARK: The checks themselves

    @Test func theChecksFindTemplateDebrisAndUnnamedLinks() {
        #expect(Crawler.problems(in: "<p>Naam: nil</p>").count == 1)
        #expect(Crawler.problems(in: "<p>Optional(\"Truus\")</p>").count == 1)
        #expect(Crawler.problems(in: "<p>{{page.name}}</p>").count == 2)
        #expect(Crawler.problems(in: #"<a href="/verwijzingen/1"></a>"#).count == 1)
        #expect(Crawler.problems(in: #"<a href="/verwijzingen/1"> <span></span> </a>"#).count == 1)
        #expect(Crawler.problems(in: "<h1>Verwijzing: </h1>").count == 1)
        #expect(Crawler.problems(in: "<h1>Verwijzing: Truus Bakker</h1>").isEmpty)
        // Words that merely contain the letters, scripts, and links named some other way are fine.
        #expect(Crawler.problems(in: "<p>nihil, nillen, Nil-delta</p><script>let a = nil</script>").isEmpty)
        #expect(Crawler.problems(in: #"<a href="/x" aria-label="Sluiten"></a><a href="/y"><img alt="Logo" src="/l.png"></a>"#).isEmpty)
    }

    @Test func linksAreReadAsSiteAddressesAndGroupedByPattern() {
        let html = #"<a href="/trajecten/3F2504E0-4F89-11D3-9A0C-0305E82C3301#doelen">x</a> <a href="https://example.org">y</a>"#
            + #" <a href="mailto:a@b.nl">m</a> <a href="?pagina=2&amp;wijk=Noord">z</a> <a class="b" href="/uitloggen">u</a>"#
        #expect(Crawler.links(in: html, base: "/signalen?pagina=1")
            == ["/trajecten/3F2504E0-4F89-11D3-9A0C-0305E82C3301", "/signalen?pagina=2&wijk=Noord"])
        #expect(Crawler.pattern(of: "/trajecten/3F2504E0-4F89-11D3-9A0C-0305E82C3301") == "/trajecten/{id}")
        #expect(Crawler.pattern(of: "/evaluatie/rapport/2025?b=1&a=2") == "/evaluatie/rapport/{n}?a&b")
        #expect(Crawler.spread(["/a/1", "/b", "/a/2", "/a/3", "/a/4"]) == ["/a/1", "/a/4", "/a/3", "/a/2", "/b"])
    }

    @Test func theAccessMatrixDecidesWhoMayOpenALink() {
        #expect(AccessMatrixTests.allows(.provider, path: "/verwijzingen/ontvangen") == true)
        #expect(AccessMatrixTests.allows(.analyst, path: "/verwijzingen/ontvangen") == false)
        #expect(AccessMatrixTests.allows(.volunteer, path: "/verwijzingen/\(UUID())") == true)
        #expect(AccessMatrixTests.allows(nil, path: "/monitor?x=1") == false)
        #expect(AccessMatrixTests.allows(.admin, path: "/bestaat-niet") == nil)
    }
}
