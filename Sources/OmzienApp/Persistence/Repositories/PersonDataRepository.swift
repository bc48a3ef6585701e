import FluentKit
import Foundation
import OmzienCore

/// Everything Omzien holds about one person, as plain values: for the export of the person's rights
/// and to know what an erasure removes. Reporters' identities are not the person's data and stay out.
public struct PersonDataRecord: Sendable, Codable, Equatable {
    public struct Item: Sendable, Codable, Equatable {
        public var kind: String
        public var id: String
        public var date: String
        public var fields: [String: String]
    }

    public var person: [String: String]
    public var items: [Item]
    public var recordIDs: [String]
    public var openTrajectories: Int
    public var runningCouplings: Int
}

public struct PersonDataRepository: Sendable {
    let db: @Sendable () -> any Database
    public init(databaseService: DatabaseService) { self.db = { databaseService.database } }

    public func gather(personID: UUID, municipalityID: UUID) async throws -> PersonDataRecord? {
        let database = db()
        guard let person = try await PersonModel.query(on: database).filter(\.$id == personID).filter(\.$municipality.$id == municipalityID).first()
        else { return nil }
        var items: [PersonDataRecord.Item] = []
        var ids = [personID.uuidString]
        func add(_ kind: String, _ id: UUID?, _ date: String, _ fields: [String: String?]) {
            items.append(.init(kind: kind, id: id?.uuidString ?? "", date: date, fields: fields.compactMapValues { $0 }.filter { !$0.value.isEmpty }))
            if let id { ids.append(id.uuidString) }
        }
        for consent in try await ConsentModel.query(on: database).filter(\.$person.$id == personID).all() {
            add("consent", consent.id, consent.givenOn, ["purpose": consent.purpose, "form": consent.form, "withdrawn_on": consent.withdrawnOn])
        }
        let signals = try await SignalModel.query(on: database).filter(\.$person.$id == personID).all()
        for signal in signals {
            add("signal", signal.id, AppClock.civilDate(signal.receivedAt).description,
                ["reference": signal.referenceCode, "source": signal.source, "concern": signal.concern, "indicators": signal.indicators, "status": signal.status])
            for attempt in try await ContactAttemptModel.query(on: database).filter(\.$signal.$id == signal.id!).all() {
                add("contact_attempt", attempt.id, attempt.onDate, ["channel": attempt.channel, "outcome": attempt.outcome, "note": attempt.note])
            }
        }
        let trajectories = try await TrajectoryModel.query(on: database).filter(\.$person.$id == personID).all()
        for trajectory in trajectories {
            let id = trajectory.id!
            add("trajectory", id, trajectory.startedOn, ["status": trajectory.status, "phase": String(trajectory.phase), "assessment": trajectory.assessment,
                                                          "closed_on": trajectory.closedOn, "close_reason": trajectory.closeReason, "close_note": trajectory.closeNote])
            for m in try await MeasurementModel.query(on: database).filter(\.$trajectory.$id == id).all() {
                add("measurement", m.id, m.onDate, ["version": m.version, "answers": m.answers, "total": m.total.map(String.init)])
            }
            for n in try await NetworkMemberModel.query(on: database).filter(\.$trajectory.$id == id).all() {
                add("network_member", n.id, "", ["name": n.name, "relation": n.relation, "support": n.support])
            }
            for g in try await GoalModel.query(on: database).filter(\.$trajectory.$id == id).all() {
                add("goal", g.id, g.dueOn ?? "", ["description": g.description, "resource": g.resource, "status": g.status])
            }
            for c in try await CaseContactModel.query(on: database).filter(\.$trajectory.$id == id).all() {
                add("contact", c.id, c.onDate, ["kind": c.kind, "minutes": String(c.minutes), "note": c.note])
            }
            for r in try await ReminderModel.query(on: database).filter(\.$trajectory.$id == id).all() {
                add("reminder", r.id, r.onDate, ["note": r.note])
            }
            for e in try await TrajectoryEventModel.query(on: database).filter(\.$trajectory.$id == id).all() {
                add("event", e.id, e.onDate, ["kind": e.kind, "text": e.text])
            }
            for request in try await CouplingRequestModel.query(on: database).filter(\.$trajectory.$id == id).all() {
                add("buddy_request", request.id, request.waitingSince, ["interests": request.interests, "note": request.note, "status": request.status])
            }
            for coupling in try await CouplingModel.query(on: database).filter(\.$trajectory.$id == id).all() {
                add("coupling", coupling.id, coupling.proposedOn, ["status": coupling.status, "start_on": coupling.startOn, "ended_on": coupling.endedOn])
                for checkIn in try await CouplingCheckInModel.query(on: database).filter(\.$coupling.$id == coupling.id!).all() {
                    add("check_in", checkIn.id, checkIn.onDate, ["what": checkIn.what, "how": checkIn.how])
                }
            }
            for referral in try await ReferralModel.query(on: database).filter(\.$trajectoryID == id).all() {
                add("referral", referral.id, referral.sentOn, ["request": referral.request, "status": referral.status, "feedback": referral.feedback])
            }
        }
        let personFields: [String: String?] = ["name": person.name, "birth_year": person.birthYear.map(String.init), "age_band": person.ageBand,
                                               "postcode": person.postcode, "house_number": person.houseNumber, "street": person.street, "phone": person.phone]
        let couplingIDs = items.filter { $0.kind == "coupling" && ($0.fields["status"] == "active" || $0.fields["status"] == "proposed") }
        return PersonDataRecord(person: personFields.compactMapValues { $0 }, items: items, recordIDs: ids,
                                openTrajectories: trajectories.filter { $0.status == "open" }.count, runningCouplings: couplingIDs.count)
    }

    /// Deletes everything gathered for the person, children first. Returns how many rows went, by kind.
    public func erase(personID: UUID, municipalityID: UUID) async throws -> [String: Int] {
        try await db().transaction { tx in
            guard try await PersonModel.query(on: tx).filter(\.$id == personID).filter(\.$municipality.$id == municipalityID).count() == 1 else { return [:] }
            var counts: [String: Int] = [:]
            let trajectories = try await TrajectoryModel.query(on: tx).filter(\.$person.$id == personID).all().compactMap(\.id)
            if !trajectories.isEmpty {
                let couplings = try await CouplingModel.query(on: tx).filter(\.$trajectory.$id ~~ trajectories).all().compactMap(\.id)
                if !couplings.isEmpty {
                    try await CouplingCheckInModel.query(on: tx).filter(\.$coupling.$id ~~ couplings).delete()
                    try await BackupRequestModel.query(on: tx).filter(\.$coupling.$id ~~ couplings).delete()
                    try await CouplingModel.query(on: tx).filter(\.$id ~~ couplings).delete()
                }
                counts["couplings"] = couplings.count
                try await CouplingRequestModel.query(on: tx).filter(\.$trajectory.$id ~~ trajectories).delete()
                let referrals = try await ReferralModel.query(on: tx).filter(\.$trajectoryID ~~ trajectories).all().compactMap(\.id)
                if !referrals.isEmpty {
                    try await ReferralConsentModel.query(on: tx).filter(\.$referral.$id ~~ referrals).delete()
                    try await ReferralModel.query(on: tx).filter(\.$id ~~ referrals).delete()
                }
                counts["referrals"] = referrals.count
                try await NetworkMemberModel.query(on: tx).filter(\.$trajectory.$id ~~ trajectories).delete()
                try await GoalModel.query(on: tx).filter(\.$trajectory.$id ~~ trajectories).delete()
                try await CaseContactModel.query(on: tx).filter(\.$trajectory.$id ~~ trajectories).delete()
                try await ReminderModel.query(on: tx).filter(\.$trajectory.$id ~~ trajectories).delete()
                try await MeasurementModel.query(on: tx).filter(\.$trajectory.$id ~~ trajectories).delete()
                try await TrajectoryEventModel.query(on: tx).filter(\.$trajectory.$id ~~ trajectories).delete()
                try await TrajectoryModel.query(on: tx).filter(\.$id ~~ trajectories).delete()
            }
            counts["trajectories"] = trajectories.count
            let signals = try await SignalModel.query(on: tx).filter(\.$person.$id == personID).all().compactMap(\.id)
            if !signals.isEmpty {
                try await ContactAttemptModel.query(on: tx).filter(\.$signal.$id ~~ signals).delete()
                try await SignalModel.query(on: tx).filter(\.$id ~~ signals).delete()
            }
            counts["signals"] = signals.count
            try await ConsentModel.query(on: tx).filter(\.$person.$id == personID).delete()
            try await PersonModel.query(on: tx).filter(\.$id == personID).delete()
            counts["person"] = 1
            return counts
        }
    }
}
