/// The evaluation's figures as plain tables: what the dashboard shows, the yearly report keeps and the
/// CSV carries. Every value about people has been suppressed before it gets here, so anything in a table
/// may be shown to an analyst.
public struct FigureTable: Sendable, Equatable, Codable {
    /// The part of the evaluation a table belongs to (recommendation 8 of seed 000: reach, route, effect; and
    /// whether the offer still fits).
    public enum Section: String, Sendable, Codable, CaseIterable {
        case reach, speed, consent, effects, referrals, couplings, coverage
    }

    /// How the table reads, so the page can draw the right chart.
    public enum Kind: String, Sendable, Codable {
        /// People or records per category: a bar chart.
        case counts
        /// Days: median and 90th percentile.
        case durations
        /// Score changes with intervals: a dot plot.
        case effects
        /// Activities per category and district: a grid that marks what nothing reaches.
        case grid
    }

    /// A stable id, used in anchors, CSV and the texts ("reach_source" → `evaluation_table_reach_source`).
    public var id: String
    public var section: Section
    public var kind: Kind
    /// Column keys, translated by the app (`evaluation_column_<key>`).
    public var columns: [String]
    /// Data labels shown as they are (district names), parallel to `columns`; nil where the key is translated.
    public var columnLabels: [String?]
    public var rows: [FigureRow]

    public init(id: String, section: Section, kind: Kind, columns: [String], rows: [FigureRow], columnLabels: [String?]? = nil) {
        self.id = id
        self.section = section
        self.kind = kind
        self.columns = columns
        self.rows = rows
        self.columnLabels = columnLabels ?? columns.map { _ in nil }
    }

    public func row(_ key: String) -> FigureRow? { rows.first { $0.key == key } }

    /// The value in row `key`, column `column`.
    public func value(_ key: String, _ column: String) -> FigureValue? {
        guard let index = columns.firstIndex(of: column) else { return nil }
        return row(key)?.values[index]
    }
}

public struct FigureRow: Sendable, Equatable, Codable {
    /// A stable code such as "source:partner:pharmacy"; translated by the app unless `label` is set.
    public var key: String
    /// A data label (a district or team name), shown as it is.
    public var label: String?
    public var values: [FigureValue]
    /// Marks a row that needs attention (nothing reaches it, demand above capacity).
    public var flagged: Bool

    public init(key: String, label: String? = nil, values: [FigureValue], flagged: Bool = false) {
        self.key = key
        self.label = label
        self.values = values
        self.flagged = flagged
    }
}

/// One value in a table.
public enum FigureValue: Sendable, Equatable, Codable {
    /// A number of people or records.
    case count(Int)
    /// A count of people hidden because it is small or could be recovered from the others.
    case hidden
    /// A share from 0 to 1.
    case share(Double)
    /// Days, points or another measure.
    case number(Double)
    /// A measure with its 95% interval.
    case interval(Double, lower: Double, upper: Double)
    /// Nothing to show (no data).
    case none

    /// The value for CSV: numbers as numbers, hidden as "suppressed", nothing as empty.
    public var csv: String {
        switch self {
        case .count(let value): String(value)
        case .hidden: "suppressed"
        case .share(let value): Self.format(value, digits: 4)
        case .number(let value): Self.format(value, digits: 2)
        case .interval(let value, let lower, let upper):
            "\(Self.format(value, digits: 2)) [\(Self.format(lower, digits: 2)); \(Self.format(upper, digits: 2))]"
        case .none: ""
        }
    }

    public var countValue: Int? {
        if case .count(let value) = self { return value }
        return nil
    }

    /// A fixed number of decimals without Foundation's locale-aware formatting.
    static func format(_ value: Double, digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        let negative = rounded < 0
        let magnitude = abs(rounded)
        let whole = Int(magnitude)
        let fraction = Int(((magnitude - Double(whole)) * scale).rounded())
        var fractionText = String(fraction)
        while fractionText.count < digits { fractionText = "0" + fractionText }
        return (negative && (whole != 0 || fraction != 0) ? "-" : "") + "\(whole)" + (digits > 0 ? ".\(fractionText)" : "")
    }

    /// A value from a count that may have been hidden.
    public static func of(_ count: Int?) -> FigureValue { count.map(FigureValue.count) ?? .hidden }
}
