import Testing
@testable import OmzienCore

@Suite struct ActivityMatchingTests {
    let today = CivilDate(year: 2026, month: 11, day: 23)!

    func activity(_ id: String, _ form: ActivityForm, type: InterventionType = .socialActivation, preventive: Bool = false,
                  build: (inout CatalogueActivity) -> Void = { _ in }) -> CatalogueActivity {
        var activity = CatalogueActivity(id: id, organisationID: "o", name: id, description: "", form: form, interventionType: type, preventive: preventive)
        activity.checkedOn = today
        build(&activity)
        return activity
    }

    var catalogue: [CatalogueActivity] {
        [
            activity("koffieochtend", .group),
            activity("bezoekdienst", .oneToOne, type: .personalActivation),
            activity("vriendschapscursus", .course, type: .coursesTherapy),
            activity("dialoogtafel", .group, type: .personalActivation),
        ]
    }

    func person(_ forms: Set<LonelinessForm> = [], causes: Set<CauseGroup> = [], profile: InterventionProfile? = nil) -> MatchPerson {
        var person = MatchPerson()
        person.forms = forms
        person.causes = causes
        person.profile = profile
        person.age = 78
        return person
    }

    func top(_ person: MatchPerson, in activities: [CatalogueActivity]? = nil) -> String? {
        ActivityMatching.suggestions(activities ?? catalogue, for: person, today: today).first?.activityID
    }

    @Test func emotionalLonelinessPutsOneToOneFirst() {
        #expect(top(person([.emotional])) == "bezoekdienst")
        let reasons = ActivityMatching.reasons(catalogue[1], for: person([.emotional]), today: today)
        #expect(reasons.contains(MatchReason(.emotionalOneToOne, points: ActivityMatching.Points.formFit)))
        let group = ActivityMatching.reasons(catalogue[0], for: person([.emotional]), today: today)
        #expect(group.contains { $0.kind == .emotionalGroup && $0.points < 0 }, "widening contacts may not help")
    }

    @Test func socialLonelinessPutsMeetingActivitiesFirst() {
        let first = top(person([.social]))
        #expect(first == "koffieochtend" || first == "dialoogtafel")
        #expect(ActivityMatching.suggestions(catalogue, for: person([.social]), today: today).prefix(2).allSatisfy { $0.activityID != "bezoekdienst" })
    }

    @Test func personalCausesPutCoursesFirstAndMeetingActivitiesLower() {
        #expect(top(person([.social], causes: [.person])) == "vriendschapscursus" || top(person([], causes: [.person])) == "vriendschapscursus")
        #expect(top(person([], causes: [.person])) == "vriendschapscursus")
        let meeting = ActivityMatching.reasons(catalogue[0], for: person([], causes: [.person]), today: today)
        #expect(meeting.contains { $0.kind == .personalMeeting && $0.points < 0 })
    }

    @Test func existentialLonelinessPointsToMeaning() {
        let ranked = ActivityMatching.suggestions(catalogue, for: person([.existential]), today: today).map(\.activityID)
        #expect(Set(ranked.prefix(2)) == ["bezoekdienst", "dialoogtafel"])
    }

    @Test(arguments: InterventionProfile.allCases)
    func anActivityForTheProfileRanksAboveTheSameActivityWithout(profile: InterventionProfile) {
        let plain = activity("a", .group)
        let fitting = activity("b", .group) { $0.profiles = [profile] }
        let suggestions = ActivityMatching.suggestions([plain, fitting], for: person([.social], profile: profile), today: today)
        #expect(suggestions.first?.activityID == "b")
        #expect(suggestions.first?.reasons.contains(MatchReason(.fitsProfile, [profile.rawValue], points: ActivityMatching.Points.profile)) == true)
    }

    @Test func isolatedPeopleStartOneToOne() {
        var isolated = person([.social])
        isolated.avoidsGroups = true
        let reasons = ActivityMatching.reasons(catalogue[0], for: isolated, today: today)
        #expect(reasons.contains { $0.kind == .avoidsGroupsGroup && $0.points < 0 })
    }

    @Test func eligibilityIsAHardFilter() {
        let forYoung = activity("jong", .group) { $0.maximumAge = 30 }
        let forOld = activity("oud", .group) { $0.minimumAge = 65 }
        let dementia = activity("dementie", .oneToOne) { $0.conditions = ["dementie"] }
        let widowed = activity("weduwen", .oneToOne) { $0.lifeEvents = ["partner overleden"] }
        let turkish = activity("turks", .group) { $0.languages = ["tr"] }
        let noord = activity("noord", .group) { $0.districtIDs = ["noord"] }
        let closed = activity("dicht", .group) { $0.status = .temporarilyClosed }
        var someone = person([.social])
        someone.districtID = "zuid"
        let ids = ActivityMatching.suggestions([forYoung, forOld, dementia, widowed, turkish, noord, closed], for: someone, today: today).map(\.activityID)
        #expect(ids == ["oud"])
        #expect(ActivityMatching.exclusions(forYoung, for: someone) == [.tooOld])
        #expect(ActivityMatching.exclusions(dementia, for: someone) == [.conditionRequired])
        #expect(ActivityMatching.exclusions(widowed, for: someone) == [.lifeEventRequired])
        #expect(ActivityMatching.exclusions(turkish, for: someone) == [.noCommonLanguage])
        #expect(ActivityMatching.exclusions(noord, for: someone) == [.districtNotServed])
        #expect(ActivityMatching.exclusions(closed, for: someone) == [.notActive])
        // With the condition, the life event, the language and the district, they are in.
        someone.conditions = ["dementie"]
        someone.lifeEvents = [.partnerDied]
        someone.languages = ["nl", "tr"]
        someone.districtID = "noord"
        let now = Set(ActivityMatching.suggestions([dementia, widowed, turkish, noord], for: someone, today: today).map(\.activityID))
        #expect(now == ["dementie", "weduwen", "turks", "noord"])
        let reasons = ActivityMatching.reasons(forOld, for: someone, today: today)
        #expect(reasons.first == MatchReason(.ageFits, ["65", "", "78"]))
    }

    @Test func everySuggestionCarriesReasonsThatAddUpToItsScore() {
        var someone = person([.social, .emotional], causes: [.person], profile: .achterblijvers)
        someone.districtID = "noord"
        someone.days = [2]
        let rich = activity("rijk", .group, preventive: true) {
            $0.profiles = [.achterblijvers]
            $0.lonelinessForms = [.social]
            $0.districtIDs = ["noord", "oost"]
            $0.schedules = [ActivitySchedule(weekday: 2, opensAt: "10:00", closesAt: "12:00")]
            $0.costCents = 0
            $0.evidence = .wellFounded
            $0.waitingList = 3
            $0.checkedOn = CivilDate(year: 2025, month: 1, day: 1)
        }
        someone.severe = true
        for suggestion in ActivityMatching.suggestions(catalogue + [rich], for: someone, today: today) {
            #expect(!suggestion.reasons.isEmpty)
            #expect(suggestion.score == suggestion.reasons.map(\.points).reduce(0, +))
        }
        let kinds = ActivityMatching.reasons(rich, for: someone, today: today).map(\.kind)
        #expect(kinds == [.emotionalGroup, .socialGroup, .personalMeeting, .suitsForm, .preventiveOnly, .fitsProfile, .inDistrict, .onDays,
                          .free, .evidence, .waitingList, .stale])
    }

    @Test func someonePreferringElsewhereIsPointedToCityWideActivities() {
        var someone = person([.social])
        someone.districtID = "noord"
        someone.prefersOtherDistrict = true
        let local = activity("lokaal", .group) { $0.districtIDs = ["noord"] }
        let city = activity("stad", .group)
        #expect(top(someone, in: [local, city]) == "stad")
        someone.prefersOtherDistrict = false
        #expect(top(someone, in: [local, city]) == "lokaal")
    }

    @Test func theAgeBandIsAHardFilterWhenNoBirthYearIsKnown() {
        let joinUs = activity("join us", .group) { $0.minimumAge = 12; $0.maximumAge = 25 }
        let fiftyFivePlus = activity("55+", .group) { $0.minimumAge = 55 }
        let eightyPlus = activity("80+", .group) { $0.minimumAge = 80 }
        var someone = person([.social])
        someone.age = nil
        someone.ageBand = .from75to84
        #expect(ActivityMatching.exclusions(joinUs, for: someone) == [.tooOld], "75 to 85 is older than 25 whatever the birth year")
        #expect(ActivityMatching.exclusions(fiftyFivePlus, for: someone).isEmpty)
        #expect(ActivityMatching.exclusions(eightyPlus, for: someone).isEmpty, "the band overlaps: it may fit")
        #expect(ActivityMatching.reasons(fiftyFivePlus, for: someone, today: today).first == MatchReason(.ageBandFits, ["55", "", "75_84"]))
        #expect(ActivityMatching.reasons(eightyPlus, for: someone, today: today).first == MatchReason(.ageBandUncertain, ["80", "", "75_84"]))
        #expect(ActivityMatching.suggestions([joinUs, fiftyFivePlus], for: someone, today: today).map(\.activityID) == ["55+"])
        // A known birth year wins over the band; an unknown band filters nothing.
        someone.age = 20
        #expect(ActivityMatching.exclusions(joinUs, for: someone).isEmpty)
        someone.age = nil
        someone.ageBand = .unknown
        #expect(ActivityMatching.exclusions(joinUs, for: someone).isEmpty)
    }

    @Test func aTargetGroupThePersonIsNotInIsAStrongMinusAndTheirOwnAPlus() {
        let salon = activity("roze salon", .group) { $0.targetGroups = ["lhbti+"]; $0.lonelinessForms = [.social] }
        let koffie = activity("koffie", .group) { $0.lonelinessForms = [.social] }
        var someone = person([.social])
        let against = ActivityMatching.reasons(salon, for: someone, today: today)
        #expect(against.contains(MatchReason(.targetGroupNotKnown, ["lhbti+"], points: ActivityMatching.Points.otherGroup)))
        #expect(top(someone, in: [salon, koffie]) == "koffie")
        someone.groups = ["lgbti"]
        let with = ActivityMatching.reasons(salon, for: someone, today: today)
        #expect(with.contains(MatchReason(.targetGroupFits, ["lhbti+"], points: ActivityMatching.Points.ownGroup)))
        #expect(top(someone, in: [salon, koffie]) == "roze salon")
    }

    @Test func targetGroupsFollowFromAgeAndLifeEventsAndUnknownWordsCountForNothing() {
        let older = activity("ouderen", .group) { $0.targetGroups = ["ouderen"] }
        let young = activity("jongeren", .group) { $0.targetGroups = ["jongeren"] }
        let mourning = activity("rouwgroep", .group) { $0.targetGroups = ["mensen in rouw"] }
        let neighbours = activity("buurt", .group) { $0.targetGroups = ["buurtbewoners"] }
        var someone = person([.social])
        someone.age = nil
        someone.ageBand = .from75to84
        #expect(ActivityMatching.reasons(older, for: someone, today: today).contains { $0.kind == .targetGroupFits })
        #expect(ActivityMatching.reasons(young, for: someone, today: today).contains { $0.kind == .targetGroupNotKnown })
        #expect(ActivityMatching.reasons(mourning, for: someone, today: today).contains { $0.kind == .targetGroupNotKnown })
        someone.lifeEvents = [.partnerDied]
        #expect(ActivityMatching.reasons(mourning, for: someone, today: today).contains { $0.kind == .targetGroupFits })
        #expect(!ActivityMatching.reasons(neighbours, for: someone, today: today).contains { $0.kind == .targetGroupFits || $0.kind == .targetGroupNotKnown })
    }

    @Test func aRecordedLifeEventLetsInWhatIsMeantForItAndRanksItUp() {
        let widows = activity("bezoekdienst weduwen", .oneToOne, type: .personalActivation) { $0.lifeEvents = ["partner overleden"] }
        let visits = activity("huisbezoek", .oneToOne, type: .personalActivation)
        var widow = person([.emotional])
        #expect(ActivityMatching.exclusions(widows, for: widow) == [.lifeEventRequired])
        widow.lifeEvents = [.divorced]
        #expect(ActivityMatching.exclusions(widows, for: widow) == [.lifeEventRequired], "another event does not count")
        widow.lifeEvents = [.partnerDied]
        #expect(ActivityMatching.exclusions(widows, for: widow).isEmpty)
        #expect(ActivityMatching.reasons(widows, for: widow, today: today).first == MatchReason(.lifeEventFits, ["partner overleden"], points: ActivityMatching.Points.lifeEvent))
        #expect(top(widow, in: [visits, widows]) == "bezoekdienst weduwen")
        // The catalogue's own words for the same event are read too.
        let other = activity("weduwen", .oneToOne) { $0.lifeEvents = ["Weduwen en weduwnaars"] }
        #expect(ActivityMatching.exclusions(other, for: widow).isEmpty)
    }

    @Test func aRouteIntoSupportThePersonAlreadyHasIsNotSuggested() {
        let recept = activity("welzijn op recept", .oneToOne, type: .personalActivation) { $0.routeInto = .welfare; $0.lonelinessForms = [.emotional] }
        let visits = activity("huisbezoek", .oneToOne, type: .personalActivation)
        var someone = person([.emotional])
        #expect(top(someone, in: [visits, recept]) == "welzijn op recept", "without a trajectory it is a fine way in")
        someone.alreadyIn = [.welfare]
        #expect(ActivityMatching.exclusions(recept, for: someone) == [.alreadyInRoute])
        #expect(ActivityMatching.suggestions([visits, recept], for: someone, today: today).map(\.activityID) == ["huisbezoek"])
    }

    @Test func weekdaysFollowTheCalendar() {
        #expect(CivilDate(year: 2026, month: 11, day: 23)!.weekday == 1, "a Monday")
        #expect(CivilDate(year: 2026, month: 11, day: 29)!.weekday == 7)
    }
}

@Suite struct ActivityScheduleTests {
    @Test(arguments: [
        ("dinsdag 10:00-12:00", ActivitySchedule(weekday: 2, opensAt: "10:00", closesAt: "12:00")),
        ("di 9.30 - 11.45", ActivitySchedule(weekday: 2, opensAt: "09:30", closesAt: "11:45")),
        ("om de 2 weken woensdag 14:00-16:00", ActivitySchedule(interval: 2, weekday: 3, opensAt: "14:00", closesAt: "16:00")),
        ("Maandelijks vrijdag 19:30–21:30", ActivitySchedule(frequency: .monthly, weekday: 5, opensAt: "19:30", closesAt: "21:30")),
        ("zo 14-17", ActivitySchedule(weekday: 7, opensAt: "14:00", closesAt: "17:00")),
    ])
    func linesAsPeopleTypeThemAreRead(line: String, expected: ActivitySchedule) {
        #expect(ActivitySchedule(dutch: line) == expected)
        #expect(ActivitySchedule(dutch: expected.dutch) == expected, "what the form shows reads back the same")
    }

    @Test(arguments: ["", "dinsdag", "dinsdag 12:00-10:00", "feestdag 10:00-12:00", "dinsdag 25:00-26:00", "di 10:00"])
    func anythingElseIsRefused(line: String) {
        #expect(ActivitySchedule(dutch: line) == nil)
    }
}
