import Foundation
import Testing
@testable import OmzienCore

@Suite struct StudentTTests {
    /// Reference values from R 4.2 (`qt`, `qnorm`) printed with 17 digits.
    @Test(arguments: [
        (0.975, 1.0, 12.7062047361746941), (0.975, 2.0, 4.3026527297494619), (0.975, 3.0, 3.1824463052837078),
        (0.975, 10.0, 2.2281388519862739), (0.975, 30.0, 2.0422724563012378), (0.975, 344.0, 1.9668840363001645),
        (0.975, 5000.0, 1.9604385517065075), (0.995, 7.0, 3.4994832973504932), (0.1, 4.5, -1.5008853175085566),
        (0.975, Double.infinity, 1.9599639845400536),
    ])
    func quantilesMatchR(p: Double, df: Double, expected: Double) {
        #expect(abs(StudentT.quantile(p, df: df) - expected) <= 1e-12 * abs(expected))
    }

    @Test func cdfAndQuantileAreInverse() {
        for df in [1.0, 2.5, 9, 120, 20_000] {
            for p in [0.001, 0.05, 0.3, 0.5, 0.9, 0.999] {
                #expect(abs(StudentT.cdf(StudentT.quantile(p, df: df), df: df) - p) < 1e-12)
            }
        }
    }
}

@Suite struct PrevalenceEstimatorTests {
    /// Worked by hand (see the derivation in the comments): three strata, two domains, one missing
    /// score, one single-respondent stratum, and domain Y absent from stratum B.
    @Test func smallDesignMatchesTheHandCalculation() throws {
        var estimator = PrevalenceEstimator()
        let x = 0, y = 1, a = 0, b = 1, c = 2
        try estimator.add(weight: 1, stratum: a, domain: x, y: true)
        try estimator.add(weight: 2, stratum: a, domain: x, y: false)
        try estimator.add(weight: 1, stratum: a, domain: y, y: true)
        try estimator.add(weight: 3, stratum: b, domain: x, y: true)
        try estimator.add(weight: 1, stratum: b, domain: x, y: nil)
        try estimator.add(weight: 2, stratum: c, domain: y, y: false)
        let estimates = estimator.estimates()
        let domainX = try #require(estimates.first { $0.domain == x })
        // p = (1 + 3) / 6. Stratum A: z = 1/18, −4/18, 0 → 3/2 · 14/324; stratum B: z = 3/18, 0 → 2 · 4.5/324.
        #expect(abs(domainX.estimate - 2.0 / 3.0) < 1e-15)
        #expect(abs(domainX.se - (5.0 / 54.0).squareRoot()) < 1e-15)
        #expect(domainX.n == 3)
        #expect(domainX.weightSum == 6)
        #expect(domainX.degreesOfFreedom == 2)   // 4 rows (the missing one too) in 2 strata
        let domainY = try #require(estimates.first { $0.domain == y })
        // p = 1/3; stratum A: z = 2/9, 0, 0 → 3/2 · 24/729; stratum C has one respondent and adds nothing.
        #expect(abs(domainY.estimate - 1.0 / 3.0) < 1e-15)
        #expect(abs(domainY.se - 2.0 / 9.0) < 1e-15)
        #expect(domainY.degreesOfFreedom == 0)
        #expect(domainY.logitInterval() == nil)
    }

    @Test func logitIntervalIsTheBackTransformedTInterval() throws {
        var estimator = PrevalenceEstimator()
        for index in 0..<40 { try estimator.add(weight: Double(1 + index % 3), stratum: index % 4, domain: 0, y: index % 5 == 0) }
        let e = try #require(estimator.estimates().first)
        let ci = try #require(e.logitInterval())
        let t = StudentT.quantile(0.975, df: Double(e.degreesOfFreedom))
        let logit = log(e.estimate / (1 - e.estimate))
        #expect(abs(log(ci.lower / (1 - ci.lower)) - (logit - t * e.se / (e.estimate * (1 - e.estimate)))) < 1e-12)
        #expect(ci.lower < e.estimate && e.estimate < ci.upper)
        #expect(e.degreesOfFreedom == 36)
        let wald = try #require(e.waldInterval())
        #expect(abs(wald.upper - e.estimate - t * e.se) < 1e-15)
    }

    @Test func zeroAndNegativeWeightsAreRejectedWithTheRow() {
        var estimator = PrevalenceEstimator()
        #expect(throws: PrevalenceEstimator.InputError.nonPositiveWeight(row: 2)) {
            try estimator.add(weight: 1, stratum: 0, domain: 0, y: true)
            try estimator.add(weight: 0, stratum: 0, domain: 0, y: true)
        }
        #expect(throws: PrevalenceEstimator.InputError.nonFiniteWeight(row: 3)) {
            try estimator.add(weight: .infinity, stratum: 0, domain: 0, y: true)
        }
    }
}

@Suite struct PrevalenceCSVTests {
    static let header = "id,w,s,gm," + (1...11).map { "q\($0)" }.joined(separator: ",") + "\n"
    static func row(_ id: String, _ w: String, _ s: String, _ gm: String, lonely: Int) -> String {
        let answers = (1...11).map { item -> String in
            let positive = DJGItem.item(item).isPositive
            return item <= lonely ? (positive ? "nee" : "ja") : (positive ? "ja" : "nee")
        }
        return "\(id),\(w),\(s),\(gm)," + answers.joined(separator: ",") + "\n"
    }

    @Test func domainsAreEstimatedAndSmallOnesSuppressed() throws {
        var text = Self.header
        for index in 0..<60 { text += Self.row("a\(index)", "1.5", "S\(index % 3)", "GM1", lonely: index % 2 == 0 ? 5 : 1) }
        for index in 0..<10 { text += Self.row("b\(index)", "2", "S\(index % 3)", "\"GM,2\"", lonely: 10) }
        let options = PrevalenceCSV.Options(weight: "w", strata: "s", by: ["gm"], indicator: .lonely, items: PrevalenceCSV.itemColumns("q1..q11"))
        let rows = try PrevalenceCSV.estimate(Data(text.utf8), options: options)
        #expect(rows.map(\.domain) == [["GM,2"], ["GM1"]])
        #expect(rows[1].estimate.estimate == 0.5)
        #expect(rows[0].suppressed && !rows[1].suppressed)
        let csv = PrevalenceCSV.csv(rows, by: ["gm"])
        #expect(csv.hasPrefix("gm,n,weight_sum,estimate,se,ci_lower,ci_upper,suppressed\n\"GM,2\",10,,,,,,true\nGM1,60,90.0,0.5,"))
        let strongly = try PrevalenceCSV.estimate(Data(text.utf8), options: .init(weight: "w", strata: "s", by: [], indicator: .stronglyLonely,
                                                                                     items: PrevalenceCSV.itemColumns("q1..q11"), minN: 0))
        #expect(abs(strongly[0].estimate.estimate - 20.0 / 110.0) < 1e-15)
    }

    @Test func clearErrorsForMissingColumnsBadWeightsAndUnknownAnswers() {
        let options = PrevalenceCSV.Options(weight: "w", strata: "s", by: ["gm"], indicator: .lonely, items: PrevalenceCSV.itemColumns("q1..q11"))
        #expect(throws: PrevalenceCSV.Failure.self) { try PrevalenceCSV.estimate(Data("id,w\n1,2\n".utf8), options: options) }
        let negative = Self.header + Self.row("a", "-1", "S", "GM", lonely: 1)
        #expect {
            try PrevalenceCSV.estimate(Data(negative.utf8), options: options)
        } throws: { ($0 as? PrevalenceCSV.Failure)?.message.contains("line 2") == true }
        let text = Self.header + Self.row("a", "x1", "S", "GM", lonely: 1)
        #expect {
            try PrevalenceCSV.estimate(Data(text.utf8), options: options)
        } throws: { ($0 as? PrevalenceCSV.Failure)?.message.contains("not a number") == true }
        let unknown = Self.header + Self.row("a", "1", "S", "GM", lonely: 1).replacingOccurrences(of: ",ja\n", with: ",soms\n")
        #expect {
            try PrevalenceCSV.estimate(Data(unknown.utf8), options: options)
        } throws: { ($0 as? PrevalenceCSV.Failure)?.message == "line 2, column q11: unknown answer \"soms\"" }
    }

    @Test func itemRanges() {
        #expect(PrevalenceCSV.itemColumns("q1..q11").count == 11)
        #expect(PrevalenceCSV.itemColumns("q3,q4,q7,q8,q9,q10") == ["q3", "q4", "q7", "q8", "q9", "q10"])
        #expect(PrevalenceCSV.itemColumns("item3..item5") == ["item3", "item4", "item5"])
    }
}

@Suite struct ComparabilityGuardTests {
    let adults = AgeRange(minimum: 18, maximum: nil)!
    func figure(_ year: Int, source: String = "GGD Gezondheidsmonitor", indicator: PrevalenceCSV.Indicator = .lonely,
                population: AgeRange? = nil, mode: SurveyMode = .mixed, estimate: Double = 0.4, suppressed: Bool = false) -> MonitorFigure {
        MonitorFigure(metadata: FigureMetadata(source: source, indicator: indicator, population: population ?? adults, mode: mode),
                      year: year, estimate: estimate, lower: estimate - 0.02, upper: estimate + 0.02, n: 900, suppressed: suppressed)
    }

    @Test func figuresThatAgreeOnEverythingButTheYearFormOneSeriesSortedByYear() {
        let series = ComparabilityGuard.series([figure(2024), figure(2016), figure(2020, source: "  ggd gezondheidsmonitor ")])
        #expect(series.count == 1)
        #expect(series[0].figures.map(\.year) == [2016, 2020, 2024])
    }

    @Test(arguments: [
        (FigureMetadata.Attribute.source, "CBS Gezondheidsenquête", PrevalenceCSV.Indicator.lonely, AgeRange(minimum: 18, maximum: nil)!, SurveyMode.mixed),
        (.instrument, "GGD Gezondheidsmonitor", .lonely6, AgeRange(minimum: 18, maximum: nil)!, .mixed),
        (.threshold, "GGD Gezondheidsmonitor", .stronglyLonely, AgeRange(minimum: 18, maximum: nil)!, .mixed),
        (.population, "GGD Gezondheidsmonitor", .lonely, AgeRange(minimum: 15, maximum: nil)!, .mixed),
        (.population, "GGD Gezondheidsmonitor", .lonely, AgeRange(minimum: 18, maximum: 64)!, .mixed),
        (.mode, "GGD Gezondheidsmonitor", .lonely, AgeRange(minimum: 18, maximum: nil)!, .online),
    ])
    func anyDifferenceKeepsFiguresApart(attribute: FigureMetadata.Attribute, source: String, indicator: PrevalenceCSV.Indicator,
                                        population: AgeRange, mode: SurveyMode) {
        let other = figure(2022, source: source, indicator: indicator, population: population, mode: mode)
        let series = ComparabilityGuard.series([figure(2020), other])
        #expect(series.count == 2)
        let differences = other.metadata.differences(from: figure(2020).metadata)
        #expect(differences.contains(attribute))
        // DJG-6 against DJG-11 differs in the threshold as well as the instrument.
        #expect(differences.count == (attribute == .instrument ? 2 : 1))
    }

    @Test func aCorrectedUploadForTheSameYearReplacesTheEarlierOneAndSuppressedFiguresAreLeftOut() {
        let series = ComparabilityGuard.series([figure(2020, estimate: 0.40), figure(2020, estimate: 0.45), figure(2022, suppressed: true)])
        #expect(series.count == 1)
        #expect(series[0].figures.map(\.estimate) == [0.45])
    }

    @Test func thresholdsAndLabelsFollowTheScale() {
        #expect(PrevalenceCSV.Indicator.lonely.thresholdLabel == "3–11")
        #expect(PrevalenceCSV.Indicator.veryStronglyLonely.thresholdLabel == "11")
        #expect(PrevalenceCSV.Indicator.stronglyLonely6.thresholdLabel == "5–6")
        #expect(PrevalenceCSV.Indicator.lonely6.instrumentLabel == "DJG-6")
        for indicator in PrevalenceCSV.Indicator.allCases {
            for total in 0...11 where total <= (indicator.version == .six ? 6 : 11) {
                #expect(indicator.holds(total: total) == indicator.threshold.contains(total), "\(indicator) \(total)")
            }
        }
        #expect(AgeRange(minimum: 18, maximum: nil)?.description == "18+")
        #expect(AgeRange(minimum: 65, maximum: 74)?.description == "65–74")
        #expect(AgeRange(minimum: 70, maximum: 60) == nil)
        #expect(AgeRange(minimum: -1, maximum: nil) == nil)
    }

    @Test func aStoredCellOfASuppressedDomainKeepsOnlyItsCount() throws {
        var text = "w," + (1...11).map { "q\($0)" }.joined(separator: ",") + ",g\n"
        for index in 0..<12 { text += "1," + Array(repeating: index < 4 ? "ja" : "nee", count: 11).joined(separator: ",") + ",\(index < 3 ? "a" : "b")\n" }
        let rows = try PrevalenceCSV.estimate(Data(text.utf8), options: .init(weight: "w", strata: nil, by: ["g"], indicator: .lonely,
                                                                              items: PrevalenceCSV.itemColumns("q1..q11"), minN: 5))
        let cells = rows.map(PrevalenceCell.init)
        #expect(cells[0] == PrevalenceCell(rows[0]))
        #expect(cells[0].domain == ["a"] && cells[0].suppressed && cells[0].estimate == nil && cells[0].se == nil && cells[0].n == 3)
        #expect(cells[1].estimate == rows[1].estimate.estimate && cells[1].lower == rows[1].estimate.logitInterval()?.lower)
        let decoded = try JSONDecoder().decode([PrevalenceCell].self, from: JSONEncoder().encode(cells))
        #expect(decoded == cells)
        #expect(PrevalenceCSV.csv(cells, by: ["g"]) == PrevalenceCSV.csv(rows, by: ["g"]))
    }
}
