import Foundation

/// The costs of pairing each row (a person) with each column (a volunteer).
///
/// Stored flat and row by row, because the solver's inner loops walk one row at a time and a
/// single contiguous array keeps those walks in cache. `Double.infinity` marks a forbidden pair.
public struct CostMatrix: Sendable {
    public let rows: Int
    public let columns: Int
    /// Row-major: the cost of row `r` and column `c` is `values[r * columns + c]`.
    public var values: [Double]

    /// A matrix from its row-major values; `values.count` must be `rows * columns`.
    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(rows >= 0 && columns >= 0, "a cost matrix cannot have a negative size")
        precondition(values.count == rows * columns, "a \(rows) × \(columns) cost matrix needs \(rows * columns) values, got \(values.count)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A matrix from its rows, which must all have the same length.
    public init(_ rows: [[Double]]) {
        let columns = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == columns }, "every row of a cost matrix must have the same length")
        self.init(rows: rows.count, columns: columns, values: Array(rows.joined()))
    }

    public subscript(row: Int, column: Int) -> Double { values[row * columns + column] }
}

/// The outcome of ``AssignmentSolver/solve(_:maximize:)``.
public struct Assignment: Sendable, Equatable {
    /// One chosen (row, column) pair, 0-based.
    public struct Pair: Sendable, Hashable {
        public let row: Int
        public let column: Int

        public init(row: Int, column: Int) {
            self.row = row
            self.column = column
        }
    }

    /// The chosen pairs, sorted by row; no row or column appears twice.
    public let pairs: [Pair]
    /// The sum of the matrix values of the chosen pairs (the scores themselves when maximising).
    public let total: Double
    /// The rows that got no column, ascending: the surplus rows when there are more rows than
    /// columns, and rows that forbidden pairs leave without a partner.
    public let unassignedRows: [Int]

    public init(pairs: [Pair], total: Double, unassignedRows: [Int]) {
        self.pairs = pairs
        self.total = total
        self.unassignedRows = unassignedRows
    }
}

/// Optimal one-to-one pairing of rows and columns (the linear assignment problem).
///
/// The method is the shortest augmenting path algorithm of Jonker and Volgenant (1987): keep a
/// price (dual potential) per column such that every assigned row sits at a cheapest column
/// under those prices, then bring in one unassigned row at a time along a shortest path of
/// reduced costs (Dijkstra), and lower the prices along the way so the invariant holds again.
/// Each row costs at most O(rows × columns), so O(n³) in the worst case. Before that, JV's cheap
/// initialisation (column reduction, reduction transfer and two rounds of augmenting row
/// reduction) settles most rows, which is where most of the speed comes from.
public enum AssignmentSolver {
    /// The assignment with the lowest total cost (the highest total with `maximize`).
    ///
    /// With more rows than columns, the surplus rows stay unassigned, and vice versa. A forbidden
    /// pair (`Double.infinity`, in either mode) is never chosen. When the forbidden pairs leave no
    /// way to give every row of the smaller side a partner, the result has as many pairs as they
    /// allow, and among those the best total.
    ///
    /// - Precondition: no value is NaN or −∞ (``CostMatrixCSV`` rejects them while reading).
    public static func solve(_ matrix: CostMatrix, maximize: Bool = false) -> Assignment {
        solve(matrix, maximize: maximize, warmStart: true)
    }

    /// `warmStart: false` skips JV's initialisation and brings in every row by augmentation alone,
    /// so tests can check both halves of the algorithm on their own.
    static func solve(_ matrix: CostMatrix, maximize: Bool, warmStart: Bool) -> Assignment {
        let rows = matrix.rows, columns = matrix.columns
        precondition(matrix.values.count == rows * columns, "the cost matrix has \(matrix.values.count) values for \(rows) × \(columns)")
        precondition(rows + columns < Int(Int32.max), "the cost matrix is too large")
        guard rows > 0, columns > 0 else {
            return Assignment(pairs: [], total: 0, unassignedRows: Array(0..<rows))
        }

        // The solver brings in the rows of the smaller side one by one and scans the larger side
        // contiguously, so a tall matrix is transposed; maximising is minimising negated scores.
        // NaN and −∞ are looked for in a pass that reads every value anyway (the copy, the column
        // reduction or the first round of row reduction): on large matrices a separate pass would
        // cost a third of the solve, since it is memory-bound.
        let transpose = rows > columns
        let small = min(rows, columns), large = max(rows, columns)
        let partner: [Int32]?
        if !transpose && !maximize {
            if !warmStart { precondition(valid(matrix.values), invalidMessage) }
            partner = matrix.values.withUnsafeBufferPointer { assignRows($0.baseAddress!, rows: small, columns: large, warmStart: warmStart) }
        } else {
            guard let work = working(matrix, transpose: transpose, negate: maximize) else { preconditionFailure(invalidMessage) }
            partner = work.withUnsafeBufferPointer { assignRows($0.baseAddress!, rows: small, columns: large, warmStart: warmStart) }
        }
        guard let partner else { preconditionFailure(invalidMessage) }

        var pairs: [Assignment.Pair] = []
        pairs.reserveCapacity(small)
        if transpose {
            // partner[c] is the row given to column c; list them by row.
            var columnOfRow = [Int32](repeating: -1, count: rows)
            for column in 0..<columns where partner[column] >= 0 { columnOfRow[Int(partner[column])] = Int32(column) }
            for row in 0..<rows where columnOfRow[row] >= 0 { pairs.append(.init(row: row, column: Int(columnOfRow[row]))) }
        } else {
            for row in 0..<rows where partner[row] >= 0 { pairs.append(.init(row: row, column: Int(partner[row]))) }
        }
        var unassigned: [Int] = []
        var next = 0
        for pair in pairs {
            while next < pair.row { unassigned.append(next); next += 1 }
            next = pair.row + 1
        }
        unassigned.append(contentsOf: next..<rows)
        // The total comes from the caller's own values, not from the negated or shifted working copy.
        var total = 0.0
        for pair in pairs { total += matrix.values[pair.row * columns + pair.column] }
        return Assignment(pairs: pairs, total: total, unassignedRows: unassigned)
    }

    static let invalidMessage = "a cost matrix may not contain NaN or -infinity"

    /// Whether every value is a real number or +∞; written without early exit so it vectorises.
    static func valid(_ values: [Double]) -> Bool {
        values.withUnsafeBufferPointer { buffer in
            var invalid = false
            for x in buffer { invalid = invalid || !(x > -.infinity) }
            return !invalid
        }
    }

    /// The matrix as the solver wants it: smaller side as rows, and negated when maximising
    /// (forbidden pairs stay +∞). Transposed in tiles so reads and writes both stay in cache.
    /// Nil if a value is NaN or −∞ (negation would turn −∞ into a forbidden pair unnoticed).
    static func working(_ matrix: CostMatrix, transpose: Bool, negate: Bool) -> [Double]? {
        let rows = matrix.rows, columns = matrix.columns
        var invalid: UInt8 = 0
        let work = [Double](unsafeUninitializedCapacity: rows * columns) { buffer, count in
            matrix.values.withUnsafeBufferPointer { inputBuffer in
                let input = inputBuffer.baseAddress!, output = buffer.baseAddress!
                if !transpose {
                    for index in 0..<(rows * columns) {
                        let x = input[index]
                        invalid |= x > -.infinity ? 0 : 1
                        output[index] = negate && x != .infinity ? -x : x
                    }
                } else {
                    let tile = 16
                    for rowStart in stride(from: 0, to: rows, by: tile) {
                        let rowEnd = min(rowStart + tile, rows)
                        for columnStart in stride(from: 0, to: columns, by: tile) {
                            let columnEnd = min(columnStart + tile, columns)
                            for column in columnStart..<columnEnd {
                                let target = output + column * rows
                                for row in rowStart..<rowEnd {
                                    let x = input[row * columns + column]
                                    invalid |= x > -.infinity ? 0 : 1
                                    target[row] = negate && x != .infinity ? -x : x
                                }
                            }
                        }
                    }
                }
            }
            count = rows * columns
        }
        return invalid == 0 ? work : nil
    }

    /// The column of each row (−1: none) of an `n × m` row-major matrix with `n ≤ m`: every row
    /// when the forbidden pairs allow it, otherwise as many as possible at the lowest cost. Nil if
    /// the warm start came across a NaN or −∞ (without it, the caller must have checked).
    static func assignRows(_ cost: UnsafePointer<Double>, rows n: Int, columns m: Int, warmStart: Bool = true) -> [Int32]? {
        let (partner, stuck, valid) = shortestAugmentingPaths(cost, rows: n, columns: m, warmStart: warmStart)
        guard valid else { return nil }
        guard stuck > 0 else { return partner }

        // Some rows found no augmenting path. Bringing in rows one at a time this way yields a
        // maximum matching (a row without an augmenting path never gains one later), so exactly
        // `stuck` rows must stay unassigned in any maximum-cardinality assignment. But the rows that
        // got stuck are merely the ones that came last, not the ones whose absence is cheapest.
        // So solve again with `stuck` extra columns that every row may take at cost 0: every
        // complete assignment of the widened matrix then uses all of them and exactly the maximum
        // number of real pairs, and its cost is the cost of those real pairs. No big-M constant
        // is involved, so nothing is lost to rounding.
        let widened = m + stuck
        let padded = [Double](unsafeUninitializedCapacity: n * widened) { buffer, count in
            for row in 0..<n {
                let target = buffer.baseAddress! + row * widened
                target.update(from: cost + row * m, count: m)
                (target + m).initialize(repeating: 0, count: stuck)
            }
            count = n * widened
        }
        let (paddedPartner, paddedStuck, _) = padded.withUnsafeBufferPointer {
            shortestAugmentingPaths($0.baseAddress!, rows: n, columns: widened, warmStart: warmStart)
        }
        assert(paddedStuck == 0, "the widened matrix always admits a complete assignment")
        return paddedPartner.map { $0 >= Int32(m) ? -1 : $0 }
    }

    /// Jonker–Volgenant on an `n × m` matrix, `n ≤ m`. Returns each row's column, the number of
    /// rows left without one because no augmenting path over allowed pairs exists for them, and
    /// whether the warm start found only allowed values (it reads every one of them).
    static func shortestAugmentingPaths(
        _ cost: UnsafePointer<Double>, rows n: Int, columns m: Int, warmStart: Bool = true
    ) -> (partner: [Int32], stuck: Int, valid: Bool) {
        var partner = [Int32](repeating: -1, count: n)
        var valid = true
        let stuck = partner.withUnsafeMutableBufferPointer { partnerBuffer -> Int in
            let state = Workspace(rows: n, columns: m, colOf: partnerBuffer.baseAddress!)
            defer { state.deallocate() }
            let v = state.v, rowOf = state.rowOf, colOf = state.colOf, freeRows = state.freeRows
            var freeCount = 0
            if n == m && warmStart {
                let argmin = UnsafeMutablePointer<Int32>.allocate(capacity: m)
                defer { argmin.deallocate() }
                (freeCount, valid) = columnReduction(cost, n: n, v: v, rowOf: rowOf, colOf: colOf, argmin: argmin, freeRows: freeRows)
            } else {
                // A rectangular problem needs equal prices on all columns that end up free (they
                // compete for nothing), so the prices stay at their initial 0 and only ever go down on columns that
                // get assigned; column reduction would break that, so it is only used when square.
                for i in 0..<n { freeRows[i] = Int32(i) }
                freeCount = n
            }
            if warmStart {
                let rowReduction = augmentingRowReduction(cost, n: n, m: m, v: v, rowOf: rowOf, colOf: colOf, freeRows: freeRows, freeCount: freeCount)
                freeCount = rowReduction.freeCount
                valid = valid && rowReduction.valid
                guard valid else { return 0 }
            }
            var stuck = 0
            for k in 0..<freeCount where !augment(row: Int(freeRows[k]), cost, m: m, state: state) {
                stuck += 1
            }
            return stuck
        }
        return (partner, stuck, valid)
    }

    /// JV column reduction and reduction transfer for a square matrix: price each column at its
    /// cheapest entry, give each row one of the columns it is cheapest for, then make the columns of
    /// rows that got exactly one as dear as those rows' runner-up so they attract nobody else.
    /// Returns the number of free rows, listed in `freeRows`, and whether all values were allowed.
    static func columnReduction(
        _ cost: UnsafePointer<Double>, n: Int, v: UnsafeMutablePointer<Double>, rowOf: UnsafeMutablePointer<Int32>,
        colOf: UnsafeMutablePointer<Int32>, argmin: UnsafeMutablePointer<Int32>, freeRows: UnsafeMutablePointer<Int32>
    ) -> (freeCount: Int, valid: Bool) {
        let m = n
        v.update(repeating: .infinity, count: m)
        argmin.initialize(repeating: -1, count: m)
        var invalid: UInt8 = 0
        // Row by row rather than column by column, so the matrix is read in memory order.
        for i in 0..<n {
            let row = cost + i * m
            let index = Int32(i)
            for j in 0..<m {
                let x = row[j]
                invalid |= x > -.infinity ? 0 : 1
                if x < v[j] {
                    v[j] = x
                    argmin[j] = index
                }
            }
        }
        guard invalid == 0 else { return (0, false) }
        let matches = UnsafeMutablePointer<Int32>.allocate(capacity: n)
        defer { matches.deallocate() }
        matches.initialize(repeating: 0, count: n)
        for j in stride(from: m - 1, through: 0, by: -1) {
            let i = Int(argmin[j])
            guard i >= 0 else {
                // Every pair in this column is forbidden: no complete assignment exists, which the
                // augmentation phase will find; a finite price keeps the arithmetic clean until then.
                v[j] = 0
                continue
            }
            matches[i] += 1
            if matches[i] == 1 {
                colOf[i] = Int32(j)
                rowOf[j] = Int32(i)
            }
        }
        var freeCount = 0
        for i in 0..<n {
            if matches[i] == 0 {
                freeRows[freeCount] = Int32(i)
                freeCount += 1
            } else if matches[i] == 1 {
                let j1 = Int(colOf[i])
                let row = cost + i * m
                var runnerUp = Double.infinity
                for j in 0..<j1 { let h = row[j] - v[j]; runnerUp = h < runnerUp ? h : runnerUp }
                for j in (j1 + 1)..<m { let h = row[j] - v[j]; runnerUp = h < runnerUp ? h : runnerUp }
                if runnerUp < .infinity { v[j1] -= runnerUp }
            }
        }
        return (freeCount, true)
    }

    /// JV augmenting row reduction, two rounds: each free row takes its cheapest column, and the
    /// column's price drops to the row's second-cheapest level so the row stays at a cheapest column
    /// while the displaced holder looks elsewhere at once. Cheap, and it settles most rows of
    /// uniform-looking costs, but on clustered costs it turns into a price war that raises prices in
    /// tiny steps, so the extra visits are capped; the augmentation phase does not need it to finish.
    /// Every row listed at the start is visited at least once in the first round, which is where
    /// the values are checked for NaN and −∞. Returns the rows still free, listed at the start of
    /// `freeRows`, and whether all values seen were allowed.
    static func augmentingRowReduction(
        _ cost: UnsafePointer<Double>, n: Int, m: Int, v: UnsafeMutablePointer<Double>, rowOf: UnsafeMutablePointer<Int32>,
        colOf: UnsafeMutablePointer<Int32>, freeRows: UnsafeMutablePointer<Int32>, freeCount initialFreeCount: Int
    ) -> (freeCount: Int, valid: Bool) {
        var freeCount = initialFreeCount
        var budget = n + 64  // visits beyond the first one per row
        var invalid: UInt8 = 0
        for round in 0..<2 {
            // Rows still to visit this round are freeRows[k..<count]; rows deferred to the next
            // round are written to freeRows[0..<freeCount], which never overtakes k.
            var k = 0
            let count = freeCount
            freeCount = 0
            while k < count {
                if round == 1 {
                    if budget == 0 {
                        // Out of budget: hand every row still free to the augmentation phase.
                        while k < count { freeRows[freeCount] = freeRows[k]; freeCount += 1; k += 1 }
                        break
                    }
                    budget -= 1
                }
                let i = Int(freeRows[k])
                k += 1
                let row = cost + i * m
                var u1 = Double.infinity, u2 = Double.infinity
                var j1 = -1, j2 = -1
                for j in 0..<m {
                    let h = row[j] - v[j]
                    invalid |= h > -.infinity ? 0 : 1
                    if h < u2 {
                        if h >= u1 {
                            u2 = h; j2 = j
                        } else {
                            u2 = u1; j2 = j1; u1 = h; j1 = j
                        }
                    }
                }
                var i0 = j1 >= 0 ? Int(rowOf[j1]) : -1
                // A row with no allowed column, or one allowed column held by another row, is left
                // to the augmentation phase, which settles (or gives up on) it properly.
                if j1 < 0 || (u2 == .infinity && i0 >= 0) {
                    freeRows[freeCount] = Int32(i)
                    freeCount += 1
                    continue
                }
                if u1 < u2 {
                    if u2 < .infinity { v[j1] -= u2 - u1 }
                } else if i0 >= 0 {
                    // A tie: take the equally cheap runner-up instead, in case it is free.
                    j1 = j2
                    i0 = Int(rowOf[j2])
                }
                if i0 >= 0 { colOf[i0] = -1 }
                colOf[i] = Int32(j1)
                rowOf[j1] = Int32(i)
                guard i0 >= 0 else { continue }
                if u1 < u2 && budget > 0 {
                    // Visit the displaced row next. In the second round every visit pays its way
                    // when it happens; in the first, only these extra visits do.
                    if round == 0 { budget -= 1 }
                    k -= 1
                    freeRows[k] = Int32(i0)
                } else {
                    freeRows[freeCount] = Int32(i0)
                    freeCount += 1
                }
            }
        }
        return (freeCount, invalid == 0)
    }

    /// Brings free row `f` in along a shortest augmenting path (Dijkstra on reduced costs), then
    /// updates the prices of the columns whose distance became final. Returns false, changing
    /// nothing, when no free column can be reached over allowed pairs.
    static func augment(row f: Int, _ cost: UnsafePointer<Double>, m: Int, state: Workspace) -> Bool {
        let v = state.v, d = state.distance, rowOf = state.rowOf, colOf = state.colOf
        // Columns whose distance is final are taken out of every later pass not by skipping them
        // (a branch per column) but by giving them distance +∞ and price −∞, which makes their
        // reduced cost +∞ too: the passes stay branch-free and vectorised over all columns. Their
        // true price and distance wait in the `done` lists.
        d.update(repeating: .infinity, count: m)
        let start = cost + f * m
        var minimum = relax(start, shift: 0, from: Double(f), m: m, v: v, distance: d, previous: state.previous, blockMinimum: state.blockMinimum)
        var doneCount = 0
        var column = -1
        var found = false
        while minimum < .infinity {
            column = firstColumn(at: minimum, distance: d, blockMinimum: state.blockMinimum)
            if rowOf[column] < 0 {
                found = true
                break
            }
            let i = Int(rowOf[column])
            let row = cost + i * m
            // The row's own column is at distance `minimum`; through it, any other column costs
            // its reduced cost more.
            let shift = row[column] - v[column] - minimum
            state.doneColumn[doneCount] = Int32(column)
            state.donePrice[doneCount] = v[column]
            state.doneDistance[doneCount] = minimum
            doneCount += 1
            v[column] = -.infinity
            d[column] = .infinity
            minimum = relax(row, shift: shift, from: Double(i), m: m, v: v, distance: d, previous: state.previous, blockMinimum: state.blockMinimum)
        }
        // Restore the prices, lowered by how much closer than the sink each done column was
        // (the usual JV update; it keeps every assigned row at a cheapest column).
        for k in 0..<doneCount {
            let j = Int(state.doneColumn[k])
            v[j] = found ? state.donePrice[k] + state.doneDistance[k] - minimum : state.donePrice[k]
        }
        guard found else { return false }

        // Flip the path: every column on it moves to the row it was reached from.
        var j = column
        while true {
            let i = Int(state.previous[j])
            rowOf[j] = Int32(i)
            let next = Int(colOf[i])
            colOf[i] = Int32(j)
            if i == f { break }
            j = next
        }
        return true
    }

    /// Columns per entry of `blockMinimum`.
    static let block = 16

    /// One Dijkstra step: offers every column a path through `row` at `reduced cost − shift` and
    /// keeps the shorter distance. Returns the smallest distance and records the smallest per
    /// block of 16 columns, so ``firstColumn(at:distance:blockMinimum:)`` finds it without a
    /// second pass. Branch-free SIMD (compiled to `subpd`/`minpd`), because this is where the time
    /// goes.
    @inline(__always)
    static func relax(
        _ row: UnsafePointer<Double>, shift: Double, from source: Double, m: Int, v: UnsafeMutablePointer<Double>,
        distance d: UnsafeMutablePointer<Double>, previous: UnsafeMutablePointer<Double>, blockMinimum: UnsafeMutablePointer<Double>
    ) -> Double {
        typealias Doubles = SIMD4<Double>
        let rowBytes = UnsafeRawPointer(row), priceBytes = UnsafeRawPointer(v)
        let distanceBytes = UnsafeMutableRawPointer(d), previousBytes = UnsafeMutableRawPointer(previous)
        let shifts = Doubles(repeating: shift), sources = Doubles(repeating: source)
        var minimum = Double.infinity
        var blockIndex = 0
        var j = 0
        while j &+ 16 <= m {
            // Written out four times rather than as a loop: that is what keeps LLVM on plain
            // `minpd` instead of shuffling lanes around.
            let offset = j &* 8
            let a = relaxFour(rowBytes, priceBytes, distanceBytes, previousBytes, offset, shifts, sources)
            let b = relaxFour(rowBytes, priceBytes, distanceBytes, previousBytes, offset &+ 32, shifts, sources)
            let c = relaxFour(rowBytes, priceBytes, distanceBytes, previousBytes, offset &+ 64, shifts, sources)
            let e = relaxFour(rowBytes, priceBytes, distanceBytes, previousBytes, offset &+ 96, shifts, sources)
            let least = lesser(lesser(a, b), lesser(c, e))
            let pair = lesser(least.lowHalf, least.highHalf)
            let smallest = pair[0] < pair[1] ? pair[0] : pair[1]
            blockMinimum[blockIndex] = smallest
            minimum = smallest < minimum ? smallest : minimum
            blockIndex &+= 1
            j &+= 16
        }
        if j < m {
            var smallest = Double.infinity
            while j < m {
                let reduced = row[j] - v[j] - shift
                if reduced < d[j] {
                    d[j] = reduced
                    previous[j] = source
                }
                let distance = d[j]
                smallest = distance < smallest ? distance : smallest
                j &+= 1
            }
            blockMinimum[blockIndex] = smallest
            minimum = smallest < minimum ? smallest : minimum
        }
        return minimum
    }

    @inline(__always)
    static func relaxFour(
        _ rowBytes: UnsafeRawPointer, _ priceBytes: UnsafeRawPointer, _ distanceBytes: UnsafeMutableRawPointer,
        _ previousBytes: UnsafeMutableRawPointer, _ offset: Int, _ shifts: SIMD4<Double>, _ sources: SIMD4<Double>
    ) -> SIMD4<Double> {
        let reduced = rowBytes.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
            - priceBytes.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self) - shifts
        var distance = distanceBytes.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
        let shorter = reduced .< distance
        distance.replace(with: reduced, where: shorter)
        distanceBytes.storeBytes(of: distance, toByteOffset: offset, as: SIMD4<Double>.self)
        var from = previousBytes.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
        from.replace(with: sources, where: shorter)
        previousBytes.storeBytes(of: from, toByteOffset: offset, as: SIMD4<Double>.self)
        return distance
    }

    @inline(__always)
    static func lesser<Vector: SIMD>(_ a: Vector, _ b: Vector) -> Vector where Vector.Scalar == Double {
        var result = a
        result.replace(with: b, where: b .< a)
        return result
    }

    /// The first column at distance `minimum`, found through the block minima of the last pass.
    @inline(__always)
    static func firstColumn(at minimum: Double, distance d: UnsafeMutablePointer<Double>, blockMinimum: UnsafeMutablePointer<Double>) -> Int {
        var blockIndex = 0
        while blockMinimum[blockIndex] != minimum { blockIndex &+= 1 }
        var j = blockIndex &* block
        while d[j] != minimum { j &+= 1 }
        return j
    }

    /// Scratch memory for one solve, allocated once: raw pointers rather than arrays, because the
    /// loops run billions of times on large inputs and must be free of bounds checks, uniqueness
    /// checks and reference counting.
    struct Workspace {
        let v: UnsafeMutablePointer<Double>  // column prices
        let rowOf: UnsafeMutablePointer<Int32>  // the row holding each column, −1 when free
        let colOf: UnsafeMutablePointer<Int32>  // the column of each row, −1 when free
        let distance: UnsafeMutablePointer<Double>
        let blockMinimum: UnsafeMutablePointer<Double>  // the smallest distance per block of columns
        // The row a shortest path reaches each column from; a Double, not an integer, so the SIMD
        // pass can select it with the same mask as the distance without converting lanes.
        let previous: UnsafeMutablePointer<Double>
        let freeRows: UnsafeMutablePointer<Int32>
        let doneColumn: UnsafeMutablePointer<Int32>
        let donePrice: UnsafeMutablePointer<Double>
        let doneDistance: UnsafeMutablePointer<Double>

        init(rows n: Int, columns m: Int, colOf: UnsafeMutablePointer<Int32>) {
            v = .allocate(capacity: m)
            v.initialize(repeating: 0, count: m)
            rowOf = .allocate(capacity: m)
            rowOf.initialize(repeating: -1, count: m)
            self.colOf = colOf
            distance = .allocate(capacity: m)
            distance.initialize(repeating: .infinity, count: m)
            blockMinimum = .allocate(capacity: m / AssignmentSolver.block + 1)
            previous = .allocate(capacity: m)
            previous.initialize(repeating: 0, count: m)
            freeRows = .allocate(capacity: n)
            doneColumn = .allocate(capacity: n)
            donePrice = .allocate(capacity: n)
            doneDistance = .allocate(capacity: n)
        }

        func deallocate() {
            v.deallocate(); rowOf.deallocate(); distance.deallocate(); blockMinimum.deallocate(); previous.deallocate()
            freeRows.deallocate(); doneColumn.deallocate(); donePrice.deallocate(); doneDistance.deallocate()
        }
    }
}
