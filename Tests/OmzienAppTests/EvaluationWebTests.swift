import FluentKit
import Foundation
import Hummingbird
import HummingbirdTesting
import OmzienCore
import Testing
@testable import OmzienApp

/// The evaluation through the web app, on a hand-made year of casework in the demo municipality:
/// 12 signals in Noord and 3 in Zuid in 2026 (and one in 2025), 11 consents and one refusal, 11 trajectories
/// measured twice and closed. The loader (SQL on SQLite or PostgreSQL) must give the facts the core counts.
@Suite struct EvaluationWebTests {
    static func at(_ year: Int, _ month: Int, _ day: Int) -> Date {
        Date(timeIntervalSince1970: Double(CivilDate(year: year, month: month, day: day)!.dayNumber) * 86_400 + 10 * 3_600)
    }

    static func names(_ prefix: String, _ count: Int) -> [String] { (1...count).map { "\(prefix) Testpersoon\($0)" } }

    /// Seeds the year and returns the residents' names (which no analyst page may show).
    @discardableResult
    static func seedYear(_ app: TestApp, clock: ManualClock) async throws -> [String] {
        let services = app.services
        let lindewaard = try await app.municipality("GM9901")
        let professional = try await app.user("professional@lindewaard.example")
        func draft(_ name: String, postcode: String) -> SignalDraft {
            SignalDraft(source: .resident, reporterRelation: .neighbour, reporterName: nil, reporterEmail: nil, reporterPhone: nil,
                        reporterUserID: nil, reporterOrganisationID: nil, concern: "Zorgen om \(name)", indicators: [.withdrawn], duration: .weeks,
                        personName: name, birthYear: 1945, ageBand: .from75to84, postcode: postcode, houseNumber: "1", street: "Laan", phone: nil)
        }
        func receive(_ name: String, postcode: String, on date: Date) async throws -> Signal {
            clock.set(date)
            let district = try await services.signalService.district(forPostcode: postcode, in: [lindewaard.id])
            return try await services.signalService.receive(draft(name, postcode: postcode), municipalityID: lindewaard.id, districtID: district?.id)
        }
        let noord = names("Noord", 12), zuid = names("Zuid", 3)
        var consented: [Signal] = []
        for (index, name) in noord.enumerated() {
            let signal = try await receive(name, postcode: "9403 AB", on: at(2026, 3, 2))
            let declines = index == 11
            let attempt = ContactAttempt(id: UUID(), onDate: CivilDate(year: 2026, month: 3, day: declines ? 4 : 5)!, channel: .phone,
                                         outcome: declines ? .declined : .consented, note: "", consentForm: declines ? nil : .verbal,
                                         declineReason: declines ? "nu niet" : nil, recordedBy: professional.id)
            try await services.signals.record(attempt, signal: signal, followUpOn: declines ? CivilDate(year: 2026, month: 6, day: 4) : nil)
            if declines {
                let again = ContactAttempt(id: UUID(), onDate: CivilDate(year: 2026, month: 6, day: 6)!, channel: .phone, outcome: .notReached,
                                           note: "", consentForm: nil, declineReason: nil, recordedBy: professional.id)
                try await services.signals.record(again, signal: signal, followUpOn: nil)
            } else {
                consented.append(signal)
            }
        }
        for name in zuid { _ = try await receive(name, postcode: "9406 CD", on: at(2026, 4, 1)) }
        _ = try await receive("Vorigjaar Testpersoon", postcode: "9403 AB", on: at(2025, 6, 1))
        // Eleven trajectories: 8 → 4 for five people, 8 → 2 (a level down) for six.
        for (index, signal) in consented.enumerated() {
            let trajectory = try await services.trajectories.start(
                municipalityID: lindewaard.id, personID: signal.personID, teamID: signal.teamID, professionalID: professional.id,
                signalID: signal.id, on: CivilDate(year: 2026, month: 3, day: 10)!, by: professional.id)
            try await services.trajectories.addMeasurement(trajectory.id, on: CivilDate(year: 2026, month: 3, day: 12)!, answers: [:],
                                                           score: DJGScore(version: .eleven, total: 8, emotional: 4, social: 4))
            try await services.trajectories.addGoal(trajectory.id, description: "Samen wandelen", resource: .volunteer, dueOn: nil, agreed: true)
            let after = index < 5 ? 4 : 2
            try await services.trajectories.addMeasurement(trajectory.id, on: CivilDate(year: 2026, month: 9, day: 1)!, answers: [:],
                                                           score: DJGScore(version: .eleven, total: after, emotional: after / 2, social: after - after / 2))
            try await services.trajectories.update(trajectory.id, on: CivilDate(year: 2026, month: 9, day: 1)!, kind: "closed", text: "", by: professional.id) {
                $0.assessment.duration = .situational
                $0.assessment.motivation = .oriented
                $0.assessment.coping = .active
                $0.assessment.forms = [.social]
                $0.isOpen = false
                $0.closedOn = CivilDate(year: 2026, month: 9, day: 1)
                $0.closeReason = .goalsMet
            }
        }
        clock.set(at(2026, 12, 1))
        return noord + zuid + ["Vorigjaar Testpersoon"]
    }

    static func withYear(_ body: @Sendable (TestApp, Browser, [String]) async throws -> Void) async throws {
        let clock = ManualClock(at(2026, 12, 1))
        let app = try await TestApp.make(clock: clock.clock)
        let names = try await seedYear(app, clock: clock)
        try await app.run { client in try await body(app, Browser(client), names) }
    }

    @Test func theLoaderGivesTheCoreTheFactsOfTheYear() async throws {
        try await Self.withYear { app, _, _ in
            let lindewaard = try await app.municipality("GM9901")
            let entry = try await app.services.evaluationCache.facts(municipalityID: lindewaard.id)
            let counts = entry.facts.counts(EvaluationScope(period: .year(2026), asOf: CivilDate(year: 2026, month: 12, day: 1)!))
            #expect(counts.signals == 15 && counts.people == 15)
            #expect(counts.signalsByDistrict == ["Noord": 12, "Zuid": 3])
            // The refusal was followed by an attempt that did not reach the person.
            #expect(counts.signalsByOutcome == ["consented": 11, "not_reached": 1, "awaiting": 3])
            // Eleven reached after 3 days, the refusal after 2.
            #expect(counts.daysToFirstContact.histogram.map(\.days) == [2, 3] && counts.daysToFirstContact.histogram.map(\.count) == [1, 11])
            // The Zuid signals were due on 8 April (five working days after 1 April).
            #expect(counts.awaitingOverdue == 3)
            // Called again two days after the follow-up date: on time.
            #expect(counts.followUps == ["on_time": 1])
            #expect(counts.trajectoriesStarted == 11 && counts.trajectoriesActive == 11)
            #expect(counts.pairs["all"]?["all"] == [ScorePair(version: .eleven, before: 8, after: 4): 5, ScorePair(version: .eleven, before: 8, after: 2): 6])
            #expect(counts.pairs["profile"]?.keys.sorted() == ["actieven"])
            #expect(counts.pairs["form"]?.keys.sorted() == ["social"])
            #expect(counts.pairs["intervention"]?.keys.sorted() == ["volunteer"])
            #expect(counts.pairs["district"]?.keys.sorted() == ["Noord"])
            #expect(entry.facts.counts(EvaluationScope(period: .year(2025), asOf: CivilDate(year: 2025, month: 12, day: 31)!)).signals == 1)
        }
    }

    @Test func theAnalystSeesTheYearWithSmallCellsHiddenAndNoPersonalData() async throws {
        try await Self.withYear { app, browser, names in
            try await browser.login("analyst@lindewaard.example")
            let page = try await browser.get("/evaluatie?jaar=2026")
            #expect(page.status == .ok)
            #expect(page.contains("We bereikten 15 personen met 15 signalen."))
            // Zuid has 3 signals; Noord would give them away (15 − 12), so both are hidden; Oost shows its 0.
            #expect(page.contains(#"<th scope="row">Zuid</th><td class="suppressed">afgeschermd</td>"#))
            #expect(page.contains(#"<th scope="row">Noord</th><td class="suppressed">afgeschermd</td>"#))
            #expect(page.contains(#"<th scope="row">Oost</th><td class="">0</td>"#))
            #expect(page.contains(#"<th scope="row">Totaal</th><td class="">15</td>"#))
            // Eleven pairs: mean change (5·−4 + 6·−6)/11 = −5.09, six of eleven down a level.
            #expect(page.contains(#"<th scope="row">DJG-11</th><td class="">11</td><td class="">8,0</td><td class="">2,9</td><td class="">−5,1 ("#))
            #expect(page.contains("54,5%"))
            #expect(page.contains("De helft van de mensen had binnen 3,0 dagen een eerste contact."))
            #expect(page.contains("<svg") && page.contains(#"role="img""#))
            for name in names { #expect(!page.contains(name), "\(name) on the dashboard") }
            let csv = try await browser.get("/evaluatie/csv?jaar=2026")
            #expect(csv.status == .ok)
            #expect(csv.contains("2026-01-01/2026-12-31,,reach_district,reach,district,Zuid,count,suppressed"))
            #expect(csv.contains("2026-01-01/2026-12-31,,reach_overview,reach,signals,,count,15"))
            for name in names { #expect(!csv.contains(name)) }
            // Filtered to Noord: its twelve signals would reveal Zuid's three (15 − 12), so the view hides them too.
            let lindewaard = try await app.municipality("GM9901")
            let noord = try #require(try await app.services.organisations.districts(municipalityID: lindewaard.id).first { $0.name == "Noord" })
            let filtered = try await browser.get("/evaluatie?jaar=2026&wijk=\(noord.id)")
            #expect(!filtered.contains("We bereikten 12 mensen"))
            #expect(filtered.contains("De aantallen signalen en mensen zijn afgeschermd"))
            #expect(filtered.contains(#"<option value="\#(noord.id.uuidString)" selected>Noord</option>"#))
            let filteredCSV = try await browser.get("/evaluatie/csv?jaar=2026&wijk=\(noord.id)")
            #expect(filteredCSV.contains("2026-01-01/2026-12-31,wijk=Noord,reach_overview,reach,signals,,count,suppressed"))
            #expect(!filteredCSV.contains(",count,12\n"))
            // The eleven trajectories are all in Noord: the same in both views, so they stay visible.
            #expect(filteredCSV.contains("2026-01-01/2026-12-31,wijk=Noord,reach_overview,reach,trajectories_started,,count,11"))
            let trail = try await app.services.auditTrail.entries(AuditQuery(municipalityID: lindewaard.id, recordType: "evaluation"))
            #expect(trail.contains { $0.recordType == "evaluation" && $0.detail.contains("wijk=\(noord.id)") })
        }
    }

    @Test func aBadFilterKeepsTheOthersAndAnotherMunicipalitysDistrictIsRefused() async throws {
        try await Self.withYear { app, browser, _ in
            try await browser.login("coordinator@lindewaard.example")
            let bad = try await browser.get("/evaluatie?jaar=2025&van=2026-13-45&leeftijd=75_84")
            #expect(bad.status == .unprocessableContent)
            #expect(bad.contains("Vul een datum in als 2026-01-31."))
            #expect(bad.contains(#"<option value="75_84" selected>"#) && bad.contains(#"<option value="2025" selected>"#))
            #expect(bad.contains(#"class="error-summary""#))
            let beekdal = try await app.municipality("GM9902")
            let theirs = try #require(try await app.services.organisations.districts(municipalityID: beekdal.id).first)
            let foreign = try await browser.get("/evaluatie?wijk=\(theirs.id)")
            #expect(foreign.status == .unprocessableContent && foreign.contains("Kies een waarde uit de lijst."))
            #expect(try await browser.get("/evaluatie?van=2026-05-01&tot=2026-04-01").contains("De einddatum moet na de begindatum liggen."))
        }
    }

    @Test func aFinalisedReportKeepsItsFiguresAndCommentary() async throws {
        let clock = ManualClock(Self.at(2026, 12, 1))
        let app = try await TestApp.make(clock: clock.clock)
        try await Self.seedYear(app, clock: clock)
        try await app.run { client in
            let browser = Browser(client)
            try await browser.login("analyst@lindewaard.example")
            let draft = try await browser.get("/evaluatie/rapport/2026")
            #expect(draft.status == .ok && draft.contains("Concept, cijfers van 1 december 2026"))
            #expect(draft.contains("Aantal 2026") && draft.contains("Aantal 2025"))
            // Without the tick the report is not finalised and the typed text stays.
            let refused = try await browser.post("/evaluatie/rapport/2026/vaststellen", [("commentary_reach", "Meer melders in Noord.")], tokenFrom: "/evaluatie/rapport/2026")
            #expect(refused.status == .unprocessableContent && refused.contains("Meer melders in Noord.") && refused.contains(#"class="error-summary""#))
            let saved = try await browser.post("/evaluatie/rapport/2026", [("commentary_reach", "Meer melders in Noord.\n\nTweede alinea.")], tokenFrom: "/evaluatie/rapport/2026")
            #expect(saved.status == .seeOther)
            #expect(try await browser.get("/evaluatie/rapport/2026").contains("<p>Tweede alinea.</p>"))
            let final = try await browser.post("/evaluatie/rapport/2026/vaststellen", [("commentary_reach", "Meer melders in Noord."), ("confirm", "on")],
                                                tokenFrom: "/evaluatie/rapport/2026")
            #expect(final.status == .seeOther)
            // New casework after finalising changes the dashboard, not the report.
            clock.set(Self.at(2026, 12, 1).addingTimeInterval(600))
            let lindewaard = try await app.municipality("GM9901")
            _ = try await app.services.signalService.receive(
                SignalDraft(source: .selfReport, reporterRelation: .myself, reporterName: nil, reporterEmail: nil, reporterPhone: nil, reporterUserID: nil,
                            reporterOrganisationID: nil, concern: "Ik zie niemand", indicators: [.saysLonely], duration: .months, personName: "Laat Testpersoon",
                            birthYear: nil, ageBand: .unknown, postcode: nil, houseNumber: nil, street: nil, phone: nil),
                municipalityID: lindewaard.id, districtID: nil)
            let after = try await browser.get("/evaluatie?jaar=2026")
            #expect(after.contains("We bereikten 16 personen met 16 signalen."), "\(after.body.components(separatedBy: "Samenvatting").dropFirst().first?.prefix(300) ?? "")")
            let kept = try await browser.get("/evaluatie/rapport/2026")
            #expect(kept.contains("We bereikten 15 personen met 15 signalen.") && kept.contains("Vastgesteld op 1 december 2026"))
            #expect(kept.contains("<p>Meer melders in Noord.</p>") && !kept.contains("<textarea"))
            let again = try await browser.post("/evaluatie/rapport/2026", [("commentary_reach", "Anders")], tokenFrom: "/evaluatie/rapport/2026")
            #expect(again.location == "/evaluatie/rapport/2026?vastgesteld=1")
            #expect(try await browser.get("/evaluatie/rapport/2026").contains("<p>Meer melders in Noord.</p>"))
            let csv = try await browser.get("/evaluatie/rapport/2026/csv")
            #expect(csv.contains("2026,,reach_overview,reach,signals,,count,15") && csv.contains("2025,,reach_overview,reach,signals,,count,"))
            // Coordinators read the report but do not write it.
            let coordinator = Browser(client)
            try await coordinator.login("coordinator@lindewaard.example")
            #expect(try await coordinator.get("/evaluatie/rapport/2026").status == .ok)
            #expect(try await coordinator.post("/evaluatie/rapport/2026", [("commentary_reach", "x")], tokenFrom: "/start").status == .forbidden)
        }
    }
}
