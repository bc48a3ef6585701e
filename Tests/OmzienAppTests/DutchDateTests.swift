import Foundation
import Hummingbird
import HummingbirdTesting
import OmzienCore
import Testing
@testable import OmzienApp

/// Issue 16 item 19: people read "3 december 2026" (and "3-12-2026" in tables) and may type "23-11-2026";
/// CSV, JSON and stored values keep ISO.
@Suite struct DutchDateTests {
    static let third = CivilDate(year: 2026, month: 12, day: 3)!

    @Test func longFormWritesTheMonthName() {
        #expect(DateText.long(Self.third, .nl) == "3 december 2026")
        #expect(DateText.long(Self.third, .en) == "3 December 2026")
        #expect(DateText.long(CivilDate(year: 2027, month: 3, day: 21)!, .nl) == "21 maart 2027")
    }

    @Test func shortFormIsForTables() {
        #expect(DateText.short(Self.third, .nl) == "3-12-2026")
        #expect(DateText.short(Self.third, .en) == "3 Dec 2026")
        #expect(DateText.short(CivilDate(year: 2026, month: 5, day: 14)!, .en) == "14 May 2026")
    }

    @Test func inputFormIsTheSameInBothLanguagesAndReadsBack() {
        #expect(DateText.input(Self.third) == "3-12-2026")
        #expect(CivilDate.fromInput(DateText.input(Self.third)) == Self.third)
    }

    @Test func momentsUseTheDutchCalendarDay() throws {
        // 23:30 UTC on 2 December is already 3 December in the Netherlands.
        let lateEvening = try #require(ISO8601DateFormatter().date(from: "2026-12-02T23:30:00Z"))
        #expect(DateText.long(lateEvening, .nl) == "3 december 2026")
        #expect(DateText.short(lateEvening, .nl) == "3-12-2026")
    }

    @Test func staffPagesShowDutchDatesAndDateFieldsAcceptDayMonthYear() async throws {
        let clock = ManualClock(ISO8601DateFormatter().date(from: "2026-12-03T09:00:00Z")!)
        try await TestApp.withBrowser(clock: clock.clock) { app, browser in
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            let page = "/trajecten/\(trajectory.id)"
            try await browser.login("professional@lindewaard.example")
            let shown = try await browser.get(page)
            #expect(shown.contains("Gestart op 3 december 2026"))
            #expect(shown.contains("Bijvoorbeeld 23-11-2026."), "the hint shows the form people type")
            #expect(!shown.contains("Bijvoorbeeld 2026-"))

            let added = try await browser.post(page + "/herinnering", [("remind_on", "23-12-2026"), ("remind_note", "Even bellen")], tokenFrom: page)
            #expect(added.status == .seeOther)
            let reminders = try await app.services.trajectories.reminders(trajectory.id)
            #expect(reminders.map(\.onDate) == [CivilDate(year: 2026, month: 12, day: 23)!])
            #expect(try await browser.get(page).contains("23 december 2026: Even bellen"))

            for typed in ["31-2-2027", "3-1-27"] {
                let refused = try await browser.post(page + "/herinnering", [("remind_on", typed), ("remind_note", "Nog eens")], tokenFrom: page)
                #expect(refused.status == .unprocessableContent, "\(typed) is not a date")
                #expect(refused.contains(#"value="\#(typed)""#), "the field keeps what was typed")
                #expect(refused.contains("zoals 23-2-2027"))
            }
            #expect(try await app.services.trajectories.reminders(trajectory.id).count == 1)

            let agenda = try await browser.get("/agenda")
            #expect(agenda.contains("3 december 2026"), "today, in words")
        }
    }

    @Test func theQueueShowsShortDatesAndTheCSVKeepsISO() async throws {
        let clock = ManualClock(ISO8601DateFormatter().date(from: "2026-12-03T09:00:00Z")!)
        try await TestApp.withBrowser(clock: clock.clock) { app, browser in
            let signal = try await SignalFixtures.signalInProfessionalsTeam(app)
            try await browser.login("coordinator@lindewaard.example")
            let queue = try await browser.get("/signalen")
            #expect(queue.contains("<td>3-12-2026"), "the received column")
            #expect(!queue.contains("<td>2026-12-03"))
            let detail = try await browser.get("/signalen/\(signal.id)")
            #expect(detail.contains("3 december 2026"))
            let contact = try await browser.post("/signalen/\(signal.id)/contact",
                                                  [("channel", "phone"), ("outcome", "reached"), ("on_date", "2-12-2026"), ("follow_up_on", "15/1/2027")],
                                                  tokenFrom: "/signalen/\(signal.id)")
            #expect(contact.status == .seeOther)
            let stored = try #require(try await app.services.signals.signal(id: signal.id, municipalityID: signal.municipalityID))
            #expect(stored.followUpOn?.description == "2027-01-15")
            #expect(try await app.services.signals.attempts(signalID: signal.id).map(\.onDate.description) == ["2026-12-02"])
            let csv = try await browser.get("/evaluatie/csv?jaar=2026")
            #expect(csv.status == .ok)
            #expect(csv.contains("2026-01-01/2026-12-31"), "CSV keeps ISO dates")
            #expect(!csv.contains("1-1-2026") && !csv.contains("januari"))
        }
    }
}

/// Log tables show moments the same way: "3-12-2026 14:05", in Dutch time.
@Suite struct DutchMomentTests {
    @Test func momentsShowDayFirstAndDutchTime() throws {
        let moment = try #require(ISO8601DateFormatter().date(from: "2026-12-03T13:05:09Z"))
        #expect(DateText.moment(moment, .nl) == "3-12-2026 14:05")
        #expect(DateText.moment(moment, .nl, seconds: true) == "3-12-2026 14:05:09")
        let summer = try #require(ISO8601DateFormatter().date(from: "2026-07-01T22:30:00Z"))
        #expect(DateText.moment(summer, .nl) == "2-7-2026 00:30", "summer time is two hours ahead")
    }
}
