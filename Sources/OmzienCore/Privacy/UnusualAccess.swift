import Foundation

/// Finds access to personal records that deserves a second look (privacy issue): one user viewing many
/// different records in a short time, and attempts to open records outside the user's team.
public enum UnusualAccess {
    /// One read of a personal record, as the audit trail has it.
    public struct Read: Sendable, Equatable {
        public let userID: String
        public let recordID: String
        public let at: Date
        public init(userID: String, recordID: String, at: Date) {
            self.userID = userID
            self.recordID = recordID
            self.at = at
        }
    }

    /// A burst: `records` different records read by one user between `from` and `until`.
    public struct Burst: Sendable, Equatable {
        public let userID: String
        public let records: Int
        public let from: Date
        public let until: Date
    }

    /// For each user, the busiest window of `window` seconds in which they read at least `threshold`
    /// different records (reading the same record again does not count twice). Sorted by size.
    public static func bursts(_ reads: [Read], window: TimeInterval, threshold: Int) -> [Burst] {
        var result: [Burst] = []
        for (user, own) in Dictionary(grouping: reads, by: \.userID) {
            let sorted = own.sorted { $0.at < $1.at }
            var best: Burst?
            var start = 0
            var counts: [String: Int] = [:]
            for end in sorted.indices {
                counts[sorted[end].recordID, default: 0] += 1
                // Slide the start until the window fits again.
                while sorted[end].at.timeIntervalSince(sorted[start].at) > window {
                    let record = sorted[start].recordID
                    counts[record]! -= 1
                    if counts[record] == 0 { counts[record] = nil }
                    start += 1
                }
                if counts.count >= threshold, counts.count > (best?.records ?? 0) {
                    best = Burst(userID: user, records: counts.count, from: sorted[start].at, until: sorted[end].at)
                }
            }
            if let best { result.append(best) }
        }
        return result.sorted { ($0.records, $1.userID) > ($1.records, $0.userID) }
    }
}
