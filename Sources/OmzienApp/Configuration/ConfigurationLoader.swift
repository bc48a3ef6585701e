import Foundation
import Logging

/// A setting that could not be used; the message names the setting so the operator knows what to fix.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    /// The setting as the operator wrote it: `OMZIEN_PORT`, `--port` or `port` in the file.
    public let setting: String
    public let value: String
    public let reason: String

    public var description: String {
        "Ongeldige instelling \(setting)=\"\(value)\": \(reason)"
    }
}

/// Builds an ``AppConfiguration``: defaults in code → optional JSON file → environment → flags.
///
/// Each layer only names settings it wants to change; later layers win. All layers go through the
/// same parser per setting, so a value is checked the same way wherever it came from.
public enum ConfigurationLoader {
    /// One setting: its key in the file and for flags, its environment variable, and how to apply a value.
    struct Setting: Sendable {
        let key: String
        let environment: String
        let apply: @Sendable (inout AppConfiguration, String) throws(Reason) -> Void
        struct Reason: Error { let text: String }
    }

    static let settings: [Setting] = [
        Setting(key: "host", environment: "OMZIEN_HOST") { config, value throws(Setting.Reason) in
            guard !value.isEmpty, !value.contains(" ") else { throw .init(text: "geef een hostnaam of IP-adres") }
            config.host = value
        },
        Setting(key: "port", environment: "OMZIEN_PORT") { config, value throws(Setting.Reason) in
            config.port = try integer(value, in: 0...65535)
        },
        Setting(key: "database-url", environment: "DATABASE_URL") { config, value throws(Setting.Reason) in
            config.database = try databaseLocation(value)
        },
        Setting(key: "sqlite-path", environment: "OMZIEN_SQLITE_PATH") { config, value throws(Setting.Reason) in
            guard !value.isEmpty else { throw .init(text: "geef een bestandspad") }
            if case .postgres = config.database { return }  // an explicit PostgreSQL URL wins
            config.database = value == ":memory:" ? .sqliteMemory : .sqliteFile(path: value)
        },
        Setting(key: "migrate-on-start", environment: "OMZIEN_MIGRATE_ON_START") { config, value throws(Setting.Reason) in
            config.migrateOnStart = try boolean(value)
        },
        Setting(key: "log-level", environment: "OMZIEN_LOG_LEVEL") { config, value throws(Setting.Reason) in
            guard let level = Logger.Level(rawValue: value.lowercased()) else {
                throw .init(text: "kies uit trace, debug, info, notice, warning, error, critical")
            }
            config.logLevel = level
        },
        Setting(key: "public-url", environment: "OMZIEN_PUBLIC_URL") { config, value throws(Setting.Reason) in
            let lowered = value.lowercased()
            guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://"), URL(string: value)?.host != nil else {
                throw .init(text: "geef een volledig adres, zoals https://omzien.gemeente.nl")
            }
            config.publicURL = value.hasSuffix("/") ? String(value.dropLast()) : value
        },
        Setting(key: "secure-cookies", environment: "OMZIEN_SECURE_COOKIES") { config, value throws(Setting.Reason) in
            config.secureCookies = try boolean(value)
        },
        Setting(key: "session-minutes", environment: "OMZIEN_SESSION_MINUTES") { config, value throws(Setting.Reason) in
            config.sessionMinutes = try integer(value, in: 5...(24 * 60))
        },
        Setting(key: "idle-minutes", environment: "OMZIEN_IDLE_MINUTES") { config, value throws(Setting.Reason) in
            config.idleMinutes = try integer(value, in: 5...(24 * 60))
        },
        Setting(key: "default-language", environment: "OMZIEN_DEFAULT_LANGUAGE") { config, value throws(Setting.Reason) in
            guard let language = Language(rawValue: value.lowercased()) else { throw .init(text: "kies nl of en") }
            config.defaultLanguage = language
        },
        Setting(key: "max-body-bytes", environment: "OMZIEN_MAX_BODY_BYTES") { config, value throws(Setting.Reason) in
            config.maxBodyBytes = try integer(value, in: 1024...(64 * 1_048_576))
        },
        Setting(key: "max-upload-bytes", environment: "OMZIEN_MAX_UPLOAD_BYTES") { config, value throws(Setting.Reason) in
            config.maxUploadBytes = try integer(value, in: 1024...(2048 * 1_048_576))
        },
        Setting(key: "bcrypt-cost", environment: "OMZIEN_BCRYPT_COST") { config, value throws(Setting.Reason) in
            config.bcryptCost = try integer(value, in: 4...16)
        },
        Setting(key: "max-failed-logins", environment: "OMZIEN_MAX_FAILED_LOGINS") { config, value throws(Setting.Reason) in
            config.maxFailedLogins = try integer(value, in: 1...100)
        },
        Setting(key: "first-contact-days", environment: "OMZIEN_FIRST_CONTACT_DAYS") { config, value throws(Setting.Reason) in
            config.firstContactWorkingDays = try integer(value, in: 1...60)
        },
        Setting(key: "public-forms-per-hour", environment: "OMZIEN_PUBLIC_FORMS_PER_HOUR") { config, value throws(Setting.Reason) in
            config.publicFormsPerHour = try integer(value, in: 1...10_000)
        },
        Setting(key: "djg-max-missing", environment: "OMZIEN_DJG_MAX_MISSING") { config, value throws(Setting.Reason) in
            config.djgMaxMissing = try integer(value, in: 0...5)
        },
        Setting(key: "metrics-token", environment: "OMZIEN_METRICS_TOKEN") { config, value throws(Setting.Reason) in
            guard value.count >= 32, value.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                throw .init(text: "geef een token van minstens 32 tekens zonder spaties")
            }
            config.metricsToken = value
        },
        Setting(key: "behind-proxy", environment: "OMZIEN_BEHIND_PROXY") { config, value throws(Setting.Reason) in
            config.behindProxy = try boolean(value)
        },
        Setting(key: "signal-retention-months", environment: "OMZIEN_SIGNAL_RETENTION_MONTHS") { config, value throws(Setting.Reason) in
            config.signalRetentionMonths = try integer(value, in: 1...120)
        },
        Setting(key: "monitor-microdata-days", environment: "OMZIEN_MONITOR_MICRODATA_DAYS") { config, value throws(Setting.Reason) in
            config.monitorMicrodataDays = try integer(value, in: 0...3650)
        },
        Setting(key: "referral-answer-days", environment: "OMZIEN_REFERRAL_ANSWER_DAYS") { config, value throws(Setting.Reason) in
            config.referralAnswerDays = try integer(value, in: 1...90)
        },
        Setting(key: "evaluation-min-cell", environment: "OMZIEN_EVALUATION_MIN_CELL") { config, value throws(Setting.Reason) in
            config.evaluationMinimumCell = try integer(value, in: 1...1000)
        },
        Setting(key: "evaluation-refresh-seconds", environment: "OMZIEN_EVALUATION_REFRESH_SECONDS") { config, value throws(Setting.Reason) in
            config.evaluationRefreshSeconds = try integer(value, in: 0...86_400)
        },
        Setting(key: "monitor-import-directory", environment: "OMZIEN_MONITOR_IMPORT_DIRECTORY") { config, value throws(Setting.Reason) in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: value, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw .init(text: "geef een bestaande map")
            }
            config.monitorImportDirectory = value
        },
    ]

    /// The keys accepted in a configuration file and as flags.
    public static var keys: [String] { settings.map(\.key) }

    /// Loads the configuration.
    /// - Parameters:
    ///   - file: path of a JSON file with an object of `key: value` pairs, or nil.
    ///   - environment: the process environment (only `OMZIEN_*` and `DATABASE_URL` are read).
    ///   - flags: values given on the command line, by key.
    public static func load(
        file: String? = nil, environment: [String: String] = [:], flags: [String: String] = [:]
    ) throws(ConfigurationError) -> AppConfiguration {
        var config = AppConfiguration()
        if let file {
            for (key, value) in try readFile(file) {
                try apply(&config, key: key, value: value, source: "\(key) in \(file)")
            }
        }
        // DATABASE_URL must be applied before OMZIEN_SQLITE_PATH so an explicit URL wins; the settings
        // table is ordered that way, and each layer walks it in order.
        for setting in settings {
            if let value = environment[setting.environment] {
                try apply(&config, key: setting.key, value: value, source: setting.environment)
            }
        }
        for setting in settings {
            if let value = flags[setting.key] {
                try apply(&config, key: setting.key, value: value, source: "--\(setting.key)")
            }
        }
        return config
    }

    static func apply(_ config: inout AppConfiguration, key: String, value: String, source: String) throws(ConfigurationError) {
        guard let setting = settings.first(where: { $0.key == key }) else {
            throw ConfigurationError(setting: source, value: value, reason: "onbekende instelling; bekend zijn: \(keys.joined(separator: ", "))")
        }
        do {
            try setting.apply(&config, value.trimmingCharacters(in: .whitespaces))
        } catch {
            throw ConfigurationError(setting: source, value: redactedIfSecret(key: key, value), reason: error.text)
        }
    }

    static func redactedIfSecret(key: String, _ value: String) -> String {
        key == "database-url" ? DatabaseLocation.redacted(value) : value
    }

    static func readFile(_ path: String) throws(ConfigurationError) -> [(String, String)] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(setting: "--config", value: path, reason: "het bestand bestaat niet of is niet leesbaar")
        }
        guard let object = try? JSONDecoder().decode([String: FileValue].self, from: data) else {
            throw ConfigurationError(setting: "--config", value: path, reason: "het bestand is geen JSON-object met instellingen")
        }
        return object.keys.sorted().map { ($0, object[$0]!.text) }
    }

    /// A scalar in the configuration file; numbers and booleans are read as their text.
    enum FileValue: Decodable {
        case text(String)
        var text: String { if case .text(let value) = self { value } else { "" } }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) {
                self = .text(flag ? "true" : "false")
            } else if let number = try? container.decode(Int.self) {
                self = .text(String(number))
            } else {
                self = .text(try container.decode(String.self))
            }
        }
    }

    static func integer(_ value: String, in range: ClosedRange<Int>) throws(Setting.Reason) -> Int {
        guard let number = Int(value), range.contains(number) else {
            throw .init(text: "moet een geheel getal van \(range.lowerBound) tot en met \(range.upperBound) zijn")
        }
        return number
    }

    static func boolean(_ value: String) throws(Setting.Reason) -> Bool {
        switch value.lowercased() {
        case "true", "1", "yes", "ja", "on": return true
        case "false", "0", "no", "nee", "off": return false
        default: throw .init(text: "moet true of false zijn")
        }
    }

    static func databaseLocation(_ value: String) throws(Setting.Reason) -> DatabaseLocation {
        let lowered = value.lowercased()
        if lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") {
            guard let url = URL(string: value), url.host != nil, url.path.count > 1 else {
                throw .init(text: "verwacht postgres://gebruiker:wachtwoord@host:5432/database")
            }
            return .postgres(url: value)
        }
        if lowered.hasPrefix("sqlite://") {
            let path = String(value.dropFirst("sqlite://".count))
            guard !path.isEmpty else { throw .init(text: "verwacht sqlite://pad/naar/bestand.sqlite") }
            return path == ":memory:" ? .sqliteMemory : .sqliteFile(path: path)
        }
        throw .init(text: "verwacht een adres dat begint met postgres:// of sqlite://")
    }
}
