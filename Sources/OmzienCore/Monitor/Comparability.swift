import Foundation

/// How a survey was taken. Figures from different modes are not comparable (monitoring.md, "Comparability guard").
public enum SurveyMode: String, CaseIterable, Sendable {
    case mixed, online, paper, telephone, faceToFace = "face-to-face", other
}

/// The age range a survey describes, such as 18+ or 65–74.
public struct AgeRange: Hashable, Sendable, CustomStringConvertible {
    public let minimum: Int
    public let maximum: Int?

    /// Nil when the maximum is below the minimum or an age is outside 0…120.
    public init?(minimum: Int, maximum: Int?) {
        guard (0...120).contains(minimum), maximum.map({ $0 >= minimum && $0 <= 120 }) ?? true else { return nil }
        self.minimum = minimum
        self.maximum = maximum
    }

    public var description: String { maximum.map { "\(minimum)–\($0)" } ?? "\(minimum)+" }
}

extension PrevalenceCSV.Indicator {
    /// The scale the indicator is scored on, as it is named in reports.
    public var instrumentLabel: String { version == .six ? "DJG-6" : "DJG-11" }

    /// The totals that count, e.g. 9–11 for strongly lonely on the 11-item scale.
    public var threshold: ClosedRange<Int> {
        switch self {
        case .lonely: 3...11
        case .stronglyLonely: 9...11
        case .veryStronglyLonely: 11...11
        case .lonely6: 2...6
        case .stronglyLonely6: 5...6
        }
    }

    public var thresholdLabel: String { threshold.count == 1 ? "\(threshold.lowerBound)" : "\(threshold.lowerBound)–\(threshold.upperBound)" }
}

/// What every dataset and figure carries so that figures are only compared when they may be
/// (monitoring.md, "Comparability guard"): source, instrument, threshold, population and mode.
/// The year is not part of it: a trend joins years of otherwise equal figures.
public struct FigureMetadata: Hashable, Sendable {
    public let source: String
    public let instrument: String
    public let threshold: String
    public let population: AgeRange
    public let mode: SurveyMode

    public init(source: String, indicator: PrevalenceCSV.Indicator, population: AgeRange, mode: SurveyMode) {
        self.source = source
        self.instrument = indicator.instrumentLabel
        self.threshold = indicator.thresholdLabel
        self.population = population
        self.mode = mode
    }

    /// Sources are typed by people: "GGD Gezondheidsmonitor" and "ggd  gezondheidsmonitor " are the same source.
    var sourceKey: String { source.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ") }

    /// Whether two figures may be joined in one trend line.
    public func isComparable(to other: FigureMetadata) -> Bool { differences(from: other).isEmpty }

    /// The attributes that differ, in the order they are shown.
    public func differences(from other: FigureMetadata) -> [Attribute] {
        var result: [Attribute] = []
        if sourceKey != other.sourceKey { result.append(.source) }
        if instrument != other.instrument { result.append(.instrument) }
        if threshold != other.threshold { result.append(.threshold) }
        if population != other.population { result.append(.population) }
        if mode != other.mode { result.append(.mode) }
        return result
    }

    public enum Attribute: String, Sendable { case source, instrument, threshold, population, mode }
}

/// One published figure: the overall prevalence of one dataset for one indicator.
public struct MonitorFigure: Sendable, Equatable {
    public let metadata: FigureMetadata
    public let year: Int
    public let estimate: Double
    public let lower: Double?
    public let upper: Double?
    public let n: Int
    public let suppressed: Bool

    public init(metadata: FigureMetadata, year: Int, estimate: Double, lower: Double?, upper: Double?, n: Int, suppressed: Bool) {
        self.metadata = metadata
        self.year = year
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
        self.n = n
        self.suppressed = suppressed
    }
}

/// Figures that may be drawn as one trend line: equal metadata, one figure per year.
public struct FigureSeries: Sendable, Equatable {
    public let metadata: FigureMetadata
    public let figures: [MonitorFigure]
}

public enum ComparabilityGuard {
    /// Groups figures into series whose metadata agree, each sorted by year. Suppressed figures are left
    /// out. When a series has two figures for one year, the later one in `figures` wins (a corrected upload
    /// replaces the earlier one). Series come in the order their first figure appears.
    public static func series(_ figures: [MonitorFigure]) -> [FigureSeries] {
        var groups: [(metadata: FigureMetadata, byYear: [Int: MonitorFigure])] = []
        for figure in figures where !figure.suppressed {
            if let index = groups.firstIndex(where: { $0.metadata.isComparable(to: figure.metadata) }) {
                groups[index].byYear[figure.year] = figure
            } else {
                groups.append((figure.metadata, [figure.year: figure]))
            }
        }
        return groups.map { group in
            FigureSeries(metadata: group.metadata, figures: group.byYear.values.sorted { $0.year < $1.year })
        }
    }
}

/// One cell of a stored prevalence table. A suppressed cell keeps only its count: the estimate of a
/// small cell is never stored, so it cannot leak later.
public struct PrevalenceCell: Codable, Sendable, Equatable {
    public let domain: [String]
    public let n: Int
    public let suppressed: Bool
    public let weightSum: Double?
    public let estimate: Double?
    public let se: Double?
    public let lower: Double?
    public let upper: Double?
    public let degreesOfFreedom: Int?

    public init(_ row: PrevalenceCSV.Row) {
        domain = row.domain
        n = row.estimate.n
        suppressed = row.suppressed
        let interval = row.suppressed ? nil : row.estimate.logitInterval()
        weightSum = row.suppressed ? nil : row.estimate.weightSum
        estimate = row.suppressed ? nil : row.estimate.estimate
        se = row.suppressed ? nil : row.estimate.se
        lower = interval?.lower
        upper = interval?.upper
        degreesOfFreedom = row.suppressed ? nil : row.estimate.degreesOfFreedom
    }
}
