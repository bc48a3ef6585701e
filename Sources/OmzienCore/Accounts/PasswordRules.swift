/// Password rules in the spirit of OWASP ASVS 2.1: length over composition, no silly passwords.
public enum PasswordRules {
    public static let minimumLength = 12
    public static let maximumLength = 128

    public enum Problem: String, Error, Sendable, Equatable {
        case tooShort
        case tooLong
        case tooCommon
        case containsEmail
    }

    /// Passwords that are refused whatever their length (lower-cased, compared after trimming).
    static let refused: Set<String> = [
        "welkom123456", "wachtwoord123", "wachtwoord1234", "password1234", "123456789012",
        "qwertyuiopas", "omzienomzien", "lindewaard123", "aaaaaaaaaaaa",
    ]

    /// The first problem with `password`, or nil when it is acceptable.
    public static func problem(with password: String, email: String) -> Problem? {
        let length = password.count
        if length < minimumLength { return .tooShort }
        if length > maximumLength { return .tooLong }
        let lowered = password.lowercased()
        if refused.contains(lowered) || Set(lowered).count <= 2 { return .tooCommon }
        let localPart = email.lowercased().split(separator: "@").first.map(String.init) ?? ""
        if localPart.count >= 4, lowered.contains(localPart) { return .containsEmail }
        return nil
    }
}
