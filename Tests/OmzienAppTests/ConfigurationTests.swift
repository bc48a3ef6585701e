import Logging
import OmzienCore
import Hummingbird
import HummingbirdTesting
import Foundation
import Testing
@testable import OmzienApp

@Suite struct ConfigurationTests {
    @Test func defaultsNeedNothing() throws {
        let configuration = try ConfigurationLoader.load()
        #expect(configuration.port == 8080)
        #expect(configuration.database == .sqliteFile(path: "./data/omzien.sqlite"))
        #expect(!configuration.servedOverTLS)
        #expect(!configuration.secureCookies, "plain http by default, so no Secure cookies")
    }

    @Test func layersApplyInOrderFileEnvironmentFlags() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("omzien-\(UUID()).json")
        try Data(#"{"port": 9000, "log-level": "debug", "secure-cookies": false, "host": "0.0.0.0"}"#.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let configuration = try ConfigurationLoader.load(
            file: file.path, environment: ["OMZIEN_PORT": "9100", "OMZIEN_LOG_LEVEL": "warning", "UNRELATED": "x"], flags: ["port": "9200"])
        #expect(configuration.port == 9200)          // flag beats environment and file
        #expect(configuration.logLevel == .warning)  // environment beats file
        #expect(configuration.host == "0.0.0.0")     // file beats default
        #expect(!configuration.secureCookies)
    }

    @Test func databaseURLWinsOverSQLitePathAndIsRecognised() throws {
        let configuration = try ConfigurationLoader.load(environment: [
            "DATABASE_URL": "postgres://omzien:geheim@db.example:5432/omzien", "OMZIEN_SQLITE_PATH": "/tmp/x.sqlite",
        ])
        #expect(configuration.database == .postgres(url: "postgres://omzien:geheim@db.example:5432/omzien"))
        #expect(!configuration.database.description.contains("geheim"))
    }

    @Test func httpsPublicAddressTurnsOnHSTS() throws {
        let tls = try ConfigurationLoader.load(flags: ["public-url": "https://omzien.lindewaard.nl/"])
        #expect(tls.servedOverTLS)
        #expect(tls.secureCookies, "cookies follow the public address")
        #expect(tls.publicURL == "https://omzien.lindewaard.nl")
        let forced = try ConfigurationLoader.load(environment: ["OMZIEN_SECURE_COOKIES": "true"])
        #expect(forced.secureCookies)
    }

    /// Every bad value stops the start with a message that names the setting as the operator wrote it.
    @Test(arguments: [
        (["OMZIEN_PORT": "abc"], [String: String](), "OMZIEN_PORT"),
        (["OMZIEN_PORT": "70000"], [:], "OMZIEN_PORT"),
        ([:], ["port": "-1"], "--port"),
        (["DATABASE_URL": "mysql://x"], [:], "DATABASE_URL"),
        (["OMZIEN_LOG_LEVEL": "loud"], [:], "OMZIEN_LOG_LEVEL"),
        (["OMZIEN_SECURE_COOKIES": "maybe"], [:], "OMZIEN_SECURE_COOKIES"),
        ([:], ["public-url": "omzien.nl"], "--public-url"),
        (["OMZIEN_BCRYPT_COST": "40"], [:], "OMZIEN_BCRYPT_COST"),
    ])
    func badValuesNameTheSetting(environment: [String: String], flags: [String: String], setting: String) {
        #expect {
            try ConfigurationLoader.load(environment: environment, flags: flags)
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.setting == setting && error.description.contains(setting) && !error.reason.isEmpty
        }
    }

    @Test func unknownKeysInTheFileAreRefused() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("omzien-\(UUID()).json")
        try Data(#"{"prot": 9000}"#.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(throws: ConfigurationError.self) { try ConfigurationLoader.load(file: file.path) }
        #expect(throws: ConfigurationError.self) { try ConfigurationLoader.load(file: "/nonexistent/omzien.json") }
    }

    @Test func passwordsInDatabaseURLsAreNotEchoed() {
        #expect {
            try ConfigurationLoader.load(environment: ["DATABASE_URL": "postgres://user:topsecret@"])
        } throws: { error in
            !((error as? ConfigurationError)?.description.contains("topsecret") ?? true)
        }
    }
}
