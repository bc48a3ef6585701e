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
}
