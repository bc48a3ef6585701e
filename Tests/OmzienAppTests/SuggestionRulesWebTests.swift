import Foundation
import Hummingbird
import HummingbirdTesting
import OmzienCore
import Testing
@testable import OmzienApp

/// Issue 16, matching: the suggestions page on the demo people, with the demo catalogue, as `omzien demo` seeds them.
@Suite struct SuggestionRulesWebTests {
    /// The demo catalogue and the demo people; returns each person's trajectory.
    static func seeded(_ app: TestApp) async throws -> [String: UUID] {
        let lindewaard = try await app.municipality("GM9901")
        try await DemoCatalogue.seed(into: app.services, municipalityID: lindewaard.id)
        let professional = try await app.user("professional@lindewaard.example")
        return try await DemoPeople.seed(into: app.services, municipalityID: lindewaard.id, teamID: try #require(professional.teamID),
                                         professionalID: professional.id)
    }

    /// The suggested activities' names, best first.
    static func ranked(_ page: Browser.Page) -> [String] {
        page.body.matches(of: /<li class="pair">\s*<h2 class="pair-title"><a href="[^"]+">([^<]+)<\/a>/).map { String($0.1) }
    }

    /// The "not suggested" list: name → why.
    static func leftOut(_ page: Browser.Page) -> [String: String] {
        let section = page.body.firstRange(of: #"<details id="niet-voorgesteld">"#).map { String(page.body[$0.lowerBound...]) } ?? ""
        return Dictionary(section.matches(of: /<li><a href="[^"]+">([^<]+)<\/a>: ([^<]+)<\/li>/).map { (String($0.1), String($0.2)) },
                          uniquingKeysWith: { a, _ in a })
    }

    @Test func theWidowKnownOnlyByHerAgeBandGetsTheBereavementServiceAndNotJoinUsOrWelzijnOpRecept() async throws {
        try await TestApp.withBrowser { app, browser in
            let trajectories = try await Self.seeded(app)
            let riet = try #require(trajectories[DemoPeople.widow])
            try await browser.login("professional@lindewaard.example")
            let page = try await browser.get("/trajecten/\(riet)/suggesties")
            #expect(page.status == .ok)
            let ranked = Self.ranked(page)
            let left = Self.leftOut(page)
            // Item 8: "75 tot 85" without a birth year is too old for Join us (12–25), and the page says why.
            #expect(!ranked.contains("Join us"))
            #expect(left["Join us"] == "Leeftijd past niet: 12 tot en met 25 jaar, de persoon is 75 tot 85 jaar")
            #expect(page.contains("Leeftijd past: vanaf 65 jaar, de persoon is 75 tot 85 jaar"), "the band lies within 65+ (Activerend huisbezoek)")
            // Item 9: the salon is for lhbti+ older people; nothing says she is one of them.
            #expect(!ranked.prefix(10).contains("Roze Ouderen Salon"), "\(ranked)")
            // Item 10: her husband died (recorded while listening): the widows' visiting service is in the top 10, with why.
            #expect(ranked.prefix(10).contains("Bezoekdienst weduwen en weduwnaars"), "\(ranked)")
            #expect(page.contains("Bedoeld voor wie dit meemaakte: partner overleden (+20 punten)"))
            // Item 10: she is in a welfare trajectory already, so the route into welfare is left out, with the reason.
            #expect(!ranked.contains("Welzijn op Recept"))
            #expect(left["Welzijn op Recept"] == "Dit is een weg naar begeleiding door welzijn, en die krijgt de persoon al")
            // Reasons are words, not symbols.
            #expect(!page.contains("✓") && !page.contains("→") && !page.contains("∞"))
        }
    }

    @Test func theGroupThePersonBelongsToIsAPlusWithAReason() async throws {
        try await TestApp.withBrowser { app, browser in
            let henk = try #require(try await Self.seeded(app)[DemoPeople.newcomer])
            try await browser.login("professional@lindewaard.example")
            let page = try await browser.get("/trajecten/\(henk)/suggesties")
            let ranked = Self.ranked(page)
            #expect(ranked.prefix(3).contains("Roze Ouderen Salon"), "\(ranked)")
            #expect(page.contains("Voor lhbti+: de persoon hoort bij deze groep (+15 punten)"))
            #expect(!ranked.contains("Bezoekdienst weduwen en weduwnaars"), "he did not lose a partner")
            #expect(Self.leftOut(page)["Bezoekdienst weduwen en weduwnaars"] == "Alleen voor wie dit meemaakte: partner overleden")
        }
    }

    @Test func eachSuggestionShowsProviderPlaceTimeAndCost() async throws {
        try await TestApp.withBrowser { app, browser in
            let people = try await Self.seeded(app)
            let henk = try #require(people[DemoPeople.newcomer])
            try await browser.login("professional@lindewaard.example")
            let page = try await browser.get("/trajecten/\(henk)/suggesties")
            let card = try #require(page.body.firstMatch(of: /<li class="pair">\s*<h2 class="pair-title"><a href="[^"]+">Roze Ouderen Salon<\/a>[\s\S]*?<\/li>\s*(?=<li class="pair">|<\/ol>)/))
            let text = String(card.0)
            #expect(text.contains("<dt>Aanbieder</dt><dd>Buurthuis De Schakel</dd>"), "\(text)")
            #expect(text.contains("<dt>Waar</dt><dd>Buurthuis De Schakel, Marktplein 1, 9401 AA Lindewaard</dd>"))
            #expect(text.contains("<dt>Wanneer</dt><dd>één keer per maand op zondag van 14:00 tot 17:00</dd>"))
            #expect(text.contains("<dt>Kosten</dt><dd>gratis</dd>"))
            #expect(text.contains("<dt>Voor wie</dt><dd>lhbti+, vanaf 55 jaar</dd>"))
            // A one-to-one visit without a fixed place or time says so instead of leaving it out.
            let riet = try #require(people[DemoPeople.widow])
            let visits = try await browser.get("/trajecten/\(riet)/suggesties")
            #expect(visits.contains("<dt>Aanbieder</dt><dd>Humanitas Lindewaard</dd><dt>Waar</dt><dd>in overleg, voor de hele gemeente</dd><dt>Wanneer</dt><dd>in overleg</dd>"))
        }
    }

    @Test func lifeEventsAndGroupsAreRecordedWhileListeningAndChangeTheSuggestions() async throws {
        try await TestApp.withBrowser { app, browser in
            _ = try await Self.seeded(app)
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            try await browser.login("professional@lindewaard.example")
            let page = "/trajecten/\(trajectory.id)"
            let before = Self.ranked(try await browser.get(page + "/suggesties"))
            #expect(!before.contains("Bezoekdienst weduwen en weduwnaars"))
            let form = try await browser.get(page + "?fase=3")
            #expect(form.contains("Wat heeft de persoon kort geleden meegemaakt?") && form.contains("Hoort de persoon bij een van deze groepen?"))
            try await browser.post(page + "/luisteren", [("situation", "Haar man is in de zomer overleden."), ("forms", "emotional"),
                                                         ("life_events", "partner_died"), ("groups", "lgbti"), ("groups", "no_such_group")], tokenFrom: page)
            let stored = try #require(try await app.services.trajectories.trajectory(id: trajectory.id, municipalityID: trajectory.municipalityID))
            #expect(stored.assessment.lifeEvents == [.partnerDied] && stored.assessment.groups == ["lgbti"], "unknown groups are dropped")
            let after = try await browser.get(page + "/suggesties")
            #expect(Self.ranked(after).first == "Bezoekdienst weduwen en weduwnaars", "\(Self.ranked(after))")
            #expect(after.contains("Gebruikt: emotioneel") && after.contains("Partner overleden") && after.contains("Lhbti+"))
        }
    }
}
