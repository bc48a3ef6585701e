/// The indicators of monitoring.md counted over the facts, for one scope. One pass per kind of fact.
extension EvaluationFacts {
    public func counts(_ scope: EvaluationScope) -> EvaluationCounts {
        var counts = EvaluationCounts()
        let from = Int32(scope.period.from.dayNumber), through = Int32(scope.period.through.dayNumber)
        let inPeriod = { (day: Int32) in day != Self.none && day >= from && day <= through }
        let statuses = SignalStatus.allCases, bands = AgeBand.allCases
        var inScope = [Bool](repeating: false, count: signals.count)
        var people = Set<Int32>(), peopleBySource: [Int: Set<Int32>] = [:], known: [Int32: Int8] = [:]
        var contact: [Int: Int] = [:], plan: [Int: Int] = [:]
        for (index, signal) in signals.enumerated() where inPeriod(signal.receivedDay) && scope.matches(signal.place) {
            inScope[index] = true
            counts.signals += 1
            counts.signalsBySource[sources[Int(signal.source)], default: 0] += 1
            counts.signalsByRoute[relations[Int(signal.relation)], default: 0] += 1
            counts.signalsByDistrict[signal.district >= 0 ? districts[Int(signal.district)] : "unknown", default: 0] += 1
            counts.signalsByAgeBand[bands[Int(signal.ageBand)].rawValue, default: 0] += 1
            let status = statuses[Int(signal.status)]
            if let outcome = Self.outcomeKey(status) { counts.signalsByOutcome[outcome, default: 0] += 1 }
            people.insert(signal.person)
            peopleBySource[Int(signal.source), default: []].insert(signal.person)
            known[signal.person] = signal.known
            if signal.firstContactDay != Self.none {
                contact[Int(signal.firstContactDay - signal.receivedDay), default: 0] += 1
                if signal.firstContactDay > signal.contactDueDay { counts.firstContactLate += 1 }
            }
            if signal.planDay != Self.none { plan[Int(signal.planDay - signal.receivedDay), default: 0] += 1 }
            if status.awaitsFirstContact, signal.firstContactDay == Self.none, signal.contactDueDay < Int32(scope.asOf.dayNumber) {
                counts.awaitingOverdue += 1
            }
        }
        counts.people = people.count
        for (source, set) in peopleBySource { counts.peopleBySource[sources[source]] = set.count }
        for value in known.values {
            counts.peopleByKnownToPartner[value < 0 ? "not_recorded" : value == 1 ? "known" : "unknown", default: 0] += 1
        }
        counts.daysToFirstContact = DayDistribution(histogram: contact.map { (days: $0.key, count: $0.value) })
        counts.daysToPlan = DayDistribution(histogram: plan.map { (days: $0.key, count: $0.value) })
        for refusal in refusals where inScope[Int(refusal.signal)] {
            let kind = FollowUp.classify(dueOn: Self.date(refusal.dueDay), nextContactOn: Self.date(refusal.nextContactDay), asOf: scope.asOf)
            counts.followUps[kind.rawValue, default: 0] += 1
        }
        countTrajectories(scope, from: from, through: through, into: &counts)
        countReferrals(scope, inPeriod: inPeriod, into: &counts)
        countCouplings(scope, from: from, through: through, into: &counts)
        return counts
    }

    func countTrajectories(_ scope: EvaluationScope, from: Int32, through: Int32, into counts: inout EvaluationCounts) {
        let forms = LonelinessForm.allCases, resources = GoalResource.allCases, profiles = InterventionProfile.allCases
        for trajectory in trajectories where scope.matches(trajectory.place) {
            if trajectory.startedDay >= from && trajectory.startedDay <= through {
                counts.trajectoriesStarted += 1
                if trajectory.direct { counts.trajectoriesStartedDirectly += 1 }
            }
            if trajectory.startedDay <= through && (trajectory.closedDay == Self.none || trajectory.closedDay >= from) {
                counts.trajectoriesActive += 1
            }
            guard let pair = trajectory.pair, trajectory.closedDay != Self.none, trajectory.closedDay >= from, trajectory.closedDay <= through
            else { continue }
            func add(_ dimension: String, _ group: String) { counts.pairs[dimension, default: [:]][group, default: [:]][pair, default: 0] += 1 }
            add("all", "all")
            add("profile", trajectory.profile >= 0 ? profiles[Int(trajectory.profile)].rawValue : "unknown")
            add("district", trajectory.place.district >= 0 ? districts[Int(trajectory.place.district)] : "unknown")
            for (bit, form) in forms.enumerated() where trajectory.forms & (1 << bit) != 0 { add("form", form.rawValue) }
            for (bit, resource) in resources.enumerated() where trajectory.resources & (1 << bit) != 0 { add("intervention", resource.rawValue) }
        }
    }

    func countReferrals(_ scope: EvaluationScope, inPeriod: (Int32) -> Bool, into counts: inout EvaluationCounts) {
        let statuses = ReferralStatus.allCases
        for referral in referrals where inPeriod(referral.sentDay) && scope.matches(referral.place) {
            let status = statuses[Int(referral.status)]
            counts.referralsByStatus[status.rawValue, default: 0] += 1
            if status == .declined { counts.referralsDeclinedByReason[referral.reason ?? "other", default: 0] += 1 }
            if status == .unsuccessful { counts.referralsUnsuccessfulByReason[referral.reason ?? "other", default: 0] += 1 }
        }
    }

    func countCouplings(_ scope: EvaluationScope, from: Int32, through: Int32, into counts: inout EvaluationCounts) {
        var waitingDays: [Int: Int] = [:]
        for coupling in couplings where scope.matches(coupling.place) {
            let ended = coupling.endedDay != Self.none
            if coupling.startDay <= through && (!ended || coupling.endedDay >= from) { counts.couplingsActive += 1 }
            if coupling.startDay >= from && coupling.startDay <= through {
                counts.couplingsStarted += 1
                waitingDays[Int(coupling.startDay - coupling.waitingSinceDay), default: 0] += 1
            }
            if ended, coupling.endedDay >= from, coupling.endedDay <= through, let kind = coupling.endKind {
                counts.couplingsEnded[kind, default: 0] += 1
            }
        }
        counts.daysWaitingForVolunteer = DayDistribution(histogram: waitingDays.map { (days: $0.key, count: $0.value) })
        counts.waitingForVolunteerNow = waiting.filter { scope.matches($0) }.count
    }

    /// How the contact went, from the signal's status; merged signals count with the signal they joined.
    public static func outcomeKey(_ status: SignalStatus) -> String? {
        switch status {
        case .consented: "consented"
        case .declined: "declined"
        case .noConcern: "no_concern"
        case .contacting: "not_reached"
        case .new: "awaiting"
        case .anonymised: "anonymised"
        case .merged: nil
        }
    }

    static func date(_ day: Int32) -> CivilDate? { day == none ? nil : CivilDate(dayNumber: Int(day)) }

    /// The demand side of the coverage tables that the facts know: open trajectories by form and profile,
    /// and people waiting for a volunteer per district.
    public func demand() -> Coverage.Demand {
        var demand = Coverage.Demand()
        let forms = LonelinessForm.allCases, profiles = InterventionProfile.allCases
        for trajectory in trajectories where trajectory.isOpen {
            if trajectory.profile >= 0 { demand.peopleByProfile[profiles[Int(trajectory.profile)].rawValue, default: 0] += 1 }
            for (bit, form) in forms.enumerated() where trajectory.forms & (1 << bit) != 0 { demand.peopleByForm[form.rawValue, default: 0] += 1 }
        }
        for place in waiting {
            demand.waitingForVolunteerByDistrict[place.district >= 0 ? districts[Int(place.district)] : "unknown", default: 0] += 1
        }
        return demand
    }
}

extension EvaluationFacts.Signal {
    var place: EvaluationFacts.Place { EvaluationFacts.Place(district: district, team: team, ageBand: ageBand) }
}
