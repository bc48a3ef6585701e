/// What the routing rules look at: where the person lives, how old they are, who reported.
public struct RoutingFacts: Sendable, Equatable {
    public var districtID: String?
    public var ageBand: AgeBand
    public var partnerType: OrganisationType?

    public init(districtID: String?, ageBand: AgeBand, partnerType: OrganisationType? = nil) {
        self.districtID = districtID
        self.ageBand = ageBand
        self.partnerType = partnerType
    }
}

/// One routing rule of a municipality: when all given conditions hold, the signal goes to `teamID`.
/// A condition left nil matches anything.
public struct RoutingRule: Sendable, Equatable {
    public var teamID: String
    public var districtID: String?
    public var ageBands: Set<AgeBand>?
    public var partnerType: OrganisationType?

    public init(teamID: String, districtID: String? = nil, ageBands: Set<AgeBand>? = nil, partnerType: OrganisationType? = nil) {
        self.teamID = teamID
        self.districtID = districtID
        self.ageBands = ageBands
        self.partnerType = partnerType
    }

    public func matches(_ facts: RoutingFacts) -> Bool {
        if let districtID, districtID != facts.districtID { return false }
        if let ageBands, !ageBands.contains(facts.ageBand) { return false }
        if let partnerType, partnerType != facts.partnerType { return false }
        return true
    }

    /// More specific rules win: each condition adds one.
    var specificity: Int {
        (districtID == nil ? 0 : 1) + (ageBands == nil ? 0 : 1) + (partnerType == nil ? 0 : 1)
    }
}

public enum SignalRouting {
    /// The team for a signal: the most specific matching rule, ties going to the rule listed first.
    /// Nil when nothing matches; the coordinator then assigns by hand.
    public static func team(for facts: RoutingFacts, rules: [RoutingRule]) -> String? {
        rules.enumerated()
            .filter { $0.element.matches(facts) }
            .max { a, b in (a.element.specificity, -a.offset) < (b.element.specificity, -b.offset) }?
            .element.teamID
    }

    /// The rules a municipality gets without configuring anything: every team takes the districts it serves.
    public static func districtRules(teams: [(teamID: String, districtIDs: [String])]) -> [RoutingRule] {
        teams.flatMap { team in team.districtIDs.map { RoutingRule(teamID: team.teamID, districtID: $0) } }
    }
}
