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
    /// One setting: its key in the file and for flags, its environment variable, how it is documented
    /// (the README table and `--help` are generated from these) and how to apply a value.
    struct Setting: Sendable {
        let key: String
        let environment: String
        /// The default as the README shows it (Markdown).
        let defaultValue: String
        /// What the setting does (Markdown, one line).
        let meaning: String
        /// A password or token: visible to every user of the machine in `ps` when given as a flag.
        var secret = false
        let apply: @Sendable (inout AppConfiguration, String) throws(Reason) -> Void
        struct Reason: Error { let text: String }
    }

    static let settings: [Setting] = [
        Setting(key: "host", environment: "OMZIEN_HOST",
                defaultValue: "`127.0.0.1`",
                meaning: "address to listen on") { config, value throws(Setting.Reason) in
            guard !value.isEmpty, !value.contains(" ") else { throw .init(text: "geef een hostnaam of IP-adres") }
            config.host = value
        },
        Setting(key: "port", environment: "OMZIEN_PORT",
                defaultValue: "`8080`",
                meaning: "port to listen on") { config, value throws(Setting.Reason) in
            config.port = try integer(value, in: 0...65535)
        },
        Setting(key: "database-url", environment: "DATABASE_URL",
                defaultValue: "–",
                meaning: "`postgres://user:pass@host:5432/db` (or `sqlite://path`)", secret: true) { config, value throws(Setting.Reason) in
            config.database = try databaseLocation(value)
        },
        Setting(key: "sqlite-path", environment: "OMZIEN_SQLITE_PATH",
                defaultValue: "`./data/omzien.sqlite`",
                meaning: "SQLite file when no `DATABASE_URL`; `:memory:` for a throw-away database") { config, value throws(Setting.Reason) in
            guard !value.isEmpty else { throw .init(text: "geef een bestandspad") }
            if case .postgres = config.database { return }  // an explicit PostgreSQL URL wins
            config.database = value == ":memory:" ? .sqliteMemory : .sqliteFile(path: value)
        },
        Setting(key: "migrate-on-start", environment: "OMZIEN_MIGRATE_ON_START",
                defaultValue: "`true`",
                meaning: "apply pending migrations at start") { config, value throws(Setting.Reason) in
            config.migrateOnStart = try boolean(value)
        },
        Setting(key: "log-level", environment: "OMZIEN_LOG_LEVEL",
                defaultValue: "`info`",
                meaning: "trace … critical") { config, value throws(Setting.Reason) in
            guard let level = Logger.Level(rawValue: value.lowercased()) else {
                throw .init(text: "kies uit trace, debug, info, notice, warning, error, critical")
            }
            config.logLevel = level
        },
        Setting(key: "public-url", environment: "OMZIEN_PUBLIC_URL",
                defaultValue: "`http://HOST:PORT`",
                meaning: "the address people use; `https://…` turns on HSTS and Secure cookies") { config, value throws(Setting.Reason) in
            let lowered = value.lowercased()
            guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://"), URL(string: value)?.host != nil else {
                throw .init(text: "geef een volledig adres, zoals https://omzien.gemeente.nl")
            }
            config.publicURL = value.hasSuffix("/") ? String(value.dropLast()) : value
        },
        Setting(key: "secure-cookies", environment: "OMZIEN_SECURE_COOKIES",
                defaultValue: "follows `public-url`",
                meaning: "force the Secure cookie attribute on or off") { config, value throws(Setting.Reason) in
            config.secureCookies = try boolean(value)
        },
        Setting(key: "session-minutes", environment: "OMZIEN_SESSION_MINUTES",
                defaultValue: "`480`",
                meaning: "how long a login lasts") { config, value throws(Setting.Reason) in
            config.sessionMinutes = try integer(value, in: 5...(24 * 60))
        },
        Setting(key: "idle-minutes", environment: "OMZIEN_IDLE_MINUTES",
                defaultValue: "`30`",
                meaning: "a login ends after this many minutes without a request (and always after `session-minutes`)") { config, value throws(Setting.Reason) in
            config.idleMinutes = try integer(value, in: 5...(24 * 60))
        },
        Setting(key: "default-language", environment: "OMZIEN_DEFAULT_LANGUAGE",
                defaultValue: "`nl`",
                meaning: "`nl` or `en`; people can switch in the header") { config, value throws(Setting.Reason) in
            guard let language = Language(rawValue: value.lowercased()) else { throw .init(text: "kies nl of en") }
            config.defaultLanguage = language
        },
        Setting(key: "max-body-bytes", environment: "OMZIEN_MAX_BODY_BYTES",
                defaultValue: "`1048576`",
                meaning: "largest request body") { config, value throws(Setting.Reason) in
            config.maxBodyBytes = try integer(value, in: 1024...(64 * 1_048_576))
        },
        Setting(key: "max-upload-bytes", environment: "OMZIEN_MAX_UPLOAD_BYTES",
                defaultValue: "`268435456`",
                meaning: "largest survey file accepted at `/monitor`") { config, value throws(Setting.Reason) in
            config.maxUploadBytes = try integer(value, in: 1024...(2048 * 1_048_576))
        },
        Setting(key: "bcrypt-cost", environment: "OMZIEN_BCRYPT_COST",
                defaultValue: "`12`",
                meaning: "cost of new password hashes") { config, value throws(Setting.Reason) in
            config.bcryptCost = try integer(value, in: 4...16)
        },
        Setting(key: "max-failed-logins", environment: "OMZIEN_MAX_FAILED_LOGINS",
                defaultValue: "`5`",
                meaning: "failed logins per e-mail address before a growing delay (30 s doubling to 15 min); 4× this per client address before a 15-minute lock; also wrong second-factor codes per account (see SECURITY.md)") { config, value throws(Setting.Reason) in
            config.maxFailedLogins = try integer(value, in: 1...100)
        },
        Setting(key: "first-contact-days", environment: "OMZIEN_FIRST_CONTACT_DAYS",
                defaultValue: "`5`",
                meaning: "working days (Dutch public holidays excluded) to a first contact on a new signal") { config, value throws(Setting.Reason) in
            config.firstContactWorkingDays = try integer(value, in: 1...60)
        },
        Setting(key: "public-forms-per-hour", environment: "OMZIEN_PUBLIC_FORMS_PER_HOUR",
                defaultValue: "`20`",
                meaning: "public form submissions accepted per IP address per hour (per instance); every post of a step (next, back, check) counts too, against ten times this") { config, value throws(Setting.Reason) in
            config.publicFormsPerHour = try integer(value, in: 1...10_000)
        },
        Setting(key: "djg-max-missing", environment: "OMZIEN_DJG_MAX_MISSING",
                defaultValue: "`0`",
                meaning: "DJG-11: answers that may be missing before the total is missing") { config, value throws(Setting.Reason) in
            config.djgMaxMissing = try integer(value, in: 0...5)
        },
        Setting(key: "metrics-token", environment: "OMZIEN_METRICS_TOKEN",
                defaultValue: "none",
                meaning: "bearer token (32+ characters) that `/metrics` asks for; without it `/metrics` is off (404)", secret: true) { config, value throws(Setting.Reason) in
            guard value.count >= 32, value.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                throw .init(text: "geef een token van minstens 32 tekens zonder spaties")
            }
            config.metricsToken = value
        },
        Setting(key: "behind-proxy", environment: "OMZIEN_BEHIND_PROXY",
                defaultValue: "`false`",
                meaning: "behind a reverse proxy: rate limits use the last `X-Forwarded-For` address") { config, value throws(Setting.Reason) in
            config.behindProxy = try boolean(value)
        },
        Setting(key: "signal-retention-months", environment: "OMZIEN_SIGNAL_RETENTION_MONTHS",
                defaultValue: "`6`",
                meaning: "signals that never led to contact are anonymised after this many months") { config, value throws(Setting.Reason) in
            config.signalRetentionMonths = try integer(value, in: 1...120)
        },
        Setting(key: "monitor-microdata-days", environment: "OMZIEN_MONITOR_MICRODATA_DAYS",
                defaultValue: "`30`",
                meaning: "days uploaded survey microdata are kept for more tables (`0`: not kept); tables stay") { config, value throws(Setting.Reason) in
            config.monitorMicrodataDays = try integer(value, in: 0...3650)
        },
        Setting(key: "referral-answer-days", environment: "OMZIEN_REFERRAL_ANSWER_DAYS",
                defaultValue: "`10`",
                meaning: "days a receiving organisation has to answer a referral before it is flagged overdue") { config, value throws(Setting.Reason) in
            config.referralAnswerDays = try integer(value, in: 1...90)
        },
        Setting(key: "evaluation-min-cell", environment: "OMZIEN_EVALUATION_MIN_CELL",
                defaultValue: "`10`",
                meaning: "the evaluation hides counts of fewer people than this (and counts that would reveal them)") { config, value throws(Setting.Reason) in
            config.evaluationMinimumCell = try integer(value, in: 1...1000)
        },
        Setting(key: "evaluation-refresh-seconds", environment: "OMZIEN_EVALUATION_REFRESH_SECONDS",
                defaultValue: "`60`",
                meaning: "after a change the evaluation keeps showing its figures and reloads them in the background, at most this often; `0`: reload before answering") { config, value throws(Setting.Reason) in
            config.evaluationRefreshSeconds = try integer(value, in: 0...86_400)
        },
        Setting(key: "monitor-import-directory", environment: "OMZIEN_MONITOR_IMPORT_DIRECTORY",
                defaultValue: "none",
                meaning: "a server directory whose CSV files analysts may pick instead of uploading") { config, value throws(Setting.Reason) in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: value, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw .init(text: "geef een bestaande map")
            }
            config.monitorImportDirectory = value
        },
    ]

    /// The keys accepted in a configuration file and as flags.
    public static var keys: [String] { settings.map(\.key) }

    // MARK: Flags

    /// Reads settings given on the command line as `--key value` or `--key=value`, for every key in the
    /// settings list (the command line has no list of its own). Anything else is refused, naming it.
    public static func flags(from arguments: [String]) throws(ConfigurationError) -> [String: String] {
        var flags: [String: String] = [:]
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            guard argument.hasPrefix("--"), argument.count > 2 else {
                throw ConfigurationError(setting: argument, value: "", reason: "onverwacht argument; instellingen gaan als --sleutel waarde")
            }
            let body = argument.dropFirst(2)
            let key: String, value: String
            if let equals = body.firstIndex(of: "=") {
                (key, value) = (String(body[..<equals]), String(body[body.index(after: equals)...]))
            } else if let next = rest.first, !next.hasPrefix("--") {
                (key, value) = (String(body), next)
                rest = rest.dropFirst()
            } else {
                throw ConfigurationError(setting: argument, value: "", reason: "geef een waarde: \(argument) WAARDE")
            }
            guard keys.contains(key) else {
                throw ConfigurationError(setting: "--\(key)", value: redactedIfSecret(key: key, value),
                                         reason: "onbekende optie; bekend zijn: \(keys.map { "--\($0)" }.joined(separator: ", "))")
            }
            flags[key] = value
        }
        return flags
    }

    // MARK: Documentation

    /// The settings for `--help`: one line per setting with its flag, environment variable and default.
    public static func helpText() -> String {
        let plain = { (text: String) in text.replacingOccurrences(of: "`", with: "") }
        let lines = settings.map { setting in
            "--\(setting.key) <value>  (\(setting.environment); default \(plain(setting.defaultValue)))\n    \(plain(setting.meaning))"
                + (setting.secret ? "\n    Secret: a flag shows in `ps`; prefer \(setting.environment) or --config." : "")
        }
        return "SETTINGS (also in a --config JSON file or the environment; flags win):\n" + lines.joined(separator: "\n")
    }

    /// The README's settings table, generated from the settings list.
    public static func markdownTable() -> String {
        let rows = settings.map { setting in
            "| `\(setting.key)` | `\(setting.environment)` | \(setting.defaultValue) | \(setting.meaning)"
                + (setting.secret ? " (secret: prefer the environment or the file, a flag shows in `ps`)" : "") + " |"
        }
        return (["| key / flag | environment | default | meaning |", "|---|---|---|---|"] + rows).joined(separator: "\n")
    }

    /// The lines around the generated table in the README.
    public static let tableMarkers = ("<!-- settings table: generated by `omzien settings --write-readme README.md` -->", "<!-- end of settings table -->")

    /// `readme` with the text between the markers replaced by ``markdownTable()``; nil when the markers are missing.
    public static func readme(withTableIn readme: String) -> String? {
        guard let start = readme.range(of: tableMarkers.0), let end = readme.range(of: tableMarkers.1, range: start.upperBound..<readme.endIndex) else {
            return nil
        }
        return String(readme[..<start.upperBound]) + "\n" + markdownTable() + "\n" + String(readme[end.lowerBound...])
    }

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
        if key == "database-url" { return DatabaseLocation.redacted(value) }
        return settings.contains { $0.key == key && $0.secret } ? "***" : value
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
