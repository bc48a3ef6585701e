import Foundation
import Hummingbird
import HummingbirdTesting
import OmzienCore
import HTTPTypes
import Testing
@testable import OmzienApp

/// The public signal point and the work on signals, through HTTP.
@Suite struct PublicSignalFormTests {
    static let step1: [(String, String)] = [
        ("concern", "Mijn buurvrouw doet de gordijnen niet meer open."), ("indicators", "curtains_closed"),
        ("indicators", "withdrawn"), ("duration", "weeks"), ("danger", "no"),
    ]
    static let step2: [(String, String)] = [
        ("relation", "neighbour"), ("reporter_name", "Henk Buurman"), ("reporter_email", "henk@example.nl"),
    ]
    static let step3: [(String, String)] = [
        ("person_name", "Truus Bakker"), ("postcode", "9403 ab"), ("house_number", "12"), ("age_band", "75_84"),
    ]

    /// Walks the form like a browser: each step posts the fields of that step plus what the page carried.
    static func submit(_ browser: Browser, _ answers: [[(String, String)]]) async throws -> Browser.Page {
        var page = try await browser.get("/melden")
        for (index, step) in answers.enumerated() {
            let carried = hiddenFields(page.body)
            page = try await browser.post("/melden", carried + step, csrf: page.csrfToken)
            if page.status != .ok, index < answers.count - 1 { return page }
        }
        return try await browser.post("/melden", hiddenFields(page.body), csrf: page.csrfToken)
    }

    static func hiddenFields(_ html: String) -> [(String, String)] {
        html.matches(of: /<input type="hidden" name="([^"]+)" value="([^"]*)">/).compactMap { match in
            match.1 == "_csrf" ? nil : (String(match.1), decodeEntities(String(match.2)))
        }
    }

    static func decodeEntities(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test func aResidentReportsANeighbourAndItIsRoutedToTheDistrictTeam() async throws {
        try await TestApp.withBrowser { app, browser in
            let done = try await Self.submit(browser, [Self.step1, Self.step2, Self.step3])
            #expect(done.status == .created)
            #expect(done.contains("Bedankt voor uw melding"))
            let code = try #require(done.body.firstMatch(of: /id="kenmerk">([A-Z0-9-]+)</).map { String($0.1) })
            let reference = try #require(ReferenceCode(code))
            let signal = try #require(try await app.services.signals.signal(code: reference))
            let lindewaard = try await app.municipality("GM9901")
            let team = try #require(try await app.services.organisations.teams(municipalityID: lindewaard.id).first { $0.id == signal.teamID })
            #expect(team.name == "Sociaal wijkteam Noord-Oost")
            #expect(signal.municipalityID == lindewaard.id)
            #expect(signal.status == .new)
            #expect(signal.indicators == [.curtainsClosed, .withdrawn])
            #expect(signal.source == .resident)
            #expect(signal.reporterEmail == "henk@example.nl")
            // Five working days from today.
            #expect(signal.contactDue == WorkingDays.adding(5, to: app.services.clock.today))
            let trail = try await app.services.auditTrail.entries(AuditQuery(municipalityID: lindewaard.id, recordType: "signal"))
            #expect(trail.contains { $0.action == .create && $0.actorLabel == "anoniem" })
        }
    }

    @Test func residentsFindTheFormFromTheHomePage() async throws {
        try await TestApp.withBrowser { _, browser in
            let home = try await browser.get("/")
            #expect(home.contains(#"href="/melden""#))
            #expect(home.contains(#"href="/melden/status""#))
            let first = try await browser.get("/melden")
            #expect(first.contains("dementie"))   // the caution is shown where signals are recorded
            #expect(!first.contains("<script"))
        }
    }

    @Test func theCheckPageSummarisesAndWarnsAboutDementiaAndDepression() async throws {
        try await TestApp.withBrowser { _, browser in
            var page = try await browser.get("/melden")
            #expect(page.contains("Stap 1 van 3"))
            for step in [Self.step1, Self.step2, Self.step3] {
                page = try await browser.post("/melden", Self.hiddenFields(page.body) + step, csrf: page.csrfToken)
            }
            #expect(page.contains("Controleer uw melding"))
            #expect(page.contains("Mijn buurvrouw doet de gordijnen niet meer open."))
            #expect(page.contains("beginnende dementie of een depressie"))
            #expect(page.contains("huisarts"))   // "withdrawn" suggests the GP
            #expect(page.contains("Wat gebeurt er nu?"))
            #expect(page.contains("Wat doen wij met uw gegevens?"))
            // Going back keeps everything.
            let back = try await browser.post("/melden", Self.hiddenFields(page.body) + [("terug", "1")], csrf: page.csrfToken)
            #expect(back.contains(#"value="Truus Bakker""#))
        }
    }

    @Test func missingAndInvalidFieldsAreExplainedAndNothingTypedIsLost() async throws {
        try await TestApp.withBrowser { app, browser in
            let first = try await browser.get("/melden")
            let empty = try await browser.post("/melden", [("stap", "1"), ("indicators", "curtains_closed")], csrf: first.csrfToken)
            #expect(empty.status == .unprocessableContent)
            #expect(empty.contains("Vertel wat u ziet of merkt."))
            #expect(empty.contains("Kies of er nu direct gevaar is."))
            #expect(empty.contains(#"value="curtains_closed" checked"#))
            var page = try await browser.post("/melden", Self.step1, csrf: first.csrfToken)
            let badContact = try await browser.post("/melden", Self.hiddenFields(page.body) + [
                ("relation", "family"), ("reporter_name", "Ans"), ("reporter_email", "ans-at-home"),
            ], csrf: page.csrfToken)
            #expect(badContact.status == .unprocessableContent)
            #expect(badContact.contains("Vul een geldig e-mailadres in"))
            #expect(badContact.contains(#"value="ans-at-home""#))
            #expect(badContact.contains("Mijn buurvrouw doet de gordijnen niet meer open."))   // step 1 still carried
            page = try await browser.post("/melden", Self.hiddenFields(badContact.body) + [("relation", "family"), ("anonymous", "on")], csrf: page.csrfToken)
            let badPerson = try await browser.post("/melden", Self.hiddenFields(page.body) + [("postcode", "94AB"), ("birth_year", "46")], csrf: page.csrfToken)
            #expect(badPerson.contains("Vul een naam in, of de postcode en het huisnummer."))
            #expect(badPerson.contains("Vul een postcode in zoals 9401 AB."))
            #expect(badPerson.contains("Vul een geboortejaar in van vier cijfers"))
            #expect(try await app.services.signals.signals(municipalityID: try await app.municipality("GM9901").id, statuses: SignalStatus.allCases).isEmpty)
        }
    }

    @Test func acuteDangerShowsTheEmergencyNumbersAndStoresNothing() async throws {
        try await TestApp.withBrowser { app, browser in
            let first = try await browser.get("/melden")
            let page = try await browser.post("/melden", [("stap", "1"), ("concern", "Hij reageert niet"), ("duration", "days"), ("danger", "yes")],
                                              csrf: first.csrfToken)
            #expect(page.contains("112"))
            #expect(page.contains("0800-0113"))
            #expect(page.contains("niet opgeslagen"))
            #expect(try await app.services.signals.signals(municipalityID: try await app.municipality("GM9901").id, statuses: SignalStatus.allCases).isEmpty)
        }
    }

    @Test func theHoneypotLooksLikeSuccessButStoresNothing() async throws {
        try await TestApp.withBrowser { app, browser in
            let first = try await browser.get("/melden")
            let page = try await browser.post("/melden", Self.step1 + [("website", "http://spam.example")], csrf: first.csrfToken)
            #expect(page.status == .created)
            #expect(try await app.services.signals.signals(municipalityID: try await app.municipality("GM9901").id, statuses: SignalStatus.allCases).isEmpty)
        }
    }

    @Test func aThousandRapidSubmissionsAreThrottledButNormalUseIsNot() async throws {
        try await TestApp.withBrowser(configure: { $0.publicFormsPerHour = 20 }) { app, browser in
            var check = try await browser.get("/melden")
            for step in [Self.step1, Self.step2, Self.step3] {
                check = try await browser.post("/melden", Self.hiddenFields(check.body) + step, csrf: check.csrfToken)
            }
            let fields = Self.hiddenFields(check.body)
            let token = try #require(check.csrfToken)
            // Normal use: a few reports from one address go through.
            for _ in 0..<3 { #expect(try await browser.post("/melden", fields, csrf: token).status == .created) }
            var statuses: [HTTPResponse.Status: Int] = [:]
            for _ in 0..<1000 { statuses[try await browser.post("/melden", fields, csrf: token).status, default: 0] += 1 }
            #expect(statuses[.created] == 17)
            #expect(statuses[.tooManyRequests] == 983)
            let stored = try await app.services.signals.signals(municipalityID: try await app.municipality("GM9901").id, statuses: SignalStatus.allCases)
            #expect(stored.count == 20)
        }
    }

    @Test func behindAProxyEachClientHasItsOwnLimit() async throws {
        try await TestApp.withBrowser(configure: { $0.publicFormsPerHour = 2; $0.behindProxy = true }) { _, browser in
            let form = try await browser.get("/melden/status")
            let token = try #require(form.csrfToken)
            let lookUp = { (client: String) in
                try await browser.client.execute(
                    uri: "/melden/status", method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "omzien_csrf=\(browser.cookieSnapshot["omzien_csrf"]!)",
                              HTTPField.Name("X-Forwarded-For")!: "203.0.113.9, \(client)"],
                    body: ByteBuffer(string: "code=x&_csrf=\(token)")).status
            }
            #expect(try await lookUp("198.51.100.1") == .ok)
            #expect(try await lookUp("198.51.100.1") == .ok)
            #expect(try await lookUp("198.51.100.1") == .tooManyRequests)
            #expect(try await lookUp("198.51.100.2") == .ok)
        }
    }

    @Test func theReporterSeesOnlyTheStatusAndOnlyWithContactDetails() async throws {
        try await TestApp.withBrowser { app, browser in
            let signal = try await SignalFixtures.signalInProfessionalsTeam(app)
            let anonymous = try await SignalFixtures.signalInProfessionalsTeam(app, draft: SignalFixtures.draft(name: "Piet", postcode: nil, email: nil))
            let form = try await browser.get("/melden/status")
            let received = try await browser.post("/melden/status", [("code", signal.referenceCode.lowercased())], csrf: form.csrfToken)
            #expect(received.contains("Ontvangen."))
            #expect(!received.contains("Truus"))
            let hidden = try await browser.post("/melden/status", [("code", anonymous.referenceCode)], csrf: form.csrfToken)
            #expect(hidden.contains("geen status"))
            let unknown = try await browser.post("/melden/status", [("code", "AAAA-AAAA-AAA")], csrf: form.csrfToken)
            #expect(unknown.contains("geen status"))
        }
    }
}

@Suite struct SignalWorkTests {
    @Test func theFullJourneyFromQueueToConsentIsVisibleToTheReporter() async throws {
        try await TestApp.withBrowser { app, browser in
            let signal = try await SignalFixtures.signalInProfessionalsTeam(app)
            try await browser.login("coordinator@lindewaard.example")
            let queue = try await browser.get("/signalen")
            #expect(queue.contains("Truus Bakker"))
            #expect(queue.contains("Sociaal wijkteam Noord-Oost"))
            try await browser.logout()

            try await browser.login("professional@lindewaard.example")
            let detail = try await browser.get("/signalen/\(signal.id)")
            #expect(detail.status == .ok)
            #expect(detail.contains("De gordijnen zijn al een week dicht."))
            let notReached = try await browser.post("/signalen/\(signal.id)/contact", [("channel", "phone"), ("outcome", "not_reached")],
                                                    tokenFrom: "/signalen/\(signal.id)")
            #expect(notReached.location == "/signalen/\(signal.id)?opgeslagen=1")
            let noConsentForm = try await browser.post("/signalen/\(signal.id)/contact", [("channel", "visit"), ("outcome", "consented"), ("note", "Koffie gedronken")],
                                                       tokenFrom: "/signalen/\(signal.id)")
            #expect(noConsentForm.status == .unprocessableContent)
            #expect(noConsentForm.contains("Kies hoe de toestemming is gegeven."))
            #expect(noConsentForm.contains("Koffie gedronken"))
            try await browser.post("/signalen/\(signal.id)/contact", [("channel", "visit"), ("outcome", "consented"), ("consent_form", "verbal")],
                                   tokenFrom: "/signalen/\(signal.id)")
            let after = try #require(try await app.services.signals.signal(id: signal.id, municipalityID: signal.municipalityID))
            #expect(after.status == .consented)
            let attempts = try await app.services.signals.attempts(signalID: signal.id)
            #expect(attempts.map(\.outcome) == [.notReached, .consented])

            let reporter = Browser(browser.client)
            let form = try await reporter.get("/melden/status")
            #expect(try await reporter.post("/melden/status", [("code", signal.referenceCode)], csrf: form.csrfToken).contains("In contact."))
        }
    }

    @Test func aRefusalComesBackInTheAgendaThreeMonthsLater() async throws {
        let clock = ManualClock(ISO8601DateFormatter().date(from: "2026-11-23T09:00:00Z")!)
        try await TestApp.withBrowser(clock: clock.clock) { app, browser in
            let signal = try await SignalFixtures.signalInProfessionalsTeam(app)
            try await browser.login("professional@lindewaard.example")
            try await browser.post("/signalen/\(signal.id)/contact", [("channel", "phone"), ("outcome", "declined"), ("decline_reason", "Red me wel")],
                                   tokenFrom: "/signalen/\(signal.id)")
            let stored = try #require(try await app.services.signals.signal(id: signal.id, municipalityID: signal.municipalityID))
            #expect(stored.followUpOn?.description == "2027-02-23")
            #expect(!(try await browser.get("/agenda")).body.contains("Truus Bakker</a></li></ul>\n<h2>"))
            clock.set(ISO8601DateFormatter().date(from: "2027-02-23T08:00:00Z")!)
            try await browser.login("professional@lindewaard.example")  // the earlier login has ended by now
            let agenda = try await browser.get("/agenda")
            let due = try #require(agenda.body.firstMatch(of: /id="agenda-due">(.*?)<\/ul>/.dotMatchesNewlines()).map { String($0.1) })
            #expect(due.contains("Truus Bakker"))
            #expect(due.contains("23 februari 2027"))
            let notifications = try await browser.get("/berichten")
            #expect(notifications.contains("Vandaag opnieuw contact: Truus Bakker"))
            clock.set(ISO8601DateFormatter().date(from: "2027-02-22T08:00:00Z")!)
            try await browser.login("professional@lindewaard.example")  // the earlier login has ended by now
            let dayBefore = try await browser.get("/agenda")
            let dueBefore = try #require(dayBefore.body.firstMatch(of: /id="agenda-due">(.*?)<\/ul>/.dotMatchesNewlines()).map { String($0.1) })
            #expect(!dueBefore.contains("Truus Bakker"))
        }
    }

    @Test func overdueFirstContactsAreHighlighted() async throws {
        let clock = ManualClock(ISO8601DateFormatter().date(from: "2026-11-23T09:00:00Z")!)
        try await TestApp.withBrowser(clock: clock.clock) { app, browser in
            _ = try await SignalFixtures.signalInProfessionalsTeam(app)
            try await browser.login("coordinator@lindewaard.example")
            let fresh = try await browser.get("/signalen")
            #expect(!fresh.contains("— te laat"))
            #expect(fresh.contains("<td>Op tijd</td>"))
            clock.advance(days: 8)   // past 5 working days (due Monday 30 November)
            try await browser.login("coordinator@lindewaard.example")  // the earlier login has ended by now
            let queue = try await browser.get("/signalen?te_laat=1")
            #expect(queue.contains("30-11-2026 — te laat"))
            #expect(queue.contains("<td>Te laat</td>"))
            #expect(try await browser.get("/berichten").contains("Eerste contact is te laat: Truus Bakker"))
        }
    }

    @Test func aSecondSignalAboutTheSamePersonIsDetectedAndMerged() async throws {
        try await TestApp.withBrowser { app, browser in
            let first = try await SignalFixtures.signalInProfessionalsTeam(app)
            let second = try await SignalFixtures.signalInProfessionalsTeam(app, draft: SignalFixtures.draft(name: "mevrouw op nummer 12", birthYear: nil))
            try await browser.login("professional@lindewaard.example")
            let detail = try await browser.get("/signalen/\(second.id)")
            #expect(detail.contains("Mogelijk dezelfde persoon"))
            #expect(detail.contains("zelfde adres"))
            let merged = try await browser.post("/signalen/\(second.id)/samenvoegen", [("target", first.id.uuidString)], tokenFrom: "/signalen/\(second.id)")
            #expect(merged.location == "/signalen/\(first.id)?samengevoegd=1")
            let after = try #require(try await app.services.signals.signal(id: second.id, municipalityID: second.municipalityID))
            #expect(after.status == .merged)
            #expect(after.personID == first.personID)
            #expect(try await app.services.signals.signals(personID: first.personID).count == 2)
            let file = try await browser.get("/signalen/\(first.id)")
            #expect(file.contains("Andere signalen over deze persoon"))
            #expect(!file.contains("Mogelijk dezelfde persoon"))
            // Merging into something that was not offered as a duplicate is refused.
            let other = try await SignalFixtures.signalInProfessionalsTeam(app, draft: SignalFixtures.draft(name: "Iemand Anders", postcode: "9404 CD", houseNumber: "3"))
            #expect(try await browser.post("/signalen/\(other.id)/samenvoegen", [("target", first.id.uuidString)], tokenFrom: "/signalen/\(other.id)").status == .notFound)
        }
    }

    @Test func professionalsOnlyWorkOnTheirOwnTeamsSignalsAndEveryViewIsAudited() async throws {
        try await TestApp.withBrowser { app, browser in
            let elsewhere = try await SignalFixtures.signalInProfessionalsTeam(app, draft: SignalFixtures.draft(postcode: "9406 AA"))
            let own = try await SignalFixtures.signalInProfessionalsTeam(app)
            try await browser.login("professional@lindewaard.example")
            #expect(try await browser.get("/signalen/\(elsewhere.id)").status == .forbidden)
            let queue = try await browser.get("/signalen")
            #expect(queue.contains("/signalen/\(own.id)"))
            #expect(!queue.contains("/signalen/\(elsewhere.id)"))
            try await browser.get("/signalen/\(own.id)")
            try await browser.get("/signalen/\(own.id)")
            let professional = try await app.user("professional@lindewaard.example")
            let views = try await app.services.auditTrail.entries(
                AuditQuery(municipalityID: own.municipalityID, recordType: "signal", recordID: own.id.uuidString))
            #expect(views.filter { $0.action == .read && $0.actorID == professional.id }.count == 2)
            let denied = try await app.services.auditTrail.entries(
                AuditQuery(municipalityID: own.municipalityID, recordType: "signal", recordID: elsewhere.id.uuidString))
            #expect(denied.contains { $0.action == .accessDenied })
            // Another municipality's admin cannot even find it.
            let beekdal = Browser(browser.client)
            try await beekdal.login("admin@beekdal.example")
            #expect(try await beekdal.get("/signalen/\(own.id)").status == .forbidden)
        }
    }

    @Test func theCoordinatorReassignsATeam() async throws {
        try await TestApp.withBrowser { app, browser in
            let signal = try await SignalFixtures.signalInProfessionalsTeam(app)
            let lindewaard = try await app.municipality("GM9901")
            let buitengebied = try #require(try await app.services.organisations.teams(municipalityID: lindewaard.id).first { $0.name == "Team Buitengebied" })
            try await browser.login("coordinator@lindewaard.example")
            try await browser.post("/signalen/\(signal.id)/team", [("team", buitengebied.id.uuidString)], tokenFrom: "/signalen/\(signal.id)")
            #expect(try await app.services.signals.signal(id: signal.id, municipalityID: lindewaard.id)?.teamID == buitengebied.id)
            try await browser.logout()
            try await browser.login("professional@lindewaard.example")
            #expect(try await browser.get("/signalen/\(signal.id)").status == .forbidden)
        }
    }

    @Test func partnersReportWithFewerStepsAndSeeOnlyTheStatus() async throws {
        try await TestApp.withBrowser { app, browser in
            try await browser.login("signaler@lindewaard.example")
            let created = try await browser.post("/signalen", [
                ("concern", "Huurder betaalt niet en doet niet open"), ("duration", "months"), ("danger", "no"),
                ("person_name", "Kees Huurder"), ("postcode", "9408 XY"), ("house_number", "3"),
            ], tokenFrom: "/signalen/nieuw")
            #expect(created.location?.hasPrefix("/signalen/mijn?nieuw=") == true)
            let mine = try await browser.get(created.location!)
            #expect(mine.contains("Uw melding is ontvangen"))
            #expect(mine.contains("Ontvangen."))
            #expect(!mine.contains("Kees Huurder"))
            let signaler = try await app.user("signaler@lindewaard.example")
            let stored = try #require(try await app.services.signals.signals(reportedBy: signaler.id, municipalityID: signaler.municipalityID).first)
            #expect(stored.source == .partner)
            #expect(stored.reporterOrganisationID == signaler.organisationID)
            #expect(try await browser.get("/signalen/\(stored.id)").status == .forbidden)
            // Another signaler does not see it.
            try await browser.logout()
            try await browser.login("referrer@lindewaard.example")
            #expect(!(try await browser.get("/signalen/mijn")).contains(stored.referenceCode))
        }
    }

    @Test func aPartnerReportingAcuteDangerGetsNumbersThatDialOnATap() async throws {
        try await TestApp.withBrowser { app, browser in
            try await browser.login("signaler@lindewaard.example")
            let page = try await browser.post(Route.signals().href, [
                ("concern", "Huurder dreigt zichzelf iets aan te doen"), ("duration", "days"), ("danger", "yes"),
                ("person_name", "Kees Huurder"), ("postcode", "9408 XY"), ("house_number", "3"),
            ], tokenFrom: Route.newSignal.href)
            #expect(page.status == .ok)
            // The same page a resident gets: each number is a tel: address, never an empty link.
            #expect(page.contains(#"<a class="button tel" href="tel:112">"#))
            #expect(page.contains(#"href="tel:08000113">0800-0113</a>"#))
            #expect(page.contains(#"href="tel:09008844">0900-8844</a>"#))
            #expect(!page.contains(#"href="""#))
            let signaler = try await app.user("signaler@lindewaard.example")
            #expect(try await app.services.signals.signals(reportedBy: signaler.id, municipalityID: signaler.municipalityID).isEmpty)
        }
    }

    @Test func aConcernFromAPreventiveHomeVisitCountsAsOutreach() async throws {
        try await TestApp.withBrowser { app, browser in
            try await browser.login("professional@lindewaard.example")
            let form = try await browser.get("/signalen/nieuw")
            #expect(form.contains("Bij een preventief huisbezoek"))
            #expect(form.contains("value=\"werk\" checked"))
            let fields = [("concern", "Mevrouw zat in het donker en had al dagen niemand gesproken"), ("duration", "months"), ("danger", "no"),
                          ("person_name", "Riet Bezoek"), ("postcode", "9401 AB"), ("house_number", "12")]
            // An unknown choice is refused and everything typed stays.
            let bad = try await browser.post("/signalen", fields + [("via", "telefoon")], tokenFrom: "/signalen/nieuw")
            #expect(bad.status == .unprocessableContent)
            #expect(bad.contains("Kies hoe u dit op het spoor kwam.") && bad.contains("Riet Bezoek") && bad.contains("al dagen niemand"))
            let created = try await browser.post("/signalen", fields + [("via", "huisbezoek")], tokenFrom: "/signalen/nieuw")
            #expect(created.location?.hasPrefix("/signalen/mijn?nieuw=") == true)
            let professional = try await app.user("professional@lindewaard.example")
            let stored = try #require(try await app.services.signals.signals(reportedBy: professional.id, municipalityID: professional.municipalityID).first)
            #expect(stored.source == .outreach && stored.reporterRelation == .professional)
            try await browser.logout()
            try await browser.login("coordinator@lindewaard.example")
            #expect(try await browser.get("/signalen/\(stored.id)").contains("Preventief huisbezoek"))
            let facts = try await app.services.evaluationCache.facts(municipalityID: professional.municipalityID).facts
            let today = app.services.clock.today
            let counts = facts.counts(EvaluationScope(period: EvaluationPeriod(from: today, through: today), asOf: today))
            #expect(counts.signalsBySource["outreach"] == 1)
        }
    }

    @Test func signalsWithoutContactAreAnonymisedAfterTheRetentionPeriod() async throws {
        let clock = ManualClock(ISO8601DateFormatter().date(from: "2026-01-05T09:00:00Z")!)
        let app = try await TestApp.make(clock: clock.clock)
        try await app.run { _ in
            let stale = try await SignalFixtures.signalInProfessionalsTeam(app)
            clock.set(ISO8601DateFormatter().date(from: "2026-11-23T09:00:00Z")!)
            let recent = try await SignalFixtures.signalInProfessionalsTeam(app, draft: SignalFixtures.draft(name: "Recent", postcode: "9404 AA"))
            let counts = try await app.services.retention.apply(
                municipalityID: stale.municipalityID, settings: RetentionSettings(), today: app.services.clock.today, now: app.services.clock.now(),
                dryRun: false, by: "test")
            #expect(counts.first { $0.kind == .uncontacted }?.count == 1)
            let old = try #require(try await app.services.signals.signal(id: stale.id, municipalityID: stale.municipalityID))
            #expect(old.status == .anonymised)
            #expect(old.reporterEmail == nil && old.concern.isEmpty)
            let person = try #require(try await app.services.signals.person(id: old.personID, municipalityID: old.municipalityID))
            #expect(person.name.isEmpty && person.houseNumber == nil && person.postcode == "9403")
            #expect(try await app.services.signals.signal(id: recent.id, municipalityID: recent.municipalityID)?.status == .new)
        }
    }
}

@Suite struct RoutingRuleTests {
    @Test func aCoordinatorSendsTheOldestResidentsOfADistrictToAnotherTeam() async throws {
        try await TestApp.withBrowser { app, browser in
            let lindewaard = try await app.municipality("GM9901")
            let teams = try await app.services.organisations.teams(municipalityID: lindewaard.id)
            let buitengebied = try #require(teams.first { $0.name == "Team Buitengebied" })
            let noord = try #require(try await app.services.organisations.districts(municipalityID: lindewaard.id).first { $0.name == "Noord" })
            try await browser.login("coordinator@lindewaard.example")
            let missing = try await browser.post("/routering", [("team", buitengebied.id.uuidString)], tokenFrom: "/routering")
            #expect(missing.status == .unprocessableContent)
            #expect(missing.contains("Kies minstens één voorwaarde"))
            let added = try await browser.post("/routering", [
                ("team", buitengebied.id.uuidString), ("district", noord.id.uuidString), ("age_bands", "85_plus"),
            ], tokenFrom: "/routering")
            #expect(added.status == .created)
            #expect(added.contains("85 jaar of ouder"))
            let oldest = try await SignalFixtures.signalInProfessionalsTeam(app, draft: SignalFixtures.draft(birthYear: 1935))
            let younger = try await SignalFixtures.signalInProfessionalsTeam(app, draft: SignalFixtures.draft(name: "Jonger", birthYear: 1960))
            #expect(oldest.teamID == buitengebied.id)
            #expect(younger.teamID == teams.first { $0.name == "Sociaal wijkteam Noord-Oost" }?.id)
            // Removing the rule restores the district routing.
            let rule = try #require(try await app.services.routingRules.rules(municipalityID: lindewaard.id).first)
            #expect(try await browser.post("/routering/\(rule.id)/verwijderen", tokenFrom: "/routering").location == "/routering")
            let later = try await SignalFixtures.signalInProfessionalsTeam(app, draft: SignalFixtures.draft(name: "Later", birthYear: 1935))
            #expect(later.teamID != buitengebied.id)
        }
    }
}

@Suite struct DemoSignalTests {
    @Test func theDemoHasSignalsAndTheStartPageSaysWhatNeedsAttention() async throws {
        let (location, drop) = try await TestApp.freshDatabase()
        let services = try await AppServices.make(configuration: TestApp.configuration(location), logger: TestApp.quietLogger)
        try await DemoData.seed(into: services)
        let app = Application(router: OmzienApplication.router(services: services), logger: TestApp.quietLogger)
        try await app.test(.router) { client in
            let browser = Browser(client)
            try await browser.login("professional@lindewaard.example")
            let start = try await browser.get("/start")
            // Team Noord-Oost serves Noord (Truus Bakker, twice) and Oost (Gerrit Mulder).
            #expect(start.contains("3 nieuwe signalen voor uw team"))
            let queue = try await browser.get("/signalen")
            #expect(queue.contains("Gerrit Mulder"))
            #expect(!queue.contains("Fatima El Amrani"))   // district Zuid belongs to another team
            let lindewaard = try #require(try await services.organisations.municipality(code: "GM9901"))
            let truus = try #require(try await services.signals.signals(municipalityID: lindewaard.id, statuses: [.new]).first { $0.1.name == "Truus Bakker" })
            #expect(try await browser.get("/signalen/\(truus.0.id)").contains("zelfde adres"))
        }
        try await services.database.shutdown()
        try await drop()
    }
}
