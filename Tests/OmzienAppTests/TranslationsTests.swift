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

    @Test func everyTextUsedInTemplatesExists() throws {
        let translations = try Translations.load()
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/OmzienApp/Resources/templates")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".mustache") }
        #expect(files.count > 5)
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: /\{\{t\.([a-z0-9_]+)\}\}/) {
                #expect(translations.catalogue(.nl)[String(match.1)] != nil, "\(file) uses missing text \(match.1)")
            }
        }
    }

    @Test func placeholdersAreFilledInOrder() throws {
        let translations = try Translations.load()
        #expect(translations.text("home_greeting", .nl, "Anne") == "Welkom, Anne")
        #expect(translations.text("home_greeting", .en, "Anne") == "Welcome, Anne")
        #expect(translations.text("no_such_key", .en) == "no_such_key")
    }
}
