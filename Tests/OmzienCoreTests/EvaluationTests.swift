import Testing
@testable import OmzienCore

/// The evaluation's indicators on small hand-made inputs whose right answers are worked out in the comments.
@Suite struct SmallCellTests {
    let rule = SuppressionRule(minimum: 10)

    @Test func countsFromOneToNineAreSmallZeroAndTenAreNot() {
        #expect(!rule.isSmall(0))
        #expect((1...9).allSatisfy(rule.isSmall))
        #expect(!rule.isSmall(10))
    }

    @Test func aSmallCellInAPartitionTakesTheNextSmallestWithIt() {
        // 25 + 3 + 12 = 40: hiding only the 3 would leave 40 − 25 − 12 = 3 readable.
        let table = CountTable.suppressing([("a", 25), ("b", 3), ("c", 12)], total: 40, isPartition: true, rule: rule)
        #expect(table.rows.map(\.count) == [25, nil, nil])
        #expect(table.total == 40)
    }

    @Test func overlappingCategoriesCannotBeSubtractedSoOnlyTheSmallCellIsHidden() {
        let table = CountTable.suppressing([("a", 25), ("b", 3), ("c", 12)], total: 30, isPartition: false, rule: rule)
        #expect(table.rows.map(\.count) == [25, nil, 12])
    }

    @Test func aZeroDoesNotProtectASmallCell() {
        // 30 + 4 + 0 = 34: the zero tells nothing, so the 30 must go too, or 34 − 30 − 0 = 4.
        let table = CountTable.suppressing([("a", 30), ("b", 4), ("c", 0)], total: 34, isPartition: true, rule: rule)
        #expect(table.rows.map(\.count) == [nil, nil, 0])
        #expect(table.total == 34)
    }

    @Test func aSmallCellNextToOnlyZerosHidesTheTotal() {
        let table = CountTable.suppressing([("a", 4), ("b", 0)], total: 4, isPartition: true, rule: rule)
        #expect(table.rows.map(\.count) == [nil, 0])
        #expect(table.total == nil)
    }

    @Test func aCrossTableProtectsRowsAndColumns() {
        // A: 20 5 30 | 55     The 5 is small. Row A then needs a second hidden cell (20), column Y one (15),
        // B: 25 15 40 | 80     and column X one (25). Left: x+y = 25 and 40 per row, 45 and 20 per column;
        //    45 20 70 | 135    four unknowns, rank 3: no cell follows.
        let table = CrossTable.suppressing(rowKeys: ["A", "B"], columnKeys: ["X", "Y", "Z"], counts: [[20, 5, 30], [25, 15, 40]], rule: rule)
        #expect(table.cells == [[nil, nil, 30], [nil, nil, 40]])
        #expect(table.rowTotals == [55, 80])
        #expect(table.columnTotals == [45, 20, 70])
        #expect(table.total == 135)
    }

    @Test func noHiddenCellOfARandomCrossTableCanBeWorkedOut() {
        var random = SplitMix(seed: 7)
        var checked = 0
        for _ in 0..<400 {
            let rows = Int(random.next() % 4) + 2, columns = Int(random.next() % 4) + 2
            let counts = (0..<rows).map { _ in (0..<columns).map { _ in Int(random.next() % 4 == 0 ? random.next() % 10 : random.next() % 40) } }
            let table = CrossTable.suppressing(rowKeys: (0..<rows).map(String.init), columnKeys: (0..<columns).map(String.init), counts: counts, rule: rule)
            for r in 0..<rows {
                for c in 0..<columns where rule.isSmall(counts[r][c]) { #expect(table.cells[r][c] == nil) }
                // No row has exactly one hidden cell among its cells and its total.
                #expect((table.cells[r] + [table.rowTotals[r]]).filter { $0 == nil }.count != 1)
            }
            for c in 0..<columns {
                #expect((table.cells.map { $0[c] } + [table.columnTotals[c]]).filter { $0 == nil }.count != 1)
            }
            // With every margin shown, a hidden cell can be worked out exactly when it is a bridge in the
            // graph of hidden cells (rows and columns as nodes): not on any cycle.
            guard table.rowTotals.allSatisfy({ $0 != nil }), table.columnTotals.allSatisfy({ $0 != nil }) else { continue }
            let hidden = (0..<rows).flatMap { r in (0..<columns).filter { table.cells[r][$0] == nil }.map { (r, $0) } }
            for edge in hidden { #expect(Self.onCycle(edge, hidden, rows: rows)) }
            checked += 1
        }
        #expect(checked > 100)
    }

    /// Whether row `edge.0` and column `edge.1` stay connected through the other hidden cells.
    static func onCycle(_ edge: (Int, Int), _ hidden: [(Int, Int)], rows: Int) -> Bool {
        let others = hidden.filter { $0 != edge }
        var seen: Set<Int> = [edge.0], queue = [edge.0]
        while let node = queue.popLast() {
            for (r, c) in others {
                let (a, b) = (r, rows + c)
                for (from, to) in [(a, b), (b, a)] where from == node && !seen.contains(to) {
                    seen.insert(to)
                    queue.append(to)
                }
            }
        }
        return seen.contains(rows + edge.1)
    }
}

@Suite struct DurationTests {
    @Test func quantilesInterpolateAsRsDefault() {
        // Sorted 1 2 3 4 10: the median is the third value; p90 at h = 4 · 0.9 = 3.6 → 4 + 0.6 · (10 − 4) = 7.6.
        let days = DayDistribution(days: [10, 3, 1, 4, 2])
        #expect(days.n == 5)
        #expect(days.median == 3)
        #expect(abs(days.p90! - 7.6) < 1e-12)
        #expect(days.mean == 4)
        #expect(days.count(over: 3) == 2)
        #expect(DayDistribution(days: []).median == nil)
        #expect(DayDistribution(days: [6]).p90 == 6)
    }

    @Test func aHistogramGivesTheSameQuantilesAsTheSortedValues() {
        var random = SplitMix(seed: 11)
        for _ in 0..<200 {
            let values = (0..<Int(random.next() % 60 + 1)).map { _ in Int(random.next() % 30) }
            let histogram = DayDistribution(histogram: Dictionary(grouping: values, by: { $0 }).map { (days: $0.key, count: $0.value.count) })
            let sorted = values.sorted().map(Double.init)
            for p in [0.0, 0.1, 0.25, 0.5, 0.9, 1.0] {
                let h = Double(sorted.count - 1) * p
                let low = Int(h.rounded(.down)), high = min(low + 1, sorted.count - 1)
                let expected = sorted[low] + (h - Double(low)) * (sorted[high] - sorted[low])
                #expect(abs(histogram.quantile(p)! - expected) < 1e-9)
            }
        }
    }

    @Test func aDurationOfFewPeopleIsWithheld() {
        let summary = DurationSummary(DayDistribution(days: Array(repeating: 3, count: 9)), rule: SuppressionRule(minimum: 10))
        #expect(summary.suppressed && summary.median == nil && summary.p90 == nil)
        let shown = DurationSummary(DayDistribution(days: Array(1...10)), rule: SuppressionRule(minimum: 10))
        #expect(!shown.suppressed && shown.median == 5.5)
    }
}

@Suite struct PairedChangeTests {
    /// Six pairs on DJG-11: 8→5 three times, 6→6 twice, 10→4 once.
    static let pairs: [(pair: ScorePair, count: Int)] = [
        (ScorePair(version: .eleven, before: 8, after: 5), 3), (ScorePair(version: .eleven, before: 6, after: 6), 2),
        (ScorePair(version: .eleven, before: 10, after: 4), 1), (ScorePair(version: .six, before: 5, after: 1), 4),
    ]

    @Test func meanChangeWithATIntervalAndTheShareDownALevel() {
        // Changes −3 −3 −3 0 0 −6: mean −2.5; squares 3·0.25 + 2·6.25 + 12.25 = 25.5; sd √(25.5/5);
        // t(0.975, 5) = 2.570581836614 (R: qt(0.975, 5)); interval −2.5 ± t·sd/√6.
        let change = PairedChange(version: .eleven, pairs: Self.pairs, rule: SuppressionRule(minimum: 1))
        #expect(change.n == 6)
        #expect(change.meanChange == -2.5)
        #expect(abs(change.meanBefore! - 46.0 / 6) < 1e-12)
        let halfWidth = 2.570581836614 * (25.5 / 5).squareRoot() / 6.0.squareRoot()
        #expect(abs(change.lower! - (-2.5 - halfWidth)) < 1e-9)
        #expect(abs(change.upper! - (-2.5 + halfWidth)) < 1e-9)
        // 10 → 4 goes from strong to moderate; 8 → 5 stays moderate.
        #expect(change.down == 1)
        #expect(abs(change.shareDown! - 1.0 / 6) < 1e-12)
    }

    @Test func otherVersionsStayApartAndSmallGroupsAreWithheld() {
        let six = PairedChange(version: .six, pairs: Self.pairs, rule: SuppressionRule(minimum: 1))
        #expect(six.n == 4 && six.meanChange == -4 && six.down == 4)
        let small = PairedChange(version: .eleven, pairs: Self.pairs, rule: SuppressionRule(minimum: 10))
        #expect(small.suppressed && small.n == 0 && small.meanChange == nil && small.shareDown == nil)
    }

    @Test func groupsThatPartitionPeopleAreProtectedTogether() {
        let one = ScorePair(version: .eleven, before: 7, after: 4)
        let groups = [("a", [(pair: one, count: 12)]), ("b", [(pair: one, count: 4)]), ("c", [(pair: one, count: 15)])]
            .map { (key: $0.0, pairs: $0.1) }
        let partition = PairedChange.groups(groups, version: .eleven, isPartition: true, rule: SuppressionRule(minimum: 10))
        #expect(partition.map(\.change.suppressed) == [true, true, false])
        let overlapping = PairedChange.groups(groups, version: .eleven, isPartition: false, rule: SuppressionRule(minimum: 10))
        #expect(overlapping.map(\.change.suppressed) == [false, true, false])
    }

    @Test func followUpsAreOnTimeWithinAWeekOfTheirDate() {
        let due = CivilDate(year: 2026, month: 3, day: 1)!
        #expect(FollowUp.classify(dueOn: due, nextContactOn: due.adding(days: 7), asOf: due.adding(days: 30)) == .onTime)
        #expect(FollowUp.classify(dueOn: due, nextContactOn: due.adding(days: -20), asOf: due) == .onTime)
        #expect(FollowUp.classify(dueOn: due, nextContactOn: due.adding(days: 8), asOf: due.adding(days: 30)) == .late)
        #expect(FollowUp.classify(dueOn: due, nextContactOn: nil, asOf: due.adding(days: 8)) == .missed)
        #expect(FollowUp.classify(dueOn: due, nextContactOn: nil, asOf: due.adding(days: 7)) == .notDue)
    }
}
