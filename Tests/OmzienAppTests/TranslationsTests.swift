import OmzienCore
import Hummingbird
import HummingbirdTesting
import Foundation
import Testing
@testable import OmzienApp

@Suite struct TranslationsTests {
    @Test func everyLanguageHasEveryKey() throws {
        let translations = try Translations.load()
        let dutch = Set(translations.catalogue(.nl).keys)
        for language in Language.allCases {
            let keys = Set(translations.catalogue(language).keys)
            #expect(keys == dutch, "\(language): missing \(dutch.subtracting(keys).sorted()), extra \(keys.subtracting(dutch).sorted())")
            #expect(translations.catalogue(language).values.allSatisfy { !$0.isEmpty })
        }
    }

    /// Every text key the Swift sources name literally exists in every language: `t["key"]`, `t("key", …)`,
    /// `renderer.text("key", …)`, and for count texts (`renderer.count("key", n, …)`) both of its forms. A misspelled key would
    /// otherwise show itself to the user.
    @Test func everyTextKeyTheSourcesNameExists() throws {
        let translations = try Translations.load()
        let folder = RouteLiteralTests.appFolder
        let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        var checked = 0
        for file in files {
            let source = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            var keys: [String] = []
            for match in source.matches(of: /\bt\["([a-z0-9_]+)"\]|(?:\bt|renderer\.text)\("([a-z0-9_]+)"[,)]/) {
                keys.append(String(match.1 ?? match.2 ?? ""))
            }
            for match in source.matches(of: /(?:\bt|renderer)\.count\("([a-z0-9_]+)",/) {
                keys += ["\(match.1).one", "\(match.1).other"]
            }
            for key in keys {
                checked += 1
                for language in Language.allCases {
                    #expect(translations.catalogue(language)[key] != nil, "\(file) uses \(key), missing in \(language.rawValue)")
                }
            }
        }
        #expect(checked > 500, "only \(checked) text keys found: the pattern no longer matches how pages name texts")
    }

    @Test func placeholdersAreFilledInOrder() throws {
        let translations = try Translations.load()
        #expect(translations.text("home_greeting", .nl, "Anne") == "Welkom, Anne")
        #expect(translations.text("home_greeting", .en, "Anne") == "Welcome, Anne")
        #expect(translations.text("no_such_key", .en) == "no_such_key")
    }
}
