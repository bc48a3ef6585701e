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
        /// The protected views per period, made on first use and kept as long as these facts.
        let views = PublishedViewsMemo()

        /// The views of `period` as they may be published (all of a period's views are protected together).
        public func published(_ period: EvaluationPeriod, asOf: CivilDate, rule: SuppressionRule) -> PublishedViews {
            views.views(period, asOf: asOf, rule: rule) { PublishedViews(facts: facts, period: period, asOf: asOf, rule: rule) }
        }
    }

    let load: @Sendable (UUID) async throws -> EvaluationFacts
    let version: @Sendable () async throws -> Int
    let refreshSeconds: Int
    let clock: AppClock
    /// The rule the dashboard protects with; this year and last year are protected with it as soon as the facts are in.
    let rule: SuppressionRule
    private var entries: [UUID: Entry] = [:]
    private var loading: [UUID: Task<Entry, any Error>] = [:]

    public init(refreshSeconds: Int, clock: AppClock, rule: SuppressionRule = SuppressionRule(),
                version: @escaping @Sendable () async throws -> Int,
                load: @escaping @Sendable (UUID) async throws -> EvaluationFacts) {
        self.refreshSeconds = refreshSeconds
        self.clock = clock
        self.rule = rule
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
        let task = Task { [load, clock, rule] () throws -> Entry in
            // The version is read before loading: a write during the load makes the next request load again.
            let entry = Entry(facts: try await load(municipalityID), version: version, loadedAt: clock.now())
            // The dashboard's default view and the yearly report's two years, ready before anyone asks.
            let today = clock.today
            for year in [today.year, today.year - 1] { _ = entry.published(.year(year), asOf: today, rule: rule) }
            return entry
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

/// The last few periods' protected views. Protecting a period counts every one-filter view once (tens of
/// milliseconds); afterwards each view of that period is read from here.
final class PublishedViewsMemo: @unchecked Sendable {
    struct Key: Hashable {
        let period: EvaluationPeriod
        let asOf: CivilDate
        let rule: SuppressionRule
    }

    private let lock = NSLock()
    private var views: [Key: PublishedViews] = [:]
    private var order: [Key] = []
    static let capacity = 16

    func views(_ period: EvaluationPeriod, asOf: CivilDate, rule: SuppressionRule, make: () -> PublishedViews) -> PublishedViews {
        let key = Key(period: period, asOf: min(asOf, period.through), rule: rule)
        if let known = lock.withLock({ views[key] }) { return known }
        // Made outside the lock: two requests for a new period may both make it, and get the same result.
        let made = make()
        lock.withLock {
            if views[key] == nil {
                views[key] = made
                order.append(key)
                if order.count > Self.capacity { views[order.removeFirst()] = nil }
            }
        }
        return made
    }
}
