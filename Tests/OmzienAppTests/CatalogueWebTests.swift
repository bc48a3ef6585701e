import Foundation
import Hummingbird
import HummingbirdTesting
import OmzienCore
import Testing
@testable import OmzienApp

@Suite struct CatalogueWebTests {
    static func seeded(_ app: TestApp) async throws -> [CatalogueActivity] {
        let lindewaard = try await app.municipality("GM9901")
        try await DemoCatalogue.seed(into: app.services, municipalityID: lindewaard.id)
        return try await app.services.catalogue.activities(municipalityID: lindewaard.id).map(\.activity)
    }

    static func named(_ name: String, in activities: [CatalogueActivity]) throws -> CatalogueActivity {
        try #require(activities.first { $0.name == name })
    }

    @Test func providersKeepOnlyTheirOwnEntriesAndCoordinatorsMarkThemChecked() async throws {
        try await TestApp.withBrowser { app, browser in
            let activities = try await Self.seeded(app)
            let schakel = try Self.named("Huiskamer van de buurt", in: activities)
            let humanitas = try Self.named("Maatje voor een jaar", in: activities)
            try await browser.login("provider@lindewaard.example")
            let list = try await browser.get("/aanbod")
            #expect(list.contains("Huiskamer van de buurt") && !list.contains("Maatje voor een jaar"), "only De Schakel's entries")
            #expect(try await browser.get("/aanbod/\(humanitas.id)").status == .notFound)
            #expect(try await browser.post("/aanbod/\(humanitas.id)", [("name", "Gekaapt")], tokenFrom: "/aanbod").status == .notFound)
            #expect(try await browser.post("/aanbod/\(schakel.id)/gecontroleerd", tokenFrom: "/aanbod").status == .forbidden)
            // Editing keeps everything typed when something is wrong.
            let bad = try await browser.post("/aanbod/\(schakel.id)", [("name", "Huiskamer"), ("schedules", "dinsdag 10:00-12:00\nooit"), ("cost", "veel"),
                                                                        ("form", "group"), ("languages", "nl")], tokenFrom: "/aanbod/\(schakel.id)")
            #expect(bad.status == .unprocessableContent)
            #expect(bad.contains("Schrijf elk tijdstip op een eigen regel") && bad.contains("Vul een bedrag in euro in") && bad.contains(#"value="veel""#))
            let saved = try await browser.post("/aanbod/\(schakel.id)", [
                ("name", "Huiskamer van de buurt"), ("description", "Koffie en een praatje."), ("schedules", "di 10.00-12.00\nom de 2 weken vrijdag 14:00-16:00"),
                ("cost", "0"), ("form", "group"), ("intervention_type", "social_activation"), ("languages", "nl"), ("status", "active"),
                ("evidence", "kansrijk"), ("join_route", "direct"), ("minimum_age", "18"),
            ], tokenFrom: "/aanbod/\(schakel.id)")
            #expect(saved.status == .seeOther)
            let stored = try #require(try await app.services.catalogue.activity(id: UUID(uuidString: schakel.id)!, municipalityID: schakel.municipality(app)))
            #expect(stored.activity.schedules == [ActivitySchedule(weekday: 2, opensAt: "10:00", closesAt: "12:00"),
                                                  ActivitySchedule(interval: 2, weekday: 5, opensAt: "14:00", closesAt: "16:00")])
            #expect(stored.activity.organisationID == schakel.organisationID && stored.activity.minimumAge == 18 && stored.activity.isFree)
            try await browser.logout()

            try await browser.login("coordinator@lindewaard.example")
            let all = try await browser.get("/aanbod")
            #expect(all.contains("Maatje voor een jaar") && all.contains("al een jaar niet gecontroleerd"))
            let stale = try #require(activities.first { $0.isStale(today: app.services.clock.today) })
            try await browser.post("/aanbod/\(stale.id)/gecontroleerd", tokenFrom: "/aanbod/\(stale.id)")
            let checked = try await app.services.catalogue.activity(id: UUID(uuidString: stale.id)!, municipalityID: try await app.municipality("GM9901").id)
            #expect(checked?.activity.checkedOn == app.services.clock.today)
        }
    }

    @Test func residentsSearchWithoutLoggingInAndEachActivityHasItsOwnPage() async throws {
        try await TestApp.withBrowser { app, browser in
            let activities = try await Self.seeded(app)
            let all = try await browser.get("/activiteiten")
            #expect(all.status == .ok)
            #expect(all.contains("Ontmoeting en contact in Gemeente Lindewaard"))
            #expect(!all.body.lowercased().contains("eenzaam"), "public wording avoids the word")
            #expect(all.contains("\(activities.filter { $0.status == .active }.count) activiteiten gevonden."))
            let tuesdayFree = try await browser.get("/activiteiten?gemeente=GM9901&dag=2&kosten=gratis")
            let expected = activities.filter { $0.status == .active && $0.isFree && $0.schedules.contains { $0.weekday == 2 } }
            #expect(!expected.isEmpty)
            #expect(tuesdayFree.contains("\(expected.count) activiteit"))
            for activity in expected { #expect(tuesdayFree.contains(activity.name)) }
            #expect(!tuesdayFree.contains("Resto VanHarte"), "not free")
            let districts = try await app.services.organisations.districts(municipalityID: try await app.municipality("GM9901").id)
            let zuid = try #require(districts.first { $0.name == "Zuid" })
            let inZuid = try await browser.get("/activiteiten?wijk=\(zuid.id)&vorm=group")
            #expect(inZuid.contains("Beweegtuin") && !inZuid.contains("Buurtcirkel Noord") && !inZuid.contains("Grip en Glans"))
            let young = try await browser.get("/activiteiten?voor=jongeren")
            #expect(young.contains("Join us") && young.contains("1 activiteit gevonden."))
            let page = try await browser.get("/activiteiten/\(try Self.named("Resto VanHarte", in: activities).id)")
            #expect(page.contains("<h1>Resto VanHarte</h1>") && page.contains("elke dinsdag van 17:30 tot 19:30") && page.contains("€ 6 per keer"))
            #expect(try await browser.get("/activiteiten/\(UUID())").status == .notFound)
        }
    }

    @Test func aReferralNeedsConsentAndClosesTheLoopWithFeedbackOnlyForTheReferrer() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_795_000_000))
        try await TestApp.withBrowser(clock: clock.clock) { app, browser in
            let activities = try await Self.seeded(app)
            let activity = try Self.named("Huiskamer van de buurt", in: activities)
            try await browser.login("referrer@lindewaard.example")
            let fields = [("activity", activity.id), ("person_name", "Henk de Vries"), ("person_phone", "06-11112222"), ("birth_year", "1950"),
                          ("request", "Zoekt aanspraak overdag.")]
            let refused = try await browser.post("/verwijzingen", fields + [("consent_form", "verbal")], tokenFrom: "/verwijzingen/nieuw")
            #expect(refused.status == .unprocessableContent)
            #expect(refused.contains("Zonder toestemming van de persoon kan de verwijzing niet worden verstuurd"))
            #expect(refused.contains(#"value="Henk de Vries""#))
            let municipalityID = try await app.municipality("GM9901").id
            #expect(try await app.services.referrals.referrals(municipalityID: municipalityID).isEmpty, "nothing stored without consent")
            let sent = try await browser.post("/verwijzingen", fields + [("consent_form", "verbal"), ("consent", "on"), ("feedback_consent", "on")],
                                              tokenFrom: "/verwijzingen/nieuw")
            #expect(sent.status == .seeOther)
            let referral = try #require(try await app.services.referrals.referrals(municipalityID: municipalityID).first)
            #expect(try await browser.get("/verwijzingen/ontvangen").status == .forbidden)
            try await browser.logout()

            // Another organisation's provider does not see it; overdue after the answer term.
            try await app.addUser("provider2@lindewaard.example", role: .provider, municipality: "GM9901")
            try await browser.login("provider2@lindewaard.example")
            #expect(try await browser.get("/verwijzingen/\(referral.id)").status == .notFound)
            #expect(!(try await browser.get("/verwijzingen/ontvangen").contains("Henk")))
            try await browser.logout()

            clock.advance(days: 11)
            try await browser.login("provider@lindewaard.example")
            let received = try await browser.get("/verwijzingen/ontvangen")
            #expect(received.contains("Henk de Vries") && received.contains("te laat: nog geen antwoord"))
            let detail = try await browser.get("/verwijzingen/\(referral.id)")
            #expect(detail.contains("Zoekt aanspraak overdag.") && detail.contains("06-11112222"))
            let path = "/verwijzingen/\(referral.id)"
            #expect(try await browser.post(path + "/status", [("status", "successful")], tokenFrom: path).status == .forbidden, "not before it started")
            try await browser.post(path + "/status", [("status", "accepted")], tokenFrom: path)
            try await browser.post(path + "/status", [("status", "started")], tokenFrom: path)
            try await browser.post(path + "/status", [("status", "successful"), ("feedback", "Komt nu twee keer per week.")], tokenFrom: path)
            let done = try #require(try await app.services.referrals.referral(id: referral.id, municipalityID: municipalityID))
            #expect(done.status == .successful && done.answeredOn != nil && done.completedOn != nil)
            try await browser.logout()

            try await browser.login("referrer@lindewaard.example")
            let feedback = try await browser.get(path)
            #expect(feedback.contains("afgerond: gelukt") && feedback.contains("Komt nu twee keer per week."))
            #expect(!feedback.contains("Volgende stap"), "the referrer cannot answer")
            #expect(try await browser.post(path + "/status", [("status", "declined")], tokenFrom: path).status == .forbidden)
            let trail = try await app.services.auditTrail.entries(AuditQuery(municipalityID: municipalityID, recordType: "referral"))
            #expect(trail.contains { $0.action == .read && $0.actorLabel == "provider@lindewaard.example" })
            #expect(trail.contains { $0.action == .accessDenied && $0.actorLabel == "provider2@lindewaard.example" })
        }
    }

    @Test func aDeclinedOrFailedReferralNeedsAReason() async throws {
        try await TestApp.withBrowser { app, browser in
            let activity = try Self.named("Huiskamer van de buurt", in: try await Self.seeded(app))
            try await browser.login("referrer@lindewaard.example")
            try await browser.post("/verwijzingen", [("activity", activity.id), ("person_name", "Els"), ("person_phone", "06"), ("request", "Koffie"),
                                                     ("consent_form", "written"), ("consent", "on")], tokenFrom: "/verwijzingen/nieuw")
            try await browser.logout()
            let referral = try #require(try await app.services.referrals.referrals(municipalityID: try await app.municipality("GM9901").id).first)
            try await browser.login("provider@lindewaard.example")
            let path = "/verwijzingen/\(referral.id)"
            let noReason = try await browser.post(path + "/status", [("status", "declined"), ("feedback", "Helaas vol.")], tokenFrom: path)
            #expect(noReason.status == .unprocessableContent && noReason.contains("Kies een reden") && noReason.contains("Helaas vol."))
            let noStep = try await browser.post(path + "/status", [("feedback", "Nog even wachten")], tokenFrom: path)
            #expect(noStep.status == .unprocessableContent && noStep.contains("Kies een volgende stap.") && noStep.contains("Nog even wachten"))
            try await browser.post(path + "/status", [("status", "declined"), ("reason", "no_capacity"), ("feedback", "Vol tot de zomer.")], tokenFrom: path)
            #expect(try await app.services.referrals.referral(id: referral.id, municipalityID: referral.municipalityID)?.declineReason == .noCapacity)
            try await browser.logout()
            // This person did not agree to feedback: the referrer sees the status, not the provider's words.
            try await browser.login("referrer@lindewaard.example")
            let seen = try await browser.get(path)
            #expect(seen.contains("afgewezen") && !seen.contains("Vol tot de zomer.") && seen.contains("geen toestemming voor terugkoppeling"))
        }
    }

    @Test func suggestionsOnATrajectoryFollowTheRulesAndShowTheirReasons() async throws {
        try await TestApp.withBrowser { app, browser in
            _ = try await Self.seeded(app)
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            let professional = try await app.user("professional@lindewaard.example")
            try await app.services.trajectories.update(trajectory.id, on: app.services.clock.today, kind: "notes", text: "3", by: professional.id) {
                $0.assessment.forms = [.emotional]
            }
            try await browser.login("professional@lindewaard.example")
            let page = try await browser.get("/trajecten/\(trajectory.id)/suggesties")
            #expect(page.status == .ok)
            let first = try #require(page.body.firstMatch(of: /<li class="pair">\s*<h2 class="pair-title"><a href="[^"]+">([^<]+)<\/a> <span class="score">([^<]+)<\/span>/))
            #expect(first.2.hasPrefix("één-op-één"), "emotional loneliness → one-to-one first, got \(first.1) \(first.2)")
            #expect(page.contains("Emotionele eenzaamheid: contact met één persoon past het best (+30 punten)"))
            // Left out of the ranking, and listed below it with the reason.
            let ranking = page.body.components(separatedBy: #"<details id="niet-voorgesteld">"#)[0]
            #expect(!ranking.contains("Weekendtref"), "a condition the person does not have excludes it")
            #expect(!ranking.contains("Join us"), "too old for it")
            #expect(page.contains("Weekendtref</a>: Alleen voor mensen met psychische kwetsbaarheid"))
            #expect(page.contains("/verwijzingen/nieuw?activiteit="))
            try await browser.logout()
            try await browser.login("volunteer@lindewaard.example")
            #expect(try await browser.get("/trajecten/\(trajectory.id)/suggesties").status == .forbidden)
        }
    }
}

private extension CatalogueActivity {
    func municipality(_ app: TestApp) async throws -> UUID { try await app.municipality("GM9901").id }
}
