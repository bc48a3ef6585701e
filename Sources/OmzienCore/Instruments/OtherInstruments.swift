/// The UCLA 3-item loneliness scale (as recommended by the ONS): three questions answered
/// "hardly ever or never" (1), "some of the time" (2), "often" (3); total 3–9.
public enum UCLA3 {
    public enum Answer: Int, CaseIterable, Sendable, Codable {
        case hardlyEver = 1, someOfTheTime = 2, often = 3
    }

    public static let questions = [
        (dutch: "Hoe vaak heeft u het gevoel dat u gezelschap mist?", english: "How often do you feel that you lack companionship?"),
        (dutch: "Hoe vaak voelt u zich buitengesloten?", english: "How often do you feel left out?"),
        (dutch: "Hoe vaak voelt u zich geïsoleerd van anderen?", english: "How often do you feel isolated from others?"),
    ]

    /// The total, or nil when any of the three answers is missing.
    public static func total(_ answers: [Answer?]) -> Int? {
        guard answers.count == 3, answers.allSatisfy({ $0 != nil }) else { return nil }
        return answers.compactMap { $0?.rawValue }.reduce(0, +)
    }
}

/// The direct question "How often do you feel lonely?" (ONS wording).
public enum DirectLonelinessQuestion: String, CaseIterable, Sendable, Codable {
    case oftenOrAlways = "often_always"
    case someOfTheTime = "some_of_the_time"
    case occasionally
    case hardlyEver = "hardly_ever"
    case never
}
