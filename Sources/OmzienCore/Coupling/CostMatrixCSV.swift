import Foundation

/// `omzien match solve`: a cost matrix as CSV in, the optimal pairs as JSON out.
///
/// The CSV has no header: one line per person (row), one cell per volunteer (column), cells
/// separated by commas. A cell holds a number (`3`, `-2.5`, `1e-3`, spaces around it allowed) or
/// marks a forbidden pair: empty, or `inf` / `+inf` / `infinity` in any case. Lines end in `\n`
/// or `\r\n`; blank lines at the end of the file are ignored (so a one-column matrix whose last
/// pair is forbidden must say `inf` rather than leave its last line empty). NaN, −∞ and numbers
/// beyond ±1e300 are refused.
public enum CostMatrixCSV {
    /// Why a file was refused, in plain English, naming row and column (1-based) where it can.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let message: String
        public var description: String { message }

        public init(message: String) { self.message = message }
    }

    /// Reads the whole file in one pass over its bytes, without making a String per cell.
    public static func parse(_ data: Data) throws(Failure) -> CostMatrix {
        let result = data.withUnsafeBytes { raw -> Result<CostMatrix, Failure> in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
                return .failure(Failure(message: emptyMessage))
            }
            var reader = Reader(bytes: base, count: raw.count)
            return reader.read()
        }
        return try result.get()
    }

    /// `{"total": …, "pairs": [[row, column], …], "unassigned_rows": […]}`, 0-based.
    public static func json(_ assignment: Assignment) -> String {
        // Swift's description of a Double is the shortest text that reads back to the same value
        // and is valid JSON (`12.0`, `1e-05`, `1e+20`); a sum that overflowed has no JSON form.
        let total = assignment.total.isFinite ? assignment.total.description : "null"
        var text = "{\"total\": \(total), \"pairs\": ["
        text.reserveCapacity(40 + 16 * assignment.pairs.count + 8 * assignment.unassignedRows.count)
        for (index, pair) in assignment.pairs.enumerated() {
            if index > 0 { text += ", " }
            text += "[\(pair.row), \(pair.column)]"
        }
        text += "], \"unassigned_rows\": ["
        text += assignment.unassignedRows.map { String($0) }.joined(separator: ", ")
        text += "]}"
        return text
    }

    static let emptyMessage = "the file is empty: expected one line per person with one cost per volunteer, separated by commas"
}

/// The byte-level reader behind ``CostMatrixCSV/parse(_:)``.
private struct Reader {
    let bytes: UnsafePointer<UInt8>
    /// Just past the last byte that is not white space, so trailing blank lines never form a row.
    let end: Int
    var position = 0
    /// Reused NUL-terminated copy of a cell for `strtod`, which needs one.
    var scratch: [CChar] = Array(repeating: 0, count: 64)

    init(bytes: UnsafePointer<UInt8>, count: Int) {
        self.bytes = bytes
        var end = count
        while end > 0, Self.isSpace(bytes[end - 1]) || bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        self.end = end
        // A byte order mark, as spreadsheet programs like to write.
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    mutating func read() -> Result<CostMatrix, CostMatrixCSV.Failure> {
        guard position < end else { return .failure(.init(message: CostMatrixCSV.emptyMessage)) }
        // The first line gives the width; the number of lines (counted with memchr, which is
        // fast) then gives the size of the whole matrix, so the values are written straight into
        // their final place: no growing, no copying, no uniqueness check per cell.
        let lines = countLines()
        var first: [Double] = []
        var column = 0
        repeat {
            column += 1
            switch cell(row: 1, column: column) {
            case .success(let value): first.append(value)
            case .failure(let failure): return .failure(failure)
            }
        } while nextCell()
        position += 1  // past the "\n"
        let width = first.count
        var failure: CostMatrixCSV.Failure?
        let values = [Double](unsafeUninitializedCapacity: lines * width) { buffer, count in
            _ = buffer.initialize(from: first)
            var row = 1
            while position < end {
                row += 1
                let lineStart = position
                let target = buffer.baseAddress! + (row - 1) * width
                var column = 0
                repeat {
                    column += 1
                    switch cell(row: row, column: column) {
                    case .success(let value):
                        if column <= width { target[column - 1] = value }
                    case .failure(let error):
                        failure = error
                    }
                } while failure == nil && nextCell()
                if failure == nil, column != width {
                    failure = column == 1 && blank(from: lineStart, to: position)
                        ? .init(message: "row \(row) is empty, expected \(width) \(width == 1 ? "cell" : "cells")")
                        : .init(message: "row \(row) has \(column) \(column == 1 ? "cell" : "cells"), expected \(width)")
                }
                if failure != nil {
                    count = 0
                    return
                }
                position += 1  // past the "\n"
            }
            precondition(row == lines, "cost matrix reader: line count mismatch")
            count = lines * width
        }
        if let failure { return .failure(failure) }
        return .success(CostMatrix(rows: lines, columns: width, values: values))
    }

    /// One cell, through the fast path when it can.
    @inline(__always)
    mutating func cell(row: Int, column: Int) -> Result<Double, CostMatrixCSV.Failure> {
        if let value = fastCell() { return .success(value) }
        return slowCell(row: row, column: column)
    }

    /// After a cell: steps over a comma and says whether another cell follows on this line.
    @inline(__always)
    mutating func nextCell() -> Bool {
        // `position` is at the separator, the line end or the end of the input.
        guard position < end, bytes[position] == UInt8(ascii: ",") else { return false }
        position += 1
        return true
    }

    func countLines() -> Int {
        var lines = 1
        var cursor = UnsafeRawPointer(bytes + position)
        let stop = UnsafeRawPointer(bytes + end)
        while cursor < stop, let hit = memchr(cursor, Int32(UInt8(ascii: "\n")), stop - cursor) {
            lines += 1
            cursor = UnsafeRawPointer(hit) + 1
        }
        return lines
    }

    func blank(from start: Int, to stop: Int) -> Bool {
        (start..<stop).allSatisfy { Self.isSpace(bytes[$0]) }
    }

    /// Powers of ten that are exact in a Double (a stored property, not a static one, so the hot
    /// path does not check a lazy global's initialisation per cell).
    let powersOfTen: [Double] = (0...22).map { exponent in (0..<exponent).reduce(1.0) { value, _ in value * 10 } }

    /// The common case, a plain decimal like `-12.375` or `1e-3` with at most 15 digits: read
    /// digit by digit and finished with one exact multiplication or division, which rounds
    /// correctly (Clinger's fast path), so it equals what `strtod` would give. Returns nil,
    /// leaving `position` alone, for anything else; ``slowCell(row:column:)`` handles that.
    @inline(__always)
    mutating func fastCell() -> Double? {
        var q = position
        while q < end, bytes[q] == UInt8(ascii: " ") || bytes[q] == UInt8(ascii: "\t") { q += 1 }
        var negative = false
        if q < end, bytes[q] == UInt8(ascii: "-") {
            negative = true
            q += 1
        } else if q < end, bytes[q] == UInt8(ascii: "+") {
            q += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var scale = 0
        while q < end, case let digit = bytes[q] &- UInt8(ascii: "0"), digit < 10 {
            mantissa = mantissa &* 10 &+ UInt64(digit)
            digits += 1
            q += 1
        }
        if q < end, bytes[q] == UInt8(ascii: ".") {
            q += 1
            while q < end, case let digit = bytes[q] &- UInt8(ascii: "0"), digit < 10 {
                mantissa = mantissa &* 10 &+ UInt64(digit)
                digits += 1
                scale -= 1
                q += 1
            }
        }
        guard digits > 0, digits <= 15 else { return nil }
        if q < end, bytes[q] | 0x20 == UInt8(ascii: "e") {
            q += 1
            var exponentNegative = false
            if q < end, bytes[q] == UInt8(ascii: "-") {
                exponentNegative = true
                q += 1
            } else if q < end, bytes[q] == UInt8(ascii: "+") {
                q += 1
            }
            var exponent = 0
            var exponentDigits = 0
            while q < end, case let digit = bytes[q] &- UInt8(ascii: "0"), digit < 10, exponentDigits < 4 {
                exponent = exponent * 10 + Int(digit)
                exponentDigits += 1
                q += 1
            }
            guard exponentDigits > 0 else { return nil }
            scale += exponentNegative ? -exponent : exponent
        }
        while q < end, bytes[q] == UInt8(ascii: " ") || bytes[q] == UInt8(ascii: "\t") { q += 1 }
        // The cell must end here: separator, line end (possibly "\r\n") or end of input.
        if q < end {
            let byte = bytes[q]
            if byte == UInt8(ascii: "\r"), q + 1 < end, bytes[q + 1] == UInt8(ascii: "\n") {
                q += 1
            } else if byte == UInt8(ascii: "\r"), q + 1 == end {
                q += 1
            } else if byte != UInt8(ascii: ","), byte != UInt8(ascii: "\n") {
                return nil
            }
        }
        guard scale >= -22, scale <= 22 else { return nil }
        let magnitude = Double(mantissa)
        // Both operands are exact, so the one rounding of this operation is the correct rounding.
        var value = scale < 0 ? magnitude / powersOfTen[-scale] : magnitude * powersOfTen[scale]
        if negative { value = -value }
        position = q
        return value
    }

    /// Everything the fast path declines: forbidden markers, long or unusual numbers, and errors.
    mutating func slowCell(row: Int, column: Int) -> Result<Double, CostMatrixCSV.Failure> {
        var stop = position
        while stop < end, bytes[stop] != UInt8(ascii: ","), bytes[stop] != UInt8(ascii: "\n") { stop += 1 }
        var first = position, last = stop
        while first < last, Self.isSpace(bytes[first]) { first += 1 }
        while last > first, Self.isSpace(bytes[last - 1]) { last -= 1 }
        position = stop
        let length = last - first
        if length == 0 { return .success(.infinity) }

        let cell = UnsafeBufferPointer(start: bytes + first, count: length)
        let lowered = cell.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 }
        let word = String(decoding: lowered, as: UTF8.self)
        let place = "row \(row), column \(column)"
        switch word {
        case "inf", "+inf", "infinity", "+infinity":
            return .success(.infinity)
        case "-inf", "-infinity":
            return .failure(.init(message: "\(place): \(quoted(cell)) is not allowed; leave the cell empty or write inf to forbid a pair"))
        default:
            break
        }
        // strtod also reads hexadecimal, "nan" and "infinity" spelled in odd ways; only plain
        // decimal notation is a cost, so anything else is refused before it gets there.
        let plain = cell.allSatisfy { byte in
            (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
        }
        guard plain else {
            var message = "\(place): \(quoted(cell)) is not a number"
            if cell.contains(UInt8(ascii: ";")) {
                message += " (cells must be separated by commas, and decimals written with a point)"
            }
            return .failure(.init(message: message))
        }
        if scratch.count < length + 1 { scratch = Array(repeating: 0, count: length + 1) }
        let (value, consumed) = scratch.withUnsafeMutableBufferPointer { buffer -> (Double, Int) in
            let target = buffer.baseAddress!
            UnsafeMutableRawPointer(target).copyMemory(from: cell.baseAddress!, byteCount: length)
            target[length] = 0
            var parsedEnd: UnsafeMutablePointer<CChar>?
            let value = strtod(target, &parsedEnd)
            return (value, parsedEnd.map { $0 - target } ?? 0)
        }
        guard consumed == length else { return .failure(.init(message: "\(place): \(quoted(cell)) is not a number")) }
        // Far beyond any real cost, and prices built from such values could overflow to ±∞.
        guard abs(value) <= 1e300 else { return .failure(.init(message: "\(place): \(quoted(cell)) is too large")) }
        return .success(value)
    }

    /// The cell's text in quotes, shortened if it is long (a whole misread line, say).
    func quoted(_ cell: UnsafeBufferPointer<UInt8>) -> String {
        let text = String(decoding: cell, as: UTF8.self)
        return text.count > 40 ? "\"\(text.prefix(37))...\"" : "\"\(text)\""
    }
}
