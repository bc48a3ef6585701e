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

struct CreateTrajectorySchema: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(TrajectoryModel.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(MunicipalityModel.schema, "id"))
            .field("person_id", .uuid, .required, .references(PersonModel.schema, "id"))
            .field("team_id", .uuid, .references(TeamModel.schema, "id", onDelete: .setNull))
            .field("professional_id", .uuid)
            .field("signal_id", .uuid)
            .field("phase", .int, .required)
            .field("status", .string, .required)
            .field("started_on", .string, .required)
            .field("next_action_on", .string)
            .field("assessment", .string, .required)
            .field("closed_on", .string)
            .field("close_reason", .string)
            .field("close_note", .string)
            .create()
        try await database.schema(TrajectoryEventModel.schema)
            .id()
            .field("trajectory_id", .uuid, .required, .references(TrajectoryModel.schema, "id", onDelete: .cascade))
            .field("on_date", .string, .required)
            .field("kind", .string, .required)
            .field("text", .string, .required)
            .field("by_user", .uuid, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema(MeasurementModel.schema)
            .id()
            .field("trajectory_id", .uuid, .required, .references(TrajectoryModel.schema, "id", onDelete: .cascade))
            .field("on_date", .string, .required)
            .field("version", .string, .required)
            .field("answers", .string, .required)
            .field("total", .int)
            .field("emotional", .int)
            .field("social", .int)
            .field("created_at", .datetime)
            .create()
        try await database.schema(NetworkMemberModel.schema)
            .id()
            .field("trajectory_id", .uuid, .required, .references(TrajectoryModel.schema, "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("relation", .string, .required)
            .field("circle", .int, .required)
            .field("frequency", .string, .required)
            .field("support", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema(GoalModel.schema)
            .id()
            .field("trajectory_id", .uuid, .required, .references(TrajectoryModel.schema, "id", onDelete: .cascade))
            .field("description", .string, .required)
            .field("resource", .string, .required)
            .field("due_on", .string)
            .field("status", .string, .required)
            .field("agreed", .bool, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema(CaseContactModel.schema)
            .id()
            .field("trajectory_id", .uuid, .required, .references(TrajectoryModel.schema, "id", onDelete: .cascade))
            .field("on_date", .string, .required)
            .field("kind", .string, .required)
            .field("minutes", .int, .required)
            .field("note", .string, .required)
            .field("by_user", .uuid, .required)
            .create()
        try await database.schema(ReminderModel.schema)
            .id()
            .field("trajectory_id", .uuid, .required, .references(TrajectoryModel.schema, "id", onDelete: .cascade))
            .field("on_date", .string, .required)
            .field("note", .string, .required)
            .field("done", .bool, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [ReminderModel.schema, CaseContactModel.schema, GoalModel.schema, NetworkMemberModel.schema,
                       MeasurementModel.schema, TrajectoryEventModel.schema, TrajectoryModel.schema] {
            try await database.schema(schema).delete()
        }
    }
}
