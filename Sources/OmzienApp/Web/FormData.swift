import Foundation
import Hummingbird

/// A submitted `application/x-www-form-urlencoded` form, kept as typed so it can be shown again.
///
/// A form is echoed back on every validation error, so what one request can make the server keep and
/// show is bounded here, for every form at once: no form of the app has more than ``maxFields`` inputs
/// or more than ``maxValuesPerName`` ticks in one checkbox group, so anything beyond that is dropped
/// while parsing. Repeated fields are read with ``chosen(_:among:)``, which keeps only the field's
/// known choices, each once.
public struct FormData: Sendable, Equatable {
    public private(set) var fields: [String: [String]] = [:]

    /// Most name/value pairs kept from one body. The largest forms have a few dozen inputs.
    public static let maxFields = 2_000
    /// Most values kept for one name. The largest checkbox group lists a municipality's districts.
    public static let maxValuesPerName = 500

    public init(_ fields: [String: [String]] = [:]) { self.fields = fields }

    /// Parses a URL-encoded body; `+` is a space, invalid percent escapes are kept literally.
    /// Pairs beyond ``maxFields``, and values of one name beyond ``maxValuesPerName``, are dropped.
    public init(urlEncoded body: String) {
        var kept = 0
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            guard kept < Self.maxFields else { break }
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0])
            guard fields[key, default: []].count < Self.maxValuesPerName else { continue }
            fields[key, default: []].append(parts.count > 1 ? Self.decode(parts[1]) : "")
            kept += 1
        }
    }

    /// The first value of a field, trimmed; empty when absent.
    public subscript(_ name: String) -> String {
        (fields[name]?.first ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The first value exactly as typed (for passwords, where spaces count).
    public func raw(_ name: String) -> String { fields[name]?.first ?? "" }

    /// The ticked values of a checkbox group or multi-select that are among `choices`, each once, in the
    /// order they were sent: unknown values and repeats are dropped, so what is stored or shown again is
    /// never more than the list of choices.
    public func chosen(_ name: String, among choices: some Sequence<String>) -> [String] {
        let known = Set(choices)
        var seen = Set<String>()
        return (fields[name] ?? []).filter { known.contains($0) && seen.insert($0).inserted }
    }

    /// The ticked cases of a checkbox group whose values are the raw values of `Choice`, each once, in the order sent.
    public func chosen<Choice: CaseIterable & RawRepresentable>(_ name: String, as _: Choice.Type) -> [Choice] where Choice.RawValue == String {
        chosen(name, among: Choice.allCases.map(\.rawValue)).compactMap(Choice.init(rawValue:))
    }

    /// NUL characters are dropped: no one types them, and PostgreSQL refuses them in text.
    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return (spaced.removingPercentEncoding ?? spaced).replacingOccurrences(of: "\u{0000}", with: "")
    }
}

extension Request {
    /// Reads the body as a form. The CSRF middleware has already collected it, so this does not stream twice.
    public func form(limit: Int = 1_048_576) async throws -> FormData {
        var copy = self
        let buffer = try await copy.collectBody(upTo: limit)
        return FormData(urlEncoded: String(buffer: buffer))
    }
}
