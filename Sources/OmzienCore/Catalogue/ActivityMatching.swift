/// Explainable suggestions from the social map for one person (casework.md, "Matching rules").
/// Eligibility facts are hard filters; everything else ranks. The rules are data plus small functions so
/// every point of a score has a reason the professional can read. Suggestions, never decisions.

/// What is known about the person that matching may use.
public struct MatchPerson: Sendable, Equatable {
    public var age: Int?
    /// The age band from the signal; used only when `age` is unknown (no birth year), as a range.
    public var ageBand: AgeBand?
    public var districtID: String?
    public var forms: Set<LonelinessForm> = []
    public var profile: InterventionProfile?
    public var causes: Set<CauseGroup> = []
    /// Conditions in the same words the catalogue uses ("dementie").
    public var conditions: Set<String> = []
    /// Life events recorded in the assessment; the catalogue's words for them are read by `LifeEvent.isNamed(by:)`.
    public var lifeEvents: Set<LifeEvent> = []
    /// Risk groups (`Coverage.riskGroups` keys) the person told the professional they belong to ("lgbti", "carers").
    public var groups: Set<String> = []
    /// Support the person already receives: a route into it is not suggested again.
    public var alreadyIn: Set<SupportRoute> = []
    /// Language codes the person speaks; Dutch when empty.
    public var languages: Set<String> = ["nl"]
    /// Days the person can (1 = Monday … 7); nil = any.
    public var days: Set<Int>?
    /// Isolated people often avoid groups: start one-to-one (casework.md).
    public var avoidsGroups = false
    /// Someone labelled in their own district may prefer an activity elsewhere.
    public var prefersOtherDistrict = false
    /// Strong or very strong loneliness: collective meeting activities are preventive, not enough on their own.
    public var severe = false

    public init() {}

    /// The ages the person may have: one year when the birth year is known, else the age band's range.
    public var ageRange: ClosedRange<Int>? { age.map { $0...$0 } ?? ageBand?.years }

    /// Whether the person has a life event the catalogue's word names.
    public func hasLifeEvent(named catalogueWord: String) -> Bool { lifeEvents.contains { $0.isNamed(by: catalogueWord) } }

    /// Whether the person belongs to a risk group: recorded by the professional, or following from the age,
    /// a life event or a condition (someone of 78 is among "ouderen", a widow among the bereaved).
    public func belongs(to group: Coverage.RiskGroup) -> Bool {
        if groups.contains(group.key) { return true }
        if let range = ageRange {
            if let from = group.minimumAgeFrom, range.lowerBound >= from { return true }
            if let to = group.maximumAgeTo, range.upperBound <= to { return true }
        }
        return lifeEvents.contains { group.isNamed(by: $0.catalogueName) } || conditions.contains { group.isNamed(by: $0) }
    }
}

/// Why an activity is not possible for the person.
public enum MatchExclusion: String, CaseIterable, Sendable {
    case notActive = "not_active", tooYoung = "too_young", tooOld = "too_old", conditionRequired = "condition_required"
    case lifeEventRequired = "life_event_required", noCommonLanguage = "no_common_language", districtNotServed = "district_not_served"
    /// The entry is a way into support the person already has (Welzijn op Recept during a welfare trajectory).
    case alreadyInRoute = "already_in_route"
}

/// One reason in a suggestion, with its points (0 for facts that only inform, such as "the age fits").
public struct MatchReason: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case emotionalOneToOne = "emotional_one_to_one", emotionalGroup = "emotional_group"
        case socialGroup = "social_group", personalCourse = "personal_course", personalMeeting = "personal_meeting"
        case existentialMeaning = "existential_meaning", suitsForm = "suits_form", fitsProfile = "fits_profile"
        case avoidsGroupsOneToOne = "avoids_groups_one_to_one", avoidsGroupsGroup = "avoids_groups_group"
        case inDistrict = "in_district", cityWide = "city_wide", elsewhereAsWished = "elsewhere_as_wished"
        case onDays = "on_days", free, evidence, waitingList = "waiting_list", preventiveOnly = "preventive_only"
        case ageFits = "age_fits", conditionFits = "condition_fits", lifeEventFits = "life_event_fits", stale
        /// Only the age band is known: it lies within the limits, or only partly (worth checking).
        case ageBandFits = "age_band_fits", ageBandUncertain = "age_band_uncertain"
        /// The activity is for a group the person belongs to, or for groups they are not known to belong to.
        case targetGroupFits = "target_group_fits", targetGroupNotKnown = "target_group_not_known"
    }

    public let kind: Kind
    public let details: [String]
    public let points: Int

    public init(_ kind: Kind, _ details: [String] = [], points: Int = 0) {
        self.kind = kind
        self.details = details
        self.points = points
    }
}

/// A ranked suggestion.
public struct MatchSuggestion: Sendable, Equatable {
    public let activityID: String
    public let score: Int
    public let reasons: [MatchReason]
}

public enum ActivityMatching {
    /// Points per rule, kept together so the explanation and the score cannot disagree.
    public enum Points {
        public static let formFit = 30, formMisfit = -10, personalCourse = 25, personalMeeting = -5, existential = 20
        public static let suitsForm = 15, profile = 20, avoidsGroups = 10, inDistrict = 10, cityWide = 5, elsewhere = 10
        public static let days = 5, free = 3, waitingList = -5, preventiveOnly = -5
        /// Meant for the person's own life event (a bereavement visiting service after losing a partner).
        public static let lifeEvent = 20
        /// For a group the person belongs to; for groups they are not known to belong to, a strong minus.
        public static let ownGroup = 15, otherGroup = -40
        public static func evidence(_ level: EvidenceLevel) -> Int {
            switch level {
            case .effective: 6
            case .wellFounded: 5
            case .wellDescribed: 4
            case .researched: 3
            case .promising: 1
            case .notAssessed: 0
            }
        }
    }

    /// The hard filters: age (or the whole age band when no birth year is known), required conditions and
    /// life events, language, districts served, status, and a route into support the person already has.
    public static func exclusions(_ activity: CatalogueActivity, for person: MatchPerson) -> [MatchExclusion] {
        var result: [MatchExclusion] = []
        if activity.status != .active { result.append(.notActive) }
        if let ages = person.ageRange {
            if let minimum = activity.minimumAge, ages.upperBound < minimum { result.append(.tooYoung) }
            if let maximum = activity.maximumAge, ages.lowerBound > maximum { result.append(.tooOld) }
        }
        if !activity.conditions.isEmpty, person.conditions.isDisjoint(with: activity.conditions) { result.append(.conditionRequired) }
        if !activity.lifeEvents.isEmpty, !activity.lifeEvents.contains(where: person.hasLifeEvent(named:)) { result.append(.lifeEventRequired) }
        let offered = activity.languages.isEmpty ? ["nl"] : Set(activity.languages)
        let spoken = person.languages.isEmpty ? ["nl"] : person.languages
        if offered.isDisjoint(with: spoken) { result.append(.noCommonLanguage) }
        if let served = activity.districtIDs, !(person.districtID.map(served.contains) ?? false) { result.append(.districtNotServed) }
        if let route = activity.routeInto, person.alreadyIn.contains(route) { result.append(.alreadyInRoute) }
        return result
    }

    /// The reasons an eligible activity scores as it does, in reading order.
    public static func reasons(_ activity: CatalogueActivity, for person: MatchPerson, today: CivilDate) -> [MatchReason] {
        var reasons = eligibilityFacts(activity, person)
        reasons += targetGroupRules(activity, person)
        reasons += formRules(activity, person)
        if let profile = person.profile, activity.profiles.contains(profile) {
            reasons.append(MatchReason(.fitsProfile, [profile.rawValue], points: Points.profile))
        }
        reasons += placeAndTime(activity, person)
        if activity.isFree { reasons.append(MatchReason(.free, points: Points.free)) }
        let evidence = Points.evidence(activity.evidence)
        if evidence > 0 { reasons.append(MatchReason(.evidence, [activity.evidence.rawValue], points: evidence)) }
        if activity.waitingList > 0 { reasons.append(MatchReason(.waitingList, [String(activity.waitingList)], points: Points.waitingList)) }
        if activity.isStale(today: today) { reasons.append(MatchReason(.stale, [activity.checkedOn?.description ?? ""])) }
        return reasons
    }

    /// Ranks the eligible activities, best first; ties by name so the order is stable.
    public static func suggestions(_ activities: [CatalogueActivity], for person: MatchPerson, today: CivilDate, limit: Int = 10) -> [MatchSuggestion] {
        activities
            .filter { exclusions($0, for: person).isEmpty }
            .map { activity -> (CatalogueActivity, MatchSuggestion) in
                let reasons = reasons(activity, for: person, today: today)
                return (activity, MatchSuggestion(activityID: activity.id, score: reasons.reduce(0) { $0 + $1.points }, reasons: reasons))
            }
            .sorted { ($0.1.score, $1.0.name) > ($1.1.score, $0.0.name) }
            .prefix(limit)
            .map(\.1)
    }

    static func eligibilityFacts(_ activity: CatalogueActivity, _ person: MatchPerson) -> [MatchReason] {
        var facts: [MatchReason] = []
        let limits = [activity.minimumAge.map(String.init) ?? "", activity.maximumAge.map(String.init) ?? ""]
        if activity.minimumAge != nil || activity.maximumAge != nil {
            if let age = person.age {
                facts.append(MatchReason(.ageFits, limits + [String(age)]))
            } else if let band = person.ageBand, let years = band.years {
                // The exclusions let through a band that overlaps the limits; say whether it lies wholly inside.
                let inside = (activity.minimumAge.map { years.lowerBound >= $0 } ?? true) && (activity.maximumAge.map { years.upperBound <= $0 } ?? true)
                facts.append(MatchReason(inside ? .ageBandFits : .ageBandUncertain, limits + [band.rawValue]))
            }
        }
        let condition = person.conditions.intersection(activity.conditions).sorted()
        if !condition.isEmpty { facts.append(MatchReason(.conditionFits, condition)) }
        let event = activity.lifeEvents.filter(person.hasLifeEvent(named:))
        if !event.isEmpty { facts.append(MatchReason(.lifeEventFits, event, points: Points.lifeEvent)) }
        return facts
    }

    /// "For whom" words that name a risk group are judged: a plus when the person belongs to one of them, a strong
    /// minus when not known to belong to any. Other words ("buurtbewoners") cannot be judged and count for nothing.
    static func targetGroupRules(_ activity: CatalogueActivity, _ person: MatchPerson) -> [MatchReason] {
        let judged = activity.targetGroups.filter { !Coverage.RiskGroup.named(by: $0).isEmpty }
        guard !judged.isEmpty else { return [] }
        let fitting = judged.filter { word in Coverage.RiskGroup.named(by: word).allSatisfy(person.belongs(to:)) }
        return fitting.isEmpty ? [MatchReason(.targetGroupNotKnown, judged, points: Points.otherGroup)]
                               : [MatchReason(.targetGroupFits, fitting, points: Points.ownGroup)]
    }

    /// The rules of casework.md about which form fits which loneliness and which causes.
    static func formRules(_ activity: CatalogueActivity, _ person: MatchPerson) -> [MatchReason] {
        var reasons: [MatchReason] = []
        if person.forms.contains(.emotional) {
            // Emotional loneliness asks for a close bond; widening contacts may not help.
            reasons.append(activity.form == .oneToOne ? MatchReason(.emotionalOneToOne, points: Points.formFit)
                           : activity.form == .group ? MatchReason(.emotionalGroup, points: Points.formMisfit) : nil)
        }
        if person.forms.contains(.social), activity.form == .group {
            reasons.append(MatchReason(.socialGroup, points: Points.formFit))
        }
        if person.forms.contains(.existential), activity.interventionType == .personalActivation {
            reasons.append(MatchReason(.existentialMeaning, points: Points.existential))
        }
        if person.causes.contains(.person) {
            if activity.form == .course || activity.interventionType == .coursesTherapy {
                reasons.append(MatchReason(.personalCourse, points: Points.personalCourse))
            } else if activity.form == .group && activity.interventionType == .socialActivation {
                reasons.append(MatchReason(.personalMeeting, points: Points.personalMeeting))
            }
        }
        for form in LonelinessForm.allCases where person.forms.contains(form) && activity.lonelinessForms.contains(form) {
            reasons.append(MatchReason(.suitsForm, [form.rawValue], points: Points.suitsForm))
        }
        if person.avoidsGroups {
            reasons.append(activity.form == .oneToOne ? MatchReason(.avoidsGroupsOneToOne, points: Points.avoidsGroups)
                           : activity.form == .group ? MatchReason(.avoidsGroupsGroup, points: -Points.avoidsGroups) : nil)
        }
        if person.severe, activity.preventive, activity.form == .group {
            reasons.append(MatchReason(.preventiveOnly, points: Points.preventiveOnly))
        }
        return reasons
    }

    static func placeAndTime(_ activity: CatalogueActivity, _ person: MatchPerson) -> [MatchReason] {
        var reasons: [MatchReason] = []
        if let served = activity.districtIDs, let district = person.districtID, served.contains(district) {
            reasons.append(person.prefersOtherDistrict && served.count == 1
                           ? MatchReason(.inDistrict, [district]) : MatchReason(.inDistrict, [district], points: Points.inDistrict))
        } else if activity.districtIDs == nil {
            reasons.append(person.prefersOtherDistrict ? MatchReason(.elsewhereAsWished, points: Points.elsewhere)
                                                       : MatchReason(.cityWide, points: Points.cityWide))
        }
        let days = Set(activity.schedules.map(\.weekday))
        let fitting = person.days.map { days.intersection($0) } ?? days
        if !fitting.isEmpty { reasons.append(MatchReason(.onDays, fitting.sorted().map(String.init), points: Points.days)) }
        return reasons
    }
}

private extension Array where Element == MatchReason {
    mutating func append(_ reason: MatchReason?) { if let reason { append(reason) } }
}
