import Foundation

/// All views of one period as they may be published, protected together against subtraction.
///
/// The municipality and the views with one filter (each district, each team, each age band) form families:
/// the districts' views add up to the municipality, and so do the teams' and the age bands'. A reader who sees
/// all but one district's count of, say, signals from pharmacies can subtract them from the municipality's
/// and find the last one. So every such line — the municipality's cell, the same cell in each sibling view, and
/// what no filter reaches (signals without a district, say), which is never shown — gets the rule of one
/// table: none or at least two of its cells hidden, the one that is never shown counting as hidden when small.
/// Hiding a partner changes a view's own tables (their totals must stay safe too), so the views are built again
/// until nothing changes.
///
/// Views with two or three filters are checked against each wider view (``EvaluationFacts/smallDifferences``)
/// and against the breakdown their filter is a row of (``EvaluationFacts/linkedCells``), not as families.
public struct PublishedViews: Sendable {
    /// Which filter values a view has; nil for "all".
    struct Key: Hashable, Sendable {
        var district: Int16?
        var team: Int16?
        var ageBand: UInt8?
        static let whole = Key()

        init(district: Int16? = nil, team: Int16? = nil, ageBand: UInt8? = nil) {
            self.district = district
            self.team = team
            self.ageBand = ageBand
        }

        init(_ scope: EvaluationScope) { self.init(district: scope.district, team: scope.team, ageBand: scope.ageBand) }
    }

    let facts: EvaluationFacts
    let period: EvaluationPeriod
    let asOf: CivilDate
    let rule: SuppressionRule
    /// The municipality and every one-filter view.
    private(set) var views: [Key: EvaluationFigures] = [:]

    public init(facts: EvaluationFacts, period: EvaluationPeriod, asOf: CivilDate, rule: SuppressionRule) {
        self.facts = facts
        self.period = period
        self.asOf = asOf
        self.rule = rule
        views = protectFamilies()
    }

    func scope(_ key: Key) -> EvaluationScope {
        EvaluationScope(period: period, district: key.district, team: key.team, ageBand: key.ageBand, asOf: asOf)
    }

    /// The sibling views of each filter.
    var families: [[Key]] {
        [facts.districts.indices.map { Key(district: Int16($0)) }, facts.teams.indices.map { Key(team: Int16($0)) },
         AgeBand.allCases.indices.map { Key(ageBand: UInt8($0)) }]
    }

    /// The figures of any view of the period.
    public func figures(_ scope: EvaluationScope) -> EvaluationFigures {
        if let view = views[Key(scope)] { return view }
        // Several filters, or a filter value the facts do not know: against every wider view.
        var published: [EvaluationScope.Filters: EvaluationFigures] = [:]
        for filters in scope.filters.subsets.sorted(by: { $0.count < $1.count }) {
            let view = scope.keeping(filters)
            if let known = views[Key(view)] {
                published[filters] = known
                continue
            }
            let counts = facts.counts(view)
            // The view's own counts, nothing hidden, to subtract from what the wider views show.
            let raw = EvaluationFigures(counts: counts, period: period, districts: facts.districts, rule: SuppressionRule(minimum: 1))
            let forced = againstWider(published, view: view, raw: raw.tables)
            published[filters] = Self.consistent(counts: counts, period: period, districts: facts.districts, rule: rule, forced: forced)
        }
        return published[scope.filters]!
    }

    /// The cells `view` must hide because of the wider views already published (keyed by their filters): where
    /// its unsuppressed counts (`raw`) differ from theirs by a small number, and where the breakdown its filter is
    /// a row of hid that row.
    func againstWider(_ published: [EvaluationScope.Filters: EvaluationFigures], view: EvaluationScope, raw: [FigureTable]) -> Set<FigureCell> {
        let filters = view.filters
        var forced = Set<FigureCell>()
        for (wider, figures) in published where wider.isStrictSubset(of: filters) {
            forced.formUnion(EvaluationFacts.smallDifferences(wider: figures.tables, narrower: raw, rule: rule))
        }
        for dimension in [EvaluationScope.Filters.district, .ageBand] where filters.contains(dimension) {
            guard let breakdown = published[filters.subtracting(dimension)] else { continue }
            forced.formUnion(facts.linkedCells(breakdown, dimension: dimension, of: view))
        }
        return forced
    }

    // MARK: Families

    private func protectFamilies() -> [Key: EvaluationFigures] {
        let keys = [Key.whole] + families.flatMap { $0 }
        var counts: [Key: EvaluationCounts] = [:]
        var rawTables: [Key: [FigureTable]] = [:], raw: [Key: [FigureCell: Int]] = [:]
        // Counting is most of the work and each view is independent: on every core at once.
        // Each iteration writes its own slot only.
        nonisolated(unsafe) let counted = UnsafeMutableBufferPointer<(EvaluationCounts, [FigureTable])?>.allocate(capacity: keys.count)
        counted.initialize(repeating: nil)
        defer { counted.deallocate() }
        DispatchQueue.concurrentPerform(iterations: keys.count) { index in
            let viewCounts = facts.counts(scope(keys[index]))
            counted[index] = (viewCounts, EvaluationFigures(counts: viewCounts, period: period, districts: facts.districts,
                                                            rule: SuppressionRule(minimum: 1)).tables)
        }
        for (index, key) in keys.enumerated() {
            (counts[key], rawTables[key]) = counted[index]!
            raw[key] = Self.cells(rawTables[key]!)
        }
        var forced: [Key: Set<FigureCell>] = [:]
        var views: [Key: EvaluationFigures] = [:]
        func build(_ key: Key) {
            var cells = forced[key] ?? []
            // Stricter than the lines below: the municipality minus this view may not be a small number either.
            if key != .whole, let whole = views[.whole] { cells.formUnion(againstWider([[]: whole], view: scope(key), raw: rawTables[key]!)) }
            views[key] = Self.consistent(counts: counts[key]!, period: period, districts: facts.districts, rule: rule, forced: cells)
        }
        build(.whole)
        keys.dropFirst().forEach(build)
        // One line at a time, in a fixed order (the same views give the same cells hidden in every process),
        // and the partner's view is built again at once, so the next line sees what that hid as well.
        let lines = raw[.whole]!.keys.filter(Self.isAdditive).sorted { ($0.table, $0.row, $0.column) < ($1.table, $1.row, $1.column) }
        var changed = true
        // Each pass that changes something hides at least one more cell, and there are finitely many: it ends.
        while changed {
            changed = false
            for family in families {
                let line = [Key.whole] + family
                for cell in lines {
                    let values = line.map { raw[$0]?[cell] ?? 0 }
                    let beyond = values[0] - values.dropFirst().reduce(0, +)
                    let hidden = line.indices.filter { Self.isHidden(cell, in: views[line[$0]]!) }.count + (rule.isSmall(beyond) ? 1 : 0)
                    guard hidden == 1, let partner = line.indices.filter({ values[$0] > 0 && !Self.isHidden(cell, in: views[line[$0]]!) })
                        .min(by: { (values[$0], $0) < (values[$1], $1) }), !(forced[line[partner]]?.contains(cell) ?? false) else { continue }
                    forced[line[partner], default: []].insert(cell)
                    changed = true
                    // The one-filter views read their linked cells from the municipality.
                    if line[partner] == .whole { keys.forEach(build) } else { build(line[partner]) }
                }
            }
        }
        return views
    }

    /// Builds a view with `forced` hidden, then hides every appearance of a number that is hidden in one
    /// place (the signals in the overview and as the total of each breakdown, …), until none is left shown.
    static func consistent(counts: EvaluationCounts, period: EvaluationPeriod, districts: [String], rule: SuppressionRule,
                           forced: Set<FigureCell>) -> EvaluationFigures {
        var forced = forced
        while true {
            let figures = EvaluationFigures(counts: counts, period: period, districts: districts, rule: rule, forced: forced)
            let more = sameNumber.filter { group in group.contains { isHidden($0, in: figures) } }.flatMap { $0 }.filter { !forced.contains($0) }
            guard !more.isEmpty else { return figures }
            forced.formUnion(more)
        }
    }

    /// Cells of one view that always hold the same number (or, for the outcome of contact, the same but for
    /// merged signals): hidden in one, they must be hidden in all.
    static let sameNumber: [[FigureCell]] = [
        EvaluationFacts.signalTotals,
        [FigureCell(table: "reach_overview", row: "people", column: "count"), FigureCell(table: "reach_source", row: "total", column: "people"),
         FigureCell(table: "reach_known", row: "total", column: "count")],
        [FigureCell(table: "referrals_status", row: "unsuccessful", column: "count"),
         FigureCell(table: "referrals_unsuccessful_reason", row: "total", column: "count")],
        [FigureCell(table: "referrals_status", row: "declined", column: "count"),
         FigureCell(table: "referrals_declined_reason", row: "total", column: "count")],
    ]

    /// Every count in the tables, by cell.
    static func cells(_ tables: [FigureTable]) -> [FigureCell: Int] {
        var cells: [FigureCell: Int] = [:]
        for table in tables {
            for row in table.rows {
                for (index, column) in table.columns.enumerated() {
                    if case .count(let n) = row.values[index] { cells[FigureCell(table: table.id, row: row.identity, column: column)] = n }
                }
            }
        }
        return cells
    }

    static func isHidden(_ cell: FigureCell, in figures: EvaluationFigures) -> Bool {
        guard let table = figures.table(cell.table), let index = table.columns.firstIndex(of: cell.column),
              let row = table.rows.first(where: { $0.identity == cell.row }) else { return false }
        return row.values[index] == .hidden
    }

    /// Whether the sibling views' cells add up to the municipality's. Records (signals, trajectories, pairs,
    /// referrals, couplings) belong to one district, team and age band; a person with signals in two
    /// districts is counted in both, so counts of people do not add up.
    static func isAdditive(_ cell: FigureCell) -> Bool {
        !(cell.column == "people" || cell.table == "reach_known" || (cell.table == "reach_overview" && cell.row == "people"))
    }
}
