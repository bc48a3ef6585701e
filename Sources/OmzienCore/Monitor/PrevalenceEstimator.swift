import Foundation

/// Weighted prevalence of a yes/no indicator per domain, with the stratified, with-replacement
/// Taylor-linearised standard error of R `survey` (`svydesign(ids=~1, strata=, weights=)`,
/// `survey.lonely.psu="certainty"`), computed for all domains in one pass (monitoring.md).
///
/// Degrees of freedom, as R uses them for a domain in `svyby(..., svyciprop)`: `degf()` of the
/// domain's subset design, i.e. the number of respondents in the domain (those without a score
/// included, since `svyciprop` receives the subset before missing values are removed) minus the
/// number of strata that have at least one of them.
public struct PrevalenceEstimator: Sendable {
    /// Running sums of one (domain, stratum) cell; y is 0/1 so y² = y.
    struct Cell: Sendable {
        var rows = 0          // respondents of the domain in this stratum, missing included
        var valid = 0         // respondents with a score
        var sumW = 0.0, sumWY = 0.0, sumW2 = 0.0, sumW2Y = 0.0
    }

    public enum InputError: Error, Equatable, Sendable {
        case nonPositiveWeight(row: Int)
        case nonFiniteWeight(row: Int)
    }

    private var strataSize: [Int] = []
    /// Cells in a flat array; `cellIndex[domain][stratum]` is the position (−1 when absent).
    private var cellStore: [Cell] = []
    private var cellIndex: [[Int]] = []
    private var rowCount = 0

    public init() {}

    /// Adds one respondent. `stratum` and `domain` are small integer codes; `y` nil means no valid score.
    public mutating func add(weight: Double, stratum: Int, domain: Int, y: Bool?) throws(InputError) {
        rowCount += 1
        guard weight.isFinite else { throw .nonFiniteWeight(row: rowCount) }
        guard weight > 0 else { throw .nonPositiveWeight(row: rowCount) }
        if stratum >= strataSize.count { strataSize += Array(repeating: 0, count: stratum - strataSize.count + 1) }
        strataSize[stratum] += 1
        while domain >= cellIndex.count { cellIndex.append([]) }
        if stratum >= cellIndex[domain].count {
            cellIndex[domain] += Array(repeating: -1, count: stratum - cellIndex[domain].count + 1)
        }
        var position = cellIndex[domain][stratum]
        if position < 0 {
            position = cellStore.count
            cellStore.append(Cell())
            cellIndex[domain][stratum] = position
        }
        cellStore[position].rows += 1
        if let y {
            let value = y ? 1.0 : 0.0
            cellStore[position].valid += 1
            cellStore[position].sumW += weight
            cellStore[position].sumWY += weight * value
            cellStore[position].sumW2 += weight * weight
            cellStore[position].sumW2Y += weight * weight * value
        }
    }

    /// The cells of one domain, by stratum.
    private var cells: [Int: [Int: Cell]] {
        var result: [Int: [Int: Cell]] = [:]
        for (domain, strata) in cellIndex.enumerated() {
            for (stratum, position) in strata.enumerated() where position >= 0 { result[domain, default: [:]][stratum] = cellStore[position] }
        }
        return result
    }

    /// The estimate of one domain.
    public struct Estimate: Sendable, Equatable {
        public let domain: Int
        /// Respondents with a valid score (unweighted).
        public let n: Int
        public let weightSum: Double
        public let estimate: Double
        public let se: Double
        public let degreesOfFreedom: Int

        /// The logit interval of `svyciprop(method = "logit")`: on logit(p) with SE/(p(1−p)), back-transformed.
        /// Nil without degrees of freedom (R gives NaN there); a proportion of exactly 0 or 1 has a zero-width interval.
        public func logitInterval(level: Double = 0.95) -> (lower: Double, upper: Double)? {
            guard degreesOfFreedom > 0 else { return nil }
            guard estimate > 0, estimate < 1 else { return (estimate, estimate) }
            let t = StudentT.quantile(1 - (1 - level) / 2, df: Double(degreesOfFreedom))
            let centre = log(estimate / (1 - estimate))
            let spread = t * se / (estimate * (1 - estimate))
            let expit = { (x: Double) in 1 / (1 + exp(-x)) }
            return (expit(centre - spread), expit(centre + spread))
        }

        /// The Wald interval p ± t·SE on the same degrees of freedom.
        public func waldInterval(level: Double = 0.95) -> (lower: Double, upper: Double)? {
            guard degreesOfFreedom > 0 else { return nil }
            let t = StudentT.quantile(1 - (1 - level) / 2, df: Double(degreesOfFreedom))
            return (estimate - t * se, estimate + t * se)
        }
    }

    /// Estimates for every domain that has at least one valid score, by domain code.
    public func estimates() -> [Estimate] {
        let cells = self.cells
        return cells.keys.sorted().compactMap { domain in
            let strata = cells[domain]!
            let weightSum = strata.values.reduce(0) { $0 + $1.sumW }
            guard weightSum > 0 else { return nil }
            let p = strata.values.reduce(0) { $0 + $1.sumWY } / weightSum
            var variance = 0.0
            for (stratum, cell) in strata where cell.valid > 0 {
                let nh = Double(strataSize[stratum])
                guard nh > 1 else { continue }   // a single-respondent stratum contributes nothing ("certainty")
                // z_i = w_i (y_i − p) / W over the domain's valid respondents, zero for everyone else in h.
                let sumZ = (cell.sumWY - p * cell.sumW) / weightSum
                let sumZ2 = (cell.sumW2Y - 2 * p * cell.sumW2Y + p * p * cell.sumW2) / (weightSum * weightSum)
                variance += nh / (nh - 1) * (sumZ2 - sumZ * sumZ / nh)
            }
            let rows = strata.values.reduce(0) { $0 + $1.rows }
            let strataPresent = strata.values.filter { $0.rows > 0 }.count
            return Estimate(
                domain: domain, n: strata.values.reduce(0) { $0 + $1.valid }, weightSum: weightSum, estimate: p,
                se: max(0, variance).squareRoot(), degreesOfFreedom: rows - strataPresent)
        }
    }
}
