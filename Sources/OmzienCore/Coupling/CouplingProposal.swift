/// A proposal for the whole waiting list: the assignment of people to volunteers that maximises the
/// total compatibility, each pair with its explanation. Nothing is coupled by it: the coordinator
/// accepts, rejects or swaps pairs, and both sides must agree.
public struct CouplingProposal: Sendable, Equatable {
    public struct Pair: Sendable, Equatable {
        public let personID: String
        public let volunteerID: String
        public let compatibility: Compatibility
        /// Other volunteers who could take this person, best first (for swapping).
        public let alternatives: [(volunteerID: String, score: Double)]

        public static func == (a: Pair, b: Pair) -> Bool {
            a.personID == b.personID && a.volunteerID == b.volunteerID && a.compatibility == b.compatibility
                && a.alternatives.map(\.volunteerID) == b.alternatives.map(\.volunteerID)
        }
    }

    public enum Unmatched: Sendable, Equatable {
        /// No volunteer is possible for this person; the blockers met most often say why.
        case noPossibleVolunteer(commonBlockers: [CouplingBlocker])
        /// Possible volunteers went to others for a higher total (or there were too few).
        case volunteersTaken
    }

    public let pairs: [Pair]
    public let unmatched: [(personID: String, reason: Unmatched)]
    public let total: Double

    public static func == (a: CouplingProposal, b: CouplingProposal) -> Bool {
        a.pairs == b.pairs && a.total == b.total && a.unmatched.map(\.personID) == b.unmatched.map(\.personID)
    }

    /// Builds the proposal. A volunteer with room for k more couplings gets k columns, so one volunteer can be
    /// proposed to several people; each person gets at most one volunteer.
    public static func make(people: [CouplingCandidate], volunteers: [VolunteerProfile], today: CivilDate,
                            weights: CouplingRules.Weights = .init()) -> CouplingProposal {
        let columns = volunteers.indices.flatMap { index in Array(repeating: index, count: volunteers[index].remainingCapacity) }
        var assessments = [[Compatibility]]()
        assessments.reserveCapacity(people.count)
        for person in people {
            assessments.append(volunteers.map { CouplingRules.assess(person, $0, today: today, weights: weights) })
        }
        var values = [Double](repeating: .infinity, count: people.count * columns.count)
        for (row, rowAssessments) in assessments.enumerated() {
            for (column, volunteer) in columns.enumerated() where rowAssessments[volunteer].isPossible {
                values[row * columns.count + column] = rowAssessments[volunteer].score
            }
        }
        let solution = columns.isEmpty || people.isEmpty
            ? Assignment(pairs: [], total: 0, unassignedRows: Array(people.indices))
            : AssignmentSolver.solve(CostMatrix(rows: people.count, columns: columns.count, values: values), maximize: true)

        var pairs: [Pair] = []
        for pair in solution.pairs.sorted(by: { $0.row < $1.row }) {
            let volunteer = columns[pair.column]
            let alternatives = volunteers.indices
                .filter { $0 != volunteer && assessments[pair.row][$0].isPossible }
                .sorted { assessments[pair.row][$0].score > assessments[pair.row][$1].score }
                .map { (volunteerID: volunteers[$0].id, score: assessments[pair.row][$0].score) }
            pairs.append(Pair(personID: people[pair.row].id, volunteerID: volunteers[volunteer].id,
                              compatibility: assessments[pair.row][volunteer], alternatives: alternatives))
        }
        let matchedRows = Set(solution.pairs.map(\.row))
        let unmatched = people.indices.filter { !matchedRows.contains($0) }.map { row -> (personID: String, reason: Unmatched) in
            let possible = assessments[row].contains { $0.isPossible }
            guard !possible else { return (people[row].id, .volunteersTaken) }
            var counts: [CouplingBlocker: Int] = [:]
            for assessment in assessments[row] { for blocker in assessment.blockers { counts[blocker, default: 0] += 1 } }
            let most = counts.values.max() ?? 0
            let common = CouplingBlocker.allCases.filter { counts[$0] == most && most > 0 }
            return (people[row].id, .noPossibleVolunteer(commonBlockers: common))
        }
        return CouplingProposal(pairs: pairs, unmatched: unmatched, total: pairs.reduce(0) { $0 + $1.compatibility.score })
    }
}
