/// The casework of one municipality reduced to small numeric facts, one per signal, refusal, trajectory,
/// referral and coupling. Loaded once and kept in memory, they let the dashboard answer any filter in a few
/// milliseconds (a query per filter over 100,000 signals takes seconds on SQLite). Nothing here names a person.
///
/// Days are `CivilDate.dayNumber`; `Self.none` marks a missing day or index.
public struct EvaluationFacts: Sendable {
    public static let none: Int32 = .min

    public struct Signal: Sendable, Equatable {
        public var receivedDay: Int32
        /// Index into `districts`, or -1.
        public var district: Int16
        /// Index into `teams`, or -1.
        public var team: Int16
        /// Index into `AgeBand.allCases`.
        public var ageBand: UInt8
        /// Index into `sources`.
        public var source: UInt8
        /// Index into `relations`.
        public var relation: UInt8
        /// Index into `SignalStatus.allCases`.
        public var status: UInt8
        /// A number per person (the same for every signal about them).
        public var person: Int32
        /// Whether a partner knew the person before: -1 not recorded, 0 no, 1 yes.
        public var known: Int8
        public var contactDueDay: Int32
        /// The first attempt that reached the person.
        public var firstContactDay: Int32
        /// The first goal agreed in the trajectory that came from this signal.
        public var planDay: Int32

        public init(receivedDay: Int32, district: Int16, team: Int16, ageBand: UInt8, source: UInt8, relation: UInt8, status: UInt8,
                    person: Int32, known: Int8, contactDueDay: Int32, firstContactDay: Int32 = EvaluationFacts.none,
                    planDay: Int32 = EvaluationFacts.none) {
            self.receivedDay = receivedDay
            self.district = district
            self.team = team
            self.ageBand = ageBand
            self.source = source
            self.relation = relation
            self.status = status
            self.person = person
            self.known = known
            self.contactDueDay = contactDueDay
            self.firstContactDay = firstContactDay
            self.planDay = planDay
        }
    }

    /// A refusal ("not now") and what followed.
    public struct Refusal: Sendable, Equatable {
        /// Index into `signals`.
        public var signal: Int32
        public var dueDay: Int32
        public var nextContactDay: Int32
        public init(signal: Int32, dueDay: Int32, nextContactDay: Int32) {
            self.signal = signal
            self.dueDay = dueDay
            self.nextContactDay = nextContactDay
        }
    }

    /// Where a trajectory, referral or coupling belongs for the filters.
    public struct Place: Sendable, Equatable {
        public var district: Int16
        public var team: Int16
        public var ageBand: UInt8
        public init(district: Int16, team: Int16, ageBand: UInt8) {
            self.district = district
            self.team = team
            self.ageBand = ageBand
        }
    }

    public struct Trajectory: Sendable, Equatable {
        public var startedDay: Int32
        public var closedDay: Int32
        public var isOpen: Bool
        public var direct: Bool
        public var place: Place
        /// Index into `InterventionProfile.allCases`, or -1.
        public var profile: Int8
        /// Bit i: `LonelinessForm.allCases[i]`.
        public var forms: UInt8
        /// Bit i: `GoalResource.allCases[i]` (agreed goals).
        public var resources: UInt8
        /// The first and last measurement when they are of the same version.
        public var pair: ScorePair?

        public init(startedDay: Int32, closedDay: Int32, isOpen: Bool, direct: Bool, place: Place, profile: Int8 = -1, forms: UInt8 = 0,
                    resources: UInt8 = 0, pair: ScorePair? = nil) {
            self.startedDay = startedDay
            self.closedDay = closedDay
            self.isOpen = isOpen
            self.direct = direct
            self.place = place
            self.profile = profile
            self.forms = forms
            self.resources = resources
            self.pair = pair
        }
    }

    public struct Referral: Sendable, Equatable {
        public var sentDay: Int32
        /// Index into `ReferralStatus.allCases`.
        public var status: UInt8
        /// The decline or outcome reason's code, for declined and unsuccessful referrals.
        public var reason: String?
        public var place: Place?
        public init(sentDay: Int32, status: UInt8, reason: String?, place: Place?) {
            self.sentDay = sentDay
            self.status = status
            self.reason = reason
            self.place = place
        }
    }

    public struct Coupling: Sendable, Equatable {
        public var startDay: Int32
        public var endedDay: Int32
        /// "planned", "early", "friendship", or nil while running.
        public var endKind: String?
        public var waitingSinceDay: Int32
        public var place: Place
        public init(startDay: Int32, endedDay: Int32, endKind: String?, waitingSinceDay: Int32, place: Place) {
            self.startDay = startDay
            self.endedDay = endedDay
            self.endKind = endKind
            self.waitingSinceDay = waitingSinceDay
            self.place = place
        }
    }

    /// District names, and their ids in the same order.
    public var districts: [String] = []
    public var districtIDs: [String] = []
    /// Team ids.
    public var teams: [String] = []
    /// Source keys ("resident", "self", "partner:<type>").
    public var sources: [String] = []
    public var relations: [String] = []
    public var signals: [Signal] = []
    public var refusals: [Refusal] = []
    public var trajectories: [Trajectory] = []
    public var referrals: [Referral] = []
    public var couplings: [Coupling] = []
    /// People on the waiting list for a volunteer now.
    public var waiting: [Place] = []
    /// The social map, and what is asked of it now (for the coverage tables).
    public var activities: [CatalogueActivity] = []
    public var openReferralsByActivity: [String: Int] = [:]
    /// District name → free places of active volunteers who serve it (those serving anywhere count everywhere).
    public var volunteerPlacesByDistrict: [String: Int] = [:]

    public init() {}

    /// The index of `key` in `list`, adding it when new.
    public static func index(of key: String, in list: inout [String]) -> Int {
        if let index = list.firstIndex(of: key) { return index }
        list.append(key)
        return list.count - 1
    }
}

/// Which part of the facts a view looks at.
public struct EvaluationScope: Sendable, Equatable {
    public var period: EvaluationPeriod
    /// Indexes into the facts' districts and teams, and into `AgeBand.allCases`.
    public var district: Int16?
    public var team: Int16?
    public var ageBand: UInt8?
    /// The day "overdue" is judged at.
    public var asOf: CivilDate

    public init(period: EvaluationPeriod, district: Int16? = nil, team: Int16? = nil, ageBand: UInt8? = nil, asOf: CivilDate) {
        self.period = period
        self.district = district
        self.team = team
        self.ageBand = ageBand
        self.asOf = min(asOf, period.through)
    }

    func matches(_ place: EvaluationFacts.Place?) -> Bool {
        guard district != nil || team != nil || ageBand != nil else { return true }
        guard let place else { return false }
        return (district.map { $0 == place.district } ?? true) && (team.map { $0 == place.team } ?? true)
            && (ageBand.map { $0 == place.ageBand } ?? true)
    }
}
