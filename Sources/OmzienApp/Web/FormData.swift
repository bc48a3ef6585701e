import Foundation
import Hummingbird

/// A submitted `application/x-www-form-urlencoded` form, kept as typed so it can be shown again.
public struct FormData: Sendable, Equatable {
    public private(set) var fields: [String: [String]] = [:]

    public init(_ fields: [String: [String]] = [:]) { self.fields = fields }

    /// Parses a URL-encoded body; `+` is a space, invalid percent escapes are kept literally.
    public init(urlEncoded body: String) {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            fields[key, default: []].append(value)
        }
    }

    /// The first value of a field, trimmed; empty when absent.
    public subscript(_ name: String) -> String {
        (fields[name]?.first ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The first value exactly as typed (for passwords, where spaces count).
    public func raw(_ name: String) -> String { fields[name]?.first ?? "" }

    /// Every value of a repeated field (checkbox groups, multi-selects).
    public func all(_ name: String) -> [String] { fields[name] ?? [] }

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
