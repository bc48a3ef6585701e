import Foundation

/// What a catalogue accepts as a website and an e-mail address. Other systems render a service's `url`
/// as a link, so only `http` and `https` addresses get in (never `javascript:` or `data:`).
public enum ContactRules {
    /// Whether `text` is an `http` or `https` address with a host and no spaces or control characters.
    public static func isWebAddress(_ text: String) -> Bool {
        guard !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control }),
              let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty,
              text.lowercased().hasPrefix(scheme + "://")
        else { return false }
        return true
    }

    /// Whether `text` is an e-mail address (`local@domain.tld`, as logins are checked).
    public static func isEmailAddress(_ text: String) -> Bool { EmailAddress(text) != nil }
}
