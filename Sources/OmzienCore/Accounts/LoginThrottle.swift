/// Throttling of failed logins, keyed by the e-mail address typed (whether or not such an account exists,
/// so the answer never reveals which addresses are registered).
///
/// Pure state transitions; the web layer stores ``LoginThrottle/State`` in the database so that all
/// app instances count the same attempts.
public struct LoginThrottle: Sendable {
    /// How many failures in a row lock the address.
    public var maxFailures: Int
    /// How long a lock lasts, in seconds.
    public var lockSeconds: Double
    /// Failures older than this (seconds) no longer count towards a lock.
    public var windowSeconds: Double

    public init(maxFailures: Int = 5, lockSeconds: Double = 15 * 60, windowSeconds: Double = 15 * 60) {
        self.maxFailures = maxFailures
        self.lockSeconds = lockSeconds
        self.windowSeconds = windowSeconds
    }

    /// What is remembered about one address. Times are seconds since 1970.
    public struct State: Sendable, Equatable {
        public var failures: Int
        public var firstFailureAt: Double?
        public var lockedUntil: Double?

        public init(failures: Int = 0, firstFailureAt: Double? = nil, lockedUntil: Double? = nil) {
            self.failures = failures
            self.firstFailureAt = firstFailureAt
            self.lockedUntil = lockedUntil
        }
    }

    /// Seconds left on a lock at `now`, or nil when a login may be tried.
    public func remainingLock(_ state: State, now: Double) -> Double? {
        guard let until = state.lockedUntil, until > now else { return nil }
        return until - now
    }

    /// The state after a failed attempt at `now`.
    public func recordFailure(_ state: State, now: Double) -> State {
        var next = state
        let windowExpired = state.firstFailureAt.map { now - $0 > windowSeconds } ?? true
        let lockExpired = state.lockedUntil.map { $0 <= now } ?? false
        if windowExpired || lockExpired {
            next = State(failures: 0, firstFailureAt: now, lockedUntil: nil)
        }
        next.failures += 1
        if next.failures >= maxFailures {
            next.lockedUntil = now + lockSeconds
        }
        return next
    }

    /// A successful login forgets earlier failures.
    public func recordSuccess() -> State { State() }
}
