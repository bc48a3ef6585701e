import Foundation
import Testing
@testable import OmzienApp

/// Issue 15, item 13: every setting of the one list is a flag, and the README table is that list.
@Suite struct SettingsFlagsTests {
    /// A valid value for each setting. The first test fails when a setting is added without one here.
    static let samples: [String: String] = [
        "host": "0.0.0.0", "port": "9000", "database-url": "postgres://omzien:geheim@db.example:5432/omzien",
        "sqlite-path": "/tmp/omzien-flags.sqlite", "migrate-on-start": "false", "log-level": "debug",
        "public-url": "https://omzien.example.nl", "secure-cookies": "true", "session-minutes": "60", "idle-minutes": "15",
        "default-language": "en", "max-body-bytes": "2048", "max-upload-bytes": "4096", "bcrypt-cost": "10",
        "max-failed-logins": "7", "first-contact-days": "3", "public-forms-per-hour": "5", "djg-max-missing": "1",
        "metrics-token": String(repeating: "t", count: 40), "behind-proxy": "true", "signal-retention-months": "12",
        "monitor-microdata-days": "0", "referral-answer-days": "14", "evaluation-min-cell": "5",
        "evaluation-refresh-seconds": "0", "monitor-import-directory": FileManager.default.temporaryDirectory.path,
    ]

    @Test func everySettingOfTheListIsAcceptedAsAFlag() throws {
        #expect(Set(Self.samples.keys) == Set(ConfigurationLoader.keys))
        for key in ConfigurationLoader.keys {
            let value = try #require(Self.samples[key])
            #expect(try ConfigurationLoader.flags(from: ["--\(key)", value]) == [key: value], "--\(key) value")
            #expect(try ConfigurationLoader.flags(from: ["--\(key)=\(value)"]) == [key: value], "--\(key)=value")
            _ = try ConfigurationLoader.load(flags: [key: value])
        }
        let all = try ConfigurationLoader.flags(from: ConfigurationLoader.keys.flatMap { ["--\($0)", Self.samples[$0]!] })
        let configuration = try ConfigurationLoader.load(flags: all)
        #expect(configuration.publicFormsPerHour == 5)
        #expect(configuration.metricsToken == Self.samples["metrics-token"])
        #expect(configuration.port == 9000)
    }

    @Test func anUnknownOrIncompleteFlagFailsNamingIt() {
        #expect {
            try ConfigurationLoader.flags(from: ["--port", "9000", "--public-forms-per-houre", "5"])
        } throws: { error in
            let message = String(describing: error)
            return message.contains("--public-forms-per-houre") && message.contains("onbekende optie") && message.contains("--public-forms-per-hour,")
        }
        #expect { try ConfigurationLoader.flags(from: ["--port"]) } throws: { String(describing: $0).contains("--port WAARDE") }
        #expect { try ConfigurationLoader.flags(from: ["9000"]) } throws: { String(describing: $0).contains("onverwacht argument") }
    }

    @Test func aRefusedSecretIsNotRepeatedInTheMessage() {
        #expect {
            try ConfigurationLoader.load(flags: try ConfigurationLoader.flags(from: ["--metrics-token", "kort-geheim"]))
        } throws: { error in
            let message = String(describing: error)
            return message.contains("--metrics-token") && !message.contains("kort-geheim")
        }
    }

    @Test func theHelpListsEverySettingAndWarnsAboutSecrets() {
        let help = ConfigurationLoader.helpText()
        for key in ConfigurationLoader.keys { #expect(help.contains("--\(key) <value>"), "--\(key) missing from --help") }
        #expect(help.contains("OMZIEN_METRICS_TOKEN"))
        #expect(help.components(separatedBy: "`ps`").count - 1 == 2, "database-url and metrics-token say they show in ps")
    }

    @Test func theReadmeTableIsGeneratedFromTheSettingsList() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let regenerated = try #require(ConfigurationLoader.readme(withTableIn: text), "the README lost its settings table markers")
        #expect(regenerated == text, "the README's settings table differs from the list: run `swift run omzien settings --write-readme README.md`")
        for key in ConfigurationLoader.keys { #expect(text.contains("| `\(key)` |")) }
    }
}
