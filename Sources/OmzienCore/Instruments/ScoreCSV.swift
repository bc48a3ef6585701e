/// Batch scoring of DJG answers in CSV (`omzien score`): a header `id,q1,…,q11` or `id,q3,q4,q7,q8,q9,q10`,
/// one respondent per line; output `id,total,emotional,social,level` with empty fields where missing.
public enum ScoreCSV {
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public let line: Int
        public let column: String
        public let message: String
        public var description: String { "line \(line), column \(column): \(message)" }
    }

    public struct Result: Sendable {
        public var output: String
        public var problems: [Problem]
    }

    /// Scores every line; lines with unknown answers get empty scores and a problem each.
    public static func score(_ input: String, version: DJGVersion, maxMissing: Int = 0) -> Result {
        var lines = input.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        var output = "id,total,emotional,social,level\n"
        guard let header = lines.first else {
            return Result(output: output, problems: [Problem(line: 1, column: "-", message: "empty input: expected a header line")])
        }
        let names = fields(of: header).map { $0.lowercased() }
        let expected = ["id"] + version.items.map { "q\($0)" }
        var problems: [Problem] = []
        let missingColumns = expected.filter { !names.contains($0) }
        guard missingColumns.isEmpty else {
            return Result(output: output, problems: [Problem(
                line: 1, column: missingColumns.joined(separator: " "),
                message: "missing column(s); expected header \(expected.joined(separator: ","))")])
        }
        let scoring = DJGScoring(version: version, maxMissingForEleven: maxMissing)
        for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let values = fields(of: line)
            // A longer row than the header is a shifted or broken line: scoring it would score the wrong answers.
            guard values.count <= names.count else {
                problems.append(Problem(line: index + 1, column: "-",
                                        message: "\(values.count) fields, but the header has \(names.count); the line is not scored"))
                output += "\(quoted(values.first ?? "")),,,,\n"
                continue
            }
            let value: (String) -> String = { name in
                let column = names.firstIndex(of: name)!
                return column < values.count ? values[column] : ""
            }
            var answers: [Int: DJGAnswer?] = [:]
            var lineProblem = false
            for item in version.items {
                let raw = value("q\(item)").trimmed
                if raw.isEmpty { answers[item] = .some(nil); continue }
                guard let answer = DJGAnswer(parsing: raw) else {
                    problems.append(Problem(line: index + 1, column: "q\(item)", message: "unknown answer \"\(raw)\""))
                    lineProblem = true
                    continue
                }
                answers[item] = answer
            }
            let id = quoted(value("id"))
            guard !lineProblem else {
                output += "\(id),,,,\n"
                continue
            }
            let score = scoring.score(answers)
            let text: (Int?) -> String = { $0.map(String.init) ?? "" }
            output += "\(id),\(text(score.total)),\(text(score.emotional)),\(text(score.social)),\(score.level?.rawValue ?? "")\n"
        }
        return Result(output: output, problems: problems)
    }

    /// Splits one CSV line, honouring double quotes ("" inside quotes is a quote).
    static func fields(of line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var inQuotes = false
        var iterator = line.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if character == "\"" {
                    let next = iterator.next()
                    if next == "\"" { current.append("\"") } else { inQuotes = false; pending = next }
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                inQuotes = true
            } else if character == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }

    static func quoted(_ value: String) -> String {
        value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + value.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" : value
    }
}

extension String {
    var trimmed: String { trimmingCharacters() }
}
