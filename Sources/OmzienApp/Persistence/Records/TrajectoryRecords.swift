import Foundation
import OmzienCore

/// A trajectory as stored: the casework with one person.
public struct Trajectory: Sendable, Equatable {
    public var id: UUID
    public var municipalityID: UUID
    public var personID: UUID
    public var teamID: UUID?
    public var professionalID: UUID?
    public var signalID: UUID?
    public var phase: Phase
    public var isOpen: Bool
    public var startedOn: CivilDate
    public var nextActionOn: CivilDate?
    public var assessment: Assessment
    public var closedOn: CivilDate?
    public var closeReason: CloseReason?
    public var closeNote: String?

    public var scope: RecordScope { RecordScope(municipalityID: municipalityID.uuidString, teamID: teamID?.uuidString) }
}

public struct Measurement: Sendable, Equatable {
    public var id: UUID
    public var onDate: CivilDate
    public var answers: [Int: DJGAnswer?]
    public var score: DJGScore
}

public struct Goal: Sendable, Equatable {
    public var id: UUID
    public var description: String
    public var resource: GoalResource
    public var dueOn: CivilDate?
    public var status: GoalStatus
    public var agreed: Bool
}

public struct CaseContact: Sendable, Equatable {
    public var onDate: CivilDate
    public var kind: CaseContactKind
    public var minutes: Int
    public var note: String
}

public struct Reminder: Sendable, Equatable {
    public var id: UUID
    public var onDate: CivilDate
    public var note: String
    public var done: Bool
}

public struct TimelineEvent: Sendable, Equatable {
    public var onDate: CivilDate
    public var kind: String
    public var text: String
    public var byUser: UUID
}

/// Whether a trajectory is running, as stored in `trajectories.status`.
public enum TrajectoryStatus: String, Sendable, CaseIterable {
    case open
    case closed
}
