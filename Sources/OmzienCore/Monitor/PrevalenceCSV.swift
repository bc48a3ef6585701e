import Foundation

/// `omzien monitor prevalence`: survey microdata (CSV) in, one line per domain out.
public enum PrevalenceCSV {
    public enum Indicator: String, CaseIterable, Sendable {
        case lonely, stronglyLonely = "strongly-lonely", veryStronglyLonely = "very-strongly-lonely"
        case lonely6, stronglyLonely6 = "strongly-lonely6"

        public var version: DJGVersion { self == .lonely6 || self == .stronglyLonely6 ? .six : .eleven }

        /// Whether a total counts for the indicator (monitoring.md; djg-scale.md, "Levels").
        public func holds(total: Int) -> Bool {
            switch self {
            case .lonely: total >= 3
            case .stronglyLonely: total >= 9
            case .veryStronglyLonely: total == 11
            case .lonely6: total >= 2
            case .stronglyLonely6: total >= 5
            }
        }
    }

    public struct Options: Sendable {
        public var weight: String
        public var strata: String?
        public var by: [String]
        public var indicator: Indicator
        /// Item columns in manual order of the indicator's version (11 or 6 names).
        public var items: [String]
        public var minN: Int
        public var maxMissing: Int

        public init(weight: String, strata: String?, by: [String], indicator: Indicator, items: [String], minN: Int = 50, maxMissing: Int = 0) {
            self.weight = weight
            self.strata = strata
            self.by = by
            self.indicator = indicator
            self.items = items
            self.minN = minN
            self.maxMissing = maxMissing
        }
    }

    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
        public init(message: String) { self.message = message }
    }

    /// One output row.
    public struct Row: Sendable {
        public let domain: [String]
        public let estimate: PrevalenceEstimator.Estimate
        public let suppressed: Bool
    }

    /// Expands "q1..q11" to q1,q2,…,q11; a comma list is taken as it is.
    public static func itemColumns(_ text: String) -> [String] {
        if let range = text.range(of: "..") {
            let first = String(text[..<range.lowerBound]), last = String(text[range.upperBound...])
            let prefix = first.prefix { !$0.isNumber }
            if let a = Int(first.dropFirst(prefix.count)), let b = Int(last.drop { !$0.isNumber }), a <= b {
                return (a...b).map { "\(prefix)\($0)" }
            }
        }
        return text.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
    }

    /// Reads the whole file in one pass over its bytes and returns the domain estimates.
    public static func estimate(_ data: Data, options: Options) throws(Failure) -> [Row] {
        let version = options.indicator.version
        guard options.items.count == version.items.count else {
            throw Failure(message: "--items must name \(version.items.count) columns for \(options.indicator.rawValue), got \(options.items.count)")
        }
        var reader = CSVByteReader(data)
        guard let header = reader.nextRecord() else { throw Failure(message: "the file is empty") }
        let names = header.map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespaces) }
        func column(_ name: String) throws(Failure) -> Int {
            guard let index = names.firstIndex(of: name) else {
                throw Failure(message: "column \"\(name)\" is missing; the header has: \(names.joined(separator: ", "))")
            }
            return index
        }
        let weightColumn = try column(options.weight)
        let strataColumn = try options.strata.map { name throws(Failure) in try column(name) }
        var byColumns: [Int] = []
        for name in options.by { byColumns.append(try column(name)) }
        var itemColumns: [Int] = []
        for name in options.items { itemColumns.append(try column(name)) }

        var estimator = PrevalenceEstimator()
        // Interned codes: slices of the input are hashed in place (no String, no copy per row).
        var strataCodes: [ArraySlice<UInt8>: Int] = [:]
        var valueCodes: [[ArraySlice<UInt8>: Int]] = Array(repeating: [:], count: byColumns.count)
        var domainCodes: [[Int]: Int] = [:]
        var domainKey = [Int](repeating: 0, count: byColumns.count)
        let positive = version.items.map { DJGItem.item($0).isPositive }
        let allowedMissing = version == .six ? 1 : options.maxMissing
        var fields: [ArraySlice<UInt8>] = []
        var line = 1
        while reader.nextRecord(into: &fields) {
            line += 1
            if fields.count == 1, fields[0].isEmpty { continue }
            // A longer row than the header is shifted or broken: its values would land in the wrong columns.
            guard fields.count <= names.count else {
                throw Failure(message: "line \(line): \(fields.count) fields, but the header has \(names.count)")
            }
            let field = { (index: Int) -> ArraySlice<UInt8> in index < fields.count ? fields[index] : [] }
            guard let weight = parseDouble(field(weightColumn)) else {
                throw Failure(message: "line \(line): weight \"\(String(decoding: field(weightColumn), as: UTF8.self))\" is not a number")
            }
            let stratumKey = strataColumn.map { field($0) } ?? []
            let stratum = strataCodes[stratumKey] ?? { let code = strataCodes.count; strataCodes[stratumKey] = code; return code }()
            for (position, column) in byColumns.enumerated() {
                let value = field(column)
                domainKey[position] = valueCodes[position][value] ?? {
                    let code = valueCodes[position].count
                    valueCodes[position][value] = code
                    return code
                }()
            }
            let domain = domainCodes[domainKey] ?? { let code = domainCodes.count; domainCodes[domainKey] = code; return code }()
            // Score in place: the same rules as DJGScoring (neutral counts as lonely; missing within the allowance).
            var total = 0, missing = 0
            for position in 0..<itemColumns.count {
                let raw = field(itemColumns[position])
                if raw.allSatisfy({ $0 == 32 }) { missing += 1; continue }
                guard let answer = answer(raw) else {
                    throw Failure(message: "line \(line), column \(options.items[position]): unknown answer \"\(String(decoding: raw, as: UTF8.self))\"")
                }
                total += answer.score(positiveItem: positive[position])
            }
            let score: Int? = missing <= allowedMissing ? total : nil
            do {
                try estimator.add(weight: weight, stratum: stratum, domain: domain, y: score.map(options.indicator.holds))
            } catch {
                throw Failure(message: "line \(line): the weight must be a positive number, got \(weight)")
            }
        }
        let valueNames = valueCodes.map { codes in Dictionary(uniqueKeysWithValues: codes.map { ($0.value, String(decoding: $0.key, as: UTF8.self)) }) }
        let domainNames = Dictionary(uniqueKeysWithValues: domainCodes.map { key, code in
            (code, key.enumerated().map { valueNames[$0.offset][$0.element]! })
        })
        return estimator.estimates()
            .map { Row(domain: domainNames[$0.domain]!, estimate: $0, suppressed: $0.n < options.minN) }
            .sorted { $0.domain.lexicographicallyPrecedes($1.domain) }
    }

    /// The CSV output: the `by` columns, then n,weight_sum,estimate,se,ci_lower,ci_upper,suppressed (logit 95%).
    public static func csv(_ rows: [Row], by: [String]) -> String { csv(rows.map(PrevalenceCell.init), by: by) }

    /// The same CSV from stored cells (the web app's download).
    public static func csv(_ cells: [PrevalenceCell], by: [String]) -> String {
        var output = (by + ["n", "weight_sum", "estimate", "se", "ci_lower", "ci_upper", "suppressed"]).joined(separator: ",") + "\n"
        let text = { (value: Double?) in value.map { "\($0)" } ?? "" }
        for cell in cells {
            let values = [String(cell.n), text(cell.weightSum), text(cell.estimate), text(cell.se), text(cell.lower), text(cell.upper),
                          String(cell.suppressed)]
            output += (cell.domain.map(ScoreCSV.quoted) + values).joined(separator: ",") + "\n"
        }
        return output
    }

    /// JSON output with the same fields.
    public static func json(_ rows: [Row], by: [String]) -> String {
        let objects = rows.map { row -> String in
            let e = row.estimate
            var fields = zip(by, row.domain).map { "\"\(jsonEscape($0))\":\"\(jsonEscape($1))\"" }
            fields.append("\"n\":\(e.n)")
            fields.append("\"suppressed\":\(row.suppressed)")
            if !row.suppressed {
                let ci = e.logitInterval()
                fields += ["\"weight_sum\":\(e.weightSum)", "\"estimate\":\(e.estimate)", "\"se\":\(e.se)",
                           "\"ci_lower\":\(ci.map { "\($0.lower)" } ?? "null")", "\"ci_upper\":\(ci.map { "\($0.upper)" } ?? "null")",
                           "\"df\":\(e.degreesOfFreedom)"]
            }
            return "{" + fields.joined(separator: ",") + "}"
        }
        return "[" + objects.joined(separator: ",\n") + "]\n"
    }

    static func jsonEscape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }

    static let ja = Array("ja".utf8), nee = Array("nee".utf8), minOfMeer = Array("min of meer".utf8)

    /// ja / min of meer / nee / ja! / nee! without building a String for the common cases.
    static func answer(_ bytes: ArraySlice<UInt8>) -> DJGAnswer? {
        if bytes.elementsEqual(ja) { return .yes }
        if bytes.elementsEqual(nee) { return .no }
        if bytes.elementsEqual(minOfMeer) { return .moreOrLess }
        return DJGAnswer(parsing: String(decoding: bytes, as: UTF8.self))
    }

    static func parseDouble(_ bytes: ArraySlice<UInt8>) -> Double? {
        bytes.withUnsafeBufferPointer { buffer -> Double? in
            guard !buffer.isEmpty, buffer.count < 64 else { return nil }
            var text = [CChar](repeating: 0, count: buffer.count + 1)
            for (index, byte) in buffer.enumerated() { text[index] = CChar(bitPattern: byte) }
            var end: UnsafeMutablePointer<CChar>?
            let value = text.withUnsafeMutableBufferPointer { pointer -> Double in
                let start = pointer.baseAddress!
                let result = strtod(start, &end)
                return end == start + buffer.count ? result : .nan
            }
            return value.isNaN ? nil : value
        }
    }
}

/// A streaming CSV reader over bytes: records are slices of the input; quoted fields are unquoted
/// into a small buffer only when they contain quotes.
struct CSVByteReader {
    private let bytes: [UInt8]
    private var position = 0

    init(_ data: Data) { bytes = [UInt8](data) }

    mutating func nextRecord() -> [ArraySlice<UInt8>]? {
        var fields: [ArraySlice<UInt8>] = []
        return nextRecord(into: &fields) ? fields : nil
    }

    /// Reads the next record into `fields` (reusing its storage); false at the end of the input.
    mutating func nextRecord(into fields: inout [ArraySlice<UInt8>]) -> Bool {
        fields.removeAll(keepingCapacity: true)
        guard position < bytes.count else { return false }
        var start = position
        var index = position
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") && index == start {
                // Quoted field: find the closing quote, undoubling "" if present.
                var value: [UInt8] = []
                index += 1
                while index < bytes.count {
                    if bytes[index] == UInt8(ascii: "\"") {
                        if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\"") { value.append(34); index += 2; continue }
                        index += 1
                        break
                    }
                    value.append(bytes[index])
                    index += 1
                }
                fields.append(value[...])
                if index < bytes.count && bytes[index] == UInt8(ascii: ",") { index += 1; start = index; continue }
                if index < bytes.count && bytes[index] == UInt8(ascii: "\r") { index += 1 }
                if index < bytes.count && bytes[index] == UInt8(ascii: "\n") { index += 1 }
                position = index
                return true
            }
            if byte == UInt8(ascii: ",") {
                fields.append(bytes[start..<index])
                index += 1
                start = index
            } else if byte == UInt8(ascii: "\n") {
                var end = index
                if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                fields.append(bytes[start..<end])
                position = index + 1
                return true
            } else {
                index += 1
            }
        }
        var end = bytes.count
        if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        fields.append(bytes[start..<end])
        position = bytes.count
        return true
    }
}
