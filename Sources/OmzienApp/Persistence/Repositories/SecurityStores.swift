import FluentKit
import Foundation
import Hummingbird
import OmzienCore
import SQLKit

/// Attempt counters in the database (one row per key, the key being the primary key), so every app
/// instance sees the same attempts.
///
/// Counting is one statement: an upsert that counts the attempt, starts the wait when the limit is reached
/// and answers with the new count, and that does nothing while a wait runs. The database serialises
/// writes to one row, so fifty requests at once cannot all read "4 failures" and all go ahead.
public struct LoginThrottleStore: Sendable {
    let sql: @Sendable () -> any SQLDatabase
    public init(databaseService: DatabaseService) { self.sql = { databaseService.sql } }

    /// What counting an attempt decided.
    enum Decision: Equatable {
        /// The attempt may be checked; `wait` is set when this attempt reached the limit.
        case allowed(count: Int, wait: Double?)
        /// A wait is running: the attempt is not checked at all.
        case waiting(seconds: Double)
    }

    /// Counts one attempt on `key` under `policy`, unless a wait is running.
    func count(_ key: String, policy: LoginThrottle, now: Double) async throws -> Decision {
        let table = "login_throttles"
        let expired: SQLQueryString = "(\(ident: table).first_failure_at IS NULL OR \(ident: table).first_failure_at <= \(bind: now - policy.windowSeconds))"
        let next: SQLQueryString = "(CASE WHEN \(expired) THEN 1 ELSE \(ident: table).failures + 1 END)"
        // The wait after the new count, written out step by step (the longest first).
        var wait: SQLQueryString = "CASE"
        for (step, seconds) in policy.waits.enumerated().reversed() {
            wait = wait + " WHEN \(next) >= \(bind: policy.limit + step) THEN \(bind: now + seconds)"
        }
        wait = wait + " ELSE NULL END"
        let firstWait: Double? = policy.limit == 1 ? now + policy.waits[0] : nil
        let rows = try await sql().raw("""
            INSERT INTO \(ident: table) (address, failures, first_failure_at, locked_until)
            VALUES (\(bind: key), 1, \(bind: now), \(bind: firstWait))
            ON CONFLICT (address) DO UPDATE SET
              failures = \(next),
              first_failure_at = CASE WHEN \(expired) THEN \(bind: now) ELSE \(ident: table).first_failure_at END,
              locked_until = \(wait)
            WHERE \(ident: table).locked_until IS NULL OR \(ident: table).locked_until <= \(bind: now)
            RETURNING failures
            """).all()
        if let row = rows.first {
            let count = try row.decode(column: "failures", as: Int.self)
            return .allowed(count: count, wait: policy.wait(afterAttempt: count))
        }
        let until: Double?? = try await sql().raw("SELECT locked_until FROM \(ident: table) WHERE address = \(bind: key)").first()?
            .decode(column: "locked_until", as: Double?.self)
        return .waiting(seconds: max(1, ((until ?? nil) ?? now) - now))
    }

    /// Forgets every attempt on `key` (a successful login on that e-mail address or account).
    func clear(_ key: String) async throws {
        try await sql().raw("DELETE FROM login_throttles WHERE address = \(bind: key)").run()
    }

    /// Takes back one counted attempt that turned out to be right, and the wait it may have started when
    /// it was the limit-th. Used for client addresses: a colleague's correct login does not count
    /// against the office's shared address, but it does not wipe a stranger's earlier failures either.
    func refund(_ key: String, policy: LoginThrottle) async throws {
        try await sql().raw("""
            UPDATE login_throttles SET
              locked_until = CASE WHEN failures - 1 < \(bind: policy.limit) THEN NULL ELSE locked_until END,
              failures = failures - 1
            WHERE address = \(bind: key) AND failures > 0
            """).run()
    }
}

/// Installation-wide secrets kept in the database so that all app instances share them.
public struct SettingsStore: Sendable {
    let db: @Sendable () -> any Database
    public init(databaseService: DatabaseService) { self.db = { databaseService.database } }

    /// Returns the named secret, creating a random one on first use. A concurrent first use by another
    /// instance is resolved by reading back whatever won the insert.
    func secret(named name: String) async throws -> String {
        if let existing = try await SettingModel.find(name, on: db()) { return existing.value }
        let model = SettingModel()
        model.id = name
        model.value = SecureRandom.token(bytes: 48)
        do {
            try await model.create(on: db())
            return model.value
        } catch {
            guard let winner = try await SettingModel.find(name, on: db()) else { throw error }
            return winner.value
        }
    }
}

/// A hummingbird `PersistDriver` on the Omzien database: sessions live in the database, so two app
/// instances behind one load balancer share them. Keys are stored hashed.
public struct DatabasePersistDriver: PersistDriver {
    let db: @Sendable () -> any Database
    public init(databaseService: DatabaseService) { self.db = { databaseService.database } }

    public func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        if try await live(key) != nil { throw PersistError.duplicate }
        try await write(key: key, value: value, expires: expires, keepExpiry: false)
    }

    public func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        try await write(key: key, value: value, expires: expires, keepExpiry: expires == nil)
    }

    public func get<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> Object? {
        guard let model = try await live(key) else { return nil }
        return try? JSONDecoder().decode(Object.self, from: Data(model.value.utf8))
    }

    public func getWithTTL<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> (object: Object, ttl: Duration?)? {
        guard let model = try await live(key), let object = try? JSONDecoder().decode(Object.self, from: Data(model.value.utf8)) else {
            return nil
        }
        let ttl = model.expiresAt.map { Duration.seconds(max(0, Int64($0.timeIntervalSinceNow))) }
        return (object, ttl)
    }

    public func remove(key: String) async throws {
        try await PersistedValueModel.query(on: db()).filter(\.$id == SecureRandom.sha256(key)).delete()
    }

    /// Deletes expired rows; called now and then so the table does not grow without bound.
    public func removeExpired(now: Date = Date()) async throws {
        try await PersistedValueModel.query(on: db()).filter(\.$expiresAt < now).delete()
    }

    private func live(_ key: String) async throws -> PersistedValueModel? {
        guard let model = try await PersistedValueModel.find(SecureRandom.sha256(key), on: db()) else { return nil }
        if let expiry = model.expiresAt, expiry <= Date() { return nil }
        return model
    }

    private func write<Object: Encodable>(key: String, value: Object, expires: Duration?, keepExpiry: Bool) async throws {
        let hash = SecureRandom.sha256(key)
        let json = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        let model = try await PersistedValueModel.find(hash, on: db()) ?? {
            let fresh = PersistedValueModel()
            fresh.id = hash
            return fresh
        }()
        model.value = json
        if !keepExpiry {
            model.expiresAt = expires.map { Date().addingTimeInterval(TimeInterval($0.components.seconds)) }
        }
        try await model.save(on: db())
    }
}
