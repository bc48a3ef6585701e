/// The period an evaluation covers: whole days from `from` through `through`.
public struct EvaluationPeriod: Sendable, Equatable, Hashable, Codable {
    public var from: CivilDate
    public var through: CivilDate

    public init(from: CivilDate, through: CivilDate) {
        self.from = from
        self.through = through
    }

    /// 1 January through 31 December.
    public static func year(_ year: Int) -> EvaluationPeriod {
        EvaluationPeriod(from: CivilDate(year: year, month: 1, day: 1)!, through: CivilDate(year: year, month: 12, day: 31)!)
    }

    /// The same span one year earlier, for "last year beside it".
    public var yearBefore: EvaluationPeriod {
        EvaluationPeriod(from: from.adding(months: -12), through: through.adding(months: -12))
    }

    public func contains(_ date: CivilDate) -> Bool { from <= date && date <= through }
}

/// The raw aggregates of one period, as the database counts them. Nothing here is suppressed yet;
/// ``EvaluationFigures`` turns it into tables that may be shown.
///
/// Keys are stable codes: sources "resident", "self", "partner:<organisation type>"; routes are reporter
/// relations plus "direct" (a trajectory started without a signal); districts and teams by name, with
/// "unknown" where none is known.
public struct EvaluationCounts: Sendable, Equatable {
    // Reach
    public var signals = 0
    public var people = 0
    public var signalsBySource: [String: Int] = [:]
    public var peopleBySource: [String: Int] = [:]
    public var signalsByRoute: [String: Int] = [:]
    public var signalsByDistrict: [String: Int] = [:]
    public var signalsByAgeBand: [String: Int] = [:]
    /// Distinct people signalled, by what the professional recorded at first contact: "known", "unknown", "not_recorded".
    public var peopleByKnownToPartner: [String: Int] = [:]
    public var trajectoriesStarted = 0
    public var trajectoriesStartedDirectly = 0
    public var trajectoriesActive = 0

    // Speed
    public var daysToFirstContact = DayDistribution(histogram: [])
    public var daysToPlan = DayDistribution(histogram: [])
    /// Signals whose first contact came after the target date.
    public var firstContactLate = 0
    /// Signals still waiting for a first contact whose target date has passed (at the end of the period or today).
    public var awaitingOverdue = 0

    // Consent and follow-up
    /// Signals by how the contact went: "consented", "declined", "no_concern", "not_reached" (tried, not yet
    /// reached), "awaiting" (no attempt yet), "merged".
    public var signalsByOutcome: [String: Int] = [:]
    /// Refusals by their follow-up: "on_time", "late", "missed", "not_due".
    public var followUps: [String: Int] = [:]

    // Effects: dimension → group → (pair → count). Dimensions: "all", "intervention", "form", "profile", "district".
    public var pairs: [String: [String: [ScorePair: Int]]] = [:]

    // Referrals
    public var referralsByStatus: [String: Int] = [:]
    public var referralsUnsuccessfulByReason: [String: Int] = [:]
    public var referralsDeclinedByReason: [String: Int] = [:]

    // Couplings
    public var couplingsActive = 0
    public var couplingsStarted = 0
    /// Ended couplings by how: "planned", "early", "friendship".
    public var couplingsEnded: [String: Int] = [:]
    public var daysWaitingForVolunteer = DayDistribution(histogram: [])
    public var waitingForVolunteerNow = 0

    public init() {}
}
