import Foundation

/// How long a municipality keeps what (privacy issue, "Retention and anonymisation").
public struct RetentionSettings: Sendable, Equatable {
    /// Signals that never led to contact.
    public var uncontactedMonths = 6
    /// Declined signals, after the last follow-up.
    public var declinedMonths = 12
    /// Closed trajectories, after closing; then anonymised with the statistics kept.
    public var closedTrajectoryMonths = 24

    public init() {}
    public static let allowed = 1...120
}

/// What one retention rule would remove or has removed: a count, never the contents.
public struct RetentionCount: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case uncontacted, declined, closedTrajectories = "closed_trajectories" }
    public let kind: Kind
    public let count: Int
}

public struct RetentionLogEntry: Sendable, Equatable {
    public let ranAt: Date
    public let kind: RetentionCount.Kind
    public let count: Int
    public let dryRun: Bool
    public let by: String
}
