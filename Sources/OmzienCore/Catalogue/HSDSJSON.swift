import Foundation

/// A small JSON value for HSDS documents. Objects keep their keys in the order they were built, so the
/// API's output and `datapackage.json` are stable byte for byte (Foundation's serialiser does not promise
/// an order on Linux). Numbers keep their literal text ("12.50" stays "12.50").
public indirect enum HSDSJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([HSDSJSON])
    case object([Member])

    /// One key of an object.
    public struct Member: Sendable, Equatable {
        public let key: String
        public let value: HSDSJSON

        public init(_ key: String, _ value: HSDSJSON) {
            self.key = key
            self.value = value
        }
    }

    /// An object from pairs in the given order, leaving out the nil values (absent optional fields).
    public static func record(_ pairs: [(String, HSDSJSON?)]) -> HSDSJSON {
        .object(pairs.compactMap { key, value in value.map { Member(key, $0) } })
    }

    public static func int(_ value: Int) -> HSDSJSON { .number(String(value)) }

    /// The value of `key` in an object (the first, should a document repeat a key).
    public subscript(key: String) -> HSDSJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var arrayValue: [HSDSJSON]? {
        if case .array(let items) = self { return items }
        return nil
    }

    public var members: [Member]? {
        if case .object(let members) = self { return members }
        return nil
    }

    // MARK: Writing

    /// UTF-8 JSON; `pretty` indents by two spaces and ends with a newline (for files people read).
    public func data(pretty: Bool = false) -> Data {
        var out: [UInt8] = []
        write(to: &out, pretty: pretty, indent: 0)
        if pretty { out.append(0x0A) }
        return Data(out)
    }

    /// Written into bytes, not a String: a page of services is megabytes and String appends are slow.
    func write(to out: inout [UInt8], pretty: Bool, indent: Int) {
        switch self {
        case .null: out += "null".utf8
        case .bool(let value): out += (value ? "true" : "false").utf8
        case .number(let literal): out += literal.utf8
        case .string(let value): Self.quote(value, into: &out)
        case .array(let items):
            writeList(items.map { (nil, $0) }, open: "[", close: "]", to: &out, pretty: pretty, indent: indent)
        case .object(let members):
            writeList(members.map { ($0.key, $0.value) }, open: "{", close: "}", to: &out, pretty: pretty, indent: indent)
        }
    }

    func writeList(_ items: [(String?, HSDSJSON)], open: Unicode.Scalar, close: Unicode.Scalar, to out: inout [UInt8],
                   pretty: Bool, indent: Int) {
        out.append(UInt8(open.value))
        guard !items.isEmpty else { out.append(UInt8(close.value)); return }
        for (index, (key, value)) in items.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            if pretty { Self.newline(indent + 1, into: &out) }
            if let key {
                Self.quote(key, into: &out)
                out += (pretty ? ": " : ":").utf8
            }
            value.write(to: &out, pretty: pretty, indent: indent + 1)
        }
        if pretty { Self.newline(indent, into: &out) }
        out.append(UInt8(close.value))
    }

    static func newline(_ indent: Int, into out: inout [UInt8]) {
        out.append(0x0A)
        out += repeatElement(UInt8(ascii: " "), count: 2 * indent)
    }

    /// A JSON string: quote, backslash and control characters escaped, everything else as UTF-8.
    static func quote(_ value: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += #"\""#.utf8
            case UInt8(ascii: "\\"): out += #"\\"#.utf8
            case 0x0A: out += #"\n"#.utf8
            case 0x0D: out += #"\r"#.utf8
            case 0x09: out += #"\t"#.utf8
            case 0..<0x20:
                let hex = String(byte, radix: 16)
                out += ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    // MARK: Reading

    /// Why a document could not be read, with the byte offset.
    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        public let offset: Int
        public let reason: String
        public var description: String { "\(reason) at byte \(offset)" }
    }

    /// Parses RFC 8259 JSON. Written here (not JSONSerialization) so numbers keep their text and
    /// booleans never turn into numbers, which Foundation on Linux does not guarantee.
    public static func parse(_ data: Data) throws(ParseError) -> HSDSJSON {
        var parser = HSDSJSONParser(bytes: [UInt8](data))
        return try parser.document()
    }
}

/// Recursive-descent JSON reader over bytes, with a depth limit against hostile nesting.
struct HSDSJSONParser {
    let bytes: [UInt8]
    var position = 0
    var depth = 0
    static let maximumDepth = 64

    init(bytes: [UInt8]) {
        self.bytes = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
    }

    mutating func document() throws(HSDSJSON.ParseError) -> HSDSJSON {
        let value = try self.value()
        skipSpace()
        guard position == bytes.count else { throw failure("unexpected text after the document") }
        return value
    }

    func failure(_ reason: String) -> HSDSJSON.ParseError { HSDSJSON.ParseError(offset: position, reason: reason) }

    mutating func skipSpace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    mutating func value() throws(HSDSJSON.ParseError) -> HSDSJSON {
        skipSpace()
        guard position < bytes.count else { throw failure("unexpected end") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try container(close: UInt8(ascii: "}"), isObject: true)
        case UInt8(ascii: "["): return try container(close: UInt8(ascii: "]"), isObject: false)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return .number(try number())
        }
    }

    mutating func container(close: UInt8, isObject: Bool) throws(HSDSJSON.ParseError) -> HSDSJSON {
        depth += 1
        guard depth <= Self.maximumDepth else { throw failure("nested too deeply") }
        defer { depth -= 1 }
        position += 1
        var members: [HSDSJSON.Member] = []
        var items: [HSDSJSON] = []
        skipSpace()
        if position < bytes.count, bytes[position] == close {
            position += 1
            return isObject ? .object([]) : .array([])
        }
        while true {
            if isObject {
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw failure("expected a key") }
                let key = try string()
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw failure("expected ':'") }
                position += 1
                members.append(.init(key, try value()))
            } else {
                items.append(try value())
            }
            skipSpace()
            guard position < bytes.count else { throw failure("unexpected end") }
            let byte = bytes[position]
            position += 1
            if byte == close { return isObject ? .object(members) : .array(items) }
            guard byte == UInt8(ascii: ",") else { throw failure("expected ',' or a closing bracket") }
        }
    }

    mutating func literal(_ word: String) throws(HSDSJSON.ParseError) {
        let expected = Array(word.utf8)
        guard bytes.count - position >= expected.count, Array(bytes[position..<position + expected.count]) == expected else {
            throw failure("unknown literal")
        }
        position += expected.count
    }

    mutating func number() throws(HSDSJSON.ParseError) -> String {
        let start = position
        let allowed = Set("+-0123456789.eE".utf8)
        while position < bytes.count, allowed.contains(bytes[position]) { position += 1 }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard !text.isEmpty, Double(text) != nil, text.first != "+" else { throw failure("invalid value") }
        return text
    }

    mutating func string() throws(HSDSJSON.ParseError) -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        var run: [UInt8] = []
        func flush() {
            scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars)
            run.removeAll()
        }
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                flush()
                return String(scalars)
            case UInt8(ascii: "\\"):
                flush()
                scalars.append(try escape())
            case 0..<0x20:
                throw failure("control character in a string")
            default:
                run.append(byte)
            }
        }
        throw failure("unterminated string")
    }

    mutating func escape() throws(HSDSJSON.ParseError) -> Unicode.Scalar {
        guard position < bytes.count else { throw failure("unterminated escape") }
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"): return try unicodeEscape()
        default: throw failure("unknown escape")
        }
    }

    /// \uXXXX, joining a surrogate pair; a lone surrogate becomes U+FFFD rather than failing the file.
    mutating func unicodeEscape() throws(HSDSJSON.ParseError) -> Unicode.Scalar {
        let high = try hex4()
        if (0xD800..<0xDC00).contains(high), bytes.count - position >= 6,
           bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
            let saved = position
            position += 2
            let low = try hex4()
            if (0xDC00..<0xE000).contains(low) {
                return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}"
            }
            position = saved
        }
        return Unicode.Scalar(high) ?? "\u{FFFD}"
    }

    mutating func hex4() throws(HSDSJSON.ParseError) -> UInt32 {
        guard bytes.count - position >= 4,
              let value = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16) else {
            throw failure("invalid \\u escape")
        }
        position += 4
        return value
    }
}
