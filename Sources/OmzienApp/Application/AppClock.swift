import Foundation
import OmzienCore

/// The time source of the app, injectable so tests can move the date (follow-ups, deadlines).
public struct AppClock: Sendable {
    public var now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) { self.now = now }

    /// Today's date in the Netherlands.
    public var today: CivilDate { Self.civilDate(now()) }

    static func civilDate(_ date: Date) -> CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}

/// A clock tests can set and move.
public final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    public init(_ start: Date) { current = start }

    public var clock: AppClock { AppClock { [self] in lock.withLock { current } } }

    public func advance(days: Int) { lock.withLock { current = current.addingTimeInterval(Double(days) * 86_400) } }
    public func set(_ date: Date) { lock.withLock { current = date } }
}

/// Per-address limits kept in memory (per app instance): public forms are cheap to abuse.
public actor RateLimiter {
    private let limit: RateLimit
    private var windows: [String: RateLimit.Window] = [:]

    public init(limit: RateLimit) { self.limit = limit }

    /// Whether `key` may do one more thing at `now`.
    public func allow(_ key: String, now: Date) -> Bool {
        var window = windows[key] ?? RateLimit.Window()
        let accepted = limit.accept(&window, now: now.timeIntervalSince1970)
        windows[key] = window
        if windows.count > 10_000 { windows = windows.filter { !$0.value.times.isEmpty } }
        return accepted
    }
}
