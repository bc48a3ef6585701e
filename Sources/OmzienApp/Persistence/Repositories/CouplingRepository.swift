import FluentKit
import SQLKit
import Foundation
import OmzienCore

/// Volunteers, the waiting list, couplings with their check-ins and backup requests.
public struct CouplingRepository: Sendable {
    let db: @Sendable () -> any Database
    public init(databaseService: DatabaseService) { self.db = { databaseService.database } }
    /// Bound to one database handle, such as the transaction of a `UnitOfWork`.
    init(database: any Database) { self.db = { database } }

    // MARK: Volunteers

    public func volunteerDetails(userIDs: [UUID]) async throws -> [UUID: VolunteerDetails] {
        guard !userIDs.isEmpty else { return [:] }
        let models = try await VolunteerProfileModel.query(on: db()).filter(\.$user.$id ~~ userIDs).all()
        return Dictionary(models.map { ($0.$user.id, Self.details($0)) }, uniquingKeysWith: { first, _ in first })
    }

    /// Creates or updates the volunteer profile of an account (one per account, kept by a unique index; a save
    /// that loses the race to create it updates the winner's row instead).
    public func saveVolunteer(userID: UUID, municipalityID: UUID, _ details: VolunteerDetails) async throws {
        try await retryingOnceOnUniqueConflict { try await writeVolunteer(userID: userID, municipalityID: municipalityID, details) }
    }

    private func writeVolunteer(userID: UUID, municipalityID: UUID, _ details: VolunteerDetails) async throws {
        let model = try await VolunteerProfileModel.query(on: db()).filter(\.$user.$id == userID).first() ?? VolunteerProfileModel()
        model.$user.id = userID
        model.$municipality.id = municipalityID
        model.intakeOn = details.intakeOn?.description
        model.vogOn = details.vogOn?.description
        model.vogExpiresOn = details.vogExpiresOn?.description
        model.trainingDone = details.trainingDone
        model.interests = Self.join(details.interests.map(\.rawValue))
        model.languages = Self.join(details.languages)
        model.availability = Self.join(details.availability.map(\.code))
        model.districts = details.districts.map { Self.join($0.map(\.uuidString)) }
        model.gender = details.gender?.rawValue
        model.preferredGender = details.preferredGender?.rawValue
        model.preferredAgeMin = details.preferredAge?.lowerBound
        model.preferredAgeMax = details.preferredAge?.upperBound
        model.maxCouplings = details.maxCouplings
        model.travel = details.travel.rawValue
        model.phone = details.phone
        try await model.save(on: db())
    }

    /// Couplings that take a volunteer's capacity: proposed (awaiting agreement) and active ones.
    public func openCouplingCounts(municipalityID: UUID) async throws -> [UUID: Int] {
        let models = try await CouplingModel.query(on: db()).filter(\.$municipality.$id == municipalityID)
            .filter(\.$status ~~ [CouplingStatus.proposed.rawValue, CouplingStatus.active.rawValue]).all()
        return models.reduce(into: [:]) { counts, model in counts[model.volunteerID, default: 0] += 1 }
    }

    // MARK: Waiting list

    public func addRequest(
        trajectory: Trajectory, hopes: CouplingRequest, createdBy: UUID
    ) async throws -> UUID {
        let model = CouplingRequestModel()
        model.$municipality.id = trajectory.municipalityID
        model.$trajectory.id = trajectory.id
        Self.apply(hopes, to: model)
        model.waitingSince = hopes.waitingSince.description
        model.status = CouplingRequestStatus.waiting.rawValue
        model.createdBy = createdBy
        try await model.create(on: db())
        return model.id!
    }

    public func requests(municipalityID: UUID, status: CouplingRequestStatus? = .waiting, trajectoryID: UUID? = nil) async throws -> [CouplingRequest] {
        var query = CouplingRequestModel.query(on: db()).filter(\.$municipality.$id == municipalityID)
        if let status { query = query.filter(\.$status == status.rawValue) }
        if let trajectoryID { query = query.filter(\.$trajectory.$id == trajectoryID) }
        return try await query.sort(\.$waitingSince).all().map(Self.request)
    }

    public func request(id: UUID, municipalityID: UUID) async throws -> CouplingRequest? {
        try await CouplingRequestModel.query(on: db()).filter(\.$id == id).filter(\.$municipality.$id == municipalityID).first().map(Self.request)
    }

    /// Never propose this volunteer for this person again.
    public func exclude(volunteerID: UUID, requestID: UUID) async throws {
        guard let model = try await CouplingRequestModel.find(requestID, on: db()) else { return }
        var excluded = Set(Self.split(model.excluded))
        excluded.insert(volunteerID.uuidString)
        model.excluded = Self.join(excluded)
        try await model.save(on: db())
    }

    public func setRequestStatus(_ status: CouplingRequestStatus, requestID: UUID) async throws {
        try await CouplingRequestModel.query(on: db()).filter(\.$id == requestID).set(\.$status, to: status.rawValue).update()
    }

    // MARK: Couplings

    /// A coupling proposed by the coordinator; the request leaves the waiting list while it is open.
    public func propose(
        request: CouplingRequest, volunteerID: UUID, compatibility: Compatibility, goalIDs: [UUID], periodMonths: Int, checkinDays: Int, on date: CivilDate
    ) async throws -> UUID {
        try await db().transaction { database in
            // Taking the request off the waiting list is the claim: only one transaction finds it waiting
            // (PostgreSQL locks the row, SQLite writes one at a time). The unique index on open couplings
            // per request backs this up.
            let claimed = try await (database as! any SQLDatabase).raw("""
                UPDATE coupling_requests SET status = \(bind: CouplingRequestStatus.coupled.rawValue)
                WHERE id = \(bind: request.id) AND status = \(bind: CouplingRequestStatus.waiting.rawValue) RETURNING id
                """).all()
            guard !claimed.isEmpty else { throw AppError.conflict(.coupling) }
            let model = CouplingModel()
            model.$municipality.id = request.municipalityID
            model.$request.id = request.id
            model.$trajectory.id = request.trajectoryID
            model.volunteerID = volunteerID
            model.status = CouplingStatus.proposed.rawValue
            model.proposedOn = date.description
            model.periodMonths = periodMonths
            model.checkinDays = checkinDays
            model.goalIDs = Self.join(goalIDs.map(\.uuidString))
            model.score = compatibility.score
            model.reasons = String(decoding: try JSONEncoder().encode(compatibility.reasons), as: UTF8.self)
            try await model.create(on: database)
            return model.id!
        }
    }

    public func coupling(id: UUID, municipalityID: UUID) async throws -> Coupling? {
        try await CouplingModel.query(on: db()).filter(\.$id == id).filter(\.$municipality.$id == municipalityID).first().map(Self.coupling)
    }

    public func couplings(
        municipalityID: UUID, volunteerID: UUID? = nil, trajectoryID: UUID? = nil, statuses: [CouplingStatus] = CouplingStatus.allCases
    ) async throws -> [Coupling] {
        var query = CouplingModel.query(on: db()).filter(\.$municipality.$id == municipalityID).filter(\.$status ~~ statuses.map(\.rawValue))
        if let volunteerID { query = query.filter(\.$volunteerID == volunteerID) }
        if let trajectoryID { query = query.filter(\.$trajectory.$id == trajectoryID) }
        return try await query.sort(\.$createdAt, .descending).all().map(Self.coupling)
    }

    /// Records one side's agreement; with both, the coupling starts on the later date.
    public func agree(couplingID: UUID, person: Bool, by userID: UUID, on date: CivilDate) async throws {
        guard let model = try await CouplingModel.find(couplingID, on: db()), model.status == CouplingStatus.proposed.rawValue else { return }
        if person {
            model.personAgreedOn = date.description
            model.personAgreementBy = userID
        } else {
            model.volunteerAgreedOn = date.description
        }
        if model.personAgreedOn != nil, model.volunteerAgreedOn != nil {
            model.status = CouplingStatus.active.rawValue
            model.startOn = date.description
        }
        try await model.save(on: db())
    }

    /// The agreed period (6–24 months) and how often the volunteer checks in with the coordinator.
    public func setTerms(periodMonths: Int, checkinDays: Int, couplingID: UUID) async throws {
        try await CouplingModel.query(on: db()).filter(\.$id == couplingID)
            .set(\.$periodMonths, to: periodMonths).set(\.$checkinDays, to: checkinDays).update()
    }

    /// Withdraws a proposal before both agreed: the person goes back on the waiting list with their original date.
    public func withdraw(couplingID: UUID) async throws {
        try await db().transaction { database in
            guard let model = try await CouplingModel.find(couplingID, on: database), model.status == CouplingStatus.proposed.rawValue else { return }
            model.status = CouplingStatus.cancelled.rawValue
            try await model.save(on: database)
            guard let request = try await CouplingRequestModel.find(model.$request.id, on: database) else { return }
            // One waiting request per trajectory: when a newer request was made while this proposal was open, that one
            // stays on the list with the newer wishes and takes over the original date; this one is withdrawn.
            if let newer = try await CouplingRequestModel.query(on: database).filter(\.$trajectory.$id == model.$trajectory.id)
                .filter(\.$status == CouplingRequestStatus.waiting.rawValue).first() {
                request.status = CouplingRequestStatus.withdrawn.rawValue
                try await request.save(on: database)
                newer.waitingSince = min(newer.waitingSince, request.waitingSince)
                try await newer.save(on: database)
            } else {
                request.status = CouplingRequestStatus.waiting.rawValue
                try await request.save(on: database)
            }
        }
    }

    public func end(couplingID: UUID, on date: CivilDate, kind: CouplingEnd, reason: String?, note: String) async throws {
        guard let model = try await CouplingModel.find(couplingID, on: db()), model.status == CouplingStatus.active.rawValue else { return }
        model.status = CouplingStatus.ended.rawValue
        model.endedOn = date.description
        model.endKind = kind.rawValue
        model.endReason = reason
        model.endNote = note
        try await model.save(on: db())
    }

    // MARK: Check-ins and backup

    public func addCheckIn(_ checkIn: CouplingCheckIn, couplingID: UUID) async throws {
        let model = CouplingCheckInModel()
        model.$coupling.id = couplingID
        model.onDate = checkIn.onDate.description
        model.what = checkIn.what
        model.how = checkIn.how.rawValue
        model.byUser = checkIn.byUser
        try await model.create(on: db())
    }

    public func checkIns(couplingIDs: [UUID]) async throws -> [UUID: [CouplingCheckIn]] {
        guard !couplingIDs.isEmpty else { return [:] }
        let models = try await CouplingCheckInModel.query(on: db()).filter(\.$coupling.$id ~~ couplingIDs).sort(\.$onDate, .descending).all()
        return try Dictionary(grouping: models, by: { $0.$coupling.id }).mapValues { list in
            try list.map { CouplingCheckIn(onDate: try StoredValue.date($0.onDate, table: CouplingCheckInModel.schema, column: "on_date"), what: $0.what,
                                       how: try StoredValue.decode($0.how, table: CouplingCheckInModel.schema, column: "how"), byUser: $0.byUser) }
        }
    }

    public func askBackup(couplingID: UUID, note: String, at date: Date) async throws {
        let model = BackupRequestModel()
        model.$coupling.id = couplingID
        model.askedAt = date
        model.note = note
        try await model.create(on: db())
    }

    public func backupRequests(couplingIDs: [UUID], openOnly: Bool = false) async throws -> [BackupRequest] {
        guard !couplingIDs.isEmpty else { return [] }
        var query = BackupRequestModel.query(on: db()).filter(\.$coupling.$id ~~ couplingIDs)
        if openOnly { query = query.filter(\.$resolvedAt == nil) }
        return try await query.sort(\.$askedAt, .descending).all().map {
            BackupRequest(id: $0.id!, couplingID: $0.$coupling.id, askedAt: $0.askedAt, note: $0.note, resolvedAt: $0.resolvedAt)
        }
    }

    public func resolveBackup(id: UUID, couplingID: UUID, by userID: UUID, at date: Date) async throws {
        try await BackupRequestModel.query(on: db()).filter(\.$id == id).filter(\.$coupling.$id == couplingID)
            .set(\.$resolvedAt, to: date).set(\.$resolvedBy, to: userID).update()
    }

    // MARK: Mapping

    static func join(_ values: some Sequence<String>) -> String { values.sorted().joined(separator: ",") }
    static func split(_ text: String) -> [String] { text.split(separator: ",").map(String.init) }

    private static func details(_ model: VolunteerProfileModel) -> VolunteerDetails {
        var details = VolunteerDetails()
        details.intakeOn = model.intakeOn.flatMap(CivilDate.init)
        details.vogOn = model.vogOn.flatMap(CivilDate.init)
        details.vogExpiresOn = model.vogExpiresOn.flatMap(CivilDate.init)
        details.trainingDone = model.trainingDone
        details.interests = Set(split(model.interests).compactMap(Interest.init(rawValue:)))
        details.languages = Set(split(model.languages))
        details.availability = Slot.set(split(model.availability))
        details.districts = model.districts.map { Set(split($0).compactMap(UUID.init(uuidString:))) }
        details.gender = model.gender.flatMap(Gender.init(rawValue:))
        details.preferredGender = model.preferredGender.flatMap(Gender.init(rawValue:))
        if let low = model.preferredAgeMin, let high = model.preferredAgeMax, low <= high { details.preferredAge = low...high }
        details.maxCouplings = model.maxCouplings
        details.travel = Travel(rawValue: model.travel) ?? .bike
        details.phone = model.phone
        return details
    }

    private static func apply(_ hopes: CouplingRequest, to model: CouplingRequestModel) {
        model.interests = join(hopes.interests.map(\.rawValue))
        model.languages = join(hopes.languages)
        model.availability = join(hopes.availability.map(\.code))
        model.gender = hopes.gender?.rawValue
        model.preferredVolunteerGender = hopes.preferredVolunteerGender?.rawValue
        model.prefersOtherDistrict = hopes.prefersOtherDistrict
        model.excluded = join(hopes.excluded.map(\.uuidString))
        model.note = hopes.note
    }

    private static func request(_ model: CouplingRequestModel) throws -> CouplingRequest {
        let table = CouplingRequestModel.schema
        return CouplingRequest(
            id: model.id!, municipalityID: model.$municipality.id, trajectoryID: model.$trajectory.id,
            interests: Set(try StoredValue.list(model.interests, table: table, column: "interests")), languages: Set(split(model.languages)),
            availability: Slot.set(split(model.availability)), gender: try StoredValue.decode(model.gender, table: table, column: "gender"),
            preferredVolunteerGender: try StoredValue.decode(model.preferredVolunteerGender, table: table, column: "preferred_volunteer_gender"),
            prefersOtherDistrict: model.prefersOtherDistrict, excluded: Set(split(model.excluded).compactMap(UUID.init(uuidString:))), note: model.note,
            waitingSince: try StoredValue.date(model.waitingSince, table: table, column: "waiting_since"),
            status: try StoredValue.decode(model.status, table: table, column: "status"))
    }

    private static func coupling(_ model: CouplingModel) throws -> Coupling {
        let table = CouplingModel.schema
        return Coupling(
            id: model.id!, municipalityID: model.$municipality.id, requestID: model.$request.id, trajectoryID: model.$trajectory.id,
            volunteerID: model.volunteerID, status: try StoredValue.decode(model.status, table: table, column: "status"),
            personAgreedOn: try StoredValue.date(model.personAgreedOn, table: table, column: "person_agreed_on"),
            volunteerAgreedOn: try StoredValue.date(model.volunteerAgreedOn, table: table, column: "volunteer_agreed_on"),
            proposedOn: try StoredValue.date(model.proposedOn, table: table, column: "proposed_on"),
            startOn: try StoredValue.date(model.startOn, table: table, column: "start_on"),
            periodMonths: model.periodMonths, checkinDays: model.checkinDays, goalIDs: split(model.goalIDs).compactMap(UUID.init(uuidString:)),
            score: model.score, reasons: (try? JSONDecoder().decode([CouplingReason].self, from: Data(model.reasons.utf8))) ?? [],
            endedOn: try StoredValue.date(model.endedOn, table: table, column: "ended_on"),
            endKind: try StoredValue.decode(model.endKind, table: table, column: "end_kind"),
            endReason: model.endReason, endNote: model.endNote)
    }
}
