/// A sliding-window limit: at most `limit` events per `window` seconds for one key (such as an IP
/// address). Pure state; the caller keeps one `Window` per key and supplies the time.
public struct RateLimit: Sendable {
    public let limit: Int
    public let window: Double

    public init(limit: Int, window: Double) {
        self.limit = limit
        self.window = window
    }

    public struct Window: Sendable, Equatable {
        /// Times of the accepted events still inside the window, oldest first.
        public var times: [Double] = []
        public init() {}
    }

    /// Accepts the event at `now` if there is room, recording it; returns whether it was accepted.
    public func accept(_ state: inout Window, now: Double) -> Bool {
        state.times.removeAll { now - $0 >= window }
        guard state.times.count < limit else { return false }
        state.times.append(now)
        return true
    }
}
