/// The effect of casework on the De Jong Gierveld score: the first and the last measurement of the same
/// person on the same version of the scale, compared (monitoring.md, "Effects").
///
/// Inputs arrive as a histogram of (before, after) totals, as the database groups them.
public struct ScorePair: Sendable, Equatable, Hashable, Codable {
    public var version: DJGVersion
    public var before: Int
    public var after: Int

    public init(version: DJGVersion, before: Int, after: Int) {
        self.version = version
        self.before = before
        self.after = after
    }

    /// After minus before: negative is less lonely.
    public var change: Int { after - before }

    /// Whether the level (none, moderate, strong, very strong) went down.
    public var levelWentDown: Bool {
        let order = LonelinessLevel.allCases
        let from = order.firstIndex(of: LonelinessLevel.of(total: before, version: version)) ?? 0
        let to = order.firstIndex(of: LonelinessLevel.of(total: after, version: version)) ?? 0
        return to < from
    }
}

/// Mean change with a 95% t interval and the share moving down a level, for one group of pairs of one version.
public struct PairedChange: Sendable, Equatable, Codable {
    public var version: DJGVersion
    public var n: Int
    public var meanBefore: Double?
    public var meanAfter: Double?
    public var meanChange: Double?
    public var standardDeviation: Double?
    /// The 95% interval of the mean change (t with n − 1 degrees of freedom); nil below two pairs.
    public var lower: Double?
    public var upper: Double?
    /// Share of pairs whose level went down.
    public var shareDown: Double?
    public var down: Int
    /// Withheld because fewer people than the rule allows are behind it.
    public var suppressed: Bool

    /// Computes the figures from `pairs` (with counts); pairs of another version are ignored.
    public init(version: DJGVersion, pairs: [(pair: ScorePair, count: Int)], rule: SuppressionRule, confidence: Double = 0.95) {
        let own = pairs.filter { $0.pair.version == version && $0.count > 0 }
        self.version = version
        n = own.reduce(0) { $0 + $1.count }
        down = own.filter { $0.pair.levelWentDown }.reduce(0) { $0 + $1.count }
        suppressed = rule.isSmall(n)
        guard n > 0, !suppressed else {
            if suppressed { withhold() }
            return
        }
        let count = Double(n)
        let sum = own.reduce(0.0) { $0 + Double($1.pair.change * $1.count) }
        let mean = sum / count
        meanChange = mean
        meanBefore = own.reduce(0.0) { $0 + Double($1.pair.before * $1.count) } / count
        meanAfter = own.reduce(0.0) { $0 + Double($1.pair.after * $1.count) } / count
        shareDown = Double(down) / count
        guard n > 1 else { return }
        let squares = own.reduce(0.0) { $0 + Double($1.count) * (Double($1.pair.change) - mean) * (Double($1.pair.change) - mean) }
        let sd = (squares / (count - 1)).squareRoot()
        standardDeviation = sd
        let t = StudentT.quantile(1 - (1 - confidence) / 2, df: count - 1)
        lower = mean - t * sd / count.squareRoot()
        upper = mean + t * sd / count.squareRoot()
    }

    /// Removes every figure, for a group too small to show or one hidden to protect another.
    public mutating func withhold() {
        suppressed = true
        n = 0
        down = 0
        meanBefore = nil
        meanAfter = nil
        meanChange = nil
        standardDeviation = nil
        lower = nil
        upper = nil
        shareDown = nil
    }

    /// The change per group, with the groups' sizes protected against subtraction when the groups
    /// partition the people (each pair in exactly one group). Groups in `forced` ("total" for the sum of all
    /// groups) are withheld whatever their size.
    public static func groups(_ groups: [(key: String, pairs: [(pair: ScorePair, count: Int)])], version: DJGVersion,
                              isPartition: Bool, rule: SuppressionRule, forced: Set<String> = []) -> [(key: String, change: PairedChange)] {
        var changes = groups.map { (key: $0.key, change: PairedChange(version: version, pairs: $0.pairs, rule: rule)) }
        let sizes = groups.map { group in
            (key: group.key, count: group.pairs.filter { $0.pair.version == version }.reduce(0) { $0 + $1.count })
        }
        let protected = CountTable.suppressing(sizes, total: sizes.reduce(0) { $0 + $1.count }, isPartition: isPartition, rule: rule,
                                                  forced: forced)
        for index in changes.indices where protected.rows[index].count == nil {
            changes[index].change.withhold()
        }
        return changes
    }
}
