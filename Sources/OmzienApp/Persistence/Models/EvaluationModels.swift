import FluentKit
import Foundation
import OmzienCore
import SQLKit

/// A yearly evaluation report: the analysts' commentary while it is a draft, and once finalised the
/// figures exactly as they were (so later corrections in the casework do not change a published report).
final class EvaluationReportModel: Model, @unchecked Sendable {
    static let schema = "evaluation_reports"
    @ID var id: UUID?
    @Parent(key: "municipality_id") var municipality: MunicipalityModel
    @Field(key: "year") var year: Int
    /// Section → commentary, as JSON.
    @Field(key: "commentary") var commentary: String
    @Field(key: "status") var status: String
    /// The report's contents at finalisation (JSON of `EvaluationReportContent`); nil while a draft.
    @OptionalField(key: "snapshot") var snapshot: String?
    @OptionalField(key: "finalised_at") var finalisedAt: Date?
    @OptionalField(key: "finalised_by") var finalisedBy: UUID?
    @Field(key: "updated_by") var updatedBy: UUID
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}
}

extension TrajectoryModel {
    /// Keeps the columns the evaluation groups by in step with the assessment.
    func setEvaluationCopies(_ assessment: Assessment) {
        profile = assessment.profile?.rawValue
        forms = assessment.forms.isEmpty ? nil : "," + assessment.forms.map(\.rawValue).sorted().joined(separator: ",") + ","
    }
}

/// What the evaluation dashboard needs from the casework tables: a few derived columns, kept on write,
/// and the indexes its aggregate queries use (issue: under 300 ms at 100,000 signals).
struct AddEvaluationSupport: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SignalModel.schema).field("received_on", .string).update()
        try await database.schema(ContactAttemptModel.schema).field("follow_up_on", .string).update()
        try await database.schema(TrajectoryModel.schema).field("profile", .string).update()
        try await database.schema(TrajectoryModel.schema).field("forms", .string).update()
        try await database.schema(EvaluationReportModel.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(MunicipalityModel.schema, "id"))
            .field("year", .int, .required)
            .field("commentary", .string, .required)
            .field("status", .string, .required)
            .field("snapshot", .string)
            .field("finalised_at", .datetime)
            .field("finalised_by", .uuid)
            .field("updated_by", .uuid, .required)
            .field("updated_at", .datetime)
            .unique(on: "municipality_id", "year")
            .create()
        try await backfill(on: database)
        let sql = database as! any SQLDatabase
        let indexes: [(String, String, [String])] = [
            ("signals_evaluation", SignalModel.schema, ["municipality_id", "received_on"]),
            ("signals_person", SignalModel.schema, ["person_id"]),
            ("contact_attempts_signal", ContactAttemptModel.schema, ["signal_id"]),
            ("trajectories_started", TrajectoryModel.schema, ["municipality_id", "started_on"]),
            ("trajectories_closed", TrajectoryModel.schema, ["municipality_id", "closed_on"]),
            ("trajectories_signal", TrajectoryModel.schema, ["signal_id"]),
            ("measurements_trajectory", MeasurementModel.schema, ["trajectory_id"]),
            ("goals_trajectory", GoalModel.schema, ["trajectory_id"]),
            ("case_contacts_trajectory", CaseContactModel.schema, ["trajectory_id"]),
            ("trajectory_events_trajectory", TrajectoryEventModel.schema, ["trajectory_id"]),
            ("referrals_sent", ReferralModel.schema, ["municipality_id", "sent_on"]),
            ("couplings_municipality", CouplingModel.schema, ["municipality_id"]),
            ("coupling_requests_municipality", CouplingRequestModel.schema, ["municipality_id", "status"]),
        ]
        for (name, table, columns) in indexes {
            var index = sql.create(index: name).on(table)
            for column in columns { index = index.column(column) }
            try await index.run()
        }
    }

    /// Fills the new columns for rows written before this migration.
    func backfill(on database: any Database) async throws {
        for signal in try await SignalModel.query(on: database).all() {
            signal.receivedOn = AppClock.civilDate(signal.receivedAt).description
            try await signal.update(on: database)
        }
        for attempt in try await ContactAttemptModel.query(on: database).filter(\.$outcome == ContactOutcome.declined.rawValue).with(\.$signal).all() {
            // The signal's date is right while the refusal is the latest word; otherwise the default three months.
            let onDate = CivilDate(attempt.onDate)
            attempt.followUpOn = attempt.signal.followUpOn ?? onDate?.adding(months: 3).description
            try await attempt.update(on: database)
        }
        let decoder = JSONDecoder()
        for trajectory in try await TrajectoryModel.query(on: database).all() {
            guard let assessment = try? decoder.decode(Assessment.self, from: Data(trajectory.assessment.utf8)) else { continue }
            trajectory.setEvaluationCopies(assessment)
            try await trajectory.update(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EvaluationReportModel.schema).delete()
        try await database.schema(SignalModel.schema).deleteField("received_on").update()
        try await database.schema(ContactAttemptModel.schema).deleteField("follow_up_on").update()
        try await database.schema(TrajectoryModel.schema).deleteField("profile").update()
        try await database.schema(TrajectoryModel.schema).deleteField("forms").update()
    }
}

/// A number that changes with every write to the tables the evaluation reads, so the in-memory facts
/// know when to reload. PostgreSQL: a sequence (never blocks, never deadlocks); SQLite: one row (it has one writer).
struct AddEvaluationVersion: AsyncMigration {
    static let tables = ["persons", "signals", "contact_attempts", "trajectories", "measurements", "goals", "referrals", "couplings",
                         "coupling_requests", "districts", "teams", "team_districts", "catalogue_activities", "volunteer_profiles"]

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            try await sql.raw("CREATE SEQUENCE evaluation_version").run()
            try await sql.raw("""
                CREATE FUNCTION evaluation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN PERFORM nextval('evaluation_version'); RETURN NULL; END $$
                """).run()
            for table in Self.tables {
                try await sql.raw("""
                    CREATE TRIGGER evaluation_bump_\(unsafeRaw: table) AFTER INSERT OR UPDATE OR DELETE ON \(unsafeRaw: table)
                    FOR EACH STATEMENT EXECUTE FUNCTION evaluation_bump()
                    """).run()
            }
        } else {
            try await sql.raw("CREATE TABLE evaluation_state (id INTEGER PRIMARY KEY, version INTEGER NOT NULL)").run()
            try await sql.raw("INSERT INTO evaluation_state (id, version) VALUES (1, 0)").run()
            for table in Self.tables {
                for event in ["INSERT", "UPDATE", "DELETE"] {
                    try await sql.raw("""
                        CREATE TRIGGER evaluation_bump_\(unsafeRaw: table)_\(unsafeRaw: event.lowercased()) AFTER \(unsafeRaw: event) ON \(unsafeRaw: table)
                        BEGIN UPDATE evaluation_state SET version = version + 1 WHERE id = 1; END
                        """).run()
                }
            }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            for table in Self.tables { try await sql.raw("DROP TRIGGER evaluation_bump_\(unsafeRaw: table) ON \(unsafeRaw: table)").run() }
            try await sql.raw("DROP FUNCTION evaluation_bump()").run()
            try await sql.raw("DROP SEQUENCE evaluation_version").run()
        } else {
            for table in Self.tables {
                for event in ["insert", "update", "delete"] { try await sql.raw("DROP TRIGGER evaluation_bump_\(unsafeRaw: table)_\(unsafeRaw: event)").run() }
            }
            try await sql.raw("DROP TABLE evaluation_state").run()
        }
    }
}
