import Foundation
import Testing
@testable import OmzienCore

/// Deterministic random numbers, so a failing case can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

private let inf = Double.infinity

private func close(_ a: Double, _ b: Double) -> Bool {
    abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
}

/// What every result must satisfy whatever the costs: a valid partial matching that avoids
/// forbidden pairs, sorted by row, whose total and unassigned rows agree with its pairs.
private func expectWellFormed(_ result: Assignment, _ matrix: CostMatrix, sourceLocation: SourceLocation = #_sourceLocation) {
    var usedColumns = Set<Int>()
    var total = 0.0
    for (index, pair) in result.pairs.enumerated() {
        #expect(pair.row >= 0 && pair.row < matrix.rows, sourceLocation: sourceLocation)
        #expect(pair.column >= 0 && pair.column < matrix.columns, sourceLocation: sourceLocation)
        if index > 0 { #expect(result.pairs[index - 1].row < pair.row, "pairs sorted by row, rows distinct", sourceLocation: sourceLocation) }
        #expect(usedColumns.insert(pair.column).inserted, "column \(pair.column) used twice", sourceLocation: sourceLocation)
        let value = matrix[pair.row, pair.column]
        #expect(value.isFinite, "forbidden pair (\(pair.row), \(pair.column)) chosen", sourceLocation: sourceLocation)
        total += value
    }
    #expect(close(result.total, total), sourceLocation: sourceLocation)
    let assigned = Set(result.pairs.map(\.row))
    #expect(result.unassignedRows == (0..<matrix.rows).filter { !assigned.contains($0) }, sourceLocation: sourceLocation)
}

/// The reference for small matrices: every partial injective map from rows to columns, best by
/// (most pairs, then lowest cost). `sign` is −1 to maximise.
private func bruteForce(_ matrix: CostMatrix, sign: Double) -> (pairs: Int, total: Double) {
    var best = (pairs: -1, cost: Double.infinity)
    func visit(row: Int, used: Int, pairs: Int, cost: Double) {
        if row == matrix.rows {
            if pairs > best.pairs || (pairs == best.pairs && cost < best.cost) { best = (pairs, cost) }
            return
        }
        visit(row: row + 1, used: used, pairs: pairs, cost: cost)
        for column in 0..<matrix.columns where used & (1 << column) == 0 {
            let value = matrix[row, column]
            if value.isFinite { visit(row: row + 1, used: used | (1 << column), pairs: pairs + 1, cost: cost + sign * value) }
        }
    }
    visit(row: 0, used: 0, pairs: 0, cost: 0)
    return (best.pairs, sign * best.cost)
}

/// An independent reference for medium matrices: successive shortest paths found by Bellman–Ford
/// on the residual graph (no prices, no initialisation heuristics). Each augmentation along a
/// shortest path keeps the matching cheapest for its size, so stopping when no path is left gives
/// the most pairs at the lowest cost.
private func successiveShortestPaths(_ matrix: CostMatrix) -> (pairs: Int, total: Double) {
    let n = matrix.rows, m = matrix.columns
    var columnOf = [Int](repeating: -1, count: n), rowOf = [Int](repeating: -1, count: m)
    var pairs = 0
    while true {
        var rowDistance = (0..<n).map { columnOf[$0] < 0 ? 0.0 : inf }
        var columnDistance = [Double](repeating: inf, count: m)
        var reachedFrom = [Int](repeating: -1, count: m)
        for _ in 0...(n + m) {
            var changed = false
            for i in 0..<n where rowDistance[i] < inf {
                for j in 0..<m where j != columnOf[i] && matrix[i, j].isFinite && rowDistance[i] + matrix[i, j] < columnDistance[j] {
                    columnDistance[j] = rowDistance[i] + matrix[i, j]
                    reachedFrom[j] = i
                    changed = true
                }
            }
            for j in 0..<m where rowOf[j] >= 0 && columnDistance[j] - matrix[rowOf[j], j] < rowDistance[rowOf[j]] {
                rowDistance[rowOf[j]] = columnDistance[j] - matrix[rowOf[j], j]
                changed = true
            }
            if !changed { break }
        }
        guard let sink = (0..<m).filter({ rowOf[$0] < 0 && columnDistance[$0] < inf }).min(by: { columnDistance[$0] < columnDistance[$1] }) else {
            break
        }
        var column = sink
        while true {
            let row = reachedFrom[column]
            let previous = columnOf[row]
            rowOf[column] = row
            columnOf[row] = column
            if previous < 0 { break }
            column = previous
        }
        pairs += 1
    }
    let total = (0..<n).filter { columnOf[$0] >= 0 }.reduce(0.0) { $0 + matrix[$1, columnOf[$1]] }
    return (pairs, total)
}

enum Costs: CaseIterable, Sendable {
    case fewIntegers, integers, reals, wideReals
}

func randomMatrix(rows: Int, columns: Int, costs: Costs, forbidden: Double, using rng: inout SplitMix64) -> CostMatrix {
    var values: [Double] = []
    for _ in 0..<(rows * columns) {
        if Double.random(in: 0..<1, using: &rng) < forbidden {
            values.append(inf)
            continue
        }
        switch costs {
        case .fewIntegers: values.append(Double(Int.random(in: 0...3, using: &rng)))  // many ties
        case .integers: values.append(Double(Int.random(in: -20...20, using: &rng)))
        case .reals: values.append(Double.random(in: 0..<1, using: &rng))
        case .wideReals: values.append(Double.random(in: -1e6...1e6, using: &rng))
        }
    }
    return CostMatrix(rows: rows, columns: columns, values: values)
}

@Suite struct AssignmentSolverTests {
    private func solve(_ rows: [[Double]], maximize: Bool = false) -> Assignment {
        let matrix = CostMatrix(rows)
        let result = AssignmentSolver.solve(matrix, maximize: maximize)
        expectWellFormed(result, matrix)
        return result
    }

    private func pairs(_ result: Assignment) -> [[Int]] { result.pairs.map { [$0.row, $0.column] } }

    @Test func oneByOne() {
        let result = solve([[5]])
        #expect(pairs(result) == [[0, 0]])
        #expect(result.total == 5)
        #expect(result.unassignedRows.isEmpty)
    }

    @Test func twoByTwoTakesTheCrossWhenItIsCheaper() {
        let result = solve([[4, 1], [2, 3]])
        #expect(pairs(result) == [[0, 1], [1, 0]])
        #expect(result.total == 3)
    }

    @Test func threeByThreeKnownOptimum() {
        let result = solve([[4, 1, 3], [2, 0, 5], [3, 2, 2]])
        #expect(pairs(result) == [[0, 1], [1, 0], [2, 2]])
        #expect(result.total == 5)
    }

    @Test func greedyIsNotOptimal() {
        // Taking the cheapest cell first (row 0 → column 0 at 1) forces 100 on row 1.
        let result = solve([[1, 2], [3, 100]])
        #expect(pairs(result) == [[0, 1], [1, 0]])
        #expect(result.total == 5)
    }

    @Test func allEqualCostsGiveAFullAssignment() {
        let result = solve(Array(repeating: Array(repeating: 7, count: 6), count: 6))
        #expect(result.pairs.count == 6)
        #expect(result.total == 42)
    }

    @Test func identicalRowsTakeTheCheapestColumns() {
        // Every row wants the same columns: a worst case for the price war in row reduction.
        var rng = SplitMix64(state: 7)
        let row = (0..<150).map { _ in Double.random(in: 0..<1000, using: &rng) }
        let result = solve(Array(repeating: row, count: 100))
        #expect(result.pairs.count == 100)
        #expect(close(result.total, row.sorted().prefix(100).reduce(0, +)))
    }

    @Test func negativeCosts() {
        let result = solve([[-1, -5], [-3, -2]])
        #expect(pairs(result) == [[0, 1], [1, 0]])
        #expect(result.total == -8)
    }

    @Test func maximizeTakesTheHighestScores() {
        let scores: [[Double]] = [[1, 5], [2, 3]]
        #expect(solve(scores, maximize: true).total == 7)
        #expect(pairs(solve(scores, maximize: true)) == [[0, 1], [1, 0]])
        #expect(solve(scores).total == 4)
        #expect(pairs(solve(scores)) == [[0, 0], [1, 1]])
    }

    @Test func maximizeNeverTakesAForbiddenPair() {
        let result = solve([[inf, 1], [5, 2]], maximize: true)
        #expect(pairs(result) == [[0, 1], [1, 0]])
        #expect(result.total == 6)
    }

    @Test func widerThanTallAssignsEveryRow() {
        let result = solve([[9, 2, 7, 8], [6, 4, 3, 7]])
        #expect(pairs(result) == [[0, 1], [1, 2]])
        #expect(result.total == 5)
        #expect(result.unassignedRows.isEmpty)
    }

    @Test func tallerThanWideLeavesTheSurplusRowsUnassigned() {
        let result = solve([[9, 6], [2, 4], [7, 3], [8, 7]])
        #expect(pairs(result) == [[1, 0], [2, 1]])
        #expect(result.total == 5)
        #expect(result.unassignedRows == [0, 3])
    }

    @Test func tallMaximizeUsesTheOriginalScoresForTheTotal() {
        let result = solve([[9, 5], [2, 4], [7, 1]], maximize: true)
        #expect(pairs(result) == [[0, 0], [1, 1]])
        #expect(result.total == 13)
        #expect(result.unassignedRows == [2])
    }

    @Test func emptyMatrices() {
        #expect(solve([]) == Assignment(pairs: [], total: 0, unassignedRows: []))
        #expect(AssignmentSolver.solve(CostMatrix(rows: 3, columns: 0, values: [])) == Assignment(pairs: [], total: 0, unassignedRows: [0, 1, 2]))
        #expect(AssignmentSolver.solve(CostMatrix(rows: 0, columns: 3, values: [])) == Assignment(pairs: [], total: 0, unassignedRows: []))
    }

    @Test func forbiddenPairsAreAvoidedWhenAPerfectAssignmentExists() {
        // The two complete assignments that avoid the forbidden cells cost 1+9+1 and 9+2+1.
        let result = solve([[inf, 1, 9], [2, inf, 9], [1, 1, inf]])
        #expect(pairs(result) == [[0, 1], [1, 2], [2, 0]])
        #expect(result.total == 11)
    }

    @Test func theCheaperRowGetsTheOnlyColumn() {
        // Rows A and B can only go to column X: one of them must stay unassigned, and it must be
        // the one whose pair costs more, whichever comes first.
        let result = solve([[10, inf], [1, inf]])
        #expect(pairs(result) == [[1, 0]])
        #expect(result.total == 1)
        #expect(result.unassignedRows == [0])
        let reversed = solve([[1, inf], [10, inf]])
        #expect(pairs(reversed) == [[0, 0]])
        #expect(reversed.unassignedRows == [1])
    }

    @Test func mostPairsComeBeforeLowestCost() {
        // Pairing row 0 with column 0 alone costs 1, but two pairs are possible (cost 3).
        let result = solve([[1, 2, inf], [1, inf, inf], [inf, inf, inf]])
        #expect(pairs(result) == [[0, 1], [1, 0]])
        #expect(result.total == 3)
        #expect(result.unassignedRows == [2])
    }

    @Test func infeasibleRowsWhenTall() {
        let result = solve([[10, inf], [1, inf], [inf, inf], [inf, 4], [inf, 2]])
        #expect(pairs(result) == [[1, 0], [4, 1]])
        #expect(result.total == 3)
        #expect(result.unassignedRows == [0, 2, 3])
    }

    @Test func everythingForbidden() {
        let result = solve([[inf, inf], [inf, inf]])
        #expect(result.pairs.isEmpty)
        #expect(result.total == 0)
        #expect(result.unassignedRows == [0, 1])
    }

    @Test func columnWithoutAnyAllowedPair() {
        // Square, but column 1 is forbidden everywhere: the column-reduction start must cope.
        let result = solve([[3, inf, 1], [2, inf, 5], [4, inf, 4]])
        #expect(result.pairs.count == 2)
        #expect(result.total == 3)
    }

    @Test func agreesWithBruteForceOnSmallRandomMatrices() {
        var rng = SplitMix64(state: 20_261_123)
        for trial in 0..<700 {
            let rows = Int.random(in: 1...7, using: &rng), columns = Int.random(in: 1...7, using: &rng)
            let costs = Costs.allCases[trial % Costs.allCases.count]
            let forbidden = [0, 0.15, 0.4, 0.7][(trial / 4) % 4]
            let maximize = trial % 3 == 0
            let matrix = randomMatrix(rows: rows, columns: columns, costs: costs, forbidden: forbidden, using: &rng)
            let reference = bruteForce(matrix, sign: maximize ? -1 : 1)
            for warmStart in [true, false] {
                let result = AssignmentSolver.solve(matrix, maximize: maximize, warmStart: warmStart)
                expectWellFormed(result, matrix)
                #expect(result.pairs.count == reference.pairs, "trial \(trial): \(rows)×\(columns) \(costs) maximize \(maximize) warm \(warmStart)")
                #expect(close(result.total, reference.total), "trial \(trial): total \(result.total), brute force \(reference.total), warm \(warmStart)")
            }
        }
    }

    @Test func agreesWithSuccessiveShortestPathsOnMediumMatrices() {
        var rng = SplitMix64(state: 99)
        for trial in 0..<40 {
            let rows = Int.random(in: 8...30, using: &rng), columns = Int.random(in: 8...30, using: &rng)
            let costs = Costs.allCases[trial % Costs.allCases.count]
            let forbidden = [0, 0.3, 0.85, 0.93][(trial / 4) % 4]
            let matrix = randomMatrix(rows: rows, columns: columns, costs: costs, forbidden: forbidden, using: &rng)
            let reference = successiveShortestPaths(matrix)
            for warmStart in [true, false] {
                let result = AssignmentSolver.solve(matrix, maximize: false, warmStart: warmStart)
                expectWellFormed(result, matrix)
                #expect(result.pairs.count == reference.pairs, "trial \(trial): \(rows)×\(columns) \(costs) forbidden \(forbidden)")
                #expect(close(result.total, reference.total), "trial \(trial): total \(result.total), reference \(reference.total)")
            }
        }
    }

    @Test func clusteredCostsAgreeWithTheReference() {
        // Distances between points in a few tight clusters: long augmenting paths and price wars,
        // unlike uniform noise.
        var rng = SplitMix64(state: 5)
        for trial in 0..<6 {
            let rows = 25 + trial, columns = 25 + 3 * trial
            let centres = (0..<3).map { _ in (Double.random(in: 0..<10, using: &rng), Double.random(in: 0..<10, using: &rng)) }
            func point() -> (Double, Double) {
                let centre = centres[Int.random(in: 0..<3, using: &rng)]
                return (centre.0 + Double.random(in: -0.5...0.5, using: &rng), centre.1 + Double.random(in: -0.5...0.5, using: &rng))
            }
            let people = (0..<rows).map { _ in point() }, volunteers = (0..<columns).map { _ in point() }
            let matrix = CostMatrix(people.map { p in volunteers.map { q in ((p.0 - q.0) * (p.0 - q.0) + (p.1 - q.1) * (p.1 - q.1)).squareRoot() } })
            let reference = successiveShortestPaths(matrix)
            for warmStart in [true, false] {
                let result = AssignmentSolver.solve(matrix, maximize: false, warmStart: warmStart)
                expectWellFormed(result, matrix)
                #expect(result.pairs.count == reference.pairs)
                #expect(close(result.total, reference.total), "trial \(trial): total \(result.total), reference \(reference.total)")
            }
        }
    }

    @Test func answerDoesNotDependOnOrderOrOrientation() {
        // Larger than any reference can check; the optimum must survive shuffling and transposing.
        var rng = SplitMix64(state: 3)
        for (rows, columns, forbidden) in [(120, 120, 0.0), (60, 150, 0.0), (150, 60, 0.2), (90, 90, 0.9), (80, 100, 0.97)] {
            let matrix = randomMatrix(rows: rows, columns: columns, costs: .integers, forbidden: forbidden, using: &rng)
            let result = AssignmentSolver.solve(matrix)
            expectWellFormed(result, matrix)
            let rowOrder = (0..<rows).shuffled(using: &rng), columnOrder = (0..<columns).shuffled(using: &rng)
            let shuffled = CostMatrix(rowOrder.map { r in columnOrder.map { c in matrix[r, c] } })
            let transposed = CostMatrix((0..<columns).map { c in (0..<rows).map { r in matrix[r, c] } })
            for other in [shuffled, transposed] {
                let again = AssignmentSolver.solve(other)
                expectWellFormed(again, other)
                #expect(again.pairs.count == result.pairs.count)
                #expect(again.total == result.total, "\(rows)×\(columns): \(again.total) vs \(result.total)")
            }
        }
    }

    @Test func shiftingARowShiftsTheTotal() {
        // With every row assigned, adding a constant to one row cannot change which pairs are best.
        var rng = SplitMix64(state: 11)
        let matrix = randomMatrix(rows: 70, columns: 90, costs: .integers, forbidden: 0, using: &rng)
        let base = AssignmentSolver.solve(matrix).total
        var shifted = matrix
        for column in 0..<90 { shifted.values[5 * 90 + column] += 1000 }
        #expect(AssignmentSolver.solve(shifted).total == base + 1000)
    }

    @Test func maximizeEqualsMinimizingTheNegation() {
        var rng = SplitMix64(state: 17)
        let matrix = randomMatrix(rows: 40, columns: 55, costs: .reals, forbidden: 0.3, using: &rng)
        let negated = CostMatrix(rows: 40, columns: 55, values: matrix.values.map { $0.isFinite ? -$0 : $0 })
        let maximal = AssignmentSolver.solve(matrix, maximize: true), minimal = AssignmentSolver.solve(negated)
        #expect(maximal.pairs.count == minimal.pairs.count)
        #expect(close(maximal.total, -minimal.total))
    }

    @Test func everyPathNoticesNaNAndMinusInfinity() {
        // Each way into the solver reads the values once and must catch them there.
        for bad in [Double.nan, -.infinity] {
            let square = CostMatrix([[1, 2], [3, bad]]), wide = CostMatrix([[1, 2, 3], [bad, 5, 6]])
            for matrix in [square, wide] {
                let solved = matrix.values.withUnsafeBufferPointer {
                    AssignmentSolver.assignRows($0.baseAddress!, rows: matrix.rows, columns: matrix.columns)
                }
                #expect(solved == nil, "\(matrix.rows)×\(matrix.columns) with \(bad): column or row reduction")
                #expect(!AssignmentSolver.valid(matrix.values), "the check before a cold start")
                for (transpose, negate) in [(false, true), (true, false), (true, true)] {
                    #expect(AssignmentSolver.working(matrix, transpose: transpose, negate: negate) == nil, "the working copy")
                }
            }
        }
        #expect(AssignmentSolver.valid([1, .infinity, -3]))
    }

    @Test func refusesNaNThroughThePublicEntryPoint() async {
        await #expect(processExitsWith: .failure) {
            _ = AssignmentSolver.solve(CostMatrix([[1, 2], [3, .nan]]))
        }
    }

    @Test func costMatrixFromRows() {
        let matrix = CostMatrix([[1, 2, 3], [4, 5, 6]])
        #expect(matrix.rows == 2 && matrix.columns == 3)
        #expect(matrix.values == [1, 2, 3, 4, 5, 6])
        #expect(matrix[1, 0] == 4)
    }
}

@Suite struct CostMatrixCSVTests {
    private func parse(_ text: String) throws(CostMatrixCSV.Failure) -> CostMatrix {
        try CostMatrixCSV.parse(Data(text.utf8))
    }

    private func failure(_ text: String) -> String? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func readsRowsAndColumns() throws {
        let matrix = try parse("1,2,3\n4,5,6\n")
        #expect(matrix.rows == 2 && matrix.columns == 3)
        #expect(matrix.values == [1, 2, 3, 4, 5, 6])
    }

    @Test func numberForms() throws {
        let matrix = try parse(" 3 , -2.5,1e-3,+4,.5,7.,1E3,-0.125e+2, 12345678901234567890\n")
        #expect(matrix.values == [3, -2.5, 1e-3, 4, 0.5, 7, 1000, -12.5, 12_345_678_901_234_567_168])  // the last: the nearest Double
    }

    @Test func forbiddenCells() throws {
        let matrix = try parse("inf,Inf,+inf,INFINITY,,  ,infinity,+Infinity,1\n")
        #expect(matrix.values == [inf, inf, inf, inf, inf, inf, inf, inf, 1])
        let trailingEmpty = try parse("1,\n2,3")
        #expect(trailingEmpty.values == [1, inf, 2, 3])
    }

    @Test func lineEndings() throws {
        let expected: [Double] = [1, 2, 3, 4]
        #expect(try parse("1,2\r\n3,4\r\n").values == expected)
        #expect(try parse("1,2\r\n3,4").values == expected)
        #expect(try parse("1,2\n3,4").values == expected)
        #expect(try parse("1,2\n3,4\n\n\n").values == expected)
        #expect(try parse("1,2\r\n3,4\r\n\r\n").values == expected)
        #expect(try parse("\u{FEFF}1,2\n3,4\n").values == expected)
    }

    @Test func readsBackWhatSwiftPrints() throws {
        // The fast path must round exactly like strtod: every printed Double reads back to itself.
        var rng = SplitMix64(state: 1)
        var values: [Double] = []
        for index in 0..<3000 {
            switch index % 4 {
            case 0: values.append(Double.random(in: -1000..<1000, using: &rng))
            case 1: values.append(Double(Int.random(in: -999_999...999_999, using: &rng)) / 1000)
            case 2: values.append(Double.random(in: 0..<1, using: &rng) * pow(10, Double(Int.random(in: -30...30, using: &rng))))
            default: values.append((Double.random(in: 0..<100, using: &rng) * 1000).rounded() / 1000)
            }
        }
        let text = stride(from: 0, to: values.count, by: 10).map { start in
            values[start..<(start + 10)].map { "\($0)" }.joined(separator: ",")
        }.joined(separator: "\n")
        #expect(try parse(text).values == values)
        #expect(try parse("0.1000000000000000055511151231257827,123456789012345.678,9007199254740993").values
            == [0.1, 123_456_789_012_345.678, 9_007_199_254_740_992])  // 2^53 + 1 rounds to even
    }

    @Test func errorsNameTheRowAndColumn() {
        #expect(failure("1,2\n3,abc\n") == #"row 2, column 2: "abc" is not a number"#)
        #expect(failure("1,2\n3,4\n5,6,7\n") == "row 3 has 3 cells, expected 2")
        #expect(failure("1,2,3\n4,5\n") == "row 2 has 2 cells, expected 3")
        #expect(failure("1,2\n3\n") == "row 2 has 1 cell, expected 2")
        #expect(failure("1,2\n\n3,4\n") == "row 2 is empty, expected 2 cells")
        #expect(failure("1,nan\n") == #"row 1, column 2: "nan" is not a number"#)
        #expect(failure("NaN") == #"row 1, column 1: "NaN" is not a number"#)
        #expect(failure("1,2\n3,-inf\n") == #"row 2, column 2: "-inf" is not allowed; leave the cell empty or write inf to forbid a pair"#)
        #expect(failure("1e999") == #"row 1, column 1: "1e999" is too large"#)
        #expect(failure("1,-2e301") == #"row 1, column 2: "-2e301" is too large"#)
        #expect(failure("1, 2 x\n") == #"row 1, column 2: "2 x" is not a number"#)
        #expect(failure("0x10") == #"row 1, column 1: "0x10" is not a number"#)
        #expect(failure("1e") == #"row 1, column 1: "1e" is not a number"#)
        #expect(failure("-") == #"row 1, column 1: "-" is not a number"#)
        #expect(failure("\"1\",2") == #"row 1, column 1: ""1"" is not a number"#)
        #expect(failure("1,5;2,5\n") == #"row 1, column 2: "5;2" is not a number (cells must be separated by commas, and decimals written with a point)"#)
        #expect(failure(String(repeating: "x", count: 60)) == "row 1, column 1: \"\(String(repeating: "x", count: 37))...\" is not a number")
    }

    @Test func emptyInputIsRefused() {
        let message = "the file is empty: expected one line per person with one cost per volunteer, separated by commas"
        #expect(failure("") == message)
        #expect(failure("\n\n") == message)
        #expect(failure(" \r\n  \n") == message)
    }

    @Test func oneColumnWithAnEmptyCellInTheMiddle() throws {
        // A blank line inside a one-column file is a row with a forbidden pair, not a missing row.
        #expect(try parse("1\n\n3\n").values == [1, inf, 3])
    }

    @Test func jsonOutput() throws {
        let result = AssignmentSolver.solve(CostMatrix([[4, 1, 3], [2, 0, 5], [3, 2, 2]]))
        #expect(CostMatrixCSV.json(result) == #"{"total": 5.0, "pairs": [[0, 1], [1, 0], [2, 2]], "unassigned_rows": []}"#)
        let tall = AssignmentSolver.solve(CostMatrix([[9, 6], [2.5, 4], [7, 3], [8, 7]]))
        #expect(CostMatrixCSV.json(tall) == #"{"total": 5.5, "pairs": [[1, 0], [2, 1]], "unassigned_rows": [0, 3]}"#)
        #expect(CostMatrixCSV.json(Assignment(pairs: [], total: 0, unassignedRows: [0])) == #"{"total": 0.0, "pairs": [], "unassigned_rows": [0]}"#)
        #expect(CostMatrixCSV.json(Assignment(pairs: [], total: .infinity, unassignedRows: [])).hasPrefix(#"{"total": null,"#))
    }

    @Test func jsonIsValidAndRoundTripsTheTotal() throws {
        let matrix = try parse("0.1,0.2,inf\n0.7,1e-7,3\n-1e20,5,6\n")
        let result = AssignmentSolver.solve(matrix)
        struct Output: Decodable {
            let total: Double
            let pairs: [[Int]]
            let unassigned_rows: [Int]
        }
        let output = try JSONDecoder().decode(Output.self, from: Data(CostMatrixCSV.json(result).utf8))
        #expect(output.total == result.total)
        #expect(output.pairs == result.pairs.map { [$0.row, $0.column] })
        #expect(output.unassigned_rows == [])
    }
}

/// An optimality certificate built from the solution alone, independent of the solver's own prices:
/// column prices v from shortest paths over "move the row at column j to column k" edges, row prices
/// u from the assigned cells. Dual feasibility (u_i + v_j ≤ c_ij everywhere, v ≤ 0, v = 0 on free
/// columns) plus equal primal and dual totals proves the assignment optimal (LP duality).
@Suite struct AssignmentDualCertificateTests {
    /// Nil when a negative cycle exists (then the assignment could be improved).
    static func columnPrices(_ matrix: CostMatrix, rowOf: [Int?]) -> [Double]? {
        var v = [Double](repeating: 0, count: matrix.columns)
        for round in 0...matrix.columns {
            var changed = false
            for j in 0..<matrix.columns {
                guard let i = rowOf[j] else { continue }
                for k in 0..<matrix.columns where k != j && matrix[i, k].isFinite {
                    let candidate = v[j] + matrix[i, k] - matrix[i, j]
                    if candidate < v[k] - 1e-12 * max(1, abs(v[k])) { v[k] = candidate; changed = true }
                }
            }
            if !changed { return v }
            if round == matrix.columns { return nil }
        }
        return v
    }

    static func certify(_ matrix: CostMatrix) {
        // Certificates here are for wide-or-square matrices where every row is assigned.
        let assignment = AssignmentSolver.solve(matrix)
        guard assignment.unassignedRows.isEmpty, matrix.rows <= matrix.columns else { return }
        var rowOf = [Int?](repeating: nil, count: matrix.columns)
        for pair in assignment.pairs { rowOf[pair.column] = pair.row }
        guard let v = columnPrices(matrix, rowOf: rowOf) else {
            Issue.record("a negative cycle: the assignment is not optimal\n\(matrix.values)")
            return
        }
        var u = [Double](repeating: 0, count: matrix.rows)
        for pair in assignment.pairs { u[pair.row] = matrix[pair.row, pair.column] - v[pair.column] }
        let tolerance = 1e-7 * max(1, matrix.values.filter(\.isFinite).map(abs).max() ?? 1)
        for i in 0..<matrix.rows {
            for j in 0..<matrix.columns where matrix[i, j].isFinite {
                #expect(u[i] + v[j] <= matrix[i, j] + tolerance, "dual feasible at (\(i), \(j))")
            }
        }
        for j in 0..<matrix.columns where rowOf[j] == nil { #expect(abs(v[j]) <= tolerance, "a free column keeps price 0") }
        #expect(v.allSatisfy { $0 <= tolerance })
        let dual = u.reduce(0, +) + v.reduce(0, +)
        #expect(abs(dual - assignment.total) <= tolerance * Double(matrix.rows + 1), "primal \(assignment.total) = dual \(dual)")
    }

    @Test(arguments: Costs.allCases)
    func everyAssignmentCarriesADualCertificate(costs: Costs) {
        var rng = SplitMix64(state: 4242)
        for _ in 0..<150 {
            let rows = Int.random(in: 1...12, using: &rng)
            let columns = Int.random(in: rows...16, using: &rng)
            Self.certify(randomMatrix(rows: rows, columns: columns, costs: costs, forbidden: 0.2, using: &rng))
        }
    }

    @Test func aWrongAssignmentHasNoCertificate() {
        // The check itself must fail on a non-optimal assignment: rows swapped on a 2×2 with a clear optimum.
        let matrix = CostMatrix([[1, 10], [10, 1]])
        #expect(Self.columnPrices(matrix, rowOf: [1, 0]) == nil || {
            let v = Self.columnPrices(matrix, rowOf: [1, 0])!
            let u = [matrix[0, 1] - v[1], matrix[1, 0] - v[0]]
            return u[0] + v[0] > matrix[0, 0] + 1e-9
        }())
        #expect(Self.columnPrices(matrix, rowOf: [0, 1]) != nil)
    }
}

@Suite struct AssignmentBruteForceEightTests {
    /// The acceptance's upper size: 8×8 (40,320 permutations) and 8-by-fewer, with forbidden cells and ties.
    @Test(arguments: [(8, 8), (8, 6), (6, 8), (8, 7)])
    func optimalUpToEightByEight(rows: Int, columns: Int) {
        var rng = SplitMix64(state: UInt64(rows * 100 + columns))
        for trial in 0..<6 {
            for costs in [Costs.fewIntegers, .reals] {
                let matrix = randomMatrix(rows: rows, columns: columns, costs: costs, forbidden: trial < 3 ? 0 : 0.3, using: &rng)
                for maximize in [false, true] {
                    let result = AssignmentSolver.solve(matrix, maximize: maximize)
                    let reference = bruteForce(matrix, sign: maximize ? -1 : 1)
                    #expect(result.pairs.count == reference.pairs, "\(rows)×\(columns) trial \(trial)")
                    #expect(abs(result.total - reference.total) <= 1e-9 * max(1, abs(reference.total)), "\(rows)×\(columns) trial \(trial)")
                }
            }
        }
    }
}
