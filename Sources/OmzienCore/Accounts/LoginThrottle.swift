/// How failed attempts on one key (a typed e-mail address, a client address, an account's second factor)
/// are limited.
///
/// An attempt is counted *before* it is checked (the store increments and answers in one statement), so
/// however many requests arrive at once, no more than ``limit`` of them are evaluated before the first wait
/// starts. Reaching the limit starts a wait of ``waits``[0]; every further counted attempt within the window
/// moves one step along ``waits`` (the last step repeats). A policy whose only step equals the window is a
/// hard lock; a short first step that grows is a delay, which a stranger can impose on someone else's
/// e-mail address only for as long as the steps allow.
public struct LoginThrottle: Sendable, Equatable {
    /// Attempts counted in a window before the first wait.
    public var limit: Int
    /// Attempts older than this (seconds, counted from the first in the window) no longer count.
    public var windowSeconds: Double
    /// Seconds to wait after the limit-th attempt, the next one, and so on; the last value repeats.
    public var waits: [Double]

    public init(limit: Int, windowSeconds: Double, waits: [Double]) {
        precondition(limit >= 1 && !waits.isEmpty, "a throttle needs a limit and at least one wait")
        self.limit = limit
        self.windowSeconds = windowSeconds
        self.waits = waits
    }

    /// A hard lock: `limit` attempts, then no attempt at all for `lockSeconds`.
    public static func lock(after limit: Int, seconds lockSeconds: Double = 15 * 60) -> LoginThrottle {
        LoginThrottle(limit: limit, windowSeconds: lockSeconds, waits: [lockSeconds])
    }

    /// A growing delay: `limit` attempts, then waits that double from `firstWait` up to `longestWait`.
    public static func delay(after limit: Int, firstWait: Double = 30, longestWait: Double = 15 * 60,
                             windowSeconds: Double = 60 * 60) -> LoginThrottle {
        var waits = [firstWait]
        while let last = waits.last, last < longestWait { waits.append(min(longestWait, last * 2)) }
        return LoginThrottle(limit: limit, windowSeconds: windowSeconds, waits: waits)
    }

    /// The wait (seconds) that starts once the `count`-th attempt of a window has been counted; nil below the limit.
    public func wait(afterAttempt count: Int) -> Double? {
        guard count >= limit else { return nil }
        return waits[min(count - limit, waits.count - 1)]
    }

    /// Minutes to tell a person, rounded up (at least one).
    public static func minutes(_ seconds: Double) -> Int { max(1, Int((seconds / 60).rounded(.up))) }
}
