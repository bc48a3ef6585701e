/// A part of a week in which someone is available: a weekday and a part of the day.
public struct Slot: Hashable, Comparable, Sendable, CustomStringConvertible {
    public enum Part: Int, CaseIterable, Sendable { case morning = 1, afternoon, evening }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public let day: Int
    public let part: Part

    public init?(day: Int, part: Part) {
        guard (1...7).contains(day) else { return nil }
        self.day = day
        self.part = part
    }

    /// "1-1" (Monday morning) … "7-3" (Sunday evening): how slots travel in forms and storage.
    public init?(code: String) {
        let pieces = code.split(separator: "-")
        guard pieces.count == 2, let day = Int(pieces[0]), let partNumber = Int(pieces[1]), let part = Part(rawValue: partNumber) else { return nil }
        self.init(day: day, part: part)
    }

    public var code: String { "\(day)-\(part.rawValue)" }
    public var description: String { code }
    public static var all: [Slot] { (1...7).flatMap { day in Part.allCases.map { Slot(day: day, part: $0)! } } }
    public static func < (a: Slot, b: Slot) -> Bool { (a.day, a.part.rawValue) < (b.day, b.part.rawValue) }

    /// Codes to slots; unknown codes are dropped.
    public static func set(_ codes: some Sequence<String>) -> Set<Slot> { Set(codes.compactMap(Slot.init(code:))) }
}

public enum Gender: String, CaseIterable, Sendable, Codable { case woman, man, other }

/// How a volunteer travels; walking volunteers are best kept close to home.
public enum Travel: String, CaseIterable, Sendable, Codable { case walk, bike, publicTransport = "public_transport", car }

/// The interests offered in forms: a fixed list so that "wandelen" and "Wandelen " are the same interest.
public enum Interest: String, CaseIterable, Sendable, Codable {
    case walking, conversation, cooking, gardening, music, culture, games, crafts, reading, sport, nature, technology, faith, animals, shopping, cycling
}

/// A volunteer as the coupling engine sees them.
public struct VolunteerProfile: Sendable, Equatable {
    public var id: String
    public var interests: Set<Interest>
    /// Language codes such as "nl", "en", "tr".
    public var languages: Set<String>
    public var availability: Set<Slot>
    /// Districts the volunteer is willing to work in; nil = anywhere.
    public var districts: Set<String>?
    public var gender: Gender?
    /// The volunteer's wishes about the person (soft: they rank, they do not forbid).
    public var preferredGender: Gender?
    public var preferredAge: ClosedRange<Int>?
    public var maxCouplings: Int
    public var activeCouplings: Int
    public var vogExpiresOn: CivilDate?
    public var trainingDone: Bool
    public var travel: Travel

    public init(
        id: String, interests: Set<Interest> = [], languages: Set<String> = ["nl"], availability: Set<Slot> = [], districts: Set<String>? = nil,
        gender: Gender? = nil, preferredGender: Gender? = nil, preferredAge: ClosedRange<Int>? = nil, maxCouplings: Int = 1,
        activeCouplings: Int = 0, vogExpiresOn: CivilDate? = nil, trainingDone: Bool = false, travel: Travel = .bike
    ) {
        self.id = id
        self.interests = interests
        self.languages = languages
        self.availability = availability
        self.districts = districts
        self.gender = gender
        self.preferredGender = preferredGender
        self.preferredAge = preferredAge
        self.maxCouplings = maxCouplings
        self.activeCouplings = activeCouplings
        self.vogExpiresOn = vogExpiresOn
        self.trainingDone = trainingDone
        self.travel = travel
    }

    public var remainingCapacity: Int { max(0, maxCouplings - activeCouplings) }
}

/// A person on the waiting list with what they hope for in a volunteer.
public struct CouplingCandidate: Sendable, Equatable {
    public var id: String
    public var interests: Set<Interest>
    public var languages: Set<String>
    public var availability: Set<Slot>
    public var districtID: String?
    public var age: Int?
    public var gender: Gender?
    public var preferredVolunteerGender: Gender?
    /// Some people known in their own district prefer a volunteer from elsewhere (casework.md).
    public var prefersOtherDistrict: Bool
    public var waitingSince: CivilDate
    /// Volunteers this person must not be coupled with (an earlier coupling that went wrong, a neighbour…).
    public var excludedVolunteers: Set<String>

    public init(
        id: String, interests: Set<Interest> = [], languages: Set<String> = ["nl"], availability: Set<Slot> = [], districtID: String? = nil,
        age: Int? = nil, gender: Gender? = nil, preferredVolunteerGender: Gender? = nil, prefersOtherDistrict: Bool = false,
        waitingSince: CivilDate, excludedVolunteers: Set<String> = []
    ) {
        self.id = id
        self.interests = interests
        self.languages = languages
        self.availability = availability
        self.districtID = districtID
        self.age = age
        self.gender = gender
        self.preferredVolunteerGender = preferredVolunteerGender
        self.prefersOtherDistrict = prefersOtherDistrict
        self.waitingSince = waitingSince
        self.excludedVolunteers = excludedVolunteers
    }
}

/// Why a pair is impossible. Volunteer-side blockers also show on the coordinator's list.
public enum CouplingBlocker: String, CaseIterable, Sendable {
    case certificateMissing = "vog_missing"
    case certificateExpired = "vog_expired"
    case trainingMissing = "training_missing"
    case atCapacity = "at_capacity"
    case noCommonTime = "no_common_time"
    case noCommonLanguage = "no_common_language"
    case districtNotServed = "district_not_served"
    case excluded
}

/// One reason a pair scored as it did, with the points it added (negative when it counted against).
public struct CouplingReason: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case sharedInterests = "shared_interests", commonLanguage = "common_language", commonTimes = "common_times"
        case sameDistrict = "same_district", otherDistrictAsWished = "other_district_wished", sameDistrictNotWished = "same_district_not_wished"
        case genderWishMet = "gender_wish_met", genderWishNotMet = "gender_wish_not_met"
        case volunteerGenderWishMet = "volunteer_gender_wish_met", volunteerGenderWishNotMet = "volunteer_gender_wish_not_met"
        case ageWithinWish = "age_within_wish", ageOutsideWish = "age_outside_wish"
        case waitingTime = "waiting_time"
    }

    public let kind: Kind
    /// What the reason is about, ready to show: the shared interests, the common slots, the weeks waited.
    public let details: [String]
    public let points: Double

    public init(kind: Kind, details: [String], points: Double) {
        self.kind = kind
        self.details = details
        self.points = points
    }
}

/// The compatibility of one (person, volunteer) pair: a score with its reasons, or the blockers.
public struct Compatibility: Sendable, Equatable {
    public let score: Double
    public let reasons: [CouplingReason]
    public let blockers: [CouplingBlocker]
    public var isPossible: Bool { blockers.isEmpty }
}

/// The coupling rules: hard constraints make a pair impossible; the rest adds up to a score.
/// Weights are data so the explanation and the score can never disagree.
public enum CouplingRules {
    public struct Weights: Sendable {
        public var base = 10.0
        public var perSharedInterest = 8.0, maxSharedInterests = 3
        public var perCommonSlot = 4.0, maxCommonSlots = 4
        public var district = 12.0
        public var personGenderWish = (met: 10.0, notMet: -15.0)
        public var volunteerWish = (met: 5.0, notMet: -15.0)
        /// Points per full two weeks waited, up to a year: among equal pairs, who waited longest goes first.
        public var perTwoWeeksWaited = 1.0, maxTwoWeekPeriods = 26
        public init() {}
    }

    /// What blocks a volunteer from any new coupling: certificate of good conduct, training, capacity.
    public static func volunteerBlockers(_ volunteer: VolunteerProfile, today: CivilDate) -> [CouplingBlocker] {
        var blockers: [CouplingBlocker] = []
        if let expiry = volunteer.vogExpiresOn {
            if expiry < today { blockers.append(.certificateExpired) }
        } else {
            blockers.append(.certificateMissing)
        }
        if !volunteer.trainingDone { blockers.append(.trainingMissing) }
        if volunteer.remainingCapacity == 0 { blockers.append(.atCapacity) }
        return blockers
    }

    public static func assess(
        _ person: CouplingCandidate, _ volunteer: VolunteerProfile, today: CivilDate, weights: Weights = Weights()
    ) -> Compatibility {
        var blockers = volunteerBlockers(volunteer, today: today)
        let commonSlots = person.availability.intersection(volunteer.availability).sorted()
        if commonSlots.isEmpty { blockers.append(.noCommonTime) }
        let commonLanguages = person.languages.intersection(volunteer.languages).sorted()
        if commonLanguages.isEmpty { blockers.append(.noCommonLanguage) }
        if let served = volunteer.districts, !(person.districtID.map(served.contains) ?? false) { blockers.append(.districtNotServed) }
        if person.excludedVolunteers.contains(volunteer.id) { blockers.append(.excluded) }
        guard blockers.isEmpty else { return Compatibility(score: 0, reasons: [], blockers: blockers) }

        var reasons: [CouplingReason] = []
        let shared = person.interests.intersection(volunteer.interests).map(\.rawValue).sorted()
        if !shared.isEmpty {
            reasons.append(.init(kind: .sharedInterests, details: shared,
                                 points: weights.perSharedInterest * Double(min(shared.count, weights.maxSharedInterests))))
        }
        reasons.append(.init(kind: .commonLanguage, details: commonLanguages, points: 0))
        reasons.append(.init(kind: .commonTimes, details: commonSlots.map(\.code),
                             points: weights.perCommonSlot * Double(min(commonSlots.count, weights.maxCommonSlots))))
        if let district = person.districtID {
            let sameDistrict = volunteer.districts?.count == 1 && volunteer.districts?.first == district
            if person.prefersOtherDistrict {
                // A volunteer who works everywhere can come from elsewhere; one who serves only this district cannot.
                reasons.append(sameDistrict ? .init(kind: .sameDistrictNotWished, details: [], points: -weights.district)
                                            : .init(kind: .otherDistrictAsWished, details: [], points: weights.district))
            } else if volunteer.districts?.contains(district) == true {
                reasons.append(.init(kind: .sameDistrict, details: [district], points: weights.district))
            }
        }
        if let wish = person.preferredVolunteerGender {
            reasons.append(volunteer.gender == wish ? .init(kind: .genderWishMet, details: [wish.rawValue], points: weights.personGenderWish.met)
                                                    : .init(kind: .genderWishNotMet, details: [wish.rawValue], points: weights.personGenderWish.notMet))
        }
        if let wish = volunteer.preferredGender {
            reasons.append(person.gender == wish ? .init(kind: .volunteerGenderWishMet, details: [wish.rawValue], points: weights.volunteerWish.met)
                                                 : .init(kind: .volunteerGenderWishNotMet, details: [wish.rawValue], points: weights.volunteerWish.notMet))
        }
        if let range = volunteer.preferredAge, let age = person.age {
            let details = ["\(range.lowerBound)", "\(range.upperBound)"]
            reasons.append(range.contains(age) ? .init(kind: .ageWithinWish, details: details, points: weights.volunteerWish.met)
                                               : .init(kind: .ageOutsideWish, details: details, points: weights.volunteerWish.notMet))
        }
        let periods = max(0, (today.dayNumber - person.waitingSince.dayNumber) / 14)
        if periods > 0 {
            reasons.append(.init(kind: .waitingTime, details: ["\(periods * 2)"],
                                 points: weights.perTwoWeeksWaited * Double(min(periods, weights.maxTwoWeekPeriods))))
        }
        let score = weights.base + reasons.reduce(0) { $0 + $1.points }
        return Compatibility(score: score, reasons: reasons, blockers: [])
    }
}
