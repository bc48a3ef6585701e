import Testing
@testable import OmzienCore

/// Every indicator of the dashboard on a hand-made municipality of six signals, four trajectories,
/// four referrals and three couplings; the expected numbers are counted by hand in the comments.
@Suite struct EvaluationFactsTests {
    static func d(_ year: Int, _ month: Int, _ day: Int) -> Int32 { Int32(CivilDate(year: year, month: month, day: day)!.dayNumber) }
    static let none = EvaluationFacts.none
    static func band(_ band: AgeBand) -> UInt8 { UInt8(AgeBand.allCases.firstIndex(of: band)!) }
    static func status(_ status: SignalStatus) -> UInt8 { UInt8(SignalStatus.allCases.firstIndex(of: status)!) }
    static func referral(_ status: ReferralStatus) -> UInt8 { UInt8(ReferralStatus.allCases.firstIndex(of: status)!) }
    static let noord = EvaluationFacts.Place(district: 0, team: 0, ageBand: band(.from75to84))
    static let zuid = EvaluationFacts.Place(district: 1, team: 1, ageBand: band(.over85))

    static var facts: EvaluationFacts {
        var facts = EvaluationFacts()
        facts.districts = ["Noord", "Zuid"]
        facts.districtIDs = ["D1", "D2"]
        facts.teams = ["T1", "T2"]
        facts.sources = EvaluationFigures.Order.sources
        facts.relations = EvaluationFigures.Order.routes
        let source = { (key: String) in UInt8(facts.sources.firstIndex(of: key)!) }
        let relation = { (key: ReporterRelation) in UInt8(facts.relations.firstIndex(of: key.rawValue)!) }
        func signal(_ day: Int32, _ place: EvaluationFacts.Place, _ band: AgeBand, _ from: String, _ by: ReporterRelation, _ status: SignalStatus,
                    person: Int32, known: Int8, contact: Int32 = none, plan: Int32 = none) -> EvaluationFacts.Signal {
            .init(receivedDay: day, district: place.district, team: place.team, ageBand: Self.band(band), source: source(from),
                  relation: relation(by), status: Self.status(status), person: person, known: known, contactDueDay: day + 7,
                  firstContactDay: contact == none ? none : day + contact, planDay: plan == none ? none : day + plan)
        }
        facts.signals = [
            signal(d(2026, 1, 10), noord, .from75to84, "resident", .neighbour, .consented, person: 0, known: 0, contact: 2, plan: 20),
            signal(d(2026, 2, 1), noord, .from75to84, "resident", .neighbour, .consented, person: 1, known: 1, contact: 5, plan: 30),
            signal(d(2026, 3, 1), noord, .from65to74, "partner:pharmacy", .professional, .declined, person: 2, known: 1, contact: 9),
            signal(d(2026, 4, 1), noord, .from65to74, "partner:pharmacy", .professional, .noConcern, person: 3, known: -1, contact: 1),
            signal(d(2026, 12, 20), zuid, .over85, "self", .myself, .new, person: 4, known: -1),
            signal(d(2026, 5, 1), zuid, .over85, "resident", .family, .merged, person: 0, known: 0),
            signal(d(2025, 12, 31), noord, .from75to84, "resident", .neighbour, .consented, person: 5, known: 1, contact: 1),
        ]
        facts.refusals = [
            .init(signal: 2, dueDay: d(2026, 6, 10), nextContactDay: d(2026, 6, 14)),  // within a week: on time
            .init(signal: 1, dueDay: d(2026, 2, 20), nextContactDay: d(2026, 3, 5)),   // 13 days after: late
            .init(signal: 6, dueDay: d(2026, 3, 1), nextContactDay: none),             // signal outside the period
        ]
        let form = { (forms: [LonelinessForm]) in forms.reduce(UInt8(0)) { $0 | (1 << UInt8(LonelinessForm.allCases.firstIndex(of: $1)!)) } }
        let help = { (kinds: [GoalResource]) in kinds.reduce(UInt8(0)) { $0 | (1 << UInt8(GoalResource.allCases.firstIndex(of: $1)!)) } }
        let profile = { (p: InterventionProfile) in Int8(InterventionProfile.allCases.firstIndex(of: p)!) }
        facts.trajectories = [
            .init(startedDay: d(2026, 1, 12), closedDay: d(2026, 6, 30), isOpen: false, direct: false, place: noord, profile: profile(.actieven),
                  forms: form([.social, .emotional]), resources: help([.ownNetwork, .volunteer]), pair: ScorePair(version: .eleven, before: 9, after: 5)),
            .init(startedDay: d(2026, 2, 6), closedDay: none, isOpen: true, direct: false, place: noord, forms: form([.social])),
            .init(startedDay: d(2025, 11, 1), closedDay: d(2026, 2, 1), isOpen: false, direct: true, place: zuid, profile: profile(.overlevers),
                  pair: ScorePair(version: .eleven, before: 6, after: 6)),
            .init(startedDay: d(2024, 1, 1), closedDay: d(2024, 6, 1), isOpen: false, direct: true, place: zuid,
                  pair: ScorePair(version: .eleven, before: 10, after: 2)),
        ]
        facts.referrals = [
            .init(sentDay: d(2026, 3, 1), status: referral(.successful), reason: nil, place: noord),
            .init(sentDay: d(2026, 4, 1), status: referral(.unsuccessful), reason: "no_capacity", place: noord),
            .init(sentDay: d(2026, 4, 2), status: referral(.declined), reason: "person_declined", place: zuid),
            .init(sentDay: d(2025, 4, 2), status: referral(.successful), reason: nil, place: zuid),
        ]
        facts.couplings = [
            .init(startDay: d(2026, 3, 1), endedDay: d(2026, 9, 1), endKind: "early", waitingSinceDay: d(2026, 1, 20), place: noord),
            .init(startDay: d(2025, 6, 1), endedDay: none, endKind: nil, waitingSinceDay: d(2025, 5, 1), place: zuid),
            .init(startDay: d(2024, 1, 1), endedDay: d(2024, 12, 31), endKind: "planned", waitingSinceDay: d(2023, 12, 1), place: zuid),
        ]
        facts.waiting = [noord, zuid]
        return facts
    }

    static let year = EvaluationScope(period: .year(2026), asOf: CivilDate(year: 2026, month: 12, day: 30)!)

    @Test func reachCountsSignalsPeopleSourcesRoutesDistrictsAndAges() {
        let counts = Self.facts.counts(Self.year)
        #expect(counts.signals == 6)
        // Person 0 was signalled twice (once merged): five people.
        #expect(counts.people == 5)
        #expect(counts.signalsBySource == ["resident": 3, "partner:pharmacy": 2, "self": 1])
        #expect(counts.peopleBySource == ["resident": 2, "partner:pharmacy": 2, "self": 1])
        #expect(counts.signalsByRoute == ["neighbour": 2, "professional": 2, "myself": 1, "family": 1])
        #expect(counts.signalsByDistrict == ["Noord": 4, "Zuid": 2])
        #expect(counts.signalsByAgeBand == ["75_84": 2, "65_74": 2, "85_plus": 2])
        #expect(counts.peopleByKnownToPartner == ["unknown": 1, "known": 2, "not_recorded": 2])
        #expect(counts.trajectoriesStarted == 2 && counts.trajectoriesStartedDirectly == 0 && counts.trajectoriesActive == 3)
    }

    @Test func speedConsentAndFollowUp() {
        let counts = Self.facts.counts(Self.year)
        // First contacts after 2, 5, 9 and 1 days: median (2 + 5) / 2; the 9 is past the 7-day target.
        #expect(counts.daysToFirstContact.n == 4 && counts.daysToFirstContact.median == 3.5)
        #expect(counts.firstContactLate == 1)
        #expect(counts.daysToPlan.histogram.map(\.days) == [20, 30])
        // The new signal of 20 December had its target on the 27th: overdue on the 30th.
        #expect(counts.awaitingOverdue == 1)
        #expect(counts.signalsByOutcome == ["consented": 2, "declined": 1, "no_concern": 1, "awaiting": 1])
        #expect(counts.followUps == ["on_time": 1, "late": 1])
        // Judged at the end of 2026-12-24 the new signal is not yet overdue.
        var earlier = Self.year
        earlier.asOf = CivilDate(year: 2026, month: 12, day: 24)!
        #expect(Self.facts.counts(earlier).awaitingOverdue == 0)
    }

    @Test func effectsPairTrajectoriesClosedInThePeriodByEveryDimension() {
        let pairs = Self.facts.counts(Self.year).pairs
        let better = ScorePair(version: .eleven, before: 9, after: 5), same = ScorePair(version: .eleven, before: 6, after: 6)
        #expect(pairs["all"]?["all"] == [better: 1, same: 1])
        #expect(pairs["profile"] == ["actieven": [better: 1], "overlevers": [same: 1]])
        #expect(pairs["district"] == ["Noord": [better: 1], "Zuid": [same: 1]])
        #expect(pairs["form"] == ["social": [better: 1], "emotional": [better: 1]])
        #expect(pairs["intervention"] == ["own_network": [better: 1], "volunteer": [better: 1]])
    }

    @Test func referralsAndCouplings() {
        let counts = Self.facts.counts(Self.year)
        #expect(counts.referralsByStatus == ["successful": 1, "unsuccessful": 1, "declined": 1])
        #expect(counts.referralsUnsuccessfulByReason == ["no_capacity": 1])
        #expect(counts.referralsDeclinedByReason == ["person_declined": 1])
        // Active in 2026: the one that ended early and the one running since 2025.
        #expect(counts.couplingsActive == 2 && counts.couplingsStarted == 1)
        #expect(counts.couplingsEnded == ["early": 1])
        #expect(counts.daysWaitingForVolunteer.histogram.map(\.days) == [40])
        #expect(counts.waitingForVolunteerNow == 2)
    }

    @Test func filtersByDistrictTeamAndAge() {
        var noord = Self.year
        noord.district = 0
        let inNoord = Self.facts.counts(noord)
        #expect(inNoord.signals == 4 && inNoord.people == 4)
        #expect(inNoord.trajectoriesStarted == 2 && inNoord.trajectoriesActive == 2)
        #expect(inNoord.referralsByStatus == ["successful": 1, "unsuccessful": 1])
        #expect(inNoord.couplingsActive == 1 && inNoord.waitingForVolunteerNow == 1)
        var team = Self.year
        team.team = 1
        #expect(Self.facts.counts(team).signals == 2)
        var oldest = Self.year
        oldest.ageBand = Self.band(.over85)
        let over85 = Self.facts.counts(oldest)
        #expect(over85.signals == 2 && over85.trajectoriesActive == 1 && over85.pairs["all"]?["all"]?.count == 1)
        var nowhere = Self.year
        nowhere.district = -2
        #expect(Self.facts.counts(nowhere).signals == 0)
    }

    @Test func demandComesFromOpenTrajectoriesAndTheWaitingList() {
        let demand = Self.facts.demand()
        #expect(demand.peopleByForm == ["social": 1])
        #expect(demand.peopleByProfile.isEmpty)
        #expect(demand.waitingForVolunteerByDistrict == ["Noord": 1, "Zuid": 1])
    }
}

@Suite struct EvaluationFiguresTests {
    static func counts() -> EvaluationCounts {
        var counts = EvaluationCounts()
        counts.signals = 60
        counts.people = 55
        counts.signalsBySource = ["resident": 25, "self": 3, "partner:pharmacy": 20, "partner:care": 12]
        counts.peopleBySource = ["resident": 24, "self": 3, "partner:pharmacy": 18, "partner:care": 12]
        counts.signalsByDistrict = ["Noord": 45, "Zuid": 15]
        counts.peopleByKnownToPartner = ["known": 30, "unknown": 20, "not_recorded": 5]
        counts.signalsByOutcome = ["consented": 30, "declined": 12, "no_concern": 18, "awaiting": 10]
        counts.trajectoriesStarted = 30
        counts.pairs = ["all": ["all": [ScorePair(version: .eleven, before: 9, after: 4): 12]],
                        "profile": ["actieven": [ScorePair(version: .eleven, before: 9, after: 4): 12]]]
        return counts
    }

    @Test func tablesAreSuppressedAndEveryDistrictIsListed() throws {
        let figures = EvaluationFigures(counts: Self.counts(), period: .year(2026), districts: ["Noord", "Oost", "Zuid"])
        let source = try #require(figures.table("reach_source"))
        // Signals add up to 60: "self" (3) is small, so the next smallest (care, 12) is hidden with it.
        #expect(source.value("self", "signals") == .hidden)
        #expect(source.value("partner:care", "signals") == .hidden)
        #expect(source.value("resident", "signals") == .count(25))
        // People overlap between sources: only the small cell goes.
        #expect(source.value("self", "people") == .hidden)
        #expect(source.value("partner:care", "people") == .count(12))
        #expect(source.value("total", "signals") == .count(60))
        let districts = try #require(figures.table("reach_district"))
        #expect(districts.rows.map { $0.label ?? $0.key } == ["Noord", "Oost", "Zuid", "unknown", "total"])
        #expect(districts.rows[1].values == [.count(0)])
        // 30 + 20 + 5 = 55 people: the 5 takes the 20 with it, so no share can be given.
        let known = try #require(figures.table("reach_known"))
        #expect(known.value("not_recorded", "count") == .hidden && known.value("unknown", "count") == .hidden)
        #expect(known.value("share_unknown", "count") == FigureValue.none)
        #expect(figures.headline.previouslyUnknownShare == nil)
        let effects = try #require(figures.table("effects_profile"))
        #expect(effects.value("actieven", "n") == .count(12))
        #expect(figures.table("effects_profile_djg6") == nil)
    }

    @Test func theHeadlineSaysOnlyWhatMayBeShown() {
        var counts = Self.counts()
        // Three self-reports: the partners' share would reveal them.
        #expect(EvaluationFigures(counts: counts, period: .year(2026), districts: []).headline.viaPartnersShare == nil)
        counts.signals = 70
        counts.signalsBySource["self"] = 13
        counts.peopleByKnownToPartner["not_recorded"] = 0
        var headline = EvaluationFigures(counts: counts, period: .year(2026), districts: []).headline
        #expect(headline.people == 55 && headline.signals == 70)
        #expect(headline.viaPartnersShare == 32.0 / 70)
        #expect(headline.previouslyUnknownShare == 0.4)
        #expect(headline.consentShare == 0.5)
        #expect(headline.meanChange == -5 && headline.shareDown == 1 && headline.pairs == 12)
        // Outreach visits are not partners' reports; hidden ones (fewer than ten) withhold the share.
        counts.signalsBySource = ["resident": 25, "self": 13, "outreach": 12, "partner:pharmacy": 20]
        #expect(EvaluationFigures(counts: counts, period: .year(2026), districts: []).headline.viaPartnersShare == 20.0 / 70)
        counts.signalsBySource = ["resident": 25, "self": 13, "outreach": 5, "partner:pharmacy": 27]
        #expect(EvaluationFigures(counts: counts, period: .year(2026), districts: []).headline.viaPartnersShare == nil)
        // Nine self-reports among seventy: hidden, and with them the partners' share.
        counts.signalsBySource = ["resident": 29, "self": 9, "partner:pharmacy": 20, "partner:care": 12]
        headline = EvaluationFigures(counts: counts, period: .year(2026), districts: []).headline
        #expect(headline.viaPartnersShare == nil)
    }

    @Test func valuesReadTheSameInEveryCSV() {
        #expect(FigureValue.count(12).csv == "12")
        #expect(FigureValue.hidden.csv == "suppressed")
        #expect(FigureValue.share(0.12345).csv == "0.1235")
        #expect(FigureValue.number(-2.5).csv == "-2.50")
        #expect(FigureValue.interval(-2.5, lower: -4.87, upper: -0.13).csv == "-2.50 [-4.87; -0.13]")
        #expect(FigureValue.none.csv == "")
    }
}

@Suite struct CoverageTests {
    static func activity(_ id: String, forms: Set<LonelinessForm>, districts: Set<String>?, capacity: Int? = nil, waiting: Int = 0,
                         groups: [String] = [], minimumAge: Int? = nil) -> CatalogueActivity {
        var activity = CatalogueActivity(id: id, organisationID: "o", name: "Activiteit \(id)", description: "", form: .group,
                                         interventionType: .socialActivation, preventive: true)
        activity.lonelinessForms = forms
        activity.districtIDs = districts
        activity.capacity = capacity
        activity.waitingList = waiting
        activity.targetGroups = groups
        activity.minimumAge = minimumAge
        return activity
    }

    @Test func theGridShowsWhatNothingReaches() throws {
        let districts = [Coverage.District(id: "n", name: "Noord"), Coverage.District(id: "z", name: "Zuid")]
        var inactive = Self.activity("x", forms: [.existential], districts: nil)
        inactive.status = .inactive
        let activities = [Self.activity("a", forms: [.social], districts: nil, capacity: 10, waiting: 2),
                          Self.activity("b", forms: [.social, .emotional], districts: ["n"], capacity: 5, groups: ["Mantelzorgers"]),
                          Self.activity("c", forms: [.emotional], districts: ["n"], minimumAge: 65), inactive]
        var demand = Coverage.Demand()
        demand.peopleByForm = ["social": 14, "emotional": 3]
        demand.openReferralsByActivity = ["b": 6]
        demand.waitingForVolunteerByDistrict = ["Noord": 12, "Zuid": 4]
        demand.volunteerPlacesByDistrict = ["Noord": 15, "Zuid": 2]
        let tables = Coverage.tables(activities: activities, districts: districts, demand: demand, rule: SuppressionRule())
        let forms = try #require(tables.first { $0.id == "coverage_form" })
        #expect(forms.columns == ["district:Noord", "district:Zuid", "all", "people"])
        #expect(forms.row("social")?.values == [.count(2), .count(1), .count(2), .count(14)])
        // Emotional loneliness: nothing in Zuid; existential: only an inactive activity, so nothing anywhere.
        #expect(forms.row("emotional")?.values == [.count(2), .count(0), .count(2), .hidden])
        #expect(forms.row("emotional")?.flagged == true && forms.row("social")?.flagged == false)
        #expect(forms.row("existential")?.values.prefix(3) == [.count(0), .count(0), .count(0)])
        let groups = try #require(tables.first { $0.id == "coverage_risk_group" })
        #expect(groups.row("carers")?.values == [.count(1), .count(0), .count(1)])
        #expect(groups.row("older")?.values == [.count(1), .count(0), .count(1)])
        let capacity = try #require(tables.first { $0.id == "coverage_capacity" })
        // B: 6 open referrals on 5 places; A: 2 waiting on 10.
        #expect(capacity.rows.map(\.label) == ["Activiteit b", "Activiteit a"])
        #expect(capacity.rows.map(\.flagged) == [true, false])
        #expect(capacity.rows[0].values == [.count(5), .hidden, .count(0)])
        let volunteers = try #require(tables.first { $0.id == "coverage_volunteers" })
        // 12 + 4 waiting: the 4 is small and the 12 would give it away.
        #expect(volunteers.rows.map { $0.values[0] } == [.hidden, .hidden])
        #expect(volunteers.rows.map(\.flagged) == [false, true])
    }
}
