import FluentKit
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import OmzienCore
import SQLKit
@testable import OmzienApp

/// A fully built Omzien on a fresh database with the demo data.
///
/// By default the database is SQLite in memory. When `DATABASE_URL` points at PostgreSQL (as in CI's
/// second run), every test gets its own schema on that server, so tests stay independent and parallel.
/// A test database that could not be prepared, with what the server said.
struct TestDatabaseError: Error, CustomStringConvertible {
    let detail: String
    var description: String { "could not prepare the test schema: \(detail)" }
}

struct TestApp: @unchecked Sendable {
    let services: AppServices
    let router: Router<AppRequestContext>
    private let cleanup: @Sendable () async throws -> Void

    /// Closes the database of an app used without `run` (tests that need two installations at once).
    func close() async throws { try await cleanup() }

    /// The database location for one test, and how to remove it afterwards.
    static func freshDatabase(sqliteFile: String? = nil) async throws -> (DatabaseLocation, @Sendable () async throws -> Void) {
        if let url = ProcessInfo.processInfo.environment["DATABASE_URL"], url.hasPrefix("postgres") {
            let schema = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
            let admin = try DatabaseService(location: .postgres(url: url), logger: quietLogger)
            do {
                try await admin.sql.raw("CREATE SCHEMA \(unsafeRaw: schema)").run()
            } catch {
                // PostgreSQL's errors print a generic text; the reflection says what the server answered.
                try? await admin.shutdown()
                throw TestDatabaseError(detail: String(reflecting: error))
            }
            try await admin.shutdown()
            return (.postgres(url: url, searchPath: [schema]), {
                let admin = try DatabaseService(location: .postgres(url: url), logger: quietLogger)
                try await admin.sql.raw("DROP SCHEMA \(unsafeRaw: schema) CASCADE").run()
                try await admin.shutdown()
            })
        }
        if let sqliteFile { return (.sqliteFile(path: sqliteFile), { try? FileManager.default.removeItem(atPath: sqliteFile) }) }
        return (.sqliteMemory, {})
    }

    static var quietLogger: Logger {
        var logger = Logger(label: "omzien-test")
        logger.logLevel = .critical
        return logger
    }

    static func configuration(_ location: DatabaseLocation) -> AppConfiguration {
        var configuration = AppConfiguration()
        configuration.database = location
        configuration.bcryptCost = 4
        configuration.logLevel = .critical
        configuration.secureCookies = false
        // Tests write and then look at the evaluation: it must never show figures from before the write.
        configuration.evaluationRefreshSeconds = 0
        return configuration
    }

    /// Builds the app on a fresh database with the demo municipalities and users (by default without the
    /// example cases; `seed` can write more).
    static func make(
        configure: (inout AppConfiguration) -> Void = { _ in }, clock: AppClock = AppClock(),
        seed: (AppServices) async throws -> Void = { try await DemoData.seed(into: $0, withSignals: false) }
    ) async throws -> TestApp {
        let (location, drop) = try await freshDatabase()
        var configuration = configuration(location)
        configure(&configuration)
        let services = try await AppServices.make(configuration: configuration, logger: quietLogger, clock: clock)
        try await seed(services)
        return TestApp(services: services, router: OmzienApplication.router(services: services), cleanup: {
            try await services.database.shutdown()
            try await drop()
        })
    }

    /// A second app instance on the same database (as a second server process would be).
    func secondInstance() async throws -> TestApp {
        var configuration = services.configuration
        configuration.migrateOnStart = false
        let other = try await AppServices.make(configuration: configuration, logger: Self.quietLogger)
        return TestApp(services: other, router: OmzienApplication.router(services: other), cleanup: { try await other.database.shutdown() })
    }

    /// Runs `body` with an in-process HTTP client, then closes the database.
    func run<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        do {
            let result = try await Application(router: router, logger: Self.quietLogger).test(.router, body)
            try await cleanup()
            return result
        } catch {
            try? await cleanup()
            throw error
        }
    }

    /// Convenience: a test app with a ready browser.
    static func withBrowser(
        configure: (inout AppConfiguration) -> Void = { _ in },
        clock: AppClock = AppClock(),
        _ body: @Sendable (TestApp, Browser) async throws -> Void
    ) async throws {
        let app = try await make(configure: configure, clock: clock)
        try await app.run { client in try await body(app, Browser(client)) }
    }

    func municipality(_ code: String) async throws -> Municipality {
        try #require(try await services.organisations.municipality(code: code))
    }

    /// A user with the demo password in any municipality (the demo has only an admin in Beekdal).
    @discardableResult
    func addUser(_ email: String, role: Role, municipality code: String) async throws -> UserAccount {
        let user = try await services.users.save(
            UserDraft(email: email, name: "Test \(role.rawValue)", role: role), municipalityID: try await municipality(code).id)
        try await services.users.setPasswordHash(try await services.login.hash(DemoData.password), userID: user.id)
        return user
    }

    func user(_ email: String) async throws -> UserAccount {
        try #require(try await services.users.user(email: email))
    }
}

import Testing
