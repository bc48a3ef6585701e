import Foundation

/// RFC 4180 CSV for the HSDS package: UTF-8, comma separated, CRLF line ends, a cell quoted only when it
/// holds a comma, a quote, CR or LF. The reader accepts CRLF, LF or CR line ends, a UTF-8 byte order
/// mark, and newlines inside quoted cells; it works on bytes so "\r\n" inside a cell survives unchanged.
public enum HSDSCSV {
    static let lineEnd = "\r\n"

    /// One record of a file: its 1-based number among the data records (the header is record 0).
    struct Record: Sendable, Equatable {
        let number: Int
        let cells: [String]
    }

    /// A parsed file. `unterminatedRecord` is the number of a record whose quote never closed (the rest
    /// of the file was swallowed by it), so the caller can report it.
    struct Parsed: Sendable, Equatable {
        var header: [String] = []
        var records: [Record] = []
        var unterminatedRecord: Int?
    }

    // MARK: Writing

    static func write(header: [String], rows: [[String]]) -> Data {
        var text = line(header)
        for row in rows { text += line(row) }
        return Data(text.utf8)
    }

    static func line(_ cells: [String]) -> String {
        cells.map(quoted).joined(separator: ",") + lineEnd
    }

    /// A CSV cell, quoted when it holds a comma, a quote or a line break (RFC 4180).
    public static func quoted(_ cell: String) -> String {
        let needsQuotes = cell.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: Reading

    static func read(_ data: Data) -> Parsed {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var reader = Reader(bytes: bytes)
        var parsed = Parsed()
        var number = 0
        while let (cells, closed) = reader.nextRecord() {
            if !closed {
                parsed.unterminatedRecord = number
                break
            }
            if number == 0 {
                parsed.header = cells
            } else if !(cells.count == 1 && cells[0].isEmpty) {
                // A blank line is an empty spreadsheet row: counted, not reported.
                parsed.records.append(Record(number: number, cells: cells))
            }
            number += 1
        }
        return parsed
    }

    /// A byte cursor that splits records and cells.
    struct Reader {
        let bytes: [UInt8]
        var position = 0

        static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

        static func endsCell(_ byte: UInt8) -> Bool { byte == comma || byte == cr || byte == lf }

        /// The next record's cells and whether its quotes were all closed; nil at the end of the input.
        mutating func nextRecord() -> ([String], Bool)? {
            guard position < bytes.count else { return nil }
            var cells: [String] = []
            while true {
                let (cell, closed) = nextCell()
                cells.append(cell)
                guard closed else { return (cells, false) }
                guard position < bytes.count else { return (cells, true) }
                let byte = bytes[position]
                position += 1
                if byte == Self.comma { continue }
                if byte == Self.cr, position < bytes.count, bytes[position] == Self.lf { position += 1 }
                return (cells, true)
            }
        }

        /// One cell, leaving the cursor on the separator after it.
        mutating func nextCell() -> (String, Bool) {
            guard position < bytes.count, bytes[position] == Self.quote else {
                let start = position
                while position < bytes.count, !Self.endsCell(bytes[position]) { position += 1 }
                return (String(decoding: bytes[start..<position], as: UTF8.self), true)
            }
            position += 1
            var cell: [UInt8] = []
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                if byte != Self.quote {
                    cell.append(byte)
                } else if position < bytes.count, bytes[position] == Self.quote {
                    cell.append(Self.quote)
                    position += 1
                } else {
                    // Closing quote; anything up to the separator is kept as written (lenient, like most readers).
                    while position < bytes.count, !Self.endsCell(bytes[position]) {
                        cell.append(bytes[position])
                        position += 1
                    }
                    return (String(decoding: cell, as: UTF8.self), true)
                }
            }
            return (String(decoding: cell, as: UTF8.self), false)
        }
    }
}
