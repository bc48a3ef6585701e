/// The De Jong Gierveld loneliness scale (De Jong Gierveld & Van Tilburg, manual 1999/2022),
/// 11 and 6 items. See `shared/domain/djg-scale.md`.
public enum DJGVersion: String, CaseIterable, Sendable, Codable {
    case eleven = "djg11"
    case six = "djg6"

    /// Item numbers (manual numbering) in this version, in manual order.
    public var items: [Int] {
        switch self {
        case .eleven: Array(1...11)
        case .six: [3, 4, 7, 8, 9, 10]
        }
    }

    /// Items of the emotional subscale (negatively worded).
    public var emotionalItems: [Int] { items.filter { !DJGItem.item($0).isPositive } }
    /// Items of the social subscale (positively worded).
    public var socialItems: [Int] { items.filter { DJGItem.item($0).isPositive } }
}

/// One statement of the scale.
public struct DJGItem: Sendable, Equatable {
    public let number: Int
    /// Positively worded items belong to the social subscale and are reversed.
    public let isPositive: Bool
    public let dutch: String
    public let english: String

    public static let all: [DJGItem] = [
        .init(number: 1, isPositive: true, dutch: "Er is altijd wel iemand in mijn omgeving bij wie ik met mijn dagelijkse probleempjes terecht kan",
              english: "There is always someone I can talk to about my day-to-day problems"),
        .init(number: 2, isPositive: false, dutch: "Ik mis een echt goede vriend of vriendin", english: "I miss having a really close friend"),
        .init(number: 3, isPositive: false, dutch: "Ik ervaar een leegte om me heen", english: "I experience a general sense of emptiness"),
        .init(number: 4, isPositive: true, dutch: "Er zijn genoeg mensen op wie ik in geval van narigheid kan terugvallen",
              english: "There are plenty of people I can lean on when I have problems"),
        .init(number: 5, isPositive: false, dutch: "Ik mis gezelligheid om me heen", english: "I miss the pleasure of the company of others"),
        .init(number: 6, isPositive: false, dutch: "Ik vind mijn kring van kennissen te beperkt", english: "I find my circle of friends and acquaintances too limited"),
        .init(number: 7, isPositive: true, dutch: "Ik heb veel mensen op wie ik volledig kan vertrouwen", english: "There are many people I can trust completely"),
        .init(number: 8, isPositive: true, dutch: "Er zijn voldoende mensen met wie ik me nauw verbonden voel", english: "There are enough people I feel close to"),
        .init(number: 9, isPositive: false, dutch: "Ik mis mensen om me heen", english: "I miss having people around me"),
        .init(number: 10, isPositive: false, dutch: "Vaak voel ik me in de steek gelaten", english: "I often feel rejected"),
        .init(number: 11, isPositive: true, dutch: "Wanneer ik daar behoefte aan heb kan ik altijd bij mijn vrienden terecht",
              english: "I can call on my friends whenever I need them"),
    ]

    public static func item(_ number: Int) -> DJGItem { all[number - 1] }
}

/// An answer, in the three-point or the manual's five-point form.
public enum DJGAnswer: String, CaseIterable, Sendable, Codable {
    case emphaticYes = "ja!"
    case yes = "ja"
    case moreOrLess = "min of meer"
    case no = "nee"
    case emphaticNo = "nee!"

    /// Reads an answer as typed in a survey file: case and surrounding spaces do not matter, and
    /// "min-of-meer" / "minofmeer" are the neutral answer too. Nil for anything else.
    public init?(parsing text: String) {
        let folded = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "\t" }).joined(separator: " ")
        switch folded {
        case "ja!": self = .emphaticYes
        case "ja": self = .yes
        case "min of meer", "minofmeer": self = .moreOrLess
        case "nee": self = .no
        case "nee!": self = .emphaticNo
        default: return nil
        }
    }

    /// The dichotomised score: the neutral answer counts as lonely for both kinds of item.
    public func score(positiveItem: Bool) -> Int {
        switch self {
        case .emphaticYes, .yes: positiveItem ? 0 : 1
        case .moreOrLess: 1
        case .no, .emphaticNo: positiveItem ? 1 : 0
        }
    }
}

/// The level words of the field (niet / matig / sterk / zeer sterk eenzaam).
public enum LonelinessLevel: String, CaseIterable, Sendable, Codable {
    case none = "niet"
    case moderate = "matig"
    case strong = "sterk"
    case veryStrong = "zeer_sterk"

    /// The level of a total score of `version` (djg-scale.md, "Levels").
    public static func of(total: Int, version: DJGVersion) -> LonelinessLevel {
        switch version {
        case .eleven:
            switch total {
            case ...2: .none
            case 3...8: .moderate
            case 9...10: .strong
            default: .veryStrong
            }
        case .six:
            switch total {
            case ...1: .none
            case 2...4: .moderate
            default: .strong
            }
        }
    }
}

/// The scores of one completed scale; nil where there were not enough answers.
public struct DJGScore: Sendable, Equatable {
    public let version: DJGVersion
    public let total: Int?
    public let emotional: Int?
    public let social: Int?

    public init(version: DJGVersion, total: Int?, emotional: Int?, social: Int?) {
        self.version = version
        self.total = total
        self.emotional = emotional
        self.social = social
    }

    public var level: LonelinessLevel? { total.map { LonelinessLevel.of(total: $0, version: version) } }
    /// The published indicator "eenzaam": 11-item score 3–11 (6-item: 2–6).
    public var isLonely: Bool? { level.map { $0 != .none } }
}

/// Scoring rules, including what to do with missing answers.
public struct DJGScoring: Sendable {
    public let version: DJGVersion
    /// 11 items: how many items may be missing before the total is missing (a setting; default 0).
    /// 6 items: always the manual's rule, one missing item allowed, summed without prorating.
    public let maxMissing: Int

    public init(version: DJGVersion, maxMissingForEleven: Int = 0) {
        self.version = version
        self.maxMissing = version == .six ? 1 : max(0, maxMissingForEleven)
    }

    /// Scores answers keyed by manual item number; absent or nil entries are missing.
    public func score(_ answers: [Int: DJGAnswer?]) -> DJGScore {
        func points(_ items: [Int]) -> [Int?] {
            items.map { number in (answers[number] ?? nil).map { $0.score(positiveItem: DJGItem.item(number).isPositive) } }
        }
        let all = points(version.items)
        let missing = all.filter { $0 == nil }.count
        let total = missing <= maxMissing ? all.compactMap { $0 }.reduce(0, +) : nil
        let subscale: ([Int]) -> Int? = { items in
            let values = points(items)
            return values.contains(where: { $0 == nil }) ? nil : values.compactMap { $0 }.reduce(0, +)
        }
        return DJGScore(version: version, total: total, emotional: subscale(version.emotionalItems), social: subscale(version.socialItems))
    }
}
