/// How long something took for a group of people, from a histogram of whole days.
///
/// The database returns (days, count) pairs, so a municipality-sized set reaches the core as a few hundred
/// numbers. Quantiles follow R's default (`quantile(type = 7)`, also numpy's default): linear
/// interpolation between the order statistics at h = (n − 1)·p.
public struct DayDistribution: Sendable, Equatable, Codable {
    /// Ascending days with how many people took that long.
    public let histogram: [(days: Int, count: Int)]
    public let n: Int

    public init(histogram: [(days: Int, count: Int)]) {
        var merged: [Int: Int] = [:]
        for entry in histogram where entry.count > 0 { merged[entry.days, default: 0] += entry.count }
        self.histogram = merged.sorted { $0.key < $1.key }.map { (days: $0.key, count: $0.value) }
        n = self.histogram.reduce(0) { $0 + $1.count }
    }

    public init(days: [Int]) {
        self.init(histogram: days.map { (days: $0, count: 1) })
    }

    /// The k-th smallest value (0-based).
    func orderStatistic(_ k: Int) -> Int {
        var seen = 0
        for entry in histogram {
            seen += entry.count
            if k < seen { return entry.days }
        }
        return histogram.last?.days ?? 0
    }

    /// The p-quantile (0 ≤ p ≤ 1); nil when there are no values.
    public func quantile(_ p: Double) -> Double? {
        guard n > 0 else { return nil }
        let h = Double(n - 1) * min(max(p, 0), 1)
        let low = Int(h.rounded(.down))
        let lowValue = Double(orderStatistic(low))
        guard low + 1 < n else { return lowValue }
        return lowValue + (h - Double(low)) * (Double(orderStatistic(low + 1)) - lowValue)
    }

    public var median: Double? { quantile(0.5) }
    public var p90: Double? { quantile(0.9) }

    public var mean: Double? {
        guard n > 0 else { return nil }
        return Double(histogram.reduce(0) { $0 + $1.days * $1.count }) / Double(n)
    }

    /// How many took longer than `days`.
    public func count(over days: Int) -> Int { histogram.filter { $0.days > days }.reduce(0) { $0 + $1.count } }

    public static func == (a: DayDistribution, b: DayDistribution) -> Bool {
        a.histogram.map(\.days) == b.histogram.map(\.days) && a.histogram.map(\.count) == b.histogram.map(\.count)
    }

    enum CodingKeys: String, CodingKey { case days, counts }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let days = try container.decode([Int].self, forKey: .days)
        let counts = try container.decode([Int].self, forKey: .counts)
        self.init(histogram: zip(days, counts).map { (days: $0, count: $1) })
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(histogram.map(\.days), forKey: .days)
        try container.encode(histogram.map(\.count), forKey: .counts)
    }
}

/// The summary of a duration that may be shown: nothing about fewer people than the rule allows.
public struct DurationSummary: Sendable, Equatable, Codable {
    public var n: Int
    public var median: Double?
    public var p90: Double?
    /// Whether the figures were withheld because too few people are behind them.
    public var suppressed: Bool

    public init(_ distribution: DayDistribution, rule: SuppressionRule) {
        n = distribution.n
        suppressed = rule.isSmall(distribution.n)
        median = suppressed ? nil : distribution.median
        p90 = suppressed ? nil : distribution.p90
    }

    /// Hides the figures whatever the number of people (a wider view would reveal a small group through them).
    public mutating func withhold() {
        suppressed = true
        median = nil
        p90 = nil
    }
}
