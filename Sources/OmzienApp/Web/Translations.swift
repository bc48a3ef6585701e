import Foundation

/// The interface texts in Dutch and English behind the same keys (`Resources/i18n/*.json`).
public struct Translations: Sendable {
    let catalogues: [Language: [String: String]]

    /// Loads every language's catalogue from the bundle.
    public static func load() throws -> Translations {
        var catalogues: [Language: [String: String]] = [:]
        for language in Language.allCases {
            guard let url = Bundle.module.url(forResource: language.rawValue, withExtension: "json", subdirectory: "Resources/i18n") else {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "i18n/\(language.rawValue).json"])
            }
            catalogues[language] = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: url))
        }
        return Translations(catalogues: catalogues)
    }

    /// Every key of a language, for templates (`{{t.key}}`).
    public func catalogue(_ language: Language) -> [String: String] { catalogues[language] ?? [:] }

    /// One text; falls back to Dutch, then to the key itself so a missing text is visible, not blank.
    /// `%@` placeholders are filled in order from `arguments`.
    public func text(_ key: String, _ language: Language, _ arguments: String...) -> String {
        text(key, language, arguments: arguments)
    }

    public func text(_ key: String, _ language: Language, arguments: [String]) -> String {
        var text = catalogues[language]?[key] ?? catalogues[.nl]?[key] ?? key
        for argument in arguments {
            guard let range = text.range(of: "%@") else { break }
            text.replaceSubrange(range, with: argument)
        }
        return text
    }

    /// A text about a number of things, in the grammatical form that number needs: "1 nieuw signaal",
    /// "0 nieuwe signalen", "2 nieuwe signalen". The catalogue holds one key per form, `<key>.one` and
    /// `<key>.other` (both Dutch and English use the singular for exactly one, the plural for 0 and more),
    /// so no text has to glue forms together like "signaal/signalen". The count fills the first `%@`;
    /// `arguments` fill the rest in order.
    public func count(_ key: String, _ count: Int, _ language: Language, _ arguments: String...) -> String {
        plural(key, PluralForm.of(count), language, arguments: [String(count)] + arguments)
    }

    /// One form of a count text, when the number is shown differently from a whole number (`1,5 dagen`)
    /// or the form is chosen by something else than the first placeholder.
    public func plural(_ key: String, _ form: PluralForm, _ language: Language, arguments: [String]) -> String {
        text("\(key).\(form.rawValue)", language, arguments: arguments)
    }
}

/// The grammatical number a count takes in the interface languages. Dutch and English both have two:
/// singular for exactly one, plural for everything else, zero included ("0 signalen", "0 signals").
public enum PluralForm: String, CaseIterable, Sendable {
    case one, other

    /// The form for a whole number.
    public static func of(_ count: Int) -> PluralForm { count == 1 ? .one : .other }

    /// The form for a shown decimal: only exactly one is singular ("1 dag", "1,5 dagen").
    public static func of(_ number: Double) -> PluralForm { number == 1 ? .one : .other }
}
