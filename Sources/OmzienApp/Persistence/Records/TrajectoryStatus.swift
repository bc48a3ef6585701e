/// Whether a trajectory is running, as stored in `trajectories.status`.
public enum TrajectoryStatus: String, Sendable, CaseIterable {
    case open
    case closed
}
