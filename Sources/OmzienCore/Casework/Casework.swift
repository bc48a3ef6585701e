/// The seven phases of seed 003's phased approach: a cycle, not a waterfall.
public enum Phase: Int, CaseIterable, Sendable, Codable {
    case recognise = 1, discuss, listen, wishes, collaborate, act, review

    /// The next phase in the cycle (after reviewing, the cycle starts again at listening).
    public var next: Phase { self == .review ? .listen : Phase(rawValue: rawValue + 1)! }
    public var previous: Phase? { Phase(rawValue: rawValue - 1) }
}

/// Where help for a goal comes from, in the Kanteling order: own strength and network first, then
/// volunteers, then professionals and public provisions (seed 003).
public enum GoalResource: String, CaseIterable, Sendable, Codable, Comparable {
    case ownNetwork = "own_network"
    case volunteer
    case activity
    case professional

    /// Position in the Kanteling order.
    public var order: Int { GoalResource.allCases.firstIndex(of: self)! }
    public static func < (a: GoalResource, b: GoalResource) -> Bool { a.order < b.order }
}

public enum GoalStatus: String, CaseIterable, Sendable, Codable {
    case open, done, dropped
}

public enum CaseContactKind: String, CaseIterable, Sendable, Codable {
    case visit, phone, meeting, message, other
}

/// Why a trajectory was closed.
public enum CloseReason: String, CaseIterable, Sendable, Codable {
    case goalsMet = "goals_met"
    case declinedFurtherSupport = "declined"
    case moved
    case deceased
    case transferred
    case other

    /// A second measurement is expected unless the person cannot be asked any more.
    public var expectsSecondMeasurement: Bool { self == .goalsMet || self == .declinedFurtherSupport || self == .other }

    /// Whether this reason agrees with the plan. "Goals met" needs a plan whose every goal was reached: no goal
    /// set, one still open or one dropped does not agree, and then the professional has to say why they close so.
    /// The other reasons say nothing about the goals.
    public func agreesWithGoals(_ statuses: [GoalStatus]) -> Bool {
        guard self == .goalsMet else { return true }
        return !statuses.isEmpty && statuses.allSatisfy { $0 == .done }
    }
}

/// The hurdles of casework (seed 003).
public enum Hurdle: String, CaseIterable, Sendable, Codable {
    /// Reluctance to ask for help.
    case reluctanceToAsk = "vraagverlegenheid"
    /// The helper's reluctance to act.
    case reluctanceToAct = "handelingsverlegenheid"
    case resistance = "weerstand"
}

/// What the professional records while listening and in the later phases. All optional: it fills up
/// over the conversations.
public struct Assessment: Sendable, Equatable, Codable {
    public var situation: String = ""
    public var causeGroups: Set<CauseGroup> = []
    public var causeNotes: String = ""
    public var duration: LonelinessDuration?
    public var motivation: Motivation?
    public var coping: Coping?
    public var forms: Set<LonelinessForm> = []
    public var networkType: NetworkType?
    public var readiness: Readiness?
    public var hurdles: Set<Hurdle> = []
    public var resistanceNotes: String = ""
    public var wishes: String = ""
    public var talents: String = ""
    public var interests: String = ""
    public var alwaysLiked: String = ""
    public var partnersInvolved: String = ""
    public var lookBack: String = ""
    /// Life events told while listening; matching suggests what is meant for them (a bereavement visiting service).
    /// Optional, like `groups`, so assessments stored before these fields existed still read.
    public var lifeEvents: Set<LifeEvent>?
    /// Risk groups (`Coverage.riskGroups` keys) the person says they belong to, recorded only as they tell it:
    /// some are special-category data (lhbti+). Matching ranks activities for other groups lower.
    public var groups: Set<String>?

    public init() {}

    /// The Machielse profile, once duration, motivation and coping are known.
    public var profile: InterventionProfile? {
        guard let duration, let motivation, let coping else { return nil }
        return InterventionProfile.classify(duration: duration, motivation: motivation, coping: coping)
    }
}

/// Comparing the first and the last measurement of a trajectory.
public struct MeasurementChange: Sendable, Equatable {
    public let before: DJGScore
    public let after: DJGScore

    public init(before: DJGScore, after: DJGScore) {
        self.before = before
        self.after = after
    }

    /// After minus before; negative is less lonely. Nil when a total is missing or the versions differ.
    public var change: Int? {
        guard before.version == after.version, let a = before.total, let b = after.total else { return nil }
        return b - a
    }

    /// Whether the level went down at least one step.
    public var movedDownALevel: Bool? {
        guard let from = before.level, let to = after.level, before.version == after.version else { return nil }
        return LonelinessLevel.allCases.firstIndex(of: to)! < LonelinessLevel.allCases.firstIndex(of: from)!
    }
}

/// What the outcome of a referral or coupling serving a goal proposes for that goal. The professional
/// decides (with the person); the page only proposes.
public enum GoalProposal: String, Sendable, Equatable {
    /// It worked: mark the goal as met.
    case markMet = "mark_met"
    /// It did not work out: look for another way, or drop the goal.
    case reconsider

    /// A referral's outcome; nil while it is still under way.
    public static func after(referral status: ReferralStatus) -> GoalProposal? {
        switch status {
        case .successful: .markMet
        case .unsuccessful, .declined, .withdrawn: .reconsider
        case .sent, .accepted, .started: nil
        }
    }

    /// A coupling that ended: as planned or in friendship it served its goals; ended early, they need another look.
    public static func afterCoupling(endedAsPlanned: Bool) -> GoalProposal { endedAsPlanned ? .markMet : .reconsider }
}
