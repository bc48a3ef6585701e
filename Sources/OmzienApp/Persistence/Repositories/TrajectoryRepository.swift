import FluentKit
import Foundation
import OmzienCore

/// Trajectories and everything recorded in them. Every change also writes a timeline event.
public struct TrajectoryRepository: Sendable {
    let db: @Sendable () -> any Database
    public init(databaseService: DatabaseService) { self.db = { databaseService.database } }
    /// Bound to one database handle, such as the transaction of a `UnitOfWork`.
    init(database: any Database) { self.db = { database } }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    public func start(municipalityID: UUID, personID: UUID, teamID: UUID?, professionalID: UUID?, signalID: UUID?,
                      on date: CivilDate, by user: UUID) async throws -> Trajectory {
        let model = TrajectoryModel()
        model.$municipality.id = municipalityID
        model.$person.id = personID
        model.$team.id = teamID
        model.professionalID = professionalID
        model.signalID = signalID
        model.phase = Phase.listen.rawValue
        model.status = TrajectoryStatus.open.rawValue
        model.startedOn = date.description
        model.assessment = String(decoding: try Self.encoder.encode(Assessment()), as: UTF8.self)
        // The trajectory and its first timeline event are stored together (inside a unit of work this is that transaction).
        return try await db().transaction { tx in
            try await model.create(on: tx)
            try await TrajectoryRepository(database: tx).event(model.id!, on: date, kind: "started", text: signalID == nil ? "direct" : "signal", by: user)
            return try model.record()
        }
    }

    public func trajectory(id: UUID, municipalityID: UUID) async throws -> Trajectory? {
        try await TrajectoryModel.query(on: db()).filter(\.$id == id).filter(\.$municipality.$id == municipalityID).first()?.record()
    }

    public func trajectory(signalID: UUID) async throws -> Trajectory? {
        try await TrajectoryModel.query(on: db()).filter(\.$signalID == signalID).first()?.record()
    }

    /// Open (or all) trajectories of a municipality, optionally of one team or one professional.
    public func trajectories(municipalityID: UUID, teamID: UUID? = nil, professionalID: UUID? = nil, openOnly: Bool = true) async throws -> [(Trajectory, Person)] {
        var query = TrajectoryModel.query(on: db()).filter(\.$municipality.$id == municipalityID).with(\.$person)
        if let teamID { query = query.filter(\.$team.$id == teamID) }
        if let professionalID { query = query.filter(\.$professionalID == professionalID) }
        if openOnly { query = query.filter(\.$status == TrajectoryStatus.open.rawValue) }
        return try await query.sort(\.$startedOn).all().map { (try $0.record(), try $0.person.record()) }
    }

    /// Applies `change` to the trajectory and records what happened on the timeline.
    ///
    /// Reading, changing, writing and the timeline event are one transaction (inside a unit of work, that
    /// one), so a failure halfway leaves neither the change nor the event.
    public func update(_ id: UUID, on date: CivilDate, kind: String, text: String, by user: UUID,
                       _ change: @escaping @Sendable (inout Trajectory) -> Void) async throws {
        try await db().transaction { tx in
            try await TrajectoryRepository(database: tx).apply(change, to: id, on: date, kind: kind, text: text, by: user)
        }
    }

    /// The body of `update`, on a repository bound to its transaction.
    private func apply(_ change: @Sendable (inout Trajectory) -> Void, to id: UUID, on date: CivilDate, kind: String, text: String,
                       by user: UUID) async throws {
        guard let model = try await TrajectoryModel.find(id, on: db()) else { throw AppError.notFound }
        var record = try model.record()
        change(&record)
        model.phase = record.phase.rawValue
        model.status = (record.isOpen ? TrajectoryStatus.open : .closed).rawValue
        model.nextActionOn = record.nextActionOn?.description
        model.assessment = String(decoding: try Self.encoder.encode(record.assessment), as: UTF8.self)
        model.setEvaluationCopies(record.assessment)
        model.closedOn = record.closedOn?.description
        model.closeReason = record.closeReason?.rawValue
        model.closeNote = record.closeNote
        model.professionalID = record.professionalID
        model.$team.id = record.teamID
        try await model.update(on: db())
        try await event(id, on: date, kind: kind, text: text, by: user)
    }

    public func event(_ trajectoryID: UUID, on date: CivilDate, kind: String, text: String, by user: UUID) async throws {
        let model = TrajectoryEventModel()
        model.$trajectory.id = trajectoryID
        model.onDate = date.description
        model.kind = kind
        model.text = text
        model.byUser = user
        try await model.create(on: db())
    }

    public func timeline(_ trajectoryID: UUID) async throws -> [TimelineEvent] {
        try await TrajectoryEventModel.query(on: db()).filter(\.$trajectory.$id == trajectoryID).sort(\.$createdAt, .descending).all().map {
            TimelineEvent(onDate: try StoredValue.date($0.onDate, table: TrajectoryEventModel.schema, column: "on_date"), kind: $0.kind, text: $0.text,
                          byUser: $0.byUser)
        }
    }

    // MARK: Measurements

    public func addMeasurement(_ trajectoryID: UUID, on date: CivilDate, answers: [Int: DJGAnswer?], score: DJGScore) async throws {
        let model = MeasurementModel()
        model.$trajectory.id = trajectoryID
        model.onDate = date.description
        model.version = score.version.rawValue
        model.answers = score.version.items.map { "q\($0)=\((answers[$0] ?? nil)?.rawValue ?? "")" }.joined(separator: ";")
        model.total = score.total
        model.emotional = score.emotional
        model.social = score.social
        try await model.create(on: db())
    }

    public func measurements(_ trajectoryID: UUID) async throws -> [Measurement] {
        try await MeasurementModel.query(on: db()).filter(\.$trajectory.$id == trajectoryID).sort(\.$createdAt).all().map { model in
            let version: DJGVersion = try StoredValue.decode(model.version, table: MeasurementModel.schema, column: "version")
            var answers: [Int: DJGAnswer?] = [:]
            for pair in model.answers.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, let item = Int(parts[0].dropFirst()) else { continue }
                answers[item] = .some(DJGAnswer(rawValue: String(parts[1])))
            }
            return Measurement(id: model.id!, onDate: try StoredValue.date(model.onDate, table: MeasurementModel.schema, column: "on_date"), answers: answers,
                               score: DJGScore(version: version, total: model.total, emotional: model.emotional, social: model.social))
        }
    }

    // MARK: Network map

    public func addMember(_ trajectoryID: UUID, _ member: NetworkMap.Member) async throws {
        let model = NetworkMemberModel()
        model.$trajectory.id = trajectoryID
        model.name = member.name
        model.relation = member.relation.rawValue
        model.circle = member.circle
        model.frequency = member.frequency.rawValue
        model.support = member.support.map(\.rawValue).sorted().joined(separator: ",")
        try await model.create(on: db())
    }

    public func removeMember(_ memberID: UUID, trajectoryID: UUID) async throws {
        try await NetworkMemberModel.query(on: db()).filter(\.$id == memberID).filter(\.$trajectory.$id == trajectoryID).delete()
    }

    public func network(_ trajectoryID: UUID) async throws -> [(UUID, NetworkMap.Member)] {
        try await NetworkMemberModel.query(on: db()).filter(\.$trajectory.$id == trajectoryID).sort(\.$createdAt).all().map { model in
            (model.id!, NetworkMap.Member(
                name: model.name, relation: try StoredValue.decode(model.relation, table: NetworkMemberModel.schema, column: "relation"),
                circle: model.circle, frequency: try StoredValue.decode(model.frequency, table: NetworkMemberModel.schema, column: "frequency"),
                support: Set(try StoredValue.list(model.support, table: NetworkMemberModel.schema, column: "support"))))
        }
    }

    // MARK: Plan, contacts, reminders

    public func addGoal(_ trajectoryID: UUID, description: String, resource: GoalResource, dueOn: CivilDate?, agreed: Bool) async throws {
        let model = GoalModel()
        model.$trajectory.id = trajectoryID
        model.description = description
        model.resource = resource.rawValue
        model.dueOn = dueOn?.description
        model.status = GoalStatus.open.rawValue
        model.agreed = agreed
        try await model.create(on: db())
    }

    public func setGoalStatus(_ goalID: UUID, trajectoryID: UUID, status: GoalStatus) async throws {
        guard let model = try await GoalModel.query(on: db()).filter(\.$id == goalID).filter(\.$trajectory.$id == trajectoryID).first() else {
            throw AppError.notFound
        }
        model.status = status.rawValue
        try await model.update(on: db())
    }

    /// Goals in the Kanteling order of their resources, then by due date.
    public func goals(_ trajectoryID: UUID) async throws -> [Goal] {
        try await GoalModel.query(on: db()).filter(\.$trajectory.$id == trajectoryID).sort(\.$createdAt).all().map { model in
            Goal(id: model.id!, description: model.description,
                 resource: try StoredValue.decode(model.resource, table: GoalModel.schema, column: "resource"),
                 dueOn: try StoredValue.date(model.dueOn, table: GoalModel.schema, column: "due_on"),
                 status: try StoredValue.decode(model.status, table: GoalModel.schema, column: "status"), agreed: model.agreed)
        }.sorted { ($0.resource, $0.dueOn?.dayNumber ?? Int.max) < ($1.resource, $1.dueOn?.dayNumber ?? Int.max) }
    }

    public func addContact(_ trajectoryID: UUID, _ contact: CaseContact, by user: UUID) async throws {
        let model = CaseContactModel()
        model.$trajectory.id = trajectoryID
        model.onDate = contact.onDate.description
        model.kind = contact.kind.rawValue
        model.minutes = contact.minutes
        model.note = contact.note
        model.byUser = user
        try await model.create(on: db())
    }

    public func addReminder(_ trajectoryID: UUID, on date: CivilDate, note: String) async throws {
        let model = ReminderModel()
        model.$trajectory.id = trajectoryID
        model.onDate = date.description
        model.note = note
        model.done = false
        try await model.create(on: db())
    }

    public func reminders(_ trajectoryID: UUID) async throws -> [Reminder] {
        try await ReminderModel.query(on: db()).filter(\.$trajectory.$id == trajectoryID).sort(\.$onDate).all().map {
            Reminder(id: $0.id!, onDate: try StoredValue.date($0.onDate, table: ReminderModel.schema, column: "on_date"), note: $0.note, done: $0.done)
        }
    }
}

extension TrajectoryModel {
    /// The stored trajectory; an unknown code or an unreadable assessment is an error naming the column.
    func record() throws -> Trajectory {
        let table = Self.schema
        guard let decoded = try? JSONDecoder().decode(Assessment.self, from: Data(assessment.utf8)) else {
            // Never fall back to an empty assessment: the next update would write it over the stored one.
            throw PersistenceError.corrupt("\(table).assessment")
        }
        let status: TrajectoryStatus = try StoredValue.decode(status, table: table, column: "status")
        return Trajectory(
            id: try requireID(), municipalityID: $municipality.id, personID: $person.id, teamID: $team.id, professionalID: professionalID,
            signalID: signalID, phase: try StoredValue.decode(phase, table: table, column: "phase"), isOpen: status == .open,
            startedOn: try StoredValue.date(startedOn, table: table, column: "started_on"),
            nextActionOn: try StoredValue.date(nextActionOn, table: table, column: "next_action_on"), assessment: decoded,
            closedOn: try StoredValue.date(closedOn, table: table, column: "closed_on"),
            closeReason: try StoredValue.decode(closeReason, table: table, column: "close_reason"), closeNote: closeNote)
    }
}
