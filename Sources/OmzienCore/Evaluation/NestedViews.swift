/// The checks between two views that ``PublishedViews`` combines. The dashboard publishes the whole
/// municipality and any filtered part of it, so a reader can subtract: "all signals" minus "signals in Noord"
/// is the signals outside Noord. When such a difference is a small count, the filtered view hides its cell, as
/// if the cell itself were small. Differences between two periods are not covered: any pair of dates can be chosen.

/// One cell of a figure table: the row is its data label when it has one (a district), otherwise its key.
struct FigureCell: Sendable, Hashable {
    var table: String
    var row: String
    var column: String
}

extension FigureRow {
    /// How a row is recognised in another view of the same table.
    var identity: String { label ?? key }
}

extension EvaluationFacts {
    /// The figures of `scope` as the dashboard may publish them: suppressed on their own, together with the
    /// municipality's other one-filter views, and against every wider view of the same period. For many views
    /// of one period, make ``PublishedViews`` once and ask it.
    public func figures(_ scope: EvaluationScope, rule: SuppressionRule) -> EvaluationFigures {
        PublishedViews(facts: self, period: scope.period, asOf: scope.asOf, rule: rule).figures(scope)
    }

    /// The wider view breaks its signals and effects down by the filter's district or age band; this view's
    /// totals are that breakdown's cell. Where the wider view hid the cell (to protect a neighbour), this view
    /// hides its totals too, or it would give the hidden cell away and with it the neighbour.
    func linkedCells(_ wider: EvaluationFigures, dimension: EvaluationScope.Filters, of view: EvaluationScope) -> Set<FigureCell> {
        let hidden = { (table: String, row: String, column: String) in
            PublishedViews.isHidden(FigureCell(table: table, row: row, column: column), in: wider)
        }
        var cells = Set<FigureCell>()
        let row: String, table: String
        if dimension == .district, let district = view.district, districts.indices.contains(Int(district)) {
            (table, row) = ("reach_district", districts[Int(district)])
            // The effects per district in the wider view are this view's overall effects.
            for version in DJGVersion.allCases {
                let suffix = version == .eleven ? "" : "_\(version.rawValue)"
                if hidden("effects_district\(suffix)", row, "n") {
                    cells.insert(FigureCell(table: "effects_overall", row: version.rawValue, column: "n"))
                }
            }
        } else if dimension == .ageBand, let band = view.ageBand, AgeBand.allCases.indices.contains(Int(band)) {
            (table, row) = ("reach_age", AgeBand.allCases[Int(band)].rawValue)
        } else {
            return cells
        }
        if hidden(table, row, "count") {
            cells.formUnion(Self.signalTotals + [FigureCell(table: table, row: row, column: "count")])
        }
        return cells
    }

    /// Where a view shows its number of signals: the overview and every table that adds up to it.
    static let signalTotals = [
        FigureCell(table: "reach_overview", row: "signals", column: "count"),
        FigureCell(table: "reach_source", row: "total", column: "signals"),
        FigureCell(table: "reach_route", row: "total", column: "count"),
        FigureCell(table: "reach_district", row: "total", column: "count"),
        FigureCell(table: "reach_age", row: "total", column: "count"),
        // Signals by how contact went: the same number unless some were merged, so it goes with them.
        FigureCell(table: "consent_outcome", row: "total", column: "count"),
    ]

    /// The cells of `narrower` (unsuppressed) whose difference from the shown count in `wider` is small.
    static func smallDifferences(wider: [FigureTable], narrower: [FigureTable], rule: SuppressionRule) -> Set<FigureCell> {
        var cells = Set<FigureCell>()
        let widerByID = Dictionary(wider.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for table in narrower {
            guard let other = widerByID[table.id], other.columns == table.columns else { continue }
            let otherRows = Dictionary(other.rows.map { ($0.identity, $0) }, uniquingKeysWith: { first, _ in first })
            for row in table.rows {
                guard let otherRow = otherRows[row.identity] else { continue }
                for (index, column) in table.columns.enumerated() {
                    guard case .count(let part) = row.values[index], case .count(let whole) = otherRow.values[index],
                          rule.isSmall(whole - part) else { continue }
                    cells.insert(FigureCell(table: table.id, row: row.identity, column: column))
                }
            }
        }
        return cells
    }
}

extension EvaluationScope {
    /// Which of the three filters a scope uses.
    public struct Filters: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let district = Filters(rawValue: 1)
        public static let team = Filters(rawValue: 2)
        public static let ageBand = Filters(rawValue: 4)

        var count: Int { rawValue.nonzeroBitCount }

        /// Every combination of these filters, the empty one and the whole set included.
        var subsets: [Filters] {
            (0...rawValue).filter { $0 & ~rawValue == 0 }.map(Filters.init(rawValue:))
        }
    }

    public var filters: Filters {
        var filters: Filters = []
        if district != nil { filters.insert(.district) }
        if team != nil { filters.insert(.team) }
        if ageBand != nil { filters.insert(.ageBand) }
        return filters
    }

    /// This scope with only `filters` applied.
    func keeping(_ filters: Filters) -> EvaluationScope {
        var scope = self
        if !filters.contains(.district) { scope.district = nil }
        if !filters.contains(.team) { scope.team = nil }
        if !filters.contains(.ageBand) { scope.ageBand = nil }
        return scope
    }
}
