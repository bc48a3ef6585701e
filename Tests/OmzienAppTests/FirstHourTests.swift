import Foundation
import Hummingbird
import HummingbirdTesting
import OmzienCore
import Testing
@testable import OmzienApp

/// Issue 16, what users hit in their first hour: a consented signal that dropped out of sight, a closing
/// note nobody could read, closed trajectories that vanished (and could still be changed), and the
/// referral pages that did not say who referred or lead back to the person.
@Suite struct FirstHourTests {
    @Test func aConsentedSignalStaysInTheQueueAndOnTheStartPageUntilItsTrajectoryStarts() async throws {
        try await TestApp.withBrowser { app, browser in
            let signal = try await SignalFixtures.signalInProfessionalsTeam(app)
            try await SignalFixtures.recordConsent(app, signal)
            try await browser.login("professional@lindewaard.example")
            let queue = try await browser.get("/signalen")
            #expect(queue.contains("Truus Bakker") && queue.contains("Traject starten") && queue.contains("/signalen/\(signal.id)"),
                    "the person who said yes is in the queue, marked to start a trajectory")
            let start = try await browser.get("/start")
            #expect(start.contains("1 persoon gaf toestemming; het traject is nog niet gestart"))
            #expect(try await browser.get("/berichten").contains("Toestemming gegeven, start het traject: Truus Bakker"))

            #expect(try await browser.post("/signalen/\(signal.id)/traject", tokenFrom: "/signalen/\(signal.id)").status == .seeOther)
            #expect(!(try await browser.get("/signalen").contains("Traject starten")), "gone from the queue once the trajectory runs")
            #expect(!(try await browser.get("/start").contains("gaf toestemming")))
        }
    }

    @Test func theClosingNoteIsShownOnThePageAndInTheTimeline() async throws {
        try await TestApp.withBrowser { app, browser in
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            try await browser.login("professional@lindewaard.example")
            let page = "/trajecten/\(trajectory.id)?fase=7"
            let closed = try await browser.post("/trajecten/\(trajectory.id)/afsluiten",
                                                [("close_reason", "moved"), ("close_note", "Verhuist naar haar dochter in Zwolle.")], tokenFrom: page)
            #expect(closed.status == .seeOther)
            let after = try await browser.get("/trajecten/\(trajectory.id)")
            #expect(after.body.components(separatedBy: "Verhuist naar haar dochter in Zwolle.").count - 1 == 2,
                    "once at the top with the closing, once in the timeline")
            #expect(after.contains("Toelichting bij afsluiten"))
        }
    }

    @Test func closedTrajectoriesAreFindableReadOnlyAndCanBeReopened() async throws {
        try await TestApp.withBrowser { app, browser in
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            try await browser.login("professional@lindewaard.example")
            let page = "/trajecten/\(trajectory.id)"
            #expect(try await browser.get("/trajecten?afgesloten=1").contains("Geen afgesloten trajecten."), "an empty closed list says so")
            let contact = [("contact_kind", "phone"), ("minutes", "10"), ("contact_note", "Gebeld")]
            #expect(try await browser.post(page + "/contact", contact, tokenFrom: page).status == .seeOther, "open: a contact can be logged")
            #expect(try await browser.post(page + "/afsluiten", [("close_reason", "moved")], tokenFrom: page + "?fase=7").status == .seeOther)

            #expect(!(try await browser.get("/trajecten").contains("Truus Bakker")), "the running list has only running trajectories")
            let closedList = try await browser.get("/trajecten?afgesloten=1")
            #expect(closedList.contains("Truus Bakker") && closedList.contains("afgesloten op"), "closed ones are found under their own tab")

            // A stale page's form is refused by the server, with a page that says why.
            let refused = try await browser.post(page + "/contact", contact, tokenFrom: page)
            #expect(refused.status == .conflict && refused.contains("Traject is afgesloten"))
            let contacts = try await app.services.trajectories.timeline(trajectory.id).filter { $0.kind == "contact" }
            #expect(contacts.count == 1, "nothing was stored on the closed trajectory")

            let closedPage = try await browser.get(page)
            #expect(closedPage.contains("Traject heropenen") && !closedPage.contains(#"action="/trajecten/\#(trajectory.id)/contact""#))
            #expect(try await browser.post(page + "/heropenen", tokenFrom: page).status == .seeOther)
            let reopened = try await browser.get(page)
            #expect(reopened.contains("Traject heropend") && !reopened.contains("Traject heropenen"))
            #expect(try await browser.post(page + "/contact", contact, tokenFrom: page).status == .seeOther)
            #expect(try await browser.get("/trajecten").contains("Truus Bakker"))
        }
    }

    @Test func theProviderSeesWhoReferredAndCountsOnTheStartPageAndTheReferrerFindsThePerson() async throws {
        try await TestApp.withBrowser { app, browser in
            let activity = try #require(try await CatalogueWebTests.seeded(app).first { $0.name == "Huiskamer van de buurt" })
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            try await browser.login("professional@lindewaard.example")
            let form = "/verwijzingen/nieuw?activiteit=\(activity.id)&traject=\(trajectory.id)"
            let sent = try await browser.post("/verwijzingen", OneCurrentConsentTests.referralFields(activity.id, trajectory, request: "Graag.", consent: true),
                                              tokenFrom: form)
            let referralPath = try #require(sent.location?.split(separator: "?").first.map(String.init))
            let own = try await browser.get(referralPath)
            #expect(own.contains(#"href="/trajecten/\#(trajectory.id)""#) && own.contains("Naar het dossier van Truus Bakker"))
            try await browser.logout()

            try await browser.login("provider@lindewaard.example")
            #expect(try await browser.get("/start").contains("Nieuwe verwijzingen om te beantwoorden: 1"))
            let received = try await browser.get(referralPath)
            let professional = try await app.user("professional@lindewaard.example")
            #expect(received.contains("Verwezen door") && received.contains(professional.name) && received.contains(professional.email))
            #expect(!received.contains("Naar het dossier van"), "the provider has no business in the person's file")
        }
    }

    @Test func reachedButThinkingAboutItIsAnOutcomeOfItsOwnWithTheDateOfTheNextContact() async throws {
        try await TestApp.withBrowser { app, browser in
            let signal = try await SignalFixtures.signalInProfessionalsTeam(app)
            try await browser.login("professional@lindewaard.example")
            let page = "/signalen/\(signal.id)"
            let form = try await browser.get(page)
            #expect(form.contains("Bereikt: denkt erover na of afspraak gemaakt"))
            let undated = try await browser.post(page + "/contact", [("channel", "visit"), ("outcome", "reached"), ("note", "Komt erop terug")],
                                                 tokenFrom: page)
            #expect(undated.status == .unprocessableContent && undated.contains("de datum van het volgende contact") && undated.contains("Komt erop terug"),
                    "the date of the next contact is required; what was typed stays")
            let next = app.services.clock.today.adding(days: 5)
            let dated = try await browser.post(page + "/contact", [("channel", "visit"), ("outcome", "reached"), ("follow_up_on", next.description)],
                                               tokenFrom: page)
            #expect(dated.status == .seeOther)
            let stored = try #require(try await app.services.signals.signal(id: signal.id, municipalityID: signal.municipalityID))
            #expect(stored.status == .inConversation && stored.followUpOn == next)
            #expect(!stored.status.awaitsFirstContact, "the first contact was made: it cannot become overdue")
            let queue = try await browser.get("/signalen")
            #expect(queue.contains("In gesprek, volgend contact gepland"), "still in the queue until the person decides")
            let agenda = try await browser.get("/agenda")
            #expect(agenda.contains(DateText.long(next, .nl)) && agenda.contains("Truus Bakker"), "the next contact is on the agenda")
        }
    }

    @Test func goalsMetMustAgreeWithThePlanAndTheProvidersAnswerReachesTheFile() async throws {
        try await TestApp.withBrowser { app, browser in
            let activity = try #require(try await CatalogueWebTests.seeded(app).first { $0.name == "Huiskamer van de buurt" })
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            try await browser.login("professional@lindewaard.example")
            let page = "/trajecten/\(trajectory.id)"
            #expect(try await browser.post(page + "/doelen", [("goal", "Naar de huiskamer"), ("resource", "activity"), ("agreed", "on")],
                                           tokenFrom: page + "?fase=5").status == .seeOther)
            let form = "/verwijzingen/nieuw?activiteit=\(activity.id)&traject=\(trajectory.id)"
            let sent = try await browser.post("/verwijzingen", OneCurrentConsentTests.referralFields(activity.id, trajectory, request: "Graag.", consent: true),
                                              tokenFrom: form)
            let referralPath = try #require(sent.location?.split(separator: "?").first.map(String.init))
            try await browser.logout()
            try await browser.login("provider@lindewaard.example")
            #expect(try await browser.post(referralPath + "/status", [("status", "accepted")], tokenFrom: referralPath).status == .seeOther)
            try await browser.logout()

            try await browser.login("professional@lindewaard.example")
            let review = try await browser.get(page + "?fase=7")
            #expect(review.contains("Verwijzing naar Huiskamer van de buurt: geaccepteerd"), "the provider's answer is in the timeline and the review")
            let refused = try await browser.post(page + "/afsluiten", [("close_reason", "goals_met"), ("no_measurement_reason", "Wil niet opnieuw")],
                                                 tokenFrom: page + "?fase=7")
            #expect(refused.status == .unprocessableContent && refused.contains("niet alle doelen in het plan zijn bereikt"))
            let explained = try await browser.post(page + "/afsluiten", [("close_reason", "goals_met"), ("no_measurement_reason", "Wil niet opnieuw"),
                                                                       ("close_note", "Gaat al zelf naar de huiskamer; het doel zelf is niet afgevinkt.")],
                                                   tokenFrom: page + "?fase=7")
            #expect(explained.status == .seeOther, "with a reason why, it may be closed so")
        }
    }

    @Test func onePressMovesOnToTheNextPhaseAndListeningMeasuresBeforeAskingForTheForms() async throws {
        try await TestApp.withBrowser { app, browser in
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            try await browser.login("professional@lindewaard.example")
            let page = "/trajecten/\(trajectory.id)"
            let current = try await browser.get(page)
            let next = try #require(Phase(rawValue: trajectory.phase.rawValue + 1))
            #expect(current.contains("Klaar met deze fase: verder naar \(next.rawValue)."), "the current phase offers the next one")
            let moved = try await browser.post(page + "/fase", [("fase", String(next.rawValue))], tokenFrom: page)
            #expect(moved.status == .seeOther && moved.location?.contains("fase=\(next.rawValue)") == true, "and lands on it")
            #expect(try await app.services.trajectories.trajectory(id: trajectory.id, municipalityID: trajectory.municipalityID)?.phase == next)

            let listening = try await browser.get(page + "?fase=3").body
            let measurement = try #require(listening.range(of: "Meting met de De Jong Gierveld-schaal")?.lowerBound)
            let forms = try #require(listening.range(of: #"name="forms""#)?.lowerBound)
            #expect(measurement < forms, "the measurement comes before the forms of loneliness it points to")
        }
    }

    @Test func aReferralServingAGoalProposesTheGoalsResultWhenItSucceeds() async throws {
        try await TestApp.withBrowser { app, browser in
            let activity = try #require(try await CatalogueWebTests.seeded(app).first { $0.name == "Huiskamer van de buurt" })
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            try await browser.login("professional@lindewaard.example")
            let page = "/trajecten/\(trajectory.id)"
            _ = try await browser.post(page + "/doelen", [("goal", "Naar de huiskamer"), ("resource", "activity"), ("agreed", "on")], tokenFrom: page + "?fase=5")
            let goal = try #require(try await app.services.trajectories.goals(trajectory.id).first)
            let form = "/verwijzingen/nieuw?activiteit=\(activity.id)&traject=\(trajectory.id)"
            #expect(try await browser.get(form).contains("Voor welk doel uit het plan"), "the form offers the plan's open goals")
            let sent = try await browser.post("/verwijzingen", OneCurrentConsentTests.referralFields(activity.id, trajectory, request: "Graag.", consent: true)
                                                  + [("goal", goal.id.uuidString)], tokenFrom: form)
            let referralPath = try #require(sent.location?.split(separator: "?").first.map(String.init))
            #expect(try await app.services.referrals.referrals(municipalityID: trajectory.municipalityID).first?.goalID == goal.id)
            try await browser.logout()
            try await browser.login("provider@lindewaard.example")
            for step in ["accepted", "started"] {
                _ = try await browser.post(referralPath + "/status", [("status", step)], tokenFrom: referralPath)
            }
            _ = try await browser.post(referralPath + "/status", [("status", "successful"), ("feedback", "Komt elke week.")], tokenFrom: referralPath)
            try await browser.logout()
            try await browser.login("professional@lindewaard.example")
            let plan = try await browser.get(page + "?fase=6")
            #expect(plan.contains("Naar de huiskamer") && plan.contains("de verwijzing is gelukt: zet dit doel op bereikt"))
        }
    }
}
