import FluentKit
import Foundation
import OmzienCore

/// The consent registry of a person: record, list, withdraw. Disclosures ask `grants` and the core's rules.
public struct ConsentRepository: Sendable {
    let db: @Sendable () -> any Database
    public init(databaseService: DatabaseService) { self.db = { databaseService.database } }
    /// Bound to one database handle, such as the transaction of a `UnitOfWork`.
    init(database: any Database) { self.db = { database } }

    public func entries(personID: UUID) async throws -> [ConsentEntry] {
        // A consent that cannot be read is an error, never silently left out: a missing withdrawal would permit a disclosure.
        try await ConsentModel.query(on: db()).filter(\.$person.$id == personID).sort(\.$givenOn).all().map { model in
            let table = ConsentModel.schema
            return ConsentEntry(
                grant: ConsentGrant(id: try model.requireID().uuidString, purpose: try StoredValue.decode(model.purpose, table: table, column: "purpose"),
                                    recipient: model.recipientOrganisationID?.uuidString,
                                    recordedOn: try StoredValue.date(model.givenOn, table: table, column: "given_on"),
                                    expiresOn: try StoredValue.date(model.expiresOn, table: table, column: "expires_on"),
                                    withdrawnOn: try StoredValue.date(model.withdrawnOn, table: table, column: "withdrawn_on"),
                                    supersededOn: try StoredValue.date(model.supersededOn, table: table, column: "superseded_on")),
                form: model.form, recordedBy: model.recordedBy)
        }
    }

    public func grants(personID: UUID) async throws -> [ConsentGrant] { try await entries(personID: personID).map(\.grant) }

    /// Records the person's consent for `purpose` and `recipient`. One current consent per scope: the same word
    /// given again changes nothing, a different one (another form or expiry, or after expiry) replaces the current
    /// consent from `date` on. A unique index backs this up: of two simultaneous recordings one fails in the database
    /// (the caller's unit of work then rolls back and may retry, finding the winner's consent).
    @discardableResult
    public func record(personID: UUID, purpose: ConsentPurpose, recipient: UUID?, form: ConsentForm, on date: CivilDate, expiresOn: CivilDate?,
                       by userID: UUID) async throws -> ConsentRecording {
        let current = try await entries(personID: personID)
        let recording = ConsentRules.recording(purpose: purpose, recipient: recipient?.uuidString, among: current.map(\.grant), on: date) { grant in
            grant.expiresOn == expiresOn && current.first { $0.grant.id == grant.id }?.form == form.rawValue
        }
        switch recording {
        case .unchanged: return recording
        case .replace(let id):
            guard let replaced = UUID(uuidString: id) else { throw PersistenceError.corrupt("consent id") }
            try await ConsentModel.query(on: db()).set(\.$supersededOn, to: date.description).filter(\.$id == replaced).update()
        case .add: break
        }
        let model = ConsentModel()
        model.$person.id = personID
        model.purpose = purpose.rawValue
        model.form = form.rawValue
        model.givenOn = date.description
        model.recordedBy = userID
        model.recipientOrganisationID = recipient
        model.expiresOn = expiresOn?.description
        try await model.create(on: db())
        return recording
    }

    /// Withdraws a consent from `date` on, with every current consent that would still permit what it permitted
    /// (`ConsentRules.endedByWithdrawal`): the next disclosure under any of them is refused. Returns the
    /// consents it ended (none when the consent was already withdrawn or replaced).
    @discardableResult
    public func withdraw(consentID: UUID, personID: UUID, on date: CivilDate) async throws -> [ConsentGrant] {
        let grants = try await grants(personID: personID)
        guard let target = grants.first(where: { $0.id == consentID.uuidString }), target.isCurrent else { return [] }
        let ended = ConsentRules.endedByWithdrawal(of: target, among: grants)
        let ids = ended.compactMap { UUID(uuidString: $0.id) }
        try await ConsentModel.query(on: db()).set(\.$withdrawnOn, to: date.description).filter(\.$id ~~ ids).filter(\.$person.$id == personID).update()
        return ended
    }
}

extension ConsentRecording {
    /// How the audit trail names what recording did.
    var auditWord: String {
        switch self {
        case .add: "added"
        case .unchanged: "already on record"
        case .replace: "replaced"
        }
    }
}
