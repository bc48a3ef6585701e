import Testing
@testable import OmzienCore

/// Issue 16 item 19: date fields accept the Dutch way of writing a date (d-m-jjjj) and still ISO.
@Suite struct CivilDateInputTests {
    @Test(arguments: ["23-11-2026", "23/11/2026", "23-11-2026 ", " 23/11/2026", "2026-11-23"])
    func acceptsDutchAndISOSpellings(text: String) {
        #expect(CivilDate.fromInput(text) == CivilDate(year: 2026, month: 11, day: 23))
    }

    @Test(arguments: ["3-2-2027", "03-02-2027", "3/2/2027", "03/02/2027", "2027-02-03", "2027-2-3"])
    func acceptsOneOrTwoDigitDaysAndMonths(text: String) {
        #expect(CivilDate.fromInput(text) == CivilDate(year: 2027, month: 2, day: 3))
    }

    @Test(arguments: ["31-2-2026", "29-2-2026", "32-1-2026", "0-1-2026", "1-13-2026", "2026-02-30",   // no such day
                      "3-12-26", "3/12/26", "26-12-3",                                                // two-digit years are not guessed
                      "", "  ", "vandaag", "3-12", "3-12-2026-1", "3.12.2026", "3-12/2026", "2026/12/03",
                      "a-12-2026", "-3-12-2026", "3--2026", "123-1-2026", "+3-12-2026"])
    func refusesWhatIsNotADate(text: String) {
        #expect(CivilDate.fromInput(text) == nil)
    }

    @Test func leapDaysFollowTheCalendar() {
        #expect(CivilDate.fromInput("29-2-2028") == CivilDate(year: 2028, month: 2, day: 29))
        #expect(CivilDate.fromInput("29-2-2100") == nil)
    }

    @Test func dayMonthYearHasNoLeadingZerosAndDescriptionStaysISO() throws {
        let date = try #require(CivilDate(year: 2026, month: 12, day: 3))
        #expect(date.dayMonthYear == "3-12-2026")
        #expect(date.description == "2026-12-03", "storage, CSV and the API keep ISO")
        #expect(CivilDate.fromInput(date.dayMonthYear) == date, "what a field shows reads back as the same date")
    }
}
