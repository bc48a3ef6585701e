/// The observed signals a reporter can tick, grouped as on the signal cards of seed 001
/// (physical, social, environmental), with examples from practice (concepts.md, "Signals").
public enum SignalCategory: String, CaseIterable, Sendable, Codable {
    case physical, social, environmental
}

public enum SignalIndicator: String, CaseIterable, Sendable, Codable {
    // Physical
    case decliningSelfCare = "declining_self_care"
    case neglect
    case alcoholOrMedication = "alcohol_or_medication"
    case healthDecline = "health_decline"
    // Social
    case withdrawn
    case saysLonely = "says_lonely"
    case noShows = "no_shows"
    case recentLoss = "recent_loss"
    case otherLifeEvent = "other_life_event"
    case talksOnlyAboutSelf = "talks_only_about_self"
    // Environmental
    case curtainsClosed = "curtains_closed"
    case overflowingLetterbox = "overflowing_letterbox"
    case neglectedHouse = "neglected_house"
    case lightsOnInDaytime = "lights_on_in_daytime"
    case nuisance

    public var category: SignalCategory {
        switch self {
        case .decliningSelfCare, .neglect, .alcoholOrMedication, .healthDecline: .physical
        case .withdrawn, .saysLonely, .noShows, .recentLoss, .otherLifeEvent, .talksOnlyAboutSelf: .social
        case .curtainsClosed, .overflowingLetterbox, .neglectedHouse, .lightsOnInDaytime, .nuisance: .environmental
        }
    }

    /// Signals that also fit early dementia or depression, so the GP should be suggested (casework.md).
    public var suggestsGP: Bool {
        switch self {
        case .decliningSelfCare, .neglect, .alcoholOrMedication, .healthDecline, .withdrawn: true
        default: false
        }
    }
}

/// How long the concern has been going on.
public enum ConcernDuration: String, CaseIterable, Sendable, Codable {
    case days, weeks, months, longer, unknown
}

/// How the reporter knows the person.
public enum ReporterRelation: String, CaseIterable, Sendable, Codable {
    case neighbour, family, friend, professional, volunteer, myself
}

/// The approximate age a reporter can give; exact birth dates are not asked.
public enum AgeBand: String, CaseIterable, Sendable, Codable {
    case under18 = "under_18"
    case from18to39 = "18_39"
    case from40to64 = "40_64"
    case from65to74 = "65_74"
    case from75to84 = "75_84"
    case over85 = "85_plus"
    case unknown

    /// The band a birth year falls into in `year`.
    public static func of(birthYear: Int, in year: Int) -> AgeBand {
        switch year - birthYear {
        case ..<18: .under18
        case 18..<40: .from18to39
        case 40..<65: .from40to64
        case 65..<75: .from65to74
        case 75..<85: .from75to84
        default: .over85
        }
    }
}

/// How a signal came in; the evaluation counts reach per source.
public enum SignalSource: String, CaseIterable, Sendable, Codable {
    /// A resident worried about someone else, through the public form.
    case resident
    /// A resident about themselves (public form or the self-test's "contact me").
    case selfReport = "self"
    /// A logged-in partner organisation.
    case partner
    /// A preventive home visit (outreach) that raised concern, registered by the visitor or their organisation.
    case outreach
}
