import FluentKit
import Foundation
import OmzienCore

/// A consent as the registry shows it: the core's grant plus how it was given and by whom.
public struct ConsentEntry: Sendable, Equatable {
    public var grant: ConsentGrant
    public var form: String
    public var recordedBy: UUID
}

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
                                    withdrawnOn: try StoredValue.date(model.withdrawnOn, table: table, column: "withdrawn_on")),
                form: model.form, recordedBy: model.recordedBy)
        }
    }

    public func grants(personID: UUID) async throws -> [ConsentGrant] { try await entries(personID: personID).map(\.grant) }

    public func record(personID: UUID, purpose: ConsentPurpose, recipient: UUID?, form: ConsentForm, on date: CivilDate, expiresOn: CivilDate?,
                       by userID: UUID) async throws {
        let model = ConsentModel()
        model.$person.id = personID
        model.purpose = purpose.rawValue
        model.form = form.rawValue
        model.givenOn = date.description
        model.recordedBy = userID
        model.recipientOrganisationID = recipient
        model.expiresOn = expiresOn?.description
        try await model.create(on: db())
    }

    /// Withdraws a consent from `date` on; a referral under it loses its consent too, so the next disclosure is refused.
    public func withdraw(consentID: UUID, personID: UUID, on date: CivilDate) async throws {
        guard let model = try await ConsentModel.query(on: db()).filter(\.$id == consentID).filter(\.$person.$id == personID).first(),
              model.withdrawnOn == nil else { return }
        model.withdrawnOn = date.description
        try await model.update(on: db())
    }
}
