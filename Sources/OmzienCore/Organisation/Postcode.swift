/// A Dutch postcode: four digits (the first not zero) and two letters, e.g. "9401 AB".
public struct Postcode: Sendable, Hashable, CustomStringConvertible {
    /// The four-digit number part, 1000...9999.
    public let digits: Int
    /// The two upper-case letters.
    public let letters: String

    /// Parses common spellings: "9401AB", "9401 ab", " 9401  AB ".
    /// Letter pairs SA, SD and SS are not issued in the Netherlands and are rejected.
    public init?(_ text: String) {
        let compact = text.filter { !$0.isWhitespace }.uppercased()
        guard compact.count == 6 else { return nil }
        let digitPart = compact.prefix(4)
        let letterPart = String(compact.suffix(2))
        guard digitPart.allSatisfy(\.isASCII), digitPart.allSatisfy(\.isNumber),
              let number = Int(digitPart), number >= 1000,
              letterPart.allSatisfy({ $0.isASCII && $0.isLetter }),
              !["SA", "SD", "SS"].contains(letterPart)
        else { return nil }
        self.digits = number
        self.letters = letterPart
    }

    public var description: String { "\(digits) \(letters)" }
}

/// An inclusive range of four-digit postcode areas, e.g. 9401–9405; a district is a set of these.
public struct PostcodeRange: Sendable, Hashable, CustomStringConvertible {
    public let lower: Int
    public let upper: Int

    public init?(lower: Int, upper: Int) {
        guard (1000...9999).contains(lower), (1000...9999).contains(upper), lower <= upper else { return nil }
        self.lower = lower
        self.upper = upper
    }

    public func contains(_ postcode: Postcode) -> Bool { (lower...upper).contains(postcode.digits) }

    public func overlaps(_ other: PostcodeRange) -> Bool { lower <= other.upper && other.lower <= upper }

    public var description: String { lower == upper ? "\(lower)" : "\(lower)-\(upper)" }
}

/// Parsing and checking the postcode ranges of a district as typed by an administrator.
public enum PostcodeRanges {
    public enum ParseError: Error, Equatable, Sendable {
        case empty
        /// The part that could not be read, as typed.
        case invalidPart(String)
    }

    /// Parses "9401-9405, 9410" into ranges. Parts are separated by commas, semicolons or spaces.
    public static func parse(_ text: String) throws(ParseError) -> [PostcodeRange] {
        let parts = text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " || $0 == "\n" })
            .map { $0.trimmingCharacters() }
            .filter { !$0.isEmpty }
        guard !parts.isEmpty else { throw .empty }
        var ranges: [PostcodeRange] = []
        for part in parts {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            let numbers = bounds.compactMap { $0.count == 4 ? Int($0) : nil }
            guard numbers.count == bounds.count, (1...2).contains(numbers.count),
                  let range = PostcodeRange(lower: numbers[0], upper: numbers.last!)
            else { throw .invalidPart(part) }
            ranges.append(range)
        }
        return ranges
    }

    /// The canonical text form, sorted: "9401-9405, 9410".
    public static func format(_ ranges: [PostcodeRange]) -> String {
        ranges.sorted { $0.lower < $1.lower }.map(\.description).joined(separator: ", ")
    }

    /// Pairs of ranges from two districts that claim the same postcode area.
    public static func overlaps(_ a: [PostcodeRange], _ b: [PostcodeRange]) -> [PostcodeRange] {
        a.filter { range in b.contains { range.overlaps($0) } }
    }
}

extension StringProtocol {
    /// Removes leading and trailing whitespace without Foundation.
    func trimmingCharacters() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
