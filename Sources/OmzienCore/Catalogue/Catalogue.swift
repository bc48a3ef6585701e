import Foundation

/// The social map (sociale kaart): organisations and the activities they offer, with the classifications
/// of interventions.md. Plain values: the web app stores them, HSDS reads and writes them, matching ranks them.

/// The three activity forms (seed 001).
public enum ActivityForm: String, CaseIterable, Sendable, Codable {
    case group
    case oneToOne = "one_to_one"
    case course
}

/// The five intervention types of seed 000 §4.5.
public enum InterventionType: String, CaseIterable, Sendable, Codable {
    case information, trainingProfessionals = "training_professionals", socialActivation = "social_activation"
    case personalActivation = "personal_activation", coursesTherapy = "courses_therapy"
}

/// Evidence, in one field: the databank's three levels, the 2017 guide's two, or not assessed.
public enum EvidenceLevel: String, CaseIterable, Sendable, Codable {
    case effective = "effectief", wellFounded = "goed_onderbouwd", wellDescribed = "goed_beschreven"
    case researched = "onderbouwd", promising = "kansrijk", notAssessed = "not_assessed"
}

/// How a resident gets in: by themselves, only through a referral, or either.
public enum JoinRoute: String, CaseIterable, Sendable, Codable { case direct, referral, either }

/// Whether the entry is offered now (HSDS service status).
public enum ActivityStatus: String, CaseIterable, Sendable, Codable {
    case active, inactive, defunct
    case temporarilyClosed = "temporarily closed"
}

/// A recurring meeting: weekly or monthly on a weekday, from–to (RFC 5545 terms, as HSDS schedules).
public struct ActivitySchedule: Sendable, Equatable, Codable, Hashable {
    public enum Frequency: String, CaseIterable, Sendable, Codable { case weekly = "WEEKLY", monthly = "MONTHLY" }
    public var frequency: Frequency
    /// Every `interval` weeks or months (1 = every).
    public var interval: Int
    /// ISO weekday 1 = Monday … 7 = Sunday.
    public var weekday: Int
    /// "HH:MM".
    public var opensAt: String
    public var closesAt: String

    public init(frequency: Frequency = .weekly, interval: Int = 1, weekday: Int, opensAt: String, closesAt: String) {
        self.frequency = frequency
        self.interval = interval
        self.weekday = weekday
        self.opensAt = opensAt
        self.closesAt = closesAt
    }

    /// RFC 5545 weekday codes.
    public static let dayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    public var byDay: String { Self.dayCodes[weekday - 1] }
}

/// Where an activity takes place.
public struct ActivityLocation: Sendable, Equatable, Codable, Hashable {
    public var name: String
    public var address: String
    public var postcode: String
    public var city: String

    public init(name: String, address: String, postcode: String, city: String) {
        self.name = name
        self.address = address
        self.postcode = postcode
        self.city = city
    }
}

/// An organisation on the social map (a provider).
public struct CatalogueOrganisation: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var description: String
    public var email: String
    public var website: String
    public var phone: String

    public init(id: String, name: String, description: String = "", email: String = "", website: String = "", phone: String = "") {
        self.id = id
        self.name = name
        self.description = description
        self.email = email
        self.website = website
        self.phone = phone
    }
}

/// An activity or service on the social map.
public struct CatalogueActivity: Sendable, Equatable, Codable {
    public var id: String
    public var organisationID: String
    public var name: String
    public var description: String
    public var status: ActivityStatus = .active
    public var form: ActivityForm
    public var interventionType: InterventionType
    public var preventive: Bool
    public var evidence: EvidenceLevel = .notAssessed
    public var evidenceSource: String = ""
    /// Who it is for, in plain words ("ouderen", "mantelzorgers", "nieuwkomers").
    public var targetGroups: [String] = []
    public var minimumAge: Int?
    public var maximumAge: Int?
    /// Conditions someone must have (e.g. "dementie", "visueel beperkt"); empty = none required.
    public var conditions: [String] = []
    /// Life events it is for (e.g. "partner overleden"); empty = any.
    public var lifeEvents: [String] = []
    /// Languages it is offered in (codes); empty = Dutch only.
    public var languages: [String] = []
    public var lonelinessForms: Set<LonelinessForm> = []
    public var profiles: Set<InterventionProfile> = []
    /// District ids served; nil = the whole municipality.
    public var districtIDs: Set<String>?
    public var location: ActivityLocation?
    public var schedules: [ActivitySchedule] = []
    /// Cost per time in euro cents; 0 = free; nil = unknown.
    public var costCents: Int?
    public var costDescription: String = ""
    public var capacity: Int?
    public var waitingList: Int = 0
    public var joinRoute: JoinRoute = .direct
    /// Set when the entry is a way into support rather than an activity (Welzijn op Recept leads into welfare
    /// guidance): matching does not suggest it to someone already there. Optional, so older stored entries still read.
    public var routeInto: SupportRoute?
    public var howToJoin: String = ""
    public var contactPhone: String = ""
    public var contactEmail: String = ""
    public var website: String = ""
    /// When a coordinator last checked the entry; more than a year ago (or never) = flagged as stale.
    public var checkedOn: CivilDate?

    public init(id: String, organisationID: String, name: String, description: String, form: ActivityForm,
                interventionType: InterventionType, preventive: Bool) {
        self.id = id
        self.organisationID = organisationID
        self.name = name
        self.description = description
        self.form = form
        self.interventionType = interventionType
        self.preventive = preventive
    }

    public var isFree: Bool { costCents == 0 }

    /// Stale data is the known weak point of social maps: an entry not checked for a year is flagged.
    public func isStale(today: CivilDate) -> Bool {
        guard let checkedOn else { return true }
        return checkedOn.adding(months: 12) < today
    }
}

extension ActivitySchedule {
    static let dutchDays = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]

    /// Reads a schedule line as people type it: "dinsdag 10:00-12:00", "di 10.00 - 12.00",
    /// "om de 2 weken woensdag 14:00-16:00", "maandelijks vrijdag 19:30-21:30". Nil when it cannot be read.
    public init?(dutch line: String) {
        var words = line.lowercased().replacingOccurrences(of: "–", with: "-").split(whereSeparator: \.isWhitespace).map(String.init)
        var frequency = Frequency.weekly, interval = 1
        if words.first == "maandelijks" || words.first == "elke" && words.dropFirst().first == "maand" {
            frequency = .monthly
            words.removeFirst(words.first == "maandelijks" ? 1 : 2)
        } else if words.count > 3, words[0] == "om", words[1] == "de", let every = Int(words[2]), ["week", "weken"].contains(words[3]) {
            interval = every
            words.removeFirst(4)
        }
        guard let dayWord = words.first,
              let day = Self.dutchDays.firstIndex(where: { $0 == dayWord || $0.prefix(2) == dayWord.prefix(2) && dayWord.count <= 3 })
        else { return nil }
        let times = words.dropFirst().joined().replacingOccurrences(of: ".", with: ":").split(separator: "-").map(String.init)
        guard times.count == 2, let opens = Self.time(times[0]), let closes = Self.time(times[1]), opens < closes else { return nil }
        self.init(frequency: frequency, interval: interval, weekday: day + 1, opensAt: opens, closesAt: closes)
    }

    /// The line again, in the same words: what the form shows when it is edited.
    public var dutch: String {
        let prefix = frequency == .monthly ? "maandelijks " : interval > 1 ? "om de \(interval) weken " : ""
        return "\(prefix)\(Self.dutchDays[weekday - 1]) \(opensAt)-\(closesAt)"
    }

    /// "9:30" → "09:30"; nil for anything that is not a time of day.
    static func time(_ text: String) -> String? {
        let parts = text.split(separator: ":").map { Int($0) }
        guard (1...2).contains(parts.count), let hour = parts[0], (0...23).contains(hour) else { return nil }
        let minute = parts.count == 2 ? parts[1] : 0
        guard let minute, (0...59).contains(minute) else { return nil }
        return (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }
}
