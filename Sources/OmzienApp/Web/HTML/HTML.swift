/// A piece of HTML, built by string interpolation in which every interpolated text is escaped.
///
/// Pages are Swift functions that return `HTML` from a multi-line string literal:
///
///     """
///     <h1>\(t["login_title"])</h1>
///     \(notice, { "<p class=\"notice\">\($0)</p>" })
///     <ul>\(each: rows, row)</ul>
///     """
///
/// Why not a template engine: the pages are checked by the compiler (a misspelled value does not compile,
/// an optional cannot print as `nil`), and rendering needs no reflection or dynamic casts — those were
/// most of the CPU time of a page under swift-mustache (measured in `bench/`).
///
/// Escaping is the default and the only easy way: a `String` always goes through `HTML.escape`. Markup
/// enters only as a literal in the source, as another `HTML`, or through `raw:` for the few values the
/// server itself draws (SVG charts), whose texts are escaped when drawn.
struct HTML: ExpressibleByStringInterpolation, Sendable, Equatable, CustomStringConvertible {
    private(set) var text: String

    init(stringLiteral value: String) { text = value }
    init(stringInterpolation: StringInterpolation) { text = stringInterpolation.text }
    /// Markup the server made itself and vouches for (an SVG chart); never user input.
    init(trusted markup: String) { text = markup }

    static let empty: HTML = ""

    var description: String { text }
    var isEmpty: Bool { text.isEmpty }

    /// The pieces joined, with `separator` between them.
    static func joined(_ parts: [HTML], separator: HTML = "") -> HTML {
        HTML(trusted: parts.map(\.text).joined(separator: separator.text))
    }

    /// The same escaping swift-mustache applied (`& < > " '`), so a page renders byte for byte as before.
    static func escape(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 }) else { return value }
        var escaped = ""
        escaped.reserveCapacity(value.utf8.count + 16)
        for character in value.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    struct StringInterpolation: StringInterpolationProtocol {
        fileprivate(set) var text = ""

        init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        mutating func appendLiteral(_ literal: String) { text += literal }

        /// A text: escaped.
        mutating func appendInterpolation(_ value: String) { text += HTML.escape(value) }
        /// A text that may be absent: escaped, or nothing.
        mutating func appendInterpolation(_ value: String?) { if let value { text += HTML.escape(value) } }
        mutating func appendInterpolation(_ value: Int) { text += String(value) }
        /// A nested piece of HTML, as it is.
        mutating func appendInterpolation(_ html: HTML) { text += html.text }
        mutating func appendInterpolation(_ html: HTML?) { if let html { text += html.text } }
        /// A piece that appears only when `condition` holds (a Mustache section on a Bool).
        mutating func appendInterpolation(if condition: Bool, _ html: @autoclosure () -> HTML) {
            if condition { text += html().text }
        }
        /// One piece when `condition` holds, another when it does not.
        mutating func appendInterpolation(if condition: Bool, _ then: @autoclosure () -> HTML, else otherwise: @autoclosure () -> HTML) {
            text += condition ? then().text : otherwise().text
        }
        /// A piece per element, in order (a Mustache section on a list).
        mutating func appendInterpolation<S: Sequence>(each items: S, _ render: (S.Element) -> HTML) {
            for item in items { text += render(item).text }
        }
        /// A piece built from a value that is present, nothing when it is absent.
        mutating func appendInterpolation<T>(_ value: T?, _ render: (T) -> HTML) {
            if let value { text += render(value).text }
        }
        /// A non-empty text given to `render`, nothing for nil or "" (Mustache treated both as absent).
        mutating func appendInterpolation(nonEmpty value: String?, _ render: (String) -> HTML) {
            if let value, !value.isEmpty { text += render(value).text }
        }
    }
}
