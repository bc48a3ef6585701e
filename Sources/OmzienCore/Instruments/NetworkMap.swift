/// A personal network map (persoonlijke netwerkkaart): who is there, how close, how often, what support.
public struct NetworkMap: Sendable, Equatable, Codable {
    public enum Relation: String, CaseIterable, Sendable, Codable {
        case partner, family, friend, neighbour, colleague, club, professional
    }

    public enum Support: String, CaseIterable, Sendable, Codable {
        case practical, emotional, social
    }

    public enum Frequency: String, CaseIterable, Sendable, Codable {
        case daily, weekly, monthly, rarely

        /// At least monthly counts as regular contact.
        public var isRegular: Bool { self != .rarely }
    }

    public struct Member: Sendable, Equatable, Codable {
        public var name: String
        public var relation: Relation
        /// 1 = closest circle, 3 = outer circle.
        public var circle: Int
        public var frequency: Frequency
        public var support: Set<Support>

        public init(name: String, relation: Relation, circle: Int, frequency: Frequency, support: Set<Support>) {
            self.name = name
            self.relation = relation
            self.circle = min(3, max(1, circle))
            self.frequency = frequency
            self.support = support
        }
    }

    public var members: [Member]

    public init(members: [Member] = []) { self.members = members }

    /// Everyone on the map.
    public var size: Int { members.count }
    /// People with good contact: in the two inner circles and seen at least monthly. This is the count
    /// the network types use (four or five such people protect enough, seed 000).
    public var goodContacts: Int { members.filter { $0.circle <= 2 && $0.frequency.isRegular }.count }
    /// How many different kinds of relation there are; a varied network protects better than family only.
    public var variety: Int { Set(members.map(\.relation)).count }
    /// Which kinds of support someone on the map gives.
    public var supportCovered: Set<Support> { members.reduce(into: []) { $0.formUnion($1.support) } }
    /// The kinds of support nobody gives: where a volunteer or activity could help.
    public var supportGaps: Set<Support> { Set(Support.allCases).subtracting(supportCovered) }
    /// Only family (and partner) on the map: a known risk.
    public var familyOnly: Bool { !members.isEmpty && members.allSatisfy { $0.relation == .family || $0.relation == .partner } }
}
