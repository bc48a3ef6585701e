/// Small-cell suppression for aggregate tables about people (monitoring.md: "small cells are suppressed,
/// default fewer than 10 people").
///
/// Primary suppression hides every count from 1 to `minimum − 1`. Zero is shown: it says that nobody is
/// in the cell, which discloses nothing about a person. Secondary (complementary) suppression then makes
/// sure no hidden count can be recovered by subtraction: in every line whose members add up to a
/// published total, either none or at least two of the line's cells (the total included) are hidden.
public struct SuppressionRule: Sendable, Hashable, Codable {
    /// Counts below this (and above zero) are hidden.
    public var minimum: Int

    public init(minimum: Int = 10) {
        self.minimum = max(1, minimum)
    }

    public func isSmall(_ count: Int) -> Bool { count > 0 && count < minimum }
}

/// A set of counts with the additive relations between them, suppressed together.
///
/// Cells are addressed by index. A ``Line`` says that the members add up to the total cell, so a reader
/// who sees all but one of them could compute the missing one.
public struct SuppressedCounts: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public var members: [Int]
        public var total: Int

        public init(members: [Int], total: Int) {
            self.members = members
            self.total = total
        }
    }

    public let counts: [Int]
    public private(set) var hidden: [Bool]
    /// Cells hidden only to protect another cell (shown the same way to the reader).
    public private(set) var secondary: Set<Int> = []

    /// Suppresses `counts` under `rule`, then protects every line against subtraction. Cells in `forced`
    /// are hidden as if they were small (another published view would reveal a small count through them).
    public init(counts: [Int], lines: [Line], rule: SuppressionRule, forced: Set<Int> = []) {
        self.counts = counts
        hidden = counts.indices.map { rule.isSmall(counts[$0]) || forced.contains($0) }
        protect(lines)
        // "At least two hidden per line" can still leave a cell that follows from several lines together
        // (a bridge between two groups of hidden cells); such a cell gets a partner too, until none is left.
        while let exposed = hidden.indices.first(where: { hidden[$0] && isDetermined($0, lines) }) {
            guard hide(partnerOf: exposed, lines) else { break }
            protect(lines)
        }
    }

    /// Whether the lines pin down hidden cell `cell` exactly: its unit vector lies in the row space of the
    /// lines restricted to the hidden cells (Gaussian elimination; the coefficients are 0 and ±1).
    func isDetermined(_ cell: Int, _ lines: [Line]) -> Bool {
        let unknowns = hidden.indices.filter { hidden[$0] }
        guard let column = unknowns.firstIndex(of: cell) else { return false }
        let matrix = lines.map { line -> [Double] in
            unknowns.map { unknown in (line.members.contains(unknown) ? 1 : 0) - (line.total == unknown ? 1 : 0) }
        }.filter { $0.contains { $0 != 0 } }
        var target = Array(repeating: 0.0, count: unknowns.count)
        target[column] = 1
        return Self.rank(matrix) == Self.rank(matrix + [target])
    }

    static func rank(_ rows: [[Double]]) -> Int {
        var m = rows
        var rank = 0
        let width = m.first?.count ?? 0
        for column in 0..<width where rank < m.count {
            guard let pivot = (rank..<m.count).max(by: { abs(m[$0][column]) < abs(m[$1][column]) }), abs(m[pivot][column]) > 1e-9 else { continue }
            m.swapAt(rank, pivot)
            for row in 0..<m.count where row != rank && abs(m[row][column]) > 1e-12 {
                let factor = m[row][column] / m[rank][column]
                for c in column..<width { m[row][c] -= factor * m[rank][c] }
            }
            rank += 1
        }
        return rank
    }

    /// Hides the smallest visible cell holding people that shares a line with `cell`; false when there is none.
    private mutating func hide(partnerOf cell: Int, _ lines: [Line]) -> Bool {
        let neighbours = Set(lines.filter { $0.members.contains(cell) || $0.total == cell }.flatMap { $0.members + [$0.total] })
        guard let smallest = neighbours.filter({ !hidden[$0] && counts[$0] > 0 }).min(by: { (counts[$0], $0) < (counts[$1], $1) }) else {
            return false
        }
        hidden[smallest] = true
        secondary.insert(smallest)
        return true
    }

    public func isHidden(_ index: Int) -> Bool { hidden[index] }

    /// The count, or nil when it must not be shown.
    public func visible(_ index: Int) -> Int? { hidden[index] ? nil : counts[index] }

    /// Repeats until no line has exactly one hidden cell. Each round hides at least one more cell, so it ends.
    private mutating func protect(_ lines: [Line]) {
        var changed = true
        while changed {
            changed = false
            for line in lines {
                let cells = line.members + [line.total]
                guard cells.filter({ hidden[$0] }).count == 1 else { continue }
                hide(partnerIn: line)
                changed = true
            }
        }
    }

    /// Hides the smallest other member that holds people (a zero would protect nothing); if there is
    /// none, the total itself.
    private mutating func hide(partnerIn line: Line) {
        let candidates = line.members.filter { !hidden[$0] && counts[$0] > 0 }
        if let smallest = candidates.min(by: { (counts[$0], $0) < (counts[$1], $1) }) {
            hidden[smallest] = true
            secondary.insert(smallest)
        } else if !hidden[line.total] {
            hidden[line.total] = true
            secondary.insert(line.total)
        } else if let zero = line.members.first(where: { !hidden[$0] }) {
            // Total and one member hidden, the rest zero: the member equals the hidden total, which is fine
            // only if the total cannot be recovered elsewhere; hiding a zero keeps the line at two unknowns.
            hidden[zero] = true
            secondary.insert(zero)
        }
    }
}

/// A one-way table of people: categories that together make the total (a partition), or categories that
/// may overlap (someone can be in several), where no subtraction is possible.
public struct CountTable: Sendable, Equatable, Codable {
    public struct Row: Sendable, Equatable, Codable {
        /// A stable code (for CSV and translations), e.g. "partner:pharmacy".
        public var key: String
        public var count: Int?
        public init(key: String, count: Int?) {
            self.key = key
            self.count = count
        }
    }

    public var rows: [Row]
    /// The total; nil when hidden.
    public var total: Int?
    /// Whether the rows add up to the total.
    public var isPartition: Bool
    public var hiddenCount: Int { rows.filter { $0.count == nil }.count + (total == nil ? 1 : 0) }

    public init(rows: [Row], total: Int?, isPartition: Bool) {
        self.rows = rows
        self.total = total
        self.isPartition = isPartition
    }

    /// Suppresses the counts by key (in the order given) and their total. Keys in `forced` ("total" for the
    /// total) are hidden whatever their size.
    public static func suppressing(_ counts: [(key: String, count: Int)], total: Int, isPartition: Bool,
                                   rule: SuppressionRule, forced: Set<String> = []) -> CountTable {
        let values = counts.map(\.count) + [total]
        let lines = isPartition ? [SuppressedCounts.Line(members: Array(counts.indices), total: counts.count)] : []
        var forcedCells = Set(counts.indices.filter { forced.contains(counts[$0].key) })
        if forced.contains("total") { forcedCells.insert(counts.count) }
        let suppressed = SuppressedCounts(counts: values, lines: lines, rule: rule, forced: forcedCells)
        return CountTable(
            rows: counts.enumerated().map { Row(key: $1.key, count: suppressed.visible($0)) },
            total: suppressed.visible(counts.count), isPartition: isPartition)
    }

    public func count(_ key: String) -> Int? { rows.first { $0.key == key }?.count }
}

/// A two-way table of people with row and column totals, suppressed so that no cell follows from the margins.
public struct CrossTable: Sendable, Equatable, Codable {
    public var rowKeys: [String]
    public var columnKeys: [String]
    /// cells[row][column]; nil when hidden.
    public var cells: [[Int?]]
    public var rowTotals: [Int?]
    public var columnTotals: [Int?]
    public var total: Int?

    public init(rowKeys: [String], columnKeys: [String], cells: [[Int?]], rowTotals: [Int?], columnTotals: [Int?], total: Int?) {
        self.rowKeys = rowKeys
        self.columnKeys = columnKeys
        self.cells = cells
        self.rowTotals = rowTotals
        self.columnTotals = columnTotals
        self.total = total
    }

    /// Builds the table from raw counts (each person in exactly one cell) and suppresses it.
    public static func suppressing(rowKeys: [String], columnKeys: [String], counts: [[Int]], rule: SuppressionRule) -> CrossTable {
        let rows = rowKeys.count, columns = columnKeys.count
        // Layout: the cells row by row, then the row totals, the column totals and the grand total.
        let cell = { (r: Int, c: Int) in r * columns + c }
        let rowTotal = { (r: Int) in rows * columns + r }
        let columnTotal = { (c: Int) in rows * columns + rows + c }
        let grand = rows * columns + rows + columns
        let rowSums = counts.map { $0.reduce(0, +) }
        let columnSums = (0..<columns).map { c in counts.reduce(0) { $0 + $1[c] } }
        let values = counts.flatMap { $0 } + rowSums + columnSums + [rowSums.reduce(0, +)]
        var lines = (0..<rows).map { r in SuppressedCounts.Line(members: (0..<columns).map { cell(r, $0) }, total: rowTotal(r)) }
        lines += (0..<columns).map { c in SuppressedCounts.Line(members: (0..<rows).map { cell($0, c) }, total: columnTotal(c)) }
        lines.append(.init(members: (0..<rows).map(rowTotal), total: grand))
        lines.append(.init(members: (0..<columns).map(columnTotal), total: grand))
        let suppressed = SuppressedCounts(counts: values, lines: lines, rule: rule)
        return CrossTable(
            rowKeys: rowKeys, columnKeys: columnKeys,
            cells: (0..<rows).map { r in (0..<columns).map { suppressed.visible(cell(r, $0)) } },
            rowTotals: (0..<rows).map { suppressed.visible(rowTotal($0)) },
            columnTotals: (0..<columns).map { suppressed.visible(columnTotal($0)) },
            total: suppressed.visible(grand))
    }
}
