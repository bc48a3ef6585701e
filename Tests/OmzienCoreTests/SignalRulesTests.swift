import Testing
@testable import OmzienCore

@Suite struct ReferenceCodeTests {
    @Test func randomCodesReadBackAndLookRight() {
        for _ in 0..<200 {
            let code = ReferenceCode.random()
            #expect(code.value.count == 13)
            #expect(ReferenceCode(code.value) == code)
            #expect(ReferenceCode(String(code.value.lowercased().map { $0 == "-" ? " " : $0 })) == code)
        }
    }

    @Test func everySingleCharacterErrorIsCaught() {
        let code = ReferenceCode.random()
        let compact = Array(code.value.filter { $0 != "-" })
        for index in compact.indices {
            for replacement in ReferenceCode.alphabet where replacement != compact[index] {
                var typo = compact
                typo[index] = replacement
                #expect(ReferenceCode(String(typo)) == nil)
            }
        }
    }

    @Test func swapsOfNeighboursAreCaught() {
        for _ in 0..<50 {
            let compact = Array(ReferenceCode.random().value.filter { $0 != "-" })
            for index in 0..<(compact.count - 1) where compact[index] != compact[index + 1] {
                var swapped = compact
                swapped.swapAt(index, index + 1)
                #expect(ReferenceCode(String(swapped)) == nil)
            }
        }
    }

    @Test(arguments: ["", "ABCD", "MK7R-4QXT-9C0", "OOOO-OOOO-OOO", "MK7R4QXT9CAB", "UUUU-UUUU-UUU"])
    func rejectsMalformed(text: String) {
        #expect(ReferenceCode(text) == nil)
    }
}

@Suite struct WorkingDaysTests {
    @Test func civilDateRoundTripsAndKnowsWeekdays() throws {
        for number in stride(from: -1000, through: 40000, by: 37) {
            #expect(CivilDate(dayNumber: number).dayNumber == number)
        }
        #expect(try #require(CivilDate("2026-11-23")).weekday == 1)   // a Monday
        #expect(try #require(CivilDate("1970-01-01")).weekday == 4)   // a Thursday
        #expect(CivilDate("2026-02-29") == nil)
        #expect(CivilDate("2024-02-29") != nil)
    }

    @Test func monthsClampToTheMonthEnd() throws {
        #expect(try #require(CivilDate("2026-01-31")).adding(months: 1).description == "2026-02-28")
        #expect(try #require(CivilDate("2026-11-23")).adding(months: 3).description == "2027-02-23")
        #expect(try #require(CivilDate("2027-12-15")).adding(months: 1).description == "2028-01-15")
    }

    @Test func easterMatchesKnownDates() {
        #expect(WorkingDays.easterSunday(2024).description == "2024-03-31")
        #expect(WorkingDays.easterSunday(2025).description == "2025-04-20")
        #expect(WorkingDays.easterSunday(2026).description == "2026-04-05")
        #expect(WorkingDays.easterSunday(2027).description == "2027-03-28")
    }

    @Test func dutchHolidays() throws {
        let h2026 = WorkingDays.holidays(in: 2026).map(\.description)
        #expect(Set(h2026) == ["2026-01-01", "2026-04-06", "2026-04-27", "2026-05-14", "2026-05-25", "2026-12-25", "2026-12-26"])
        // 2025: King's Day moved to Saturday 26 April (27th is a Sunday); Liberation Day in a lustrum year.
        let h2025 = Set(WorkingDays.holidays(in: 2025).map(\.description))
        #expect(h2025.contains("2025-04-26"))
        #expect(h2025.contains("2025-05-05"))
    }

    @Test func addingWorkingDaysSkipsWeekendsAndHolidays() throws {
        let friday = try #require(CivilDate("2026-11-20"))
        #expect(WorkingDays.adding(5, to: friday).description == "2026-11-27")
        #expect(WorkingDays.adding(1, to: friday).description == "2026-11-23")
        // Christmas 2026 falls on Friday and Saturday: from Wednesday 23 Dec, 5 working days → Thu 31 Dec.
        #expect(WorkingDays.adding(5, to: try #require(CivilDate("2026-12-23"))).description == "2026-12-31")
        #expect(WorkingDays.adding(0, to: friday) == friday)
    }
}

@Suite struct RoutingTests {
    let rules = [
        RoutingRule(teamID: "north", districtID: "d-north"),
        RoutingRule(teamID: "south", districtID: "d-south"),
        RoutingRule(teamID: "elderly", districtID: "d-north", ageBands: [.from75to84, .over85]),
        RoutingRule(teamID: "youth", ageBands: [.under18]),
        RoutingRule(teamID: "gp-desk", partnerType: .gpPractice),
    ]

    @Test func districtDecidesByDefault() {
        #expect(SignalRouting.team(for: .init(districtID: "d-south", ageBand: .from40to64), rules: rules) == "south")
        #expect(SignalRouting.team(for: .init(districtID: "d-elsewhere", ageBand: .from40to64), rules: rules) == nil)
    }

    @Test func moreSpecificRulesWin() {
        #expect(SignalRouting.team(for: .init(districtID: "d-north", ageBand: .over85), rules: rules) == "elderly")
        #expect(SignalRouting.team(for: .init(districtID: "d-north", ageBand: .from65to74), rules: rules) == "north")
        #expect(SignalRouting.team(for: .init(districtID: nil, ageBand: .under18), rules: rules) == "youth")
        #expect(SignalRouting.team(for: .init(districtID: nil, ageBand: .unknown, partnerType: .gpPractice), rules: rules) == "gp-desk")
    }

    @Test func tiesGoToTheFirstRule() {
        let tied = [RoutingRule(teamID: "a", districtID: "d"), RoutingRule(teamID: "b", districtID: "d")]
        #expect(SignalRouting.team(for: .init(districtID: "d", ageBand: .unknown), rules: tied) == "a")
    }

    @Test func teamsTakeTheirDistrictsWithoutConfiguration() {
        let generated = SignalRouting.districtRules(teams: [("t1", ["d1", "d2"]), ("t2", ["d3"])])
        #expect(SignalRouting.team(for: .init(districtID: "d2", ageBand: .unknown), rules: generated) == "t1")
        #expect(SignalRouting.team(for: .init(districtID: "d3", ageBand: .unknown), rules: generated) == "t2")
    }

    @Test func ageBands() {
        #expect(AgeBand.of(birthYear: 1940, in: 2026) == .over85)
        #expect(AgeBand.of(birthYear: 1951, in: 2026) == .from75to84)
        #expect(AgeBand.of(birthYear: 2010, in: 2026) == .under18)
    }
}

@Suite struct DuplicateMatcherTests {
    @Test func sameNameAndBirthYearMatchDespiteCaseAccentsAndSpaces() {
        let a = PersonKey(name: "Jan de Vries", birthYear: 1944)
        #expect(DuplicateMatcher.match(a, PersonKey(name: "jan  de Vriës", birthYear: 1944)) == .sameNameAndBirthYear)
        #expect(DuplicateMatcher.match(a, PersonKey(name: "Jan de Vries", birthYear: 1945)) == nil)
        #expect(DuplicateMatcher.match(a, PersonKey(name: "Jan de Vries")) == nil)
        #expect(DuplicateMatcher.match(PersonKey(name: "", birthYear: 1944), PersonKey(name: "", birthYear: 1944)) == nil)
    }

    @Test func sameAddressMatchesWhateverTheName() {
        let a = PersonKey(name: "mevrouw op nummer 12", postcode: "9403 ab", houseNumber: "12 a")
        #expect(DuplicateMatcher.match(a, PersonKey(name: "Truus Bakker", postcode: "9403AB", houseNumber: "12A")) == .sameAddress)
        #expect(DuplicateMatcher.match(a, PersonKey(name: "Truus Bakker", postcode: "9403AB", houseNumber: "14")) == nil)
        #expect(DuplicateMatcher.match(PersonKey(name: "x", postcode: "9403AB"), PersonKey(name: "y", postcode: "9403AB")) == nil)
    }
}

@Suite struct RateLimitTests {
    @Test func allowsNormalUseAndThrottlesBursts() {
        let limit = RateLimit(limit: 5, window: 3600)
        var window = RateLimit.Window()
        let accepted = (0..<1000).filter { limit.accept(&window, now: Double($0) * 0.01) }.count
        #expect(accepted == 5)
        #expect(limit.accept(&window, now: 3600.5))  // the window has moved on
    }

    @Test func spreadOutSubmissionsAreNeverThrottled() {
        let limit = RateLimit(limit: 5, window: 3600)
        var window = RateLimit.Window()
        #expect((0..<50).allSatisfy { limit.accept(&window, now: Double($0) * 800) })
    }
}

@Suite struct SignalStatusTests {
    @Test func reportersSeeOnlyThreeStatuses() {
        #expect(Set(SignalStatus.allCases.map(\.publicStatus)) == [.received, .inContact, .completed])
        #expect(SignalStatus.new.publicStatus == .received)
        #expect(ContactOutcome.consented.resultingStatus.publicStatus == .inContact)
        #expect(ContactOutcome.notReached.resultingStatus == .contacting)
    }

    @Test func gpIsSuggestedForSignalsThatAlsoFitDementiaOrDepression() {
        #expect(SignalIndicator.decliningSelfCare.suggestsGP)
        #expect(!SignalIndicator.curtainsClosed.suggestsGP)
        #expect(Set(SignalIndicator.allCases.map(\.category)) == Set(SignalCategory.allCases))
    }
}

@Suite struct ClosingRulesTests {
    @Test func goalsMetAgreesOnlyWithAPlanWhoseEveryGoalWasReached() {
        #expect(CloseReason.goalsMet.agreesWithGoals([.done, .done]))
        #expect(!CloseReason.goalsMet.agreesWithGoals([.open]), "0 of 1 reached")
        #expect(!CloseReason.goalsMet.agreesWithGoals([.done, .open]))
        #expect(!CloseReason.goalsMet.agreesWithGoals([.done, .dropped]), "a dropped goal was not reached")
        #expect(!CloseReason.goalsMet.agreesWithGoals([]), "no plan, no goals met")
        for reason in CloseReason.allCases where reason != .goalsMet {
            #expect(reason.agreesWithGoals([]) && reason.agreesWithGoals([.open]), "\(reason) says nothing about the goals")
        }
    }
}

@Suite struct GoalProposalTests {
    @Test func aReferralProposesTheGoalsResultOnlyOnceItHasAnOutcome() {
        #expect(GoalProposal.after(referral: .successful) == .markMet)
        for status in [ReferralStatus.unsuccessful, .declined, .withdrawn] { #expect(GoalProposal.after(referral: status) == .reconsider) }
        for status in [ReferralStatus.sent, .accepted, .started] { #expect(GoalProposal.after(referral: status) == nil, "\(status) is under way") }
        // Every status is decided one way or the other.
        #expect(ReferralStatus.allCases.filter { GoalProposal.after(referral: $0) == nil }.count == 3)
    }

    @Test func aCouplingThatEndedAsPlannedProposesMetAndOneThatStoppedEarlyAnotherLook() {
        #expect(GoalProposal.afterCoupling(endedAsPlanned: true) == .markMet)
        #expect(GoalProposal.afterCoupling(endedAsPlanned: false) == .reconsider)
    }
}
