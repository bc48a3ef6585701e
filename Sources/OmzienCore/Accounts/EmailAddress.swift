/// A normalised e-mail address used as the login name.
public struct EmailAddress: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    /// Accepts `local@domain.tld` with no spaces; stores it lower-cased and trimmed.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters().lowercased()
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard trimmed.count <= 254, parts.count == 2,
              !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !trimmed.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" })
        else { return nil }
        self.value = trimmed
    }

    public var description: String { value }
}
