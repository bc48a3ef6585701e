/// The indicators of monitoring.md counted over the facts, for one scope. One pass per kind of fact;
/// the signal pass counts into arrays indexed by the facts' codes (100,000 signals in a few milliseconds).
extension EvaluationFacts {
    public func counts(_ scope: EvaluationScope) -> EvaluationCounts {
        var counts = EvaluationCounts()
        let from = Int32(scope.period.from.dayNumber), through = Int32(scope.period.through.dayNumber)
        let inPeriod = { (day: Int32) in day != Self.none && day >= from && day <= through }
        let statuses = SignalStatus.allCases, bands = AgeBand.allCases
        var inScope = [Bool](repeating: false, count: signals.count)
        var bySource = [Int](repeating: 0, count: sources.count), byRelation = [Int](repeating: 0, count: relations.count)
        var byDistrict = [Int](repeating: 0, count: districts.count + 1), byBand = [Int](repeating: 0, count: bands.count)
        var byStatus = [Int](repeating: 0, count: statuses.count)
        // Per person: the sources they came through (one bit each) and what a partner knew, -2 while unseen.
        let people = Int(signals.map(\.person).max() ?? -1) + 1
        var sourceBits = [UInt64](repeating: 0, count: people), known = [Int8](repeating: -2, count: people)
        var contact: [Int: Int] = [:], plan: [Int: Int] = [:]
        let asOf = Int32(scope.asOf.dayNumber), awaiting = statuses.map(\.awaitsFirstContact)
        for index in signals.indices {
            let signal = signals[index]
            guard inPeriod(signal.receivedDay), scope.matches(signal.place) else { continue }
            inScope[index] = true
            counts.signals += 1
            bySource[Int(signal.source)] += 1
            byRelation[Int(signal.relation)] += 1
            byDistrict[signal.district >= 0 ? Int(signal.district) : districts.count] += 1
            byBand[Int(signal.ageBand)] += 1
            byStatus[Int(signal.status)] += 1
            sourceBits[Int(signal.person)] |= 1 << UInt64(min(Int(signal.source), 63))
            known[Int(signal.person)] = signal.known
            if signal.firstContactDay != Self.none {
                contact[Int(signal.firstContactDay - signal.receivedDay), default: 0] += 1
                if signal.firstContactDay > signal.contactDueDay { counts.firstContactLate += 1 }
            }
            if signal.planDay != Self.none { plan[Int(signal.planDay - signal.receivedDay), default: 0] += 1 }
            if awaiting[Int(signal.status)], signal.firstContactDay == Self.none, signal.contactDueDay < asOf { counts.awaitingOverdue += 1 }
        }
        for (index, n) in bySource.enumerated() where n > 0 { counts.signalsBySource[sources[index]] = n }
        for (index, n) in byRelation.enumerated() where n > 0 { counts.signalsByRoute[relations[index]] = n }
        for (index, n) in byDistrict.enumerated() where n > 0 { counts.signalsByDistrict[index < districts.count ? districts[index] : "unknown"] = n }
        for (index, n) in byBand.enumerated() where n > 0 { counts.signalsByAgeBand[bands[index].rawValue] = n }
        for (index, n) in byStatus.enumerated() where n > 0 {
            if let outcome = Self.outcomeKey(statuses[index]) { counts.signalsByOutcome[outcome, default: 0] += n }
        }
        var peopleBySource = [Int](repeating: 0, count: sources.count)
        for person in 0..<people where known[person] != -2 {
            counts.people += 1
            let value = known[person]
            counts.peopleByKnownToPartner[value < 0 ? "not_recorded" : value == 1 ? "known" : "unknown", default: 0] += 1
            var bits = sourceBits[person]
            while bits != 0 {
                peopleBySource[bits.trailingZeroBitCount] += 1
                bits &= bits - 1
            }
        }
        for (index, n) in peopleBySource.enumerated() where n > 0 { counts.peopleBySource[sources[index]] = n }
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
        case .inConversation: "in_conversation"
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
        demand.openReferralsByActivity = openReferralsByActivity
        demand.volunteerPlacesByDistrict = volunteerPlacesByDistrict
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
