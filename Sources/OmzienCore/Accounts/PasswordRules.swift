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

    /// Words that breached-password lists show again and again, in Dutch and English. A password that is
    /// one of these (or a few of them) with only digits, symbols or a year around it is refused.
    static let commonWords: Set<String> = [
        "password", "passwort", "wachtwoord", "welkom", "welcome", "qwerty", "azerty", "admin", "administrator", "letmein",
        "iloveyou", "ikhouvanjou", "monkey", "dragon", "football", "voetbal", "baseball", "sunshine", "princess", "master",
        "shadow", "superman", "batman", "trustno", "hallo", "hello", "secret", "geheim", "test", "testing", "changeme",
        "omzien", "gemeente", "lindewaard", "beekdal", "zomer", "winter", "lente", "herfst", "summer", "spring", "autumn",
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december",
        "ajax", "feyenoord", "psv", "amsterdam", "rotterdam", "utrecht", "holland", "nederland", "login", "inloggen", "user",
        "gebruiker", "default", "computer", "internet", "starwars", "pokemon", "minecraft", "abc", "asdf", "zxcv", "qazwsx",
    ]

    /// Keyboard rows and counting sequences: any 12-character stretch of these is guessed first.
    static let sequences = ["abcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm", "azertyuiopqsdfghjklmwxcvbn",
                            "01234567890123456789", "98765432109876543210", "1qaz2wsx3edc4rfv5tgb"]

    /// Whether the password is a well-known pattern: common words padded with digits and symbols, a
    /// keyboard walk or counting sequence, or very few distinct characters.
    static func isCommonPattern(_ lowered: String) -> Bool {
        if Set(lowered).count <= 3 { return true }
        if sequences.contains(where: { $0.contains(lowered) || lowered.contains(String($0.prefix(8))) && lowered.count <= 16 }) { return true }
        // Strip what people wrap around a word ("Welkom2026!", "!!password123"), then see what is left.
        let letters = lowered.split(whereSeparator: { !$0.isLetter }).map(String.init)
        guard !letters.isEmpty else { return true }
        let core = letters.joined()
        if commonWords.contains(core) { return true }
        // Two or three common words glued together ("welkomwelkom", "zomerwinter").
        return canSplit(core, into: 3)
    }

    static func canSplit(_ text: String, into parts: Int) -> Bool {
        guard parts > 0 else { return text.isEmpty }
        if text.isEmpty { return true }
        for length in stride(from: min(text.count, 14), through: 3, by: -1) {
            let word = String(text.prefix(length))
            if commonWords.contains(word), canSplit(String(text.dropFirst(length)), into: parts - 1) { return true }
        }
        return false
    }

    /// The first problem with `password`, or nil when it is acceptable.
    public static func problem(with password: String, email: String) -> Problem? {
        let length = password.count
        if length < minimumLength { return .tooShort }
        if length > maximumLength { return .tooLong }
        let lowered = password.lowercased()
        if isCommonPattern(lowered) { return .tooCommon }
        let localPart = email.lowercased().split(separator: "@").first.map(String.init) ?? ""
        if localPart.count >= 4, lowered.contains(localPart) { return .containsEmail }
        return nil
    }
}
