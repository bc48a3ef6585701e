import FluentKit
import Foundation
import OmzienCore
import SQLKit

/// Signals, the persons they are about, contact attempts and consents — always within one municipality.
public struct SignalRepository: Sendable {
    let db: @Sendable () -> any Database
    public init(databaseService: DatabaseService) { self.db = { databaseService.database } }
    /// Bound to one database handle, such as the transaction of a `UnitOfWork`.
    init(database: any Database) { self.db = { database } }

    public func create(
        _ draft: SignalDraft, municipalityID: UUID, teamID: UUID?, districtID: UUID?, code: ReferenceCode, receivedAt: Date, contactDue: CivilDate
    ) async throws -> Signal {
        try await db().transaction { tx in
            let person = PersonModel(
                municipalityID: municipalityID, teamID: teamID, name: draft.personName, birthYear: draft.birthYear, ageBand: draft.ageBand,
                postcode: draft.postcode, houseNumber: draft.houseNumber, street: draft.street, phone: draft.phone)
            try await person.create(on: tx)
            let signal = SignalModel()
            signal.$municipality.id = municipalityID
            signal.$person.id = person.id!
            signal.$team.id = teamID
            signal.$district.id = districtID
            signal.referenceCode = code.value
            signal.source = draft.source.rawValue
            signal.reporterRelation = draft.reporterRelation.rawValue
            signal.reporterName = draft.reporterName
            signal.reporterEmail = draft.reporterEmail
            signal.reporterPhone = draft.reporterPhone
            signal.reporterUserID = draft.reporterUserID
            signal.reporterOrganisationID = draft.reporterOrganisationID
            signal.concern = draft.concern
            signal.indicators = draft.indicators.map(\.rawValue).joined(separator: ",")
            signal.duration = draft.duration.rawValue
            signal.status = SignalStatus.new.rawValue
            signal.receivedAt = receivedAt
            signal.receivedOn = AppClock.civilDate(receivedAt).description
            signal.contactDue = contactDue.description
            try await signal.create(on: tx)
            return try signal.record()
        }
    }

    /// A person met without a signal (a kitchen-table conversation), with their consent to support.
    public func createPerson(
        municipalityID: UUID, teamID: UUID?, name: String, birthYear: Int?, ageBand: AgeBand, postcode: String?, houseNumber: String?,
        phone: String?, consent: ConsentForm, on date: CivilDate, recordedBy: UUID
    ) async throws -> Person {
        try await db().transaction { tx in
            let person = PersonModel(
                municipalityID: municipalityID, teamID: teamID, name: name, birthYear: birthYear, ageBand: ageBand,
                postcode: postcode, houseNumber: houseNumber, street: nil, phone: phone)
            try await person.create(on: tx)
            try await ConsentRepository(database: tx).record(personID: person.id!, purpose: .support, recipient: nil, form: consent, on: date,
                                                             expiresOn: nil, by: recordedBy)
            return try person.record()
        }
    }

    public func signal(id: UUID, municipalityID: UUID) async throws -> Signal? {
        try await SignalModel.query(on: db()).filter(\.$id == id).filter(\.$municipality.$id == municipalityID).first()?.record()
    }

    /// A signal by its reference code, across municipalities (the public status page has no tenant).
    public func signal(code: ReferenceCode) async throws -> Signal? {
        try await SignalModel.query(on: db()).filter(\.$referenceCode == code.value).first()?.record()
    }

    /// People whose name contains the words (case-insensitive), for the person's-rights search.
    public func persons(municipalityID: UUID, search: String) async throws -> [Person] {
        let words = search.lowercased()
        return try await PersonModel.query(on: db()).filter(\.$municipality.$id == municipalityID).all()
            .filter { $0.name.lowercased().contains(words) || ($0.postcode ?? "").lowercased().replacingOccurrences(of: " ", with: "") == words.replacingOccurrences(of: " ", with: "") }
            .prefix(100).map { try $0.record() }
    }

    public func person(id: UUID, municipalityID: UUID) async throws -> Person? {
        try await PersonModel.query(on: db()).filter(\.$id == id).filter(\.$municipality.$id == municipalityID).first()?.record()
    }

    /// Signals of a municipality (optionally one team) with the given statuses, oldest first.
    public func signals(municipalityID: UUID, teamID: UUID? = nil, statuses: [SignalStatus]) async throws -> [(Signal, Person)] {
        var query = SignalModel.query(on: db()).filter(\.$municipality.$id == municipalityID)
            .filter(\.$status ~~ statuses.map(\.rawValue)).with(\.$person)
        if let teamID { query = query.filter(\.$team.$id == teamID) }
        return try await query.sort(\.$receivedAt, .ascending).all().map { (try $0.record(), try $0.person.record()) }
    }

    /// Consented signals that no trajectory has started from yet: they stay in the queue ("start a trajectory")
    /// so that a person who said yes cannot drop out of sight.
    public func consentedWithoutTrajectory(municipalityID: UUID, teamID: UUID? = nil) async throws -> [(Signal, Person)] {
        let consented = try await signals(municipalityID: municipalityID, teamID: teamID, statuses: [.consented])
        guard !consented.isEmpty else { return [] }
        let started = Set(try await TrajectoryModel.query(on: db()).filter(\.$signalID ~~ consented.map { $0.0.id }).all().compactMap(\.signalID))
        return consented.filter { !started.contains($0.0.id) }
    }

    /// Signals a partner user reported, newest first.
    public func signals(reportedBy userID: UUID, municipalityID: UUID) async throws -> [Signal] {
        try await SignalModel.query(on: db()).filter(\.$municipality.$id == municipalityID).filter(\.$reporterUserID == userID)
            .sort(\.$receivedAt, .descending).all().map { try $0.record() }
    }

    /// Every signal about one person, oldest first.
    public func signals(personID: UUID) async throws -> [Signal] {
        try await SignalModel.query(on: db()).filter(\.$person.$id == personID).sort(\.$receivedAt, .ascending).all().map { try $0.record() }
    }

    /// Open signals about other persons who are probably the same person as `person`.
    public func duplicates(of person: Person, excluding signalID: UUID) async throws -> [(signal: Signal, person: Person, reason: DuplicateReason)] {
        let open = try await signals(municipalityID: person.municipalityID, statuses: SignalStatus.allCases.filter(\.isOpen) + [.consented])
        return open.compactMap { signal, candidate in
            guard signal.id != signalID, candidate.id != person.id,
                  let reason = DuplicateMatcher.match(person.key, candidate.key) else { return nil }
            return (signal, candidate, reason)
        }
    }

    /// Folds `signal` into `target`: the signal moves to the target's person and is marked merged; a person
    /// left without signals is removed, so there is one file per person.
    /// Two people merging A into B and B into A at the same moment: the rows are locked in one fixed order
    /// (PostgreSQL; SQLite writes one transaction at a time) and read again, so the second finds a merged
    /// signal and gets `AppError.conflict(.merge)` instead of a half-done merge.
    public func merge(_ signal: Signal, into target: Signal) async throws {
        try await db().transaction { tx in
            let sql = tx as! any SQLDatabase
            if sql.dialect.name == "postgresql" {
                for id in [signal.id, target.id].sorted(by: { $0.uuidString < $1.uuidString }) {
                    try await sql.raw("SELECT id FROM signals WHERE id = \(bind: id) FOR UPDATE").run()
                }
            }
            guard let model = try await SignalModel.find(signal.id, on: tx),
                  let targetModel = try await SignalModel.find(target.id, on: tx) else { throw AppError.notFound }
            let merged = SignalStatus.merged.rawValue
            guard model.status != merged, targetModel.status != merged else { throw AppError.conflict(.merge) }
            let oldPerson = model.$person.id
            model.$person.id = targetModel.$person.id
            model.status = merged
            model.mergedInto = target.id
            try await model.update(on: tx)
            if try await SignalModel.query(on: tx).filter(\.$person.$id == oldPerson).count() == 0 {
                try await PersonModel.query(on: tx).filter(\.$id == oldPerson).delete()
            }
        }
    }

    public func setTeam(_ teamID: UUID?, signalID: UUID) async throws {
        guard let model = try await SignalModel.find(signalID, on: db()) else { throw AppError.notFound }
        model.$team.id = teamID
        try await model.update(on: db())
        if let person = try await PersonModel.find(model.$person.id, on: db()) {
            person.$team.id = teamID
            try await person.update(on: db())
        }
    }

    public func setKnownToPartner(_ known: Bool?, personID: UUID) async throws {
        guard let model = try await PersonModel.find(personID, on: db()) else { throw AppError.notFound }
        model.knownToPartner = known
        try await model.update(on: db())
    }

    /// Records a contact attempt and moves the signal on; consent is stored with the person.
    public func record(_ attempt: ContactAttempt, signal: Signal, followUpOn: CivilDate?) async throws {
        try await db().transaction { tx in
            let model = ContactAttemptModel()
            model.id = attempt.id
            model.$signal.id = signal.id
            model.onDate = attempt.onDate.description
            model.channel = attempt.channel.rawValue
            model.outcome = attempt.outcome.rawValue
            model.note = attempt.note
            model.consentForm = attempt.consentForm?.rawValue
            model.declineReason = attempt.declineReason
            model.followUpOn = attempt.outcome.needsFollowUp ? followUpOn?.description : nil
            model.recordedBy = attempt.recordedBy
            try await model.create(on: tx)
            guard let stored = try await SignalModel.find(signal.id, on: tx) else { throw AppError.notFound }
            stored.status = attempt.outcome.resultingStatus.rawValue
            stored.followUpOn = followUpOn?.description
            try await stored.update(on: tx)
            if attempt.outcome == .consented, let form = attempt.consentForm {
                // Recorded twice (a second click, a second contact) it is still one consent in the registry.
                try await ConsentRepository(database: tx).record(personID: signal.personID, purpose: .support, recipient: nil, form: form,
                                                                 on: attempt.onDate, expiresOn: nil, by: attempt.recordedBy)
            }
        }
    }

    public func attempts(signalID: UUID) async throws -> [ContactAttempt] {
        try await ContactAttemptModel.query(on: db()).filter(\.$signal.$id == signalID).sort(\.$createdAt, .ascending).all().map { try $0.record() }
    }

    /// Declined signals whose follow-up falls on or before `date`.
    public func followUps(municipalityID: UUID, teamID: UUID?, through date: CivilDate) async throws -> [(Signal, Person)] {
        try await signals(municipalityID: municipalityID, teamID: teamID, statuses: SignalStatus.allCases.filter(\.hasFollowUp))
            .filter { signal, _ in signal.followUpOn.map { $0 <= date } ?? false }
    }

}

extension SignalModel {
    /// The stored signal; an unknown code in any column is an error naming it.
    func record() throws -> Signal {
        let table = Self.schema
        return Signal(
            id: try requireID(), municipalityID: $municipality.id, personID: $person.id, teamID: $team.id, districtID: $district.id,
            referenceCode: referenceCode, source: try StoredValue.decode(source, table: table, column: "source"),
            reporterRelation: try StoredValue.decode(reporterRelation, table: table, column: "reporter_relation"), reporterName: reporterName,
            reporterEmail: reporterEmail, reporterPhone: reporterPhone, reporterUserID: reporterUserID,
            reporterOrganisationID: reporterOrganisationID, concern: concern,
            indicators: try StoredValue.list(indicators, table: table, column: "indicators"),
            duration: try StoredValue.decode(duration, table: table, column: "duration"),
            status: try StoredValue.decode(status, table: table, column: "status"),
            receivedAt: receivedAt, contactDue: try StoredValue.date(contactDue, table: table, column: "contact_due"),
            followUpOn: try StoredValue.date(followUpOn, table: table, column: "follow_up_on"), mergedInto: mergedInto)
    }
}

extension PersonModel {
    func record() throws -> Person {
        Person(
            id: try requireID(), municipalityID: $municipality.id, teamID: $team.id, name: name, birthYear: birthYear,
            ageBand: try StoredValue.decode(ageBand, table: Self.schema, column: "age_band"), postcode: postcode, houseNumber: houseNumber,
            street: street, phone: phone, knownToPartner: knownToPartner)
    }
}

extension ContactAttemptModel {
    func record() throws -> ContactAttempt {
        let table = Self.schema
        return ContactAttempt(
            id: try requireID(), onDate: try StoredValue.date(onDate, table: table, column: "on_date"),
            channel: try StoredValue.decode(channel, table: table, column: "channel"),
            outcome: try StoredValue.decode(outcome, table: table, column: "outcome"), note: note,
            consentForm: try StoredValue.decode(consentForm, table: table, column: "consent_form"),
            declineReason: declineReason, recordedBy: recordedBy)
    }
}
