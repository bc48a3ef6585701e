import Foundation
import Hummingbird
import HummingbirdTesting
import OmzienCore
import Testing
@testable import OmzienApp

@Suite struct TrajectoryTests {
    /// DJG-11 answers giving `lonelyItems` unfavourable answers (on the first items), the rest favourable.
    static func answers(lonely lonelyItems: Int) -> [(String, String)] {
        (1...11).map { item in
            let positive = DJGItem.item(item).isPositive
            let lonely = item <= lonelyItems
            return ("q\(item)", lonely ? (positive ? "nee" : "ja") : (positive ? "ja" : "nee"))
        } + [("version", "djg11"), ("section", "3")]
    }

    @Test func aFullJourneyFromConsentToClosingShowsOnTheTimeline() async throws {
        try await TestApp.withBrowser { app, browser in
            let signal = try await SignalFixtures.signalInProfessionalsTeam(app)
            try await browser.login("professional@lindewaard.example")
            try await browser.post("/signalen/\(signal.id)/contact", [("channel", "visit"), ("outcome", "consented"), ("consent_form", "written")],
                                   tokenFrom: "/signalen/\(signal.id)")
            #expect(try await browser.get("/signalen/\(signal.id)").contains("Traject starten"))
            let started = try await browser.post("/signalen/\(signal.id)/traject", tokenFrom: "/signalen/\(signal.id)")
            let location = try #require(started.location)
            let id = String(try #require(location.firstMatch(of: /\/trajecten\/([A-F0-9-]+)/)).1)
            let page = "/trajecten/\(id)"
            #expect(try await browser.get(page + "?fase=3").contains("Meting met de De Jong Gierveld-schaal"))

            // Listening and a first measurement (7 of 11 unfavourable answers: moderately lonely).
            try await browser.post(page + "/luisteren", [
                ("situation", "Woont alleen sinds het overlijden van haar man."), ("causes", "network_change"), ("duration", "situational"),
                ("motivation", "oriented"), ("coping", "passive"), ("readiness", "knows"), ("readiness", "wants"), ("forms", "emotional"),
            ], tokenFrom: page)
            try await browser.post(page + "/meting", Self.answers(lonely: 7), tokenFrom: page)
            let listened = try await browser.get(page + "?fase=3")
            #expect(listened.contains("Achterblijvers"))
            #expect(listened.contains("Eerst werken aan: kan iets veranderen"))
            #expect(listened.contains("matig eenzaam"))

            // Network map and a plan with two goals, one with a volunteer.
            try await browser.post(page + "/netwerk", [("member_name", "Dochter Anja"), ("relation", "family"), ("circle", "1"),
                                                       ("frequency", "weekly"), ("support", "practical")], tokenFrom: page)
            try await browser.post(page + "/netwerk", [("member_name", "Buurvrouw"), ("relation", "neighbour"), ("circle", "2"),
                                                       ("frequency", "monthly")], tokenFrom: page)
            let network = try await browser.get(page + "?fase=5")
            #expect(network.contains("2 personen; 2 met goed contact"))
            #expect(network.contains("Steun die niemand geeft: emotioneel, gezelschap"))
            try await browser.post(page + "/doelen", [("goal", "Samen koffie drinken met een maatje"), ("resource", "volunteer"),
                                                      ("due_on", "2027-01-15"), ("agreed", "on")], tokenFrom: page)
            try await browser.post(page + "/doelen", [("goal", "Dochter belt elke zondag"), ("resource", "own_network"), ("agreed", "on")], tokenFrom: page)
            let plan = try await browser.get(page + "?fase=6")
            // Kanteling order: own network before volunteer.
            let own = try #require(plan.body.range(of: "Dochter belt elke zondag"))
            let volunteer = try #require(plan.body.range(of: "Samen koffie drinken met een maatje"))
            #expect(own.lowerBound < volunteer.lowerBound)
            #expect(plan.contains("Vrijwilliger"))
            let goals = try await app.services.trajectories.goals(UUID(uuidString: id)!)
            try await browser.post(page + "/doelen/\(goals[0].id)?status=done", tokenFrom: page)

            // Review: a second, lower measurement, then close.
            try await browser.post(page + "/fase", [("fase", "7")], tokenFrom: page)
            try await browser.post(page + "/meting", Self.answers(lonely: 2).map { $0.0 == "section" ? ("section", "7") : $0 }, tokenFrom: page)
            let review = try await browser.get(page + "?fase=7")
            #expect(review.contains("Eerste meting 7, laatste meting 2: 5 punten lager. Een lagere score betekent minder eenzaam."))
            #expect(review.contains("Doelen bereikt: 1 van 2."))
            let closed = try await browser.post(page + "/afsluiten", [("close_reason", "goals_met"), ("close_note", "Gaat goed")], tokenFrom: page)
            #expect(closed.location?.contains("afgesloten=1") == true)
            let final = try await browser.get(page)
            // Only pages with several forms load the (optional) unsaved-changes script, from our own origin.
            #expect(final.contains(#"<script src="/static/omzien.js"></script>"#))
            #expect(try await browser.get("/static/omzien.js").headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(final.contains("Afgesloten op"))
            let timeline = try #require(final.body.firstMatch(of: /id="timeline"[^>]*>(.*?)<\/ol>/.dotMatchesNewlines()).map { String($0.1) })
            for text in ["Signaal ontvangen", "Contactpoging: Bereikt: wil steun", "Traject gestart na een signaal", "Situatie en achtergrond vastgelegd", "Meting DJG-11: 7 (matig eenzaam)", "Netwerkkaart aangevuld",
                         "Doel toegevoegd: Samen koffie drinken met een maatje (Vrijwilliger)", "Doel bereikt: Dochter belt elke zondag",
                         "Naar fase: Terug- en vooruitblikken", "Meting DJG-11: 2 (niet eenzaam)", "Afgesloten: Doelen bereikt"] {
                #expect(timeline.contains(text), "timeline misses \(text)")
            }
            let stored = try #require(try await app.services.trajectories.trajectory(id: UUID(uuidString: id)!, municipalityID: signal.municipalityID))
            #expect(!stored.isOpen && stored.closeReason == .goalsMet)
        }
    }

    @Test func validationFailuresKeepEverythingTyped() async throws {
        try await TestApp.withBrowser { app, browser in
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            let page = "/trajecten/\(trajectory.id)"
            try await browser.login("professional@lindewaard.example")
            let goal = try await browser.post(page + "/doelen", [("goal", "Naar de zangroep"), ("resource", "activity"), ("due_on", "2001-01-01")], tokenFrom: page)
            #expect(goal.contains("Vul een datum van vandaag of later in"))
            #expect(goal.contains(#"id="veld-agreed-error""#))
            #expect(goal.status == .unprocessableContent)
            #expect(goal.contains(#"value="Naar de zangroep""#))
            #expect(goal.contains(#"value="activity" checked"#))
            #expect(goal.contains("Een doel komt alleen in het plan als de persoon het ermee eens is."))
            let member = try await browser.post(page + "/netwerk", [("member_name", "Kees"), ("relation", "friend")], tokenFrom: page)
            #expect(member.contains(#"value="Kees""#))
            #expect(member.contains("Kies hoe dichtbij."))
            var partial = Self.answers(lonely: 3)
            partial.removeAll { $0.0 == "q5" }
            let measurement = try await browser.post(page + "/meting", partial, tokenFrom: page)
            #expect(measurement.status == .unprocessableContent)
            #expect(measurement.contains("Niet genoeg antwoorden"))
            #expect(measurement.contains(#"name="q1" value="nee" checked"#))
            #expect(measurement.contains(#"name="q4" value="ja" checked"#))
            let contact = try await browser.post(page + "/contact", [("contact_on", "2999-01-01"), ("contact_kind", "visit"), ("contact_note", "Lang gesprek")], tokenFrom: page)
            #expect(contact.contains("Lang gesprek"))
            #expect(contact.contains("niet in de toekomst"))
            let close = try await browser.post(page + "/afsluiten", [("close_reason", "goals_met"), ("close_note", "Klaar")], tokenFrom: page)
            #expect(close.status == .unprocessableContent)
            #expect(close.contains("Doe eerst een tweede meting"))
            #expect(close.contains("Klaar"))
            // A reason why not is enough; moving away needs none.
            let moved = try await browser.post(page + "/afsluiten", [("close_reason", "moved")], tokenFrom: page)
            #expect(moved.status == .seeOther)
        }
    }

    @Test func onlyTheTeamAndCoordinatorsOpenATrajectoryAndEveryViewIsAudited() async throws {
        try await TestApp.withBrowser { app, browser in
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            let lindewaard = try await app.municipality("GM9901")
            let otherTeam = try #require(try await app.services.organisations.teams(municipalityID: lindewaard.id).first { $0.name == "Team Buitengebied" })
            let outsider = try await app.services.users.save(
                UserDraft(email: "buiten@lindewaard.example", name: "Bea Buiten", role: .professional, teamID: otherTeam.id), municipalityID: lindewaard.id)
            try await app.services.users.setPasswordHash(try await app.services.login.hash(DemoData.password), userID: outsider.id)

            try await browser.login("buiten@lindewaard.example")
            #expect(try await browser.get("/trajecten/\(trajectory.id)").status == .forbidden)
            #expect(!(try await browser.get("/trajecten")).contains("/trajecten/\(trajectory.id)"))
            try await browser.logout()
            try await browser.login("coordinator@lindewaard.example")
            #expect(try await browser.get("/trajecten/\(trajectory.id)").status == .ok)
            try await browser.logout()
            try await browser.login("volunteer@lindewaard.example")
            #expect(try await browser.get("/trajecten/\(trajectory.id)").status == .forbidden)
            let trail = try await app.services.auditTrail.entries(
                AuditQuery(municipalityID: lindewaard.id, recordType: "trajectory", recordID: trajectory.id.uuidString))
            #expect(trail.contains { $0.action == .read && $0.actorLabel == "coordinator@lindewaard.example" })
            #expect(trail.contains { $0.action == .accessDenied && $0.actorID == outsider.id })
        }
    }

    @Test func caseloadShowsPhaseAndNextActionAndTransferMovesIt() async throws {
        try await TestApp.withBrowser { app, browser in
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            let page = "/trajecten/\(trajectory.id)"
            try await browser.login("professional@lindewaard.example")
            try await browser.post(page + "/herinnering", [("remind_on", "2099-03-01"), ("remind_note", "Even bellen")], tokenFrom: page)
            let soonDate = app.services.clock.today.adding(days: 3)
            let soon = DateText.short(soonDate, .nl)   // the caseload is a table: "26-11-2026"
            try await browser.post(page + "/herinnering", [("remind_on", soonDate.description), ("remind_note", "Vragen hoe de zangroep was")], tokenFrom: page)
            let agenda = try await browser.get("/agenda")
            #expect(agenda.contains("Vragen hoe de zangroep was"))
            #expect(agenda.contains(DateText.long(soonDate, .nl)))
            let caseload = try await browser.get("/trajecten")
            #expect(caseload.contains("<th scope=\"col\">Fase</th>"))
            #expect(caseload.contains("3. Luisteren"))
            #expect(caseload.contains(soon))   // the earliest open reminder is the next action
            let coordinator = try await app.user("coordinator@lindewaard.example")
            let moved = try await browser.post(page + "/overdragen", [("colleague", coordinator.id.uuidString), ("transfer_note", "Ik ga met verlof")], tokenFrom: page)
            #expect(moved.location == "/trajecten")
            #expect(!(try await browser.get("/trajecten")).contains(page))
            let stored = try #require(try await app.services.trajectories.trajectory(id: trajectory.id, municipalityID: trajectory.municipalityID))
            #expect(stored.professionalID == coordinator.id)
            let events = try await app.services.trajectories.timeline(trajectory.id)
            #expect(events.contains { $0.kind == "transfer" && $0.text.contains("Ik ga met verlof") })
        }
    }

    @Test func aTrajectoryStartsOnlyWithConsent() async throws {
        try await TestApp.withBrowser { app, browser in
            let signal = try await SignalFixtures.signalInProfessionalsTeam(app)
            try await browser.login("professional@lindewaard.example")
            #expect(try await browser.post("/signalen/\(signal.id)/traject", tokenFrom: "/signalen/\(signal.id)").status == .badRequest)
            let direct = try await browser.post("/trajecten", [("person_name", "Gerard"), ("postcode", "9403 AA"), ("house_number", "4")],
                                                tokenFrom: "/trajecten/nieuw")
            #expect(direct.status == .unprocessableContent)
            #expect(direct.contains(#"value="Gerard""#))
            let started = try await browser.post("/trajecten", [("person_name", "Gerard"), ("consent_form", "verbal")], tokenFrom: "/trajecten/nieuw")
            #expect(started.location?.hasPrefix("/trajecten/") == true)
        }
    }
}
