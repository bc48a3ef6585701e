import Crypto
import FluentKit
import Foundation
import OmzienCore
import SQLKit

/// Applies the retention rules: finds what is due, anonymises it (or only counts it in a dry run),
/// logs the counts, and lets one app instance claim the daily run.
public struct RetentionRepository: Sendable {
    let db: @Sendable () -> any Database
    public init(databaseService: DatabaseService) { self.db = { databaseService.database } }

    public func settings(municipalityID: UUID) async throws -> RetentionSettings {
        guard let model = try await RetentionSettingsModel.query(on: db()).filter(\.$municipality.$id == municipalityID).first() else {
            return RetentionSettings()
        }
        var settings = RetentionSettings()
        settings.uncontactedMonths = model.uncontactedMonths
        settings.declinedMonths = model.declinedMonths
        settings.closedTrajectoryMonths = model.closedTrajectoryMonths
        return settings
    }

    /// Creates or updates the municipality's settings (one row per municipality, kept by a unique index; a save
    /// that loses the race to create it updates the winner's row instead).
    public func save(_ settings: RetentionSettings, municipalityID: UUID) async throws {
        try await retryingOnceOnUniqueConflict { try await write(settings, municipalityID: municipalityID) }
    }

    private func write(_ settings: RetentionSettings, municipalityID: UUID) async throws {
        let model = try await RetentionSettingsModel.query(on: db()).filter(\.$municipality.$id == municipalityID).first() ?? RetentionSettingsModel()
        model.$municipality.id = municipalityID
        model.uncontactedMonths = settings.uncontactedMonths
        model.declinedMonths = settings.declinedMonths
        model.closedTrajectoryMonths = settings.closedTrajectoryMonths
        try await model.save(on: db())
    }

    /// Claims `job` for `period` (e.g. a day). True for exactly one caller, however many instances ask:
    /// the database's unique key decides.
    public func claim(job: String, period: String, at date: Date) async throws -> Bool {
        // The primary key itself is derived from job and period, so a second insert can never succeed,
        // whatever the database and however the instances race.
        let digest = Array(SHA256.hash(data: Data("\(job)|\(period)".utf8)))
        let id = UUID(uuid: (digest[0], digest[1], digest[2], digest[3], digest[4], digest[5], digest[6], digest[7],
                             digest[8], digest[9], digest[10], digest[11], digest[12], digest[13], digest[14], digest[15]))
        let model = JobClaimModel()
        model.id = id
        model.job = job
        model.period = period
        model.claimedAt = date
        do {
            try await model.create(on: db())
            return true
        } catch {
            // Taken by another instance (a key violation): not ours. Anything else is a real failure.
            if try await JobClaimModel.find(id, on: db()) != nil { return false }
            throw error
        }
    }

    public func log(municipalityID: UUID, limit: Int = 100) async throws -> [RetentionLogEntry] {
        try await RetentionLogModel.query(on: db()).filter(\.$municipality.$id == municipalityID).sort(\.$ranAt, .descending).limit(limit).all()
            .map { RetentionLogEntry(ranAt: $0.ranAt, kind: try StoredValue.decode($0.kind, table: RetentionLogModel.schema, column: "kind"),
                                     count: $0.count, dryRun: $0.dryRun, by: $0.by) }
    }

    /// Runs (or, with `dryRun`, only counts) every rule for one municipality and logs the counts.
    public func apply(municipalityID: UUID, settings: RetentionSettings, today: CivilDate, now: Date, dryRun: Bool, by: String) async throws -> [RetentionCount] {
        let calendar = Calendar(identifier: .gregorian)
        let uncontactedCutoff = calendar.date(byAdding: .month, value: -settings.uncontactedMonths, to: now)!
        let declinedCutoff = today.adding(months: -settings.declinedMonths)
        let closedCutoff = today.adding(months: -settings.closedTrajectoryMonths)

        let uncontacted = try await SignalModel.query(on: db()).filter(\.$municipality.$id == municipalityID)
            .filter(\.$status ~~ [SignalStatus.new.rawValue, SignalStatus.contacting.rawValue]).filter(\.$receivedAt < uncontactedCutoff).all()
        // Declined: after the last follow-up date (or the receipt, when none was set).
        let declined = try await SignalModel.query(on: db()).filter(\.$municipality.$id == municipalityID)
            .filter(\.$status == SignalStatus.declined.rawValue).all()
            .filter { ($0.followUpOn.flatMap(CivilDate.init) ?? AppClock.civilDate($0.receivedAt)) < declinedCutoff }
        let closed = try await TrajectoryModel.query(on: db()).filter(\.$municipality.$id == municipalityID)
            .filter(\.$status == TrajectoryStatus.closed.rawValue).all()
            .filter { ($0.closedOn.flatMap(CivilDate.init) ?? today) < closedCutoff }
        let closedPeople = try await PersonModel.query(on: db()).filter(\.$id ~~ closed.map { $0.$person.id }).filter(\.$name != "").all()
        let closedDue = closed.filter { trajectory in closedPeople.contains { $0.id == trajectory.$person.id } }

        let counts = [RetentionCount(kind: .uncontacted, count: uncontacted.count), RetentionCount(kind: .declined, count: declined.count),
                      RetentionCount(kind: .closedTrajectories, count: closedDue.count)]
        if !dryRun {
            for signal in uncontacted + declined { try await anonymise(signal: signal) }
            for trajectory in closedDue { try await anonymise(trajectory: trajectory) }
        }
        for count in counts {
            let entry = RetentionLogModel()
            entry.$municipality.id = municipalityID
            entry.ranAt = now
            entry.kind = count.kind.rawValue
            entry.count = count.count
            entry.dryRun = dryRun
            entry.by = by
            try await entry.create(on: db())
        }
        return counts
    }

    /// Anonymises the signal, its contact attempts and its person by the registry's rules, and marks it anonymised.
    /// The status, dates, district and age band stay.
    func anonymise(signal: SignalModel) async throws {
        let signalID = try signal.requireID()
        try await db().transaction { tx in
            let store = PersonalDataStore(sql: tx as! any SQLDatabase)
            try await store.anonymise(try await store.resolve(seeds: ["signals": [signalID], "persons": [signal.$person.id]], personID: nil))
            try await SignalModel.query(on: tx).filter(\.$id == signalID).set(\.$status, to: SignalStatus.anonymised.rawValue).update()
        }
    }

    /// Anonymises a closed trajectory with everything below it (timeline, plan, contacts, couplings, referrals),
    /// the signal it came from and the person, by the registry's rules. What the registry keeps (phases, dates,
    /// forms, profile, measurements, goal resources and outcomes, contact counts and minutes) keeps the
    /// evaluation's figures as they were.
    func anonymise(trajectory: TrajectoryModel) async throws {
        let seeds = ["trajectories": [try trajectory.requireID()], "persons": [trajectory.$person.id], "signals": trajectory.signalID.map { [$0] } ?? []]
        try await db().transaction { tx in
            let store = PersonalDataStore(sql: tx as! any SQLDatabase)
            try await store.anonymise(try await store.resolve(seeds: seeds, personID: nil))
        }
    }
}
