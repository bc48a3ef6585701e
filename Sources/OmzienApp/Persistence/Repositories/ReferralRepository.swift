import FluentKit
import Foundation
import OmzienCore

public struct ReferralRepository: Sendable {
    let db: @Sendable () -> any Database
    public init(databaseService: DatabaseService) { self.db = { databaseService.database } }
    /// Bound to one database handle, such as the transaction of a `UnitOfWork`.
    init(database: any Database) { self.db = { database } }

    /// Stores the referral and its consent together: there is never a referral without recorded consent.
    public func create(_ new: NewReferral, municipalityID: UUID, on date: CivilDate) async throws -> UUID {
        guard let activityID = UUID(uuidString: new.activity.id), let organisationID = UUID(uuidString: new.activity.organisationID) else {
            throw PersistenceError.corrupt("activity id")
        }
        return try await db().transaction { database in
            let model = ReferralModel()
            model.$municipality.id = municipalityID
            model.$activity.id = activityID
            model.organisationID = organisationID
            model.trajectoryID = new.trajectoryID
            model.goalID = new.trajectoryID == nil ? nil : new.goalID
            model.referrerID = new.referrerID
            model.personName = new.personName
            model.personPhone = new.personPhone
            model.personBirthYear = new.personBirthYear
            model.request = new.request
            model.status = ReferralStatus.sent.rawValue
            model.feedback = ""
            model.feedbackConsent = new.feedbackConsent
            model.sentOn = date.description
            try await model.create(on: database)
            let consent = ReferralConsentModel()
            consent.$referral.id = model.id!
            consent.recipientOrganisationID = organisationID
            consent.form = new.overridden ? Self.overrideForm : new.consentForm.rawValue
            consent.recordedBy = new.referrerID
            consent.recordedOn = date.description
            try await consent.create(on: database)
            return model.id!
        }
    }

    public struct Filter: Sendable {
        public var referrerID: UUID?
        public var organisationID: UUID?
        public var trajectoryID: UUID?
        public init(referrerID: UUID? = nil, organisationID: UUID? = nil, trajectoryID: UUID? = nil) {
            self.referrerID = referrerID
            self.organisationID = organisationID
            self.trajectoryID = trajectoryID
        }
    }

    public func referrals(municipalityID: UUID, _ filter: Filter = Filter()) async throws -> [Referral] {
        var query = ReferralModel.query(on: db()).filter(\.$municipality.$id == municipalityID)
        if let referrer = filter.referrerID { query = query.filter(\.$referrerID == referrer) }
        if let organisation = filter.organisationID { query = query.filter(\.$organisationID == organisation) }
        if let trajectory = filter.trajectoryID { query = query.filter(\.$trajectoryID == trajectory) }
        return try await query.sort(\.$sentOn, .descending).all().map(Self.referral)
    }

    public func referral(id: UUID, municipalityID: UUID) async throws -> Referral? {
        try await ReferralModel.query(on: db()).filter(\.$id == id).filter(\.$municipality.$id == municipalityID).first().map(Self.referral)
    }

    static let overrideForm = "override"

    /// Whether the referral was made without consent by an audited override.
    public func isOverride(referralID: UUID) async throws -> Bool {
        try await ReferralConsentModel.query(on: db()).filter(\.$referral.$id == referralID).filter(\.$form == Self.overrideForm).count() > 0
    }

    /// Whether consent to share with the receiving organisation is recorded and not withdrawn.
    public func hasConsent(referralID: UUID) async throws -> Bool {
        try await ReferralConsentModel.query(on: db()).filter(\.$referral.$id == referralID).filter(\.$withdrawnOn == nil).count() > 0
    }

    /// Moves the referral on; the caller has checked that the step is allowed.
    public func move(_ referralID: UUID, to status: ReferralStatus, reason: ReferralReason?, feedback: String, on date: CivilDate) async throws {
        guard let model = try await ReferralModel.find(referralID, on: db()) else { return }
        model.status = status.rawValue
        switch status {
        case .accepted, .declined: model.answeredOn = date.description
        case .started: model.startedOn = date.description
        case .successful, .unsuccessful: model.completedOn = date.description
        case .sent, .withdrawn: break
        }
        if status == .declined { model.declineReason = reason?.rawValue }
        if status == .unsuccessful { model.outcomeReason = reason?.rawValue }
        if !feedback.isEmpty { model.feedback = feedback }
        try await model.save(on: db())
    }

    private static func referral(_ model: ReferralModel) throws -> Referral {
        let table = ReferralModel.schema
        return Referral(
            id: model.id!, municipalityID: model.$municipality.id, activityID: model.$activity.id, organisationID: model.organisationID,
            trajectoryID: model.trajectoryID, referrerID: model.referrerID, personName: model.personName, personPhone: model.personPhone,
            personBirthYear: model.personBirthYear, request: model.request, status: try StoredValue.decode(model.status, table: table, column: "status"),
            declineReason: try StoredValue.decode(model.declineReason, table: table, column: "decline_reason"),
            outcomeReason: try StoredValue.decode(model.outcomeReason, table: table, column: "outcome_reason"),
            // Rows from before the feedback consent existed have no value: no consent.
            feedback: model.feedback, feedbackConsent: model.feedbackConsent ?? false,
            sentOn: try StoredValue.date(model.sentOn, table: table, column: "sent_on"),
            answeredOn: try StoredValue.date(model.answeredOn, table: table, column: "answered_on"),
            startedOn: try StoredValue.date(model.startedOn, table: table, column: "started_on"),
            completedOn: try StoredValue.date(model.completedOn, table: table, column: "completed_on"), goalID: model.goalID)
    }
}
