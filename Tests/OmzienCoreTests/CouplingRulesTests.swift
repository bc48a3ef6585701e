import Testing
@testable import OmzienCore

@Suite struct CouplingRulesTests {
    let today = CivilDate(year: 2026, month: 11, day: 23)!
    let monday = Slot(day: 1, part: .morning)!, tuesday = Slot(day: 2, part: .afternoon)!, friday = Slot(day: 5, part: .evening)!

    func volunteer(_ id: String = "v", interests: Set<Interest> = [.walking], availability: Set<Slot>? = nil, districts: Set<String>? = nil,
                   languages: Set<String> = ["nl"], capacity: Int = 1, active: Int = 0, vog: CivilDate? = CivilDate(year: 2027, month: 6, day: 1),
                   trained: Bool = true, gender: Gender? = nil) -> VolunteerProfile {
        VolunteerProfile(id: id, interests: interests, languages: languages, availability: availability ?? [monday], districts: districts,
                         gender: gender, maxCouplings: capacity, activeCouplings: active, vogExpiresOn: vog, trainingDone: trained)
    }

    func person(_ id: String = "p", interests: Set<Interest> = [.walking], availability: Set<Slot>? = nil, district: String? = "centrum",
                waitingDays: Int = 0, prefersOther: Bool = false, wish: Gender? = nil, excluded: Set<String> = []) -> CouplingCandidate {
        CouplingCandidate(id: id, interests: interests, availability: availability ?? [monday], districtID: district, preferredVolunteerGender: wish,
                          prefersOtherDistrict: prefersOther, waitingSince: today.adding(days: -waitingDays), excludedVolunteers: excluded)
    }

    @Test func hardConstraintsMakeAPairImpossible() {
        let cases: [(VolunteerProfile, CouplingCandidate, CouplingBlocker)] = [
            (volunteer(vog: nil), person(), .certificateMissing),
            (volunteer(vog: today.adding(days: -1)), person(), .certificateExpired),
            (volunteer(trained: false), person(), .trainingMissing),
            (volunteer(capacity: 2, active: 2), person(), .atCapacity),
            (volunteer(availability: [friday]), person(), .noCommonTime),
            (volunteer(languages: ["tr"]), person(), .noCommonLanguage),
            (volunteer(districts: ["noord"]), person(), .districtNotServed),
            (volunteer(districts: ["noord"]), person(district: nil), .districtNotServed),
            (volunteer(), person(excluded: ["v"]), .excluded),
        ]
        for (volunteer, person, blocker) in cases {
            let result = CouplingRules.assess(person, volunteer, today: today)
            #expect(!result.isPossible && result.blockers == [blocker], "\(blocker): \(result.blockers)")
            #expect(result.reasons.isEmpty)
        }
        // A certificate valid until today still counts.
        #expect(CouplingRules.assess(person(), volunteer(vog: today), today: today).isPossible)
    }

    @Test func theScoreIsTheSumOfTheReasonsShown() {
        let weights = CouplingRules.Weights()
        let result = CouplingRules.assess(
            person(interests: [.walking, .music, .cooking, .games], availability: [monday, tuesday], waitingDays: 45, wish: .woman),
            volunteer(interests: [.walking, .music, .cooking, .games], availability: [monday, tuesday, friday], districts: ["centrum"], gender: .woman),
            today: today)
        #expect(result.isPossible)
        let kinds = result.reasons.map(\.kind)
        #expect(kinds == [.sharedInterests, .commonLanguage, .commonTimes, .sameDistrict, .genderWishMet, .waitingTime])
        #expect(result.reasons[0].details == ["cooking", "games", "music", "walking"])
        #expect(result.reasons[0].points == 3 * weights.perSharedInterest, "counted up to three interests")
        #expect(result.reasons[2].details == ["1-1", "2-2"] && result.reasons[2].points == 2 * weights.perCommonSlot)
        #expect(result.reasons.last?.details == ["6"], "45 days = three whole periods of two weeks = 6 weeks")
        #expect(result.score == weights.base + result.reasons.map(\.points).reduce(0, +))
    }

    @Test func someonePreferringAnotherDistrictIsBetterServedFromElsewhere() {
        let local = volunteer("local", districts: ["centrum"]), elsewhere = volunteer("elsewhere", districts: nil)
        let wish = person(prefersOther: true)
        let fromHere = CouplingRules.assess(wish, local, today: today), fromAway = CouplingRules.assess(wish, elsewhere, today: today)
        #expect(fromHere.reasons.contains { $0.kind == .sameDistrictNotWished && $0.points < 0 })
        #expect(fromAway.reasons.contains { $0.kind == .otherDistrictAsWished && $0.points > 0 })
        #expect(fromAway.score > fromHere.score)
        // Without that wish, the local volunteer scores higher.
        #expect(CouplingRules.assess(person(), local, today: today).score > CouplingRules.assess(person(), elsewhere, today: today).score)
    }

    @Test func theProposalMaximisesTheTotalNotEachPersonsFirstChoice() {
        // p1 fits both equally, but only the walker can visit p2 on Tuesdays: taking the walker for p1 would leave p2 alone.
        let walker = volunteer("walker", interests: [.walking, .music], availability: [monday, tuesday])
        let singer = volunteer("singer", interests: [.music, .games], availability: [monday])
        let p1 = person("p1", interests: [.walking, .music, .games]), p2 = person("p2", interests: [.walking], availability: [tuesday])
        #expect(CouplingRules.assess(p1, walker, today: today).score == CouplingRules.assess(p1, singer, today: today).score)
        let proposal = CouplingProposal.make(people: [p1, p2], volunteers: [walker, singer], today: today)
        let chosen = Dictionary(uniqueKeysWithValues: proposal.pairs.map { ($0.personID, $0.volunteerID) })
        #expect(chosen == ["p1": "singer", "p2": "walker"])
        #expect(proposal.total == CouplingRules.assess(p1, singer, today: today).score + CouplingRules.assess(p2, walker, today: today).score)
        #expect(proposal.pairs.first { $0.personID == "p1" }?.alternatives.map(\.volunteerID) == ["walker"])
        #expect(proposal.unmatched.isEmpty)
    }

    @Test func amongFeasibleAssignmentsTheHighestTotalWins() {
        let walker = volunteer("walker", interests: [.walking, .music]), singer = volunteer("singer", interests: [.music])
        let p1 = person("p1", interests: [.walking, .music]), p2 = person("p2", interests: [.cooking])
        let proposal = CouplingProposal.make(people: [p1, p2], volunteers: [walker, singer], today: today)
        // p1 with the walker (two interests) and p2 with the singer beats the swap (one interest).
        #expect(Dictionary(uniqueKeysWithValues: proposal.pairs.map { ($0.personID, $0.volunteerID) }) == ["p1": "walker", "p2": "singer"])
    }

    @Test func capacityGivesAVolunteerSeveralPeopleAndTheRestSayWhy() {
        let busy = volunteer("busy", capacity: 2)
        let blocked = volunteer("blocked", vog: nil)
        let people = [person("a", waitingDays: 10), person("b", waitingDays: 100), person("c", waitingDays: 50),
                      person("d", availability: [friday])]
        let proposal = CouplingProposal.make(people: people, volunteers: [busy, blocked], today: today)
        #expect(Set(proposal.pairs.map(\.personID)) == ["b", "c"], "the two who waited longest")
        #expect(proposal.pairs.allSatisfy { $0.volunteerID == "busy" })
        let reasons = Dictionary(uniqueKeysWithValues: proposal.unmatched.map { ($0.personID, $0.reason) })
        #expect(reasons["a"] == .volunteersTaken)
        #expect(reasons["d"] == .noPossibleVolunteer(commonBlockers: [.noCommonTime]), "two volunteers lack a common time, one a certificate")
    }

    @Test func anEmptyListOrNoVolunteersGivesAnEmptyProposal() {
        #expect(CouplingProposal.make(people: [], volunteers: [volunteer()], today: today).pairs.isEmpty)
        let none = CouplingProposal.make(people: [person()], volunteers: [], today: today)
        #expect(none.pairs.isEmpty && none.unmatched.count == 1)
    }

    @Test func slotsTravelAsCodes() {
        #expect(Slot(code: "3-2") == Slot(day: 3, part: .afternoon))
        #expect(Slot(code: "8-1") == nil && Slot(code: "1-4") == nil && Slot(code: "x") == nil)
        #expect(Slot.all.count == 21 && Slot.all.map(\.code) == Slot.all.sorted().map(\.code))
        #expect(Slot.set(["1-1", "bad", "1-1"]) == [monday])
    }
}
