import Foundation
import OmzienCore
import Testing
@testable import OmzienApp

/// Texts about a number of things. The rule (see `Translations.count`): a text whose grammar depends on a
/// number is a count text with two keys, `<key>.one` and `<key>.other`, chosen by the number; no text
/// glues both forms together ("signaal/signalen", "verwijzing(en)"). These tests find every count text
/// through its `.one`/`.other` pair, render it with 0, 1 and 2, and check the grammar mechanically with
/// the words whose form shows the number. A number placeholder outside a pair, directly followed by
/// one of those nouns ("%@ dagen"), is a count text that escaped the rule and fails too.
@Suite struct CountTextTests {
    /// Nouns whose form shows singular or plural in the count texts, as (one, other).
    static let nouns: [Language: [(one: String, other: String)]] = [
        .nl: [("signaal", "signalen"), ("paar", "paren"), ("persoon", "personen"), ("mens", "mensen"), ("vrijwilliger", "vrijwilligers"),
              ("verwijzing", "verwijzingen"), ("dag", "dagen"), ("week", "weken"), ("maand", "maanden"), ("minuut", "minuten"),
              ("teken", "tekens"), ("activiteit", "activiteiten"), ("koppeling", "koppelingen"), ("traject", "trajecten"),
              ("doel", "doelen"), ("cel", "cellen"), ("respondent", "respondenten"), ("contact", "contacten"), ("soort", "soorten"),
              ("relatie", "relaties"), ("vraag", "vragen"), ("punt", "punten"), ("antwoordkolom", "antwoordkolommen"),
              ("item", "items"), ("nieuw", "nieuwe"), ("goed", "goede")],
        .en: [("signal", "signals"), ("pair", "pairs"), ("person", "people"), ("volunteer", "volunteers"), ("referral", "referrals"),
              ("day", "days"), ("week", "weeks"), ("month", "months"), ("minute", "minutes"), ("character", "characters"),
              ("activity", "activities"), ("coupling", "couplings"), ("trajectory", "trajectories"), ("goal", "goals"),
              ("cell", "cells"), ("respondent", "respondents"), ("contact", "contacts"), ("kind", "kinds"), ("request", "requests"),
              ("point", "points"), ("column", "columns"), ("item", "items")],
    ]
    /// Verbs that agree with a counted subject, as (one, other).
    static let verbs: [Language: [(one: String, other: String)]] = [
        .nl: [("is", "zijn"), ("wacht", "wachten"), ("kan", "kunnen"), ("heeft", "hebben"), ("was", "waren"), ("startte", "startten")],
        .en: [("is", "are"), ("has", "have"), ("was", "were"), ("waits", "wait")],
    ]

    static func catalogue(_ language: Language) throws -> [String: String] { try Translations.load().catalogue(language) }

    /// Every count text, by the key without its form.
    static func countKeys(_ language: Language) throws -> [String] {
        try catalogue(language).keys.filter { $0.hasSuffix(".one") }.map { String($0.dropLast(4)) }.sorted()
    }

    /// The sentence (up to `.`, `;` or `:`) around the number, as lowercase words.
    static func words(around number: Int?, in text: String) -> [String] {
        let sentences = text.split(whereSeparator: { ".;:".contains($0) }).map(String.init)
        let sentence = number.flatMap { n in sentences.first { words(of: $0).contains(String(n)) } } ?? text
        return words(of: sentence)
    }

    static func words(of text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" }).map(String.init)
    }

    /// The verb whose subject is the counted thing: after the noun when the number opens the sentence
    /// ("2 verwijzingen wachten"), or before it after "er"/"there" ("Er startten 2 trajecten"). Nil when the
    /// number is not the subject ("Deze indicator heeft 2 antwoordkolommen nodig").
    static func verbAgreeingWith(_ number: String, in words: [String]) -> String? {
        let verbs = Set(Self.verbs.values.joined().flatMap { [$0.one, $0.other] })
        if words.first == number { return words.dropFirst().prefix(4).first(where: verbs.contains) }
        if words.count > 2, ["er", "there"].contains(words[0]), words[2] == number { return words[1] }
        return nil
    }

    /// Renders a count text as the app does, other placeholders filled with a neutral word.
    static func render(_ key: String, _ count: Int, _ language: Language, _ translations: Translations) -> String {
        translations.count(key, count, language, "Q", "Q", "Q", "Q")
    }

    @Test func everyCountTextHasBothFormsThatDifferAndTheOtherFormShowsTheNumber() throws {
        for language in Language.allCases {
            let catalogue = try Self.catalogue(language)
            let keys = try Self.countKeys(language)
            #expect(keys.count >= 30, "\(language): \(keys.count) count texts")
            for key in keys {
                let (one, other) = (catalogue[key + ".one"], catalogue[key + ".other"])
                #expect(other != nil, "\(language) \(key): no .other form")
                #expect(one != other, "\(language) \(key): both forms are the same")
                #expect(other?.contains("%@") == true, "\(language) \(key): the plural form does not show the number")
                #expect(catalogue[key] == nil, "\(language) \(key): a form-less text next to the count text")
            }
            let orphans = catalogue.keys.filter { $0.hasSuffix(".other") && catalogue[String($0.dropLast(6)) + ".one"] == nil }
            #expect(orphans.isEmpty, "\(language): .other without .one: \(orphans.sorted())")
        }
    }

    @Test(arguments: Language.allCases) func everyCountTextAgreesWithZeroOneAndTwo(_ language: Language) throws {
        let translations = try Translations.load()
        let nouns = try #require(Self.nouns[language]), verbs = try #require(Self.verbs[language])
        let plurals = Set((nouns + verbs).map(\.other)), singularVerbs = Set(verbs.map(\.one)), singularNouns = Set(nouns.map(\.one))
        for key in try Self.countKeys(language) {
            for n in [0, 1, 2] {
                let text = Self.render(key, n, language, translations)
                #expect(!text.contains("%@") && !text.hasSuffix(".one") && !text.hasSuffix(".other"), "\(language) \(key) \(n): \(text)")
                #expect(text.firstMatch(of: /\p{L}\((e|en|n|s|es)\)|\p{L}\/\p{L}/) == nil, "\(language) \(key) \(n): glued forms in \(text)")
                let words = Self.words(around: n, in: text)
                if n == 1 {
                    let wrong = words.filter(plurals.contains)
                    #expect(wrong.isEmpty, "\(language) \(key) with 1: plural \(wrong) in \(text)")
                } else {
                    #expect(words.contains(String(n)), "\(language) \(key) with \(n): the number is missing from \(text)")
                    let verb = Self.verbAgreeingWith(String(n), in: words)
                    #expect(verb.map(singularVerbs.contains) != true, "\(language) \(key) with \(n): singular verb \(verb ?? "") in \(text)")
                    // The counted noun follows the number, possibly after one adjective ("2 nieuwe signalen").
                    let after = words.drop { $0 != String(n) }.dropFirst().prefix(2)
                    #expect(!after.contains(where: singularNouns.contains), "\(language) \(key) with \(n): singular noun in \(text)")
                }
            }
        }
    }

    @Test func noTextGluesSingularAndPluralTogether() throws {
        for language in Language.allCases {
            for (key, text) in try Self.catalogue(language) {
                #expect(text.firstMatch(of: /\p{L}\((e|en|n|s|es)\)/) == nil, "\(language) \(key): \(text)")
                #expect(text.firstMatch(of: /\p{L}\/\p{L}/) == nil, "\(language) \(key): alternatives with a slash in \(text)")
            }
        }
    }

    @Test func aNumberBeforeACountedNounIsAlwaysACountText() throws {
        for language in Language.allCases {
            let counted = Set(try #require(Self.nouns[language]).flatMap { [$0.one, $0.other] })
            for (key, text) in try Self.catalogue(language) where !key.hasSuffix(".one") && !key.hasSuffix(".other") {
                for match in text.matches(of: /%@ (\p{L}+)/) {
                    #expect(!counted.contains(String(match.1).lowercased()), "\(language) \(key) should be a count text: \(text)")
                }
            }
        }
    }

    @Test func theFormIsChosenByTheNumber() throws {
        let translations = try Translations.load()
        #expect(translations.count("home_count_new_signal", 0, .nl) == "0 nieuwe signalen voor uw team")
        #expect(translations.count("home_count_new_signal", 1, .nl) == "1 nieuw signaal voor uw team")
        #expect(translations.count("home_count_new_signal", 2, .nl) == "2 nieuwe signalen voor uw team")
        #expect(translations.count("home_count_new_signal", 1, .en) == "1 new signal for your team")
        #expect(translations.count("referrals_overdue_count", 1, .nl, translations.count("count_days", 14, .nl))
                == "1 verwijzing wacht langer dan 14 dagen op antwoord.")
        #expect(translations.count("coupling_rhythm_value", 1, .nl) == "elke dag")
        #expect(translations.count("coupling_rhythm_value", 14, .nl) == "elke 14 dagen")
        #expect(translations.plural("count_days", .of(1.0), .nl, arguments: ["1"]) == "1 dag")
        #expect(translations.plural("count_days", .of(1.5), .nl, arguments: ["1,5"]) == "1,5 dagen")
    }

    /// A count text asked for with `text(_:)` would show its key; the code must go through `count`.
    @Test func theCodeAsksForCountTextsWithTheirNumber() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let sources = root.appendingPathComponent("Sources/OmzienApp")
        let keys = Set(try Self.countKeys(.nl))
        let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        #expect(files.count > 20)
        for file in files {
            let code = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for match in code.matches(of: /\btext\("([a-z0-9_]+)"/) where keys.contains(String(match.1)) {
                #expect(Bool(false), "\(file) asks for count text \(match.1) without a number")
            }
        }
    }

    /// The matching reasons in words: form names agree with "eenzaamheid", no ∞ or ✓ for an age range,
    /// a date with a space before it, and the evidence level without repeating "onderbouwing".
    @Test func matchReasonsReadAsDutchSentences() async throws {
        let renderer = Renderer(translations: try Translations.load())
        let texts = MatchTexts(renderer: renderer, language: .nl, districtNames: [:])
        #expect(texts.reason(MatchReason(.suitsForm, ["social"], points: 5)) == "Bedoeld voor sociale eenzaamheid (+5 punten)")
        #expect(texts.reason(MatchReason(.suitsForm, ["emotional"])) == "Bedoeld voor emotionele eenzaamheid")
        #expect(texts.reason(MatchReason(.ageFits, ["55", "", "70"])) == "Leeftijd past: vanaf 55 jaar, de persoon is 70 jaar")
        #expect(texts.reason(MatchReason(.ageFits, ["18", "80", "70"])) == "Leeftijd past: 18 tot en met 80 jaar, de persoon is 70 jaar")
        #expect(texts.reason(MatchReason(.stale, ["2025-10-29"])) == "Let op: niet meer gecontroleerd sinds 2025-10-29")
        #expect(texts.reason(MatchReason(.stale, [""])) == "Let op: nog nooit gecontroleerd")
        #expect(texts.reason(MatchReason(.evidence, ["onderbouwd"], points: 3)) == "Bewijskracht: onderbouwd (+3 punten)")
        #expect(texts.reason(MatchReason(.waitingList, ["1"], points: -5)) == "Wachtlijst: 1 persoon (−5 punten)")
        #expect(texts.reason(MatchReason(.waitingList, ["4"], points: -5)) == "Wachtlijst: 4 personen (−5 punten)")
        let english = MatchTexts(renderer: renderer, language: .en, districtNames: [:])
        #expect(english.reason(MatchReason(.ageFits, ["", "80", "70"])) == "Age fits: up to 80 years, the person is 70 years")
    }
}

/// Item 18 and 20 of the first-hour issue, as the pages show them.
@Suite struct DutchWordingPageTests {
    @Test func theStaffSignalPageHeadsTheConcernNeutrallyAndTheRoleIsDutch() async throws {
        try await TestApp.withBrowser { app, browser in
            let signal = try await SignalFixtures.signalInProfessionalsTeam(app)
            try await browser.login("professional@lindewaard.example")
            let detail = try await browser.get("/signalen/\(signal.id)")
            #expect(detail.contains("<h2>Wat de melder ziet of merkt</h2>"))
            #expect(!detail.contains("Wat ziet of merkt u?"), "the reporter's question is not a heading for staff")
            #expect(detail.contains(" · Beroepskracht · "), "the role in the page header is Dutch")
            #expect(!detail.contains("· Professional ·"))
            let queue = try await browser.get("/signalen")
            #expect(queue.contains("dagen geleden)") || queue.contains("dag geleden)"), "how long ago, in words")
        }
    }

    @Test func theStartPageCountsOneSignalInTheSingular() async throws {
        try await TestApp.withBrowser { app, browser in
            _ = try await SignalFixtures.signalInProfessionalsTeam(app)
            try await browser.login("professional@lindewaard.example")
            let start = try await browser.get("/start")
            #expect(start.contains("1 nieuw signaal voor uw team"))
            #expect(!start.contains("signalen voor uw team") && !start.contains("(e)"))
        }
    }

    @Test func numbersInShortFieldsAreNotSpacedOut() async throws {
        try await TestApp.withBrowser { _, browser in
            let css = try await browser.get("/static/omzien.css").body
            let short = try #require(css.firstMatch(of: /input\.short \{[^}]*\}/))
            #expect(!short.0.contains("letter-spacing"))
            #expect(css.contains("input.code { letter-spacing"))
        }
    }
}
