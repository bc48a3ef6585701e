import FluentKit
import Foundation
import Hummingbird
import OmzienCore

/// Failed-login counters in the database, so every app instance sees the same attempts.
public struct LoginThrottleStore: Sendable {
    let db: @Sendable () -> any Database
    public init(databaseService: DatabaseService) { self.db = { databaseService.database } }

    func state(for address: String) async throws -> LoginThrottle.State {
        guard let model = try await LoginThrottleModel.find(address, on: db()) else { return .init() }
        return .init(failures: model.failures, firstFailureAt: model.firstFailureAt, lockedUntil: model.lockedUntil)
    }

    func save(_ state: LoginThrottle.State, for address: String) async throws {
        let model = try await LoginThrottleModel.find(address, on: db()) ?? {
            let fresh = LoginThrottleModel()
            fresh.id = address
            return fresh
        }()
        model.failures = state.failures
        model.firstFailureAt = state.firstFailureAt
        model.lockedUntil = state.lockedUntil
        try await model.save(on: db())
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
