/// The code a reporter gets to look up the status of their report, e.g. "MK7R-4QXT-9C".
///
/// Ten random characters from a 23-letter alphabet without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z, 8/B, U/V) plus a check
/// character, so a mistyped code is recognised as invalid instead of pointing at someone else's report.
public struct ReferenceCode: Sendable, Hashable, CustomStringConvertible {
    static let alphabet = Array("34679ACDEFGHJKMNPQRTWXY")

    /// The canonical form with dashes.
    public let value: String

    /// Makes a new random code.
    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> ReferenceCode {
        let body = String((0..<10).map { _ in alphabet.randomElement(using: &generator)! })
        return ReferenceCode(body: body)
    }

    public static func random() -> ReferenceCode {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    private init(body: String) {
        let full = body + String(Self.check(body))
        value = "\(full.prefix(4))-\(full.dropFirst(4).prefix(4))-\(full.suffix(3))"
    }

    /// Reads a typed code: case, spaces and dashes do not matter; the check character must fit.
    public init?(_ text: String) {
        let compact = text.uppercased().filter { $0 != "-" && !$0.isWhitespace }
        guard compact.count == 11, compact.allSatisfy(Self.alphabet.contains) else { return nil }
        let body = String(compact.prefix(10))
        guard Self.check(body) == compact.last else { return nil }
        self.init(body: body)
    }

    /// A weighted sum modulo the (prime) alphabet size: catches every single-character error and every swap of neighbours.
    static func check(_ body: String) -> Character {
        let n = alphabet.count
        let sum = body.enumerated().reduce(0) { total, pair in
            total + (pair.offset + 2) * alphabet.firstIndex(of: pair.element)!
        }
        return alphabet[sum % n]
    }

    public var description: String { value }
}
