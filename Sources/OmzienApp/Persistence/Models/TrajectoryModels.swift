import FluentKit
import Foundation

/// A trajectory: the casework with one person, through the seven phases.
final class TrajectoryModel: Model, @unchecked Sendable {
    static let schema = "trajectories"
    @ID var id: UUID?
    @Parent(key: "municipality_id") var municipality: MunicipalityModel
    @Parent(key: "person_id") var person: PersonModel
    @OptionalParent(key: "team_id") var team: TeamModel?
    @OptionalField(key: "professional_id") var professionalID: UUID?
    @OptionalField(key: "signal_id") var signalID: UUID?
    @Field(key: "phase") var phase: Int
    @Field(key: "status") var status: String
    @Field(key: "started_on") var startedOn: String
    @OptionalField(key: "next_action_on") var nextActionOn: String?
    /// The assessment of the listening phase and the notes of the other phases, as JSON.
    @Field(key: "assessment") var assessment: String
    @OptionalField(key: "closed_on") var closedOn: String?
    @OptionalField(key: "close_reason") var closeReason: String?
    @OptionalField(key: "close_note") var closeNote: String?
    /// Copies of the assessment's profile and forms (",social,emotional,"), so the evaluation can group in SQL.
    @OptionalField(key: "profile") var profile: String?
    @OptionalField(key: "forms") var forms: String?
    init() {}
}

/// One thing that happened in a trajectory, for the timeline.
final class TrajectoryEventModel: Model, @unchecked Sendable {
    static let schema = "trajectory_events"
    @ID var id: UUID?
    @Parent(key: "trajectory_id") var trajectory: TrajectoryModel
    @Field(key: "on_date") var onDate: String
    @Field(key: "kind") var kind: String
    @Field(key: "text") var text: String
    @Field(key: "by_user") var byUser: UUID
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

/// A DJG measurement, the answers kept with the scores.
final class MeasurementModel: Model, @unchecked Sendable {
    static let schema = "measurements"
    @ID var id: UUID?
    @Parent(key: "trajectory_id") var trajectory: TrajectoryModel
    @Field(key: "on_date") var onDate: String
    @Field(key: "version") var version: String
    /// "q3=ja,q4=nee,…" with empty values for missing answers.
    @Field(key: "answers") var answers: String
    @OptionalField(key: "total") var total: Int?
    @OptionalField(key: "emotional") var emotional: Int?
    @OptionalField(key: "social") var social: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

final class NetworkMemberModel: Model, @unchecked Sendable {
    static let schema = "network_members"
    @ID var id: UUID?
    @Parent(key: "trajectory_id") var trajectory: TrajectoryModel
    @Field(key: "name") var name: String
    @Field(key: "relation") var relation: String
    @Field(key: "circle") var circle: Int
    @Field(key: "frequency") var frequency: String
    @Field(key: "support") var support: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

final class GoalModel: Model, @unchecked Sendable {
    static let schema = "goals"
    @ID var id: UUID?
    @Parent(key: "trajectory_id") var trajectory: TrajectoryModel
    @Field(key: "description") var description: String
    @Field(key: "resource") var resource: String
    @OptionalField(key: "due_on") var dueOn: String?
    @Field(key: "status") var status: String
    @Field(key: "agreed") var agreed: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

final class CaseContactModel: Model, @unchecked Sendable {
    static let schema = "case_contacts"
    @ID var id: UUID?
    @Parent(key: "trajectory_id") var trajectory: TrajectoryModel
    @Field(key: "on_date") var onDate: String
    @Field(key: "kind") var kind: String
    @Field(key: "minutes") var minutes: Int
    @Field(key: "note") var note: String
    @Field(key: "by_user") var byUser: UUID
    init() {}
}

final class ReminderModel: Model, @unchecked Sendable {
    static let schema = "reminders"
    @ID var id: UUID?
    @Parent(key: "trajectory_id") var trajectory: TrajectoryModel
    @Field(key: "on_date") var onDate: String
    @Field(key: "note") var note: String
    @Field(key: "done") var done: Bool
    init() {}
}
