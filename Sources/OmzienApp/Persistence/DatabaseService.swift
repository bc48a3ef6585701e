import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import SQLKit
import Synchronization

/// Owns the Fluent `Databases`, runs migrations and closes the connections on shutdown.
///
/// It is a `Service`, so ServiceLifecycle shuts it down after the HTTP server has drained.
public final class DatabaseService: Service, Sendable {
    let databases: Databases
    let logger: Logger
    /// SQLite gets its own single-threaded event loop group: one connection, no "database is locked".
    private let ownedEventLoopGroup: MultiThreadedEventLoopGroup?
    private let isShutDown = Mutex(false)

    /// Opens (and for SQLite files creates) the database described by `location`.
    public init(location: DatabaseLocation, logger: Logger) throws {
        self.logger = logger
        switch location {
        case .sqliteFile(let path):
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            ownedEventLoopGroup = group
            databases = Databases(threadPool: NIOThreadPool.singleton, on: group)
            databases.use(.sqlite(.file(path), sqlLogLevel: .trace), as: .sqlite)
        case .sqliteMemory:
            let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            ownedEventLoopGroup = group
            databases = Databases(threadPool: NIOThreadPool.singleton, on: group)
            databases.use(.sqlite(.memory, sqlLogLevel: .trace), as: .sqlite)
        case .postgres(let url, let searchPath):
            var configuration = try SQLPostgresConfiguration(url: url)
            configuration.searchPath = searchPath
            ownedEventLoopGroup = nil
            databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
            databases.use(.postgres(configuration: configuration, maxConnectionsPerEventLoop: 4, sqlLogLevel: .trace), as: .psql)
        }
    }

    /// A database handle for one unit of work.
    public var database: any Database {
        databases.database(logger: logger, on: databases.eventLoopGroup.any())!
    }

    /// The same database through SQLKit, for aggregate queries.
    var sql: any SQLDatabase { database as! any SQLDatabase }

    /// Creates the migration table if needed and applies every pending migration.
    public func migrate() async throws {
        let migrations = Migrations()
        migrations.add(OmzienMigrations.all)
        let migrator = Migrator(databases: databases, migrations: migrations, logger: logger, on: databases.eventLoopGroup.any())
        try await migrator.setupIfNeeded().get()
        try await migrator.prepareBatch().get()
    }

    /// Whether the database answers a trivial query; used by the readiness probe.
    public func isReachable() async -> Bool {
        do {
            _ = try await sql.raw("SELECT 1 AS ok").all()
            return true
        } catch {
            logger.warning("Database not reachable", metadata: ["error": "\(String(reflecting: error))"])
            return false
        }
    }

    public func run() async throws {
        try? await gracefulShutdown()
        try await shutdown()
    }

    /// Closes every connection; safe to call more than once.
    public func shutdown() async throws {
        let alreadyDone = isShutDown.withLock { done in
            defer { done = true }
            return done
        }
        guard !alreadyDone else { return }
        await databases.shutdownAsync()
        try await ownedEventLoopGroup?.shutdownGracefully()
    }
}
