import Foundation
import Hummingbird
import HummingbirdTesting
import OmzienCore
import Testing
@testable import OmzienApp

@Suite struct CouplingWebTests {
    static let monday = "1-1", tuesday = "2-2"

    /// Registers a volunteer through the coordinator's form.
    static func register(_ browser: Browser, volunteerID: UUID, vogExpires: String = "2030-01-01", slots: [String] = [monday, tuesday],
                         interests: [String] = ["walking", "music"], trained: Bool = true) async throws -> Browser.Page {
        var fields = [("phone", "06-12345678"), ("intake_on", "2026-01-10"), ("vog_on", "2026-01-05"), ("vog_expires_on", vogExpires),
                      ("languages", "nl"), ("max_couplings", "2"), ("travel", "bike"), ("gender", "woman")]
        if trained { fields.append(("training_done", "on")) }
        fields += interests.map { ("interests", $0) } + slots.map { ("availability", $0) }
        return try await browser.post("/vrijwilligers/\(volunteerID)", fields, tokenFrom: "/vrijwilligers/\(volunteerID)")
    }

    /// A trajectory with a volunteer goal and a buddy request, made by the demo professional.
    static func waitingPerson(_ app: TestApp, _ browser: Browser) async throws -> Trajectory {
        let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
        try await browser.login("professional@lindewaard.example")
        let path = "/trajecten/\(trajectory.id)"
        try await browser.post(path + "/doelen", [("goal", "Samen wandelen op maandag"), ("resource", "volunteer"), ("agreed", "on")], tokenFrom: path + "?fase=6")
        let page = try await browser.get(path + "?fase=6")
        #expect(page.contains("/trajecten/\(trajectory.id)/maatje"), "the plan links to the buddy request")
        let refused = try await browser.post(path + "/maatje", [("interests", "walking"), ("languages", "nl"), ("availability", monday)], tokenFrom: path + "/maatje")
        #expect(refused.status == .unprocessableContent)
        #expect(refused.contains("Vink aan dat de persoon dit wil"))
        #expect(refused.contains(#"value="walking" checked"#), "input kept")
        let added = try await browser.post(path + "/maatje", [("interests", "walking"), ("languages", "nl"), ("availability", monday), ("consent", "on")],
                                           tokenFrom: path + "/maatje")
        #expect(added.status == .seeOther)
        #expect(try await browser.get(path + "/maatje").contains("Op de wachtlijst sinds"))
        try await browser.logout()
        return trajectory
    }

    @Test func fromRequestToProposalToAgreementCheckInAndBackup() async throws {
        try await TestApp.withBrowser { app, browser in
            let trajectory = try await Self.waitingPerson(app, browser)
            let volunteer = try await app.user("volunteer@lindewaard.example")
            try await browser.login("coordinator@lindewaard.example")
            // The registry: validation keeps input; a complete entry makes the volunteer available.
            let bad = try await browser.post("/vrijwilligers/\(volunteer.id)", [("vog_expires_on", "morgen"), ("languages", "nl"), ("max_couplings", "0"),
                                                                                  ("interests", "music")], tokenFrom: "/vrijwilligers/\(volunteer.id)")
            #expect(bad.status == .unprocessableContent)
            #expect(bad.contains("Vul een datum in zoals") && bad.contains("Vul een aantal in van 1 tot 10.") && bad.contains(#"value="morgen""#))
            #expect(try await Self.register(browser, volunteerID: volunteer.id).status == .seeOther)
            #expect(try await browser.get("/vrijwilligers").contains("Kan gekoppeld worden"))

            let waiting = try await browser.get("/koppelen")
            #expect(waiting.contains("Truus Bakker"))
            let proposal = try await browser.get("/koppelen/voorstel")
            #expect(proposal.contains("Truus Bakker") && proposal.contains(volunteer.name))
            #expect(proposal.contains("Samen: wandelen (+8)"), "the reasons are shown")
            #expect(proposal.contains("Kunnen allebei op: maandag ochtend (+4)"))
            #expect(proposal.contains("Wachtend: 1.") && proposal.contains("Voorstel: 1 paar met samen de meeste punten"), "one pair, not '1 paren'")
            #expect(proposal.contains(#"<span class="score">Punten: "#) && !proposal.contains("Score"), "the score label is Dutch")
            let request = try #require(try await app.services.couplings.requests(municipalityID: trajectory.municipalityID).first)
            let accepted = try await browser.post("/koppelen", [("request_id", request.id.uuidString), ("volunteer_id", volunteer.id.uuidString)],
                                                  tokenFrom: "/koppelen/voorstel")
            #expect(accepted.status == .seeOther)
            let couplingPath = try #require(accepted.location)
            #expect(try await browser.get("/koppelen").contains("Niemand wacht op een maatje."), "off the waiting list while proposed")
            try await browser.logout()

            // The volunteer sees the first name and the goals, not the phone or the file, and agrees.
            try await browser.login("volunteer@lindewaard.example")
            let coupling = try #require(try await app.services.couplings.couplings(municipalityID: trajectory.municipalityID).first)
            let own = try await browser.get("/mijn-koppelingen/\(coupling.id)")
            #expect(own.contains("<dd>Truus</dd>") && !own.contains("Bakker"))
            #expect(own.contains("Samen wandelen op maandag"))
            #expect(!own.contains("Lindelaan") && !own.contains("gordijnen"), "nothing of the trajectory file")
            try await browser.post("/mijn-koppelingen/\(coupling.id)/akkoord", tokenFrom: "/mijn-koppelingen/\(coupling.id)")
            #expect(try await browser.get("/trajecten/\(trajectory.id)").status == .forbidden)
            try await browser.logout()

            // The professional records the person's agreement: the coupling starts.
            try await browser.login("professional@lindewaard.example")
            try await browser.post(couplingPath + "/akkoord-persoon", [("agreed", "on")], tokenFrom: couplingPath)
            #expect(try await app.services.couplings.coupling(id: coupling.id, municipalityID: trajectory.municipalityID)?.status == .active)
            #expect(try await browser.get("/trajecten/\(trajectory.id)").contains("Ingestemd met de voorgestelde vrijwilliger"))
            try await browser.logout()

            // The volunteer logs a check-in (validation first) and asks for backup.
            try await browser.login("volunteer@lindewaard.example")
            let ownPath = "/mijn-koppelingen/\(coupling.id)"
            let missing = try await browser.post(ownPath + "/contact", [("on_date", "2999-01-01"), ("what", "Koffie gedronken")], tokenFrom: ownPath)
            #expect(missing.status == .unprocessableContent && missing.contains("Kies hoe het ging.") && missing.contains("Koffie gedronken"))
            try await browser.post(ownPath + "/contact", [("on_date", app.services.clock.today.description), ("what", "Rondje park"), ("how", "good")], tokenFrom: ownPath)
            try await browser.post(ownPath + "/hulp", [("note", "Ze was erg somber vandaag")], tokenFrom: ownPath)
            #expect(try await browser.get(ownPath + "?hulp=1").contains("Uw hulpvraag is doorgegeven"))
            try await browser.logout()

            // The professional sees the request in the messages and on the coupling page.
            try await browser.login("professional@lindewaard.example")
            let messages = try await browser.get("/berichten")
            #expect(messages.contains("Vrijwilliger vraagt om hulp bij Truus Bakker"))
            let page = try await browser.get(couplingPath)
            #expect(page.contains("Ze was erg somber vandaag") && page.contains("Rondje park"))
            let resolve = try #require(page.body.firstMatch(of: /action="(\/koppelingen\/[^"]+\/afgehandeld)"/).map { String($0.1) })
            try await browser.post(resolve, tokenFrom: couplingPath)
            #expect(!(try await browser.get("/berichten").contains("vraagt om hulp")))
            // Ending early needs a reason.
            #expect(try await browser.post(couplingPath + "/einde", [("end_kind", "early")], tokenFrom: couplingPath).location?.contains("fout=reden") == true)
            try await browser.post(couplingPath + "/einde", [("end_kind", "early"), ("end_reason", "moved")], tokenFrom: couplingPath)
            let ended = try #require(try await app.services.couplings.coupling(id: coupling.id, municipalityID: trajectory.municipalityID))
            #expect(ended.status == .ended && ended.endKind == .early && ended.endReason == "moved")
            let trail = try await app.services.auditTrail.entries(AuditQuery(municipalityID: trajectory.municipalityID, recordType: "coupling"))
            #expect(trail.contains { $0.action == .read && $0.actorLabel == "volunteer@lindewaard.example" })
        }
    }

    @Test func aVolunteerSeesOnlyTheirOwnCouplingsAndNoTrajectory() async throws {
        try await TestApp.withBrowser { app, browser in
            let trajectory = try await Self.waitingPerson(app, browser)
            let volunteer = try await app.user("volunteer@lindewaard.example")
            let other = try await app.addUser("tweede.vrijwilliger@lindewaard.example", role: .volunteer, municipality: "GM9901")
            try await browser.login("coordinator@lindewaard.example")
            _ = try await Self.register(browser, volunteerID: volunteer.id)
            let request = try #require(try await app.services.couplings.requests(municipalityID: trajectory.municipalityID).first)
            try await browser.post("/koppelen", [("request_id", request.id.uuidString), ("volunteer_id", volunteer.id.uuidString)], tokenFrom: "/koppelen")
            try await browser.logout()
            let coupling = try #require(try await app.services.couplings.couplings(municipalityID: trajectory.municipalityID).first)

            try await browser.login(other.email)
            #expect(try await browser.get("/mijn-koppelingen/\(coupling.id)").status == .notFound)
            #expect(try await browser.post("/mijn-koppelingen/\(coupling.id)/hulp", [("note", "x")], tokenFrom: "/mijn-koppelingen").status == .notFound)
            #expect(try await browser.post("/mijn-koppelingen/\(coupling.id)/akkoord", tokenFrom: "/mijn-koppelingen").status == .notFound)
            #expect(!(try await browser.get("/mijn-koppelingen").contains("Truus")))
            for path in ["/trajecten/\(trajectory.id)", "/koppelingen/\(coupling.id)", "/trajecten/\(trajectory.id)/maatje", "/koppelen", "/vrijwilligers"] {
                #expect(try await browser.get(path).status == .forbidden, "\(path)")
            }
            let denied = try await app.services.auditTrail.entries(AuditQuery(municipalityID: trajectory.municipalityID, actorID: other.id))
            #expect(denied.contains { $0.action == .accessDenied && $0.recordType == "coupling" })
        }
    }

    @Test func anExpiredCertificateOrMissingTrainingBlocksNewCouplingsAndTheServerChecksAgain() async throws {
        try await TestApp.withBrowser { app, browser in
            let trajectory = try await Self.waitingPerson(app, browser)
            let volunteer = try await app.user("volunteer@lindewaard.example")
            try await browser.login("coordinator@lindewaard.example")
            _ = try await Self.register(browser, volunteerID: volunteer.id, vogExpires: "2020-01-01")
            let list = try await browser.get("/vrijwilligers")
            #expect(list.contains(#"<strong class="overdue">VOG verlopen</strong>"#))
            let proposal = try await browser.get("/koppelen/voorstel")
            #expect(proposal.contains("geen vrijwilliger mogelijk, vooral: VOG verlopen"))
            let request = try #require(try await app.services.couplings.requests(municipalityID: trajectory.municipalityID).first)
            let forced = try await browser.post("/koppelen", [("request_id", request.id.uuidString), ("volunteer_id", volunteer.id.uuidString)],
                                                tokenFrom: "/koppelen")
            #expect(forced.status == .badRequest)
            #expect(try await app.services.couplings.couplings(municipalityID: trajectory.municipalityID).isEmpty)
            _ = try await Self.register(browser, volunteerID: volunteer.id, trained: false)
            #expect(try await browser.get("/vrijwilligers").contains("training nog niet gedaan"))
        }
    }

    @Test func aRejectedPairIsNotProposedAgainAndAWithdrawnProposalReturnsToTheList() async throws {
        try await TestApp.withBrowser { app, browser in
            let trajectory = try await Self.waitingPerson(app, browser)
            let volunteer = try await app.user("volunteer@lindewaard.example")
            try await browser.login("coordinator@lindewaard.example")
            _ = try await Self.register(browser, volunteerID: volunteer.id)
            let request = try #require(try await app.services.couplings.requests(municipalityID: trajectory.municipalityID).first)
            try await browser.post("/koppelen", [("request_id", request.id.uuidString), ("volunteer_id", volunteer.id.uuidString)], tokenFrom: "/koppelen")
            let coupling = try #require(try await app.services.couplings.couplings(municipalityID: trajectory.municipalityID).first)
            #expect(coupling.periodMonths == 12 && coupling.checkinDays == 14, "the defaults")
            let path = "/koppelingen/\(coupling.id)"
            let tooLong = try await browser.post(path + "/ritme", [("period_months", "30"), ("checkin_days", "7")], tokenFrom: path)
            #expect(tooLong.location?.contains("fout=ritme") == true)
            #expect(try await browser.get(tooLong.location!).contains("Vul een periode in van 6 tot 24 maanden"))
            try await browser.post(path + "/ritme", [("period_months", "18"), ("checkin_days", "7")], tokenFrom: path)
            let terms = try #require(try await app.services.couplings.coupling(id: coupling.id, municipalityID: trajectory.municipalityID))
            #expect(terms.periodMonths == 18 && terms.checkinDays == 7)
            try await browser.post("/koppelingen/\(coupling.id)/intrekken", tokenFrom: "/koppelingen/\(coupling.id)")
            #expect(try await browser.get("/koppelen").contains("Truus Bakker"), "back on the waiting list")
            try await browser.post("/koppelen/uitsluiten", [("request_id", request.id.uuidString), ("volunteer_id", volunteer.id.uuidString)],
                                   tokenFrom: "/koppelen/voorstel")
            let again = try await browser.get("/koppelen/voorstel")
            #expect(again.contains("uitgesloten voor deze persoon"))
        }
    }
}
