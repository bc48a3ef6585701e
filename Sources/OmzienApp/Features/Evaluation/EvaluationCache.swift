import Foundation
import OmzienCore

/// Keeps each municipality's evaluation facts in memory and reloads them when the data changed.
///
/// Loading the facts of a large municipality takes seconds; counting a filter over them takes
/// milliseconds. So after a change the cache keeps serving the facts it has (shown on the page as
/// "figures of HH:MM") and reloads them in the background, at most once every `refreshSeconds`.
/// With `refreshSeconds == 0` every change is loaded before answering (tests, small installations).
public actor EvaluationCache {
    public struct Entry: Sendable {
        public let facts: EvaluationFacts
        public let version: Int
        public let loadedAt: Date
    }

    let load: @Sendable (UUID) async throws -> EvaluationFacts
    let version: @Sendable () async throws -> Int
    let refreshSeconds: Int
    let clock: AppClock
    private var entries: [UUID: Entry] = [:]
    private var loading: [UUID: Task<Entry, any Error>] = [:]

    public init(refreshSeconds: Int, clock: AppClock, version: @escaping @Sendable () async throws -> Int,
                load: @escaping @Sendable (UUID) async throws -> EvaluationFacts) {
        self.refreshSeconds = refreshSeconds
        self.clock = clock
        self.version = version
        self.load = load
    }

    /// The facts of a municipality: current, or (while a reload runs) at most `refreshSeconds` old.
    public func facts(municipalityID: UUID) async throws -> Entry {
        let current = try await version()
        if let entry = entries[municipalityID] {
            if entry.version == current { return entry }
            // Stale: one reload in the background, at most every `refreshSeconds`, while the current figures are shown.
            if refreshSeconds > 0 {
                if clock.now().timeIntervalSince(entry.loadedAt) >= Double(refreshSeconds) { startReload(municipalityID, version: current) }
                return entry
            }
        }
        return try await reload(municipalityID, version: current).value
    }

    /// Starts a reload unless one is running; a failed background reload is tried again on the next request.
    private func startReload(_ municipalityID: UUID, version: Int) {
        guard loading[municipalityID] == nil else { return }
        _ = reload(municipalityID, version: version)
    }

    private func reload(_ municipalityID: UUID, version: Int) -> Task<Entry, any Error> {
        if let running = loading[municipalityID] { return running }
        let task = Task { [load, clock] () throws -> Entry in
            // The version is read before loading: a write during the load makes the next request load again.
            Entry(facts: try await load(municipalityID), version: version, loadedAt: clock.now())
        }
        loading[municipalityID] = task
        Task { await self.finish(municipalityID, task) }
        return task
    }

    private func finish(_ municipalityID: UUID, _ task: Task<Entry, any Error>) async {
        if let entry = try? await task.value { entries[municipalityID] = entry }
        loading[municipalityID] = nil
    }
}
