import Foundation
import Logging

/// Where Omzien keeps its data.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    /// An SQLite file, created with its folder on first start.
    case sqliteFile(path: String)
    /// An SQLite database that lives only in memory (tests).
    case sqliteMemory
    /// A PostgreSQL server, from a `postgres://user:password@host:port/database` URL.
    case postgres(url: String, searchPath: [String]? = nil)

    /// Description without the password, safe for logs.
    public var description: String {
        switch self {
        case .sqliteFile(let path): "SQLite (\(path))"
        case .sqliteMemory: "SQLite (in memory)"
        case .postgres(let url, _): "PostgreSQL (\(DatabaseLocation.redacted(url)))"
        }
    }

    static func redacted(_ url: String) -> String {
        guard let at = url.lastIndex(of: "@"), let scheme = url.range(of: "://") else { return url }
        return url[..<scheme.upperBound] + "…" + url[at...]
    }
}

/// The user interface languages; Dutch is the default.
public enum Language: String, Sendable, CaseIterable, Codable {
    case nl, en
}

/// Every setting of the server, typed. Built by ``ConfigurationLoader`` from defaults, an optional
/// file, the environment and command-line flags, in that order.
public struct AppConfiguration: Sendable, Equatable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var database = DatabaseLocation.sqliteFile(path: "./data/omzien.sqlite")
    /// Run pending migrations when the server starts.
    public var migrateOnStart = true
    public var logLevel = Logger.Level.info
    /// An explicit public address; nil means the address the server listens on.
    public var publicURLSetting: String?
    /// The address people use to reach Omzien (used in one-time links); an https address switches on
    /// HSTS and Secure cookies.
    public var publicURL: String {
        get { publicURLSetting ?? "http://\(host):\(port)" }
        set { publicURLSetting = newValue }
    }
    /// An explicit choice for the Secure cookie attribute; nil follows the public address.
    public var secureCookiesSetting: Bool?
    /// Send cookies with the Secure attribute: by default exactly when the public address is https,
    /// so production (behind TLS) is secure and a plain-http local run still works.
    public var secureCookies: Bool {
        get { secureCookiesSetting ?? servedOverTLS }
        set { secureCookiesSetting = newValue }
    }
    /// How long a login lasts at most, in minutes (a working day by default), however active.
    public var sessionMinutes = 480
    /// Minutes without any request after which a login ends.
    public var idleMinutes = 30
    public var defaultLanguage = Language.nl
    /// Largest request body accepted, in bytes.
    public var maxBodyBytes = 1_048_576
    /// Largest file upload (survey microdata), in bytes.
    public var maxUploadBytes = 256 * 1_048_576
    /// Bcrypt cost for new password hashes; lower only in tests.
    public var bcryptCost = 12
    /// Failed logins before an address is locked for 15 minutes.
    public var maxFailedLogins = 5
    /// Working days within which a new signal should get a first contact.
    public var firstContactWorkingDays = 5
    /// Public form submissions accepted per address per hour.
    public var publicFormsPerHour = 20
    /// Posts of the public forms' steps one report may take: a report is four posts (three steps and the
    /// check page); going back and correcting mistakes seldom doubles that, so ten leaves a resident room.
    public static let publicFormPostsPerReport = 10
    /// Every post of a public form's step (back, next, check, send) per address per hour. Counting only the
    /// final send let anyone post steps without limit, and every step renders a page.
    public var publicFormPostsPerHour: Int { publicFormsPerHour * Self.publicFormPostsPerReport }
    /// DJG-11: how many answers may be missing before the total is missing (djg-scale.md; default none).
    public var djgMaxMissing = 0
    /// The bearer token Prometheus sends to `/metrics`; nil (the default) leaves `/metrics` switched off (404).
    public var metricsToken: String?
    /// Behind a reverse proxy: take the client address from the last X-Forwarded-For entry.
    public var behindProxy = false
    /// Months after which signals that never led to contact are anonymised.
    public var signalRetentionMonths = 6
    /// Days that uploaded survey microdata are kept (to compute other tables); 0 keeps nothing. The tables stay.
    public var monitorMicrodataDays = 30
    /// A directory on the server whose CSV files analysts may pick instead of uploading; nil offers none.
    public var monitorImportDirectory: String?
    /// Days a receiving organisation has to answer a referral before it shows as overdue.
    public var referralAnswerDays = 10
    /// Evaluation tables hide counts of fewer people than this (monitoring.md: default fewer than 10).
    public var evaluationMinimumCell = 10
    /// After a change, the dashboard keeps showing the figures it has and reloads them in the background,
    /// at most once per this many seconds; 0: reload before answering (slower, but never behind).
    public var evaluationRefreshSeconds = 60

    public init() {}

    /// Whether the public address is served over TLS (so HSTS must be sent).
    public var servedOverTLS: Bool { publicURL.lowercased().hasPrefix("https://") }
}
