/// The forms of loneliness (concepts.md). Several may apply at once.
public enum LonelinessForm: String, CaseIterable, Sendable, Codable {
    case social, emotional, existential
}

/// What the scale's subscales suggest about the forms. Only a suggestion: the professional decides,
/// and existential loneliness is never suggested by the scale (it does not measure it).
public struct FormSuggestion: Sendable {
    /// A subscale at or above its threshold suggests that form. Publishers differ for 11 items
    /// ("at least 2" or "at least 3" unfavourable answers), so the thresholds are settings.
    public var emotionalThreshold: Int
    public var socialThreshold: Int

    public init(emotionalThreshold: Int, socialThreshold: Int) {
        self.emotionalThreshold = emotionalThreshold
        self.socialThreshold = socialThreshold
    }

    /// 6 items: any unfavourable answer on a subscale (manual: 1–3 = lonely).
    public static let six = FormSuggestion(emotionalThreshold: 1, socialThreshold: 1)
    /// 11 items: at least 3 unfavourable answers (the stricter reading).
    public static let eleven = FormSuggestion(emotionalThreshold: 3, socialThreshold: 3)

    public func forms(for score: DJGScore) -> Set<LonelinessForm> {
        var forms: Set<LonelinessForm> = []
        if let emotional = score.emotional, emotional >= emotionalThreshold { forms.insert(.emotional) }
        if let social = score.social, social >= socialThreshold { forms.insert(.social) }
        return forms
    }
}

/// The four network types (Hortulanus, Machielse, Meeuwesen; seed 000): many or few contacts × lonely or not.
public enum NetworkType: String, CaseIterable, Sendable, Codable {
    /// Many contacts, not lonely.
    case sociallyResilient = "sociaal_weerbaren"
    /// Many contacts, lonely.
    case lonely = "eenzamen"
    /// Few contacts, not lonely (at risk).
    case contactPoor = "contactarmen"
    /// Few contacts, lonely.
    case sociallyIsolated = "sociaal_geisoleerden"

    /// Classifies from the number of people the person has good contact with. Four or five such
    /// people protect enough (seed 000), so "many" starts at `manyFrom` (default 5).
    public static func classify(networkSize: Int, lonely: Bool, manyFrom: Int = 5) -> NetworkType {
        switch (networkSize >= manyFrom, lonely) {
        case (true, false): .sociallyResilient
        case (true, true): .lonely
        case (false, false): .contactPoor
        case (false, true): .sociallyIsolated
        }
    }
}

/// How long and how deeply the loneliness persists (Machielse 2011).
public enum LonelinessDuration: String, CaseIterable, Sendable, Codable {
    case threatening, situational, structural
    case structuralComplex = "structural_complex"

    /// For the profiles, threatening and situational count as situational; the others as structural.
    public var isStructural: Bool { self == .structural || self == .structuralComplex }
}

public enum Motivation: String, CaseIterable, Sendable, Codable {
    /// Oriented towards social participation.
    case oriented
    case notOriented = "not_oriented"
}

public enum Coping: String, CaseIterable, Sendable, Codable {
    case active, passive
}

/// The eight intervention profiles of Machielse (seed 001, annex 1).
public enum InterventionProfile: String, CaseIterable, Sendable, Codable {
    case actieven, achterblijvers, geborgenen, afhankelijken
    case compenseerders, hoopvollen, buitenstaanders, overlevers

    public static func classify(duration: LonelinessDuration, motivation: Motivation, coping: Coping) -> InterventionProfile {
        switch (duration.isStructural, motivation, coping) {
        case (false, .oriented, .active): .actieven
        case (false, .oriented, .passive): .achterblijvers
        case (false, .notOriented, .active): .geborgenen
        case (false, .notOriented, .passive): .afhankelijken
        case (true, .oriented, .active): .compenseerders
        case (true, .oriented, .passive): .hoopvollen
        case (true, .notOriented, .active): .buitenstaanders
        case (true, .notOriented, .passive): .overlevers
        }
    }
}

/// Causes in the three groupings of concepts.md (seed 003's grouping is the working one).
public enum CauseGroup: String, CaseIterable, Sendable, Codable {
    /// The person: skills, self-confidence, social anxiety, expectations, health.
    case person
    /// Changes in the network: death, divorce, moving.
    case networkChange = "network_change"
    /// The societal situation: living environment, disappearing ties.
    case society
}

/// Whether someone knows about the problem, wants to change and is able to (seed 000):
/// an intervention only works when all three hold.
public struct Readiness: Sendable, Equatable, Codable {
    public var knows: Bool
    public var wants: Bool
    public var able: Bool

    public init(knows: Bool, wants: Bool, able: Bool) {
        self.knows = knows
        self.wants = wants
        self.able = able
    }

    public var isReady: Bool { knows && wants && able }
    /// What to work on first, in order.
    public var firstGap: String? { !knows ? "knows" : !wants ? "wants" : !able ? "able" : nil }
}
