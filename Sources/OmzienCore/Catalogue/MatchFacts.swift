/// Facts about a person that matching uses beyond the assessment's forms and profile: life events, the
/// groups someone belongs to, the support they already receive, and an age band when no birth year is known.

/// A life event that activities can be meant for (casework.md: "after losing a partner"). The professional
/// records it in the assessment; the catalogue names it in its own free words, read by `isNamed(by:)`.
public enum LifeEvent: String, CaseIterable, Sendable, Codable {
    case partnerDied = "partner_died"
    case divorced
    case moved
    case retired
    case lostWork = "lost_work"

    /// Word stems by which a catalogue entry's life events name this event ("partner overleden", "weduwen").
    public var words: [String] {
        switch self {
        case .partnerDied: ["partner overl", "partner verlo", "weduw", "rouw", "overleden", "overlijden"]
        case .divorced: ["scheiding", "gescheiden"]
        case .moved: ["verhuis", "verhuiz"]
        case .retired: ["pensioen"]
        case .lostWork: ["werkloos", "baan kwijt", "baanverlies", "ontslag"]
        }
    }

    /// The event in the catalogue's own words, so the risk groups' words can read it ("partner overleden" is bereaved).
    public var catalogueName: String {
        switch self {
        case .partnerDied: "partner overleden"
        case .divorced: "scheiding"
        case .moved: "verhuizing"
        case .retired: "pensioen"
        case .lostWork: "baanverlies"
        }
    }

    /// Whether a catalogue entry's life event (free text) names this event.
    public func isNamed(by catalogueWord: String) -> Bool {
        let word = catalogueWord.lowercased()
        return words.contains { word.contains($0) }
    }
}

/// Support a person can already be in. An entry that is itself a way into that support (Welzijn op Recept:
/// a GP refers someone to a welfare coach) is no use to someone who is already there.
public enum SupportRoute: String, CaseIterable, Sendable, Codable {
    /// Guidance by a welfare professional, as in an open trajectory.
    case welfare
}

extension AgeBand {
    /// The ages the band covers; nil when unknown. The top band ends at 120 so ranges can be compared.
    public var years: ClosedRange<Int>? {
        switch self {
        case .under18: 0...17
        case .from18to39: 18...39
        case .from40to64: 40...64
        case .from65to74: 65...74
        case .from75to84: 75...84
        case .over85: 85...120
        case .unknown: nil
        }
    }
}

extension Coverage.RiskGroup {
    /// Whether one of the catalogue's "for whom" words names this group ("lhbti+" names lgbti).
    public func isNamed(by catalogueWord: String) -> Bool {
        let word = catalogueWord.lowercased()
        return words.contains { word.contains($0) }
    }

    /// The risk groups a "for whom" word names: usually one, two for "lhbti-ouderen", none for words outside
    /// the vocabulary ("buurtbewoners"), which matching cannot judge.
    public static func named(by catalogueWord: String) -> [Coverage.RiskGroup] {
        Coverage.riskGroups.filter { $0.isNamed(by: catalogueWord) }
    }
}
