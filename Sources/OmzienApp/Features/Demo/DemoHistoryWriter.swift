import FluentKit
import Foundation
import OmzienCore
import SQLKit

/// Writes the demo history: people and signals, contact attempts, trajectories with their assessment,
/// measurements, goals and contact log, referrals, and couplings with their waiting-list requests.
/// A class so the seeded generator can be used from inside the database transactions; it is used by one
/// task at a time (the demo command), hence `@unchecked Sendable`.
final class HistoryWriter: @unchecked Sendable {
    let frame: DemoHistory.Frame
    let size: DemoHistory.Size
    let today: CivilDate
    var random = SeededGenerator(seed: 2026)

    static let firstNames = ["Anna", "Bep", "Cor", "Dirk", "Els", "Fenna", "Gerrit", "Hennie", "Ineke", "Jan", "Klaas", "Lies", "Mien",
                             "Nel", "Otto", "Piet", "Riet", "Sjaak", "Truus", "Wim", "Yvonne", "Ahmed", "Fatima", "Mehmet", "Noor", "Sanne"]
    static let lastNames = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "de Boer", "Bos", "Vos", "Peters",
                            "Hendriks", "Dekker", "Brouwer", "Kok", "Huisman", "Postma", "Yilmaz", "El Amrani", "Wijnstra"]
    static let streets = ["Lindelaan", "Kerkstraat", "Molenweg", "Dorpsstraat", "Beukenlaan", "Esdoornstraat", "Havenkade", "Schoolstraat"]

    init(frame: DemoHistory.Frame, size: DemoHistory.Size, today: CivilDate) {
        self.frame = frame
        self.size = size
        self.today = today
    }

    /// One signal's story, remembered for the tables written after it.
    struct Case {
        let personID: UUID
        let signalID: UUID
        let districtIndex: Int
        let teamID: UUID?
        let received: CivilDate
        let consentOn: CivilDate?
        let birthYear: Int?
    }

    func generate(into databaseService: DatabaseService, progress: (String) -> Void) async throws {
        let start = today.adding(days: -4 * 365)
        let database = databaseService.database
        let cases = try await database.transaction { tx in try await self.writeSignals(on: tx as! any SQLDatabase, from: start) }
        progress("\(cases.count) signals with consent")
        let trajectories = try await database.transaction { tx in try await self.writeTrajectories(for: cases, on: tx as! any SQLDatabase) }
        progress("\(trajectories.count) trajectories")
        try await database.transaction { tx in
            try await self.writeCaseContacts(for: trajectories, on: tx as! any SQLDatabase)
            try await self.writeReferrals(for: trajectories, on: tx as! any SQLDatabase)
            try await self.writeCouplings(for: trajectories, on: tx as! any SQLDatabase)
        }
        progress("contact log, referrals and couplings")
    }

    // MARK: Signals

    func writeSignals(on sql: any SQLDatabase, from start: CivilDate) async throws -> [Case] {
        var persons = BulkTable("persons", ["id", "municipality_id", "team_id", "name", "birth_year", "age_band", "postcode", "house_number",
                                            "street", "phone", "known_to_partner", "created_at"])
        var signals = BulkTable("signals", ["id", "municipality_id", "person_id", "team_id", "district_id", "reference_code", "source",
                                            "reporter_relation", "reporter_name", "reporter_email", "reporter_phone", "reporter_user_id",
                                            "reporter_organisation_id", "concern", "indicators", "duration", "status", "received_at",
                                            "received_on", "contact_due", "follow_up_on", "merged_into"])
        var attempts = BulkTable("contact_attempts", ["id", "signal_id", "on_date", "channel", "outcome", "note", "consent_form",
                                                      "decline_reason", "follow_up_on", "recorded_by", "created_at"])
        var consents = BulkTable("consents", ["id", "person_id", "purpose", "form", "given_on", "recorded_by"])
        var cases: [Case] = []
        var anonymised: (signals: [UUID], persons: [UUID]) = ([], [])
        var written: [BulkTable] = []
        let span = today.dayNumber - start.dayNumber
        let partners = frame.organisations.filter { $0.type != .welfare && $0.type != .activityProvider }
        let indicators = SignalIndicator.allCases.map(\.rawValue)
        for index in 0..<size.signals {
            let drawn = drawSignal(from: start, span: span, partners: partners)
            let (received, receivedAt, districtIndex, birthYear, band) = (drawn.received, drawn.receivedAt, drawn.districtIndex, drawn.birthYear, drawn.band)
            let (source, partner, relation, status, known, name) = (drawn.source, drawn.partner, drawn.relation, drawn.status, drawn.known, drawn.name)
            let district = frame.districts[districtIndex]
            let personID = UUID(), signalID = UUID()
            let contactDue = WorkingDays.adding(5, to: received)
            try await persons.add([personID, frame.municipalityID, district.teamID, name, birthYear, band.rawValue,
                                   "\(district.postcode) \(Self.letters(index))", String(index % 180 + 1), random.pick(Self.streets),
                                   String?.none, known, receivedAt], on: sql)
            let (followUp, consentOn) = try await writeAttempts(for: drawn, signalID: signalID, personID: personID,
                                                                attempts: &attempts, consents: &consents, on: sql)
            let partnerUser: UUID? = nil
            try await signals.add([signalID, frame.municipalityID, personID, district.teamID, district.id, String(format: "H%07d", index),
                                   source.rawValue, relation.rawValue, source == .resident ? "Buurtbewoner" : nil, String?.none, String?.none,
                                   partnerUser, partner?.id, "Zorgen over contact en zelfzorg.",
                                   (0..<Int.random(in: 1...3, using: &random)).map { _ in random.pick(indicators) }.joined(separator: ","),
                                   random.pick(ConcernDuration.allCases).rawValue, status.rawValue, receivedAt, received.description,
                                   contactDue.description, followUp, UUID?.none], on: sql)
            if status == .anonymised { anonymised = (anonymised.signals + [signalID], anonymised.persons + [personID]) }
            if status == .consented, let consentOn {
                cases.append(Case(personID: personID, signalID: signalID, districtIndex: districtIndex, teamID: district.teamID,
                                  received: received, consentOn: consentOn, birthYear: birthYear))
            }
            written = [persons, signals, attempts, consents]
            try await BulkTable.flush(&written, on: sql)
            (persons, signals, attempts, consents) = (written[0], written[1], written[2], written[3])
        }
        written = [persons, signals, attempts, consents]
        try await BulkTable.flush(&written, on: sql, force: true)
        try await anonymise(signals: anonymised.signals, persons: anonymised.persons, on: sql)
        return cases
    }

    /// Signals drawn as anonymised look as the retention job leaves them: their rows and their persons'
    /// are rewritten by the personal-data registry's rules, the one place those rules live.
    func anonymise(signals: [UUID], persons: [UUID], on sql: any SQLDatabase) async throws {
        let store = PersonalDataStore(sql: sql)
        // In parts, so no statement exceeds the database's limit on bound values.
        for start in stride(from: 0, to: signals.count, by: 500) {
            let end = min(start + 500, signals.count)
            let seeds = ["signals": Array(signals[start..<end]), "persons": Array(persons[start..<end])]
            try await store.anonymise(try await store.resolve(seeds: seeds, personID: nil))
        }
    }

    /// One signal as drawn from the generator: when, where, about whom, from whom and how far it got.
    struct DrawnSignal {
        let received: CivilDate
        let receivedAt: Date
        let districtIndex: Int
        let birthYear: Int?
        let band: AgeBand
        let source: SignalSource
        let partner: (id: UUID, type: OrganisationType)?
        let relation: ReporterRelation
        let status: SignalStatus
        let known: Bool?
        let name: String
    }

    /// Draws the next signal. The draws follow the seeded generator's sequence: keep their order, or the
    /// whole history changes.
    func drawSignal(from start: CivilDate, span: Int, partners: [(id: UUID, type: OrganisationType)]) -> DrawnSignal {
        // More signals each year, as a signal point becomes known.
        let received = start.adding(days: Int(Double(span) * sqrt(Double.random(in: 0..<1, using: &random))))
        let receivedAt = Self.noon(received).addingTimeInterval(Double(Int.random(in: -10_800...18_000, using: &random)))
        let districtIndex = random.weighted(frame.districts.indices.map { ($0, [1.4, 1.2, 1.0, 1.1, 0.9, 0.6][$0 % 6]) })
        let birthYear: Int? = random.chance(0.85) ? received.year - random.weighted([(Int.random(in: 20...64, using: &random), 0.2),
                                                                                    (Int.random(in: 65...74, using: &random), 0.3),
                                                                                    (Int.random(in: 75...84, using: &random), 0.35),
                                                                                    (Int.random(in: 85...99, using: &random), 0.15)]) : nil
        let band = birthYear.map { AgeBand.of(birthYear: $0, in: received.year) } ?? .unknown
        let source = random.weighted([(SignalSource.resident, 0.36), (.selfReport, 0.1), (.partner, 0.48), (.outreach, 0.06)])
        let partner = source == .partner || source == .outreach ? random.pick(partners) : nil
        let relation: ReporterRelation = switch source {
        case .selfReport: .myself
        case .partner, .outreach: .professional
        case .resident: random.weighted([(.neighbour, 0.5), (.family, 0.3), (.friend, 0.15), (.volunteer, 0.05)])
        }
        let age = today.dayNumber - received.dayNumber
        let status: SignalStatus = age < 6 ? random.weighted([(.new, 0.6), (.contacting, 0.3), (.consented, 0.1)])
            : random.weighted([(.consented, 0.34), (.declined, 0.15), (.noConcern, 0.12), (.contacting, age < 60 ? 0.06 : 0.01),
                               (.merged, 0.03), (.anonymised, age > 200 ? 0.05 : 0)])
        let known: Bool? = status == .new || status == .contacting ? nil : random.weighted([(true, 0.58), (false, 0.37), (nil, 0.05)])
        // An anonymised signal is written whole first and then anonymised by the registry's rules (`anonymise`).
        let name = "\(random.pick(Self.firstNames)) \(random.pick(Self.lastNames))"
        return DrawnSignal(received: received, receivedAt: receivedAt, districtIndex: districtIndex, birthYear: birthYear, band: band,
                           source: source, partner: partner, relation: relation, status: status, known: known, name: name)
    }

    /// Writes the attempts to reach the person of `drawn` and the consent they gave; returns a refusal's
    /// follow-up date and the day of consent.
    func writeAttempts(for drawn: DrawnSignal, signalID: UUID, personID: UUID, attempts: inout BulkTable, consents: inout BulkTable,
                       on sql: any SQLDatabase) async throws -> (followUp: String?, consentOn: CivilDate?) {
        let (received, status) = (drawn.received, drawn.status)
        var followUp: String?
        var consentOn: CivilDate?
        // Attempts: not reached a few times, then the outcome.
        var day = received.adding(days: random.days(median: 2, cap: 20))
        let recorder = random.pick(frame.professionals)
        let reachedOutcome: ContactOutcome? = switch status {
        case .consented: .consented
        case .declined: .declined
        case .noConcern: .noConcern
        case .merged: random.chance(0.5) ? .consented : nil
        default: nil
        }
        if status != .new {
            for _ in 0..<(random.chance(0.35) ? Int.random(in: 1...2, using: &random) : 0) where day <= today {
                try await attempts.add([UUID(), signalID, day.description, "phone", ContactOutcome.notReached.rawValue, "", String?.none,
                                        String?.none, String?.none, recorder, Self.noon(day)], on: sql)
                day = day.adding(days: Int.random(in: 1...4, using: &random))
            }
            if let outcome = reachedOutcome, day <= today {
                let due = outcome == .declined ? day.adding(months: 3) : nil
                try await attempts.add([UUID(), signalID, day.description, random.pick(["phone", "visit"]), outcome.rawValue, "",
                                        outcome == .consented ? "verbal" : nil, outcome == .declined ? "wil nu geen hulp" : nil,
                                        due?.description, recorder, Self.noon(day)], on: sql)
                if outcome == .consented {
                    consentOn = day
                    try await consents.add([UUID(), personID, "support", "verbal", day.description, recorder], on: sql)
                }
                if let due {
                    followUp = due.description
                    // Most refusals are followed up around the planned date.
                    let next = due.adding(days: random.weighted([(Int.random(in: -5...5, using: &random), 0.7),
                                                                 (Int.random(in: 8...40, using: &random), 0.2)]))
                    if random.chance(0.85), next <= today {
                        try await attempts.add([UUID(), signalID, next.description, "phone", ContactOutcome.noConcern.rawValue, "",
                                                String?.none, String?.none, String?.none, recorder, Self.noon(next)], on: sql)
                    }
                }
            }
        }
        return (followUp, consentOn)
    }

    // MARK: Trajectories

    func writeTrajectories(for cases: [Case], on sql: any SQLDatabase) async throws
        -> [(id: UUID, started: CivilDate, closed: CivilDate?, personID: UUID, birthYear: Int?)] {
        var trajectories = BulkTable("trajectories", ["id", "municipality_id", "person_id", "team_id", "professional_id", "signal_id", "phase",
                                                      "status", "started_on", "next_action_on", "assessment", "closed_on", "close_reason",
                                                      "close_note", "profile", "forms"])
        var measurements = BulkTable("measurements", ["id", "trajectory_id", "on_date", "version", "answers", "total", "emotional", "social",
                                                      "created_at"])
        var goals = BulkTable("goals", ["id", "trajectory_id", "description", "resource", "due_on", "status", "agreed", "created_at"])
        var written: [(id: UUID, started: CivilDate, closed: CivilDate?, personID: UUID, birthYear: Int?)] = []
        let encoder = JSONEncoder()
        // Kitchen-table trajectories without a signal make up the rest of the 50,000.
        let direct = max(0, size.signals / 2 - cases.count)
        let all = cases.map { Optional($0) } + Array(repeating: Case?.none, count: direct)
        for item in all {
            let startedOn = item?.consentOn ?? today.adding(days: -Int.random(in: 0...(4 * 365), using: &random))
            let id = UUID()
            var assessment = Assessment()
            assessment.duration = random.pick(LonelinessDuration.allCases)
            assessment.motivation = random.pick(Motivation.allCases)
            assessment.coping = random.pick(Coping.allCases)
            assessment.forms = Set(LonelinessForm.allCases.filter { _ in random.chance(0.45) })
            let length = random.days(median: 150, cap: 700)
            let closed: CivilDate? = startedOn.adding(days: length) <= today ? startedOn.adding(days: length) : nil
            let personID: UUID
            if let item { personID = item.personID } else {
                personID = UUID()
                let district = random.pick(frame.districts)
                try await sql.insert(into: "persons").columns(["id", "municipality_id", "team_id", "name", "age_band", "created_at"])
                    .values([personID, frame.municipalityID, district.teamID, "\(random.pick(Self.firstNames)) \(random.pick(Self.lastNames))",
                             random.pick(AgeBand.allCases).rawValue, Self.noon(startedOn)] as [any Encodable & Sendable]).run()
            }
            let teamID = item?.teamID ?? frame.districts.first?.teamID
            try await trajectories.add([id, frame.municipalityID, personID, teamID, random.pick(frame.professionals), item?.signalID,
                                        closed == nil ? Int.random(in: 3...6, using: &random) : 7, closed == nil ? "open" : "closed",
                                        startedOn.description, closed == nil ? today.adding(days: Int.random(in: 1...30, using: &random)).description : nil,
                                        String(decoding: try encoder.encode(assessment), as: UTF8.self), closed?.description,
                                        closed == nil ? nil : random.weighted([(CloseReason.goalsMet.rawValue, 0.7), (CloseReason.declinedFurtherSupport.rawValue, 0.15),
                                                                              (CloseReason.moved.rawValue, 0.1), (CloseReason.other.rawValue, 0.05)]),
                                        closed == nil ? nil : "", assessment.profile?.rawValue,
                                        assessment.forms.isEmpty ? nil : "," + assessment.forms.map(\.rawValue).sorted().joined(separator: ",") + ","], on: sql)
            let before = random.weighted([(Int.random(in: 3...8, using: &random), 0.6), (Int.random(in: 9...11, using: &random), 0.4)])
            let first = startedOn.adding(days: Int.random(in: 3...21, using: &random))
            if first <= today { try await measurement(id, on: first, total: before, into: &measurements, sql: sql) }
            if let closed, random.chance(0.8) {
                let change = Int((Double(random.weighted([(-1, 0.3), (-2, 0.25), (-3, 0.15), (0, 0.2), (1, 0.1)])) * 1.2).rounded())
                try await measurement(id, on: closed, total: max(0, min(11, before + change)), into: &measurements, sql: sql)
            }
            let resources = GoalResource.allCases.filter { _ in random.chance(0.5) }
            for (offset, resource) in (resources.isEmpty ? [.ownNetwork] : resources).enumerated() {
                let created = startedOn.adding(days: random.days(median: 18, cap: 120) + offset)
                guard created <= today else { continue }
                try await goals.add([UUID(), id, "Klein doel", resource.rawValue, created.adding(days: 60).description,
                                     closed == nil ? "open" : "done", true, Self.noon(created)], on: sql)
            }
            written.append((id: id, started: startedOn, closed: closed, personID: personID, birthYear: item?.birthYear))
            var tables = [trajectories, measurements, goals]
            try await BulkTable.flush(&tables, on: sql)
            (trajectories, measurements, goals) = (tables[0], tables[1], tables[2])
        }
        var tables = [trajectories, measurements, goals]
        try await BulkTable.flush(&tables, on: sql, force: true)
        return written
    }

    func measurement(_ trajectoryID: UUID, on date: CivilDate, total: Int, into table: inout BulkTable, sql: any SQLDatabase) async throws {
        // Answers that give the total: the first `total` items answered in the lonely direction.
        let answers = (1...11).map { item -> String in
            let positive = DJGItem.item(item).isPositive
            let lonely = item <= total
            return "q\(item)=" + (lonely ? (positive ? "nee" : "ja") : (positive ? "ja" : "nee"))
        }.joined(separator: ",")
        let lonelyItems = total > 0 ? Array(1...total) : []
        let emotional = lonelyItems.filter { !DJGItem.item($0).isPositive }.count
        try await table.add([UUID(), trajectoryID, date.description, DJGVersion.eleven.rawValue, answers, total, emotional, total - emotional,
                             Self.noon(date)], on: sql)
    }

    // MARK: Contact log, referrals, couplings

    func writeCaseContacts(for trajectories: [(id: UUID, started: CivilDate, closed: CivilDate?, personID: UUID, birthYear: Int?)],
                                    on sql: any SQLDatabase) async throws {
        guard !trajectories.isEmpty else { return }
        var contacts = BulkTable("case_contacts", ["id", "trajectory_id", "on_date", "kind", "minutes", "note", "by_user"])
        for _ in 0..<size.caseContacts {
            let trajectory = random.pick(trajectories)
            let end = min(trajectory.closed ?? today, today)
            let span = max(0, end.dayNumber - trajectory.started.dayNumber)
            try await contacts.add([UUID(), trajectory.id, trajectory.started.adding(days: Int.random(in: 0...span, using: &random)).description,
                                    random.pick(CaseContactKind.allCases).rawValue, random.pick([15, 30, 45, 60, 90]), "Gesprek",
                                    random.pick(frame.professionals)], on: sql)
            if contacts.isFull { try await contacts.flush(on: sql) }
        }
        try await contacts.flush(on: sql)
    }

    func writeReferrals(for trajectories: [(id: UUID, started: CivilDate, closed: CivilDate?, personID: UUID, birthYear: Int?)],
                                 on sql: any SQLDatabase) async throws {
        guard !frame.activities.isEmpty, !trajectories.isEmpty else { return }
        var referrals = BulkTable("referrals", ["id", "municipality_id", "activity_id", "organisation_id", "trajectory_id", "person_id", "referrer_id",
                                                "person_name", "person_phone", "person_birth_year", "request", "status", "decline_reason",
                                                "outcome_reason", "feedback", "sent_on", "answered_on", "started_on", "completed_on",
                                                "updated_at", "feedback_consent"])
        for _ in 0..<size.referrals {
            let trajectory = random.pick(trajectories)
            let activity = random.pick(frame.activities)
            let sent = min(today, trajectory.started.adding(days: random.days(median: 30, cap: 200)))
            let age = today.dayNumber - sent.dayNumber
            let status: ReferralStatus = age < 10 ? .sent : random.weighted([(.successful, 0.45), (.unsuccessful, 0.15), (.declined, 0.1),
                                                                              (.started, age < 120 ? 0.2 : 0.02), (.accepted, age < 30 ? 0.1 : 0.01),
                                                                              (.withdrawn, 0.04)])
            let answered = status == .sent ? nil : sent.adding(days: random.days(median: 4, cap: 30))
            let reason = status == .declined || status == .unsuccessful ? random.pick(ReferralReason.allCases).rawValue : nil
            try await referrals.add([UUID(), frame.municipalityID, activity.id, activity.organisationID, trajectory.id, trajectory.personID,
                                     random.pick(frame.professionals), "\(random.pick(Self.firstNames)) \(random.pick(Self.lastNames))",
                                     "06 0000 0000", trajectory.birthYear, "Graag kennismaken", status.rawValue,
                                     status == .declined ? reason : nil, status == .unsuccessful ? reason : nil, "", sent.description,
                                     answered?.description, [.started, .successful, .unsuccessful].contains(status) ? answered?.adding(days: 7).description : nil,
                                     [.successful, .unsuccessful].contains(status) ? answered?.adding(days: 90).description : nil,
                                     Self.noon(sent), true], on: sql)
            if referrals.isFull { try await referrals.flush(on: sql) }
        }
        try await referrals.flush(on: sql)
    }

    func writeCouplings(for trajectories: [(id: UUID, started: CivilDate, closed: CivilDate?, personID: UUID, birthYear: Int?)],
                                 on sql: any SQLDatabase) async throws {
        guard !frame.volunteers.isEmpty, !trajectories.isEmpty else { return }
        var requests = BulkTable("coupling_requests", ["id", "municipality_id", "trajectory_id", "interests", "languages", "availability", "gender",
                                                       "preferred_volunteer_gender", "prefers_other_district", "excluded", "note", "waiting_since",
                                                       "status", "created_by"])
        var couplings = BulkTable("couplings", ["id", "municipality_id", "request_id", "trajectory_id", "volunteer_id", "status", "person_agreed_on",
                                                "person_agreement_by", "volunteer_agreed_on", "proposed_on", "start_on", "period_months",
                                                "checkin_days", "goal_ids", "score", "reasons", "ended_on", "end_kind", "end_reason", "end_note",
                                                "created_at"])
        // Only closed trajectories: the demo's own waiting list stays as the coupling pages expect it.
        let closed = trajectories.filter { $0.closed != nil }
        guard !closed.isEmpty else { return }
        for _ in 0..<size.couplings {
            let trajectory = random.pick(closed)
            let requestID = UUID()
            let start = min(today, trajectory.started.adding(days: random.days(median: 20, cap: 90) + random.days(median: 45, cap: 300)))
            let waitingSince = start.adding(days: -random.days(median: 45, cap: 300))
            try await requests.add([requestID, frame.municipalityID, trajectory.id, "wandelen", "nl", "ma-middag", String?.none, String?.none,
                                    false, "", "", waitingSince.description, "coupled", random.pick(frame.professionals)], on: sql)
            let planned = start.adding(months: 12)
            let ending = random.weighted([("planned", 0.55), ("early", 0.25), ("friendship", 0.2)])
            let ended: CivilDate? = ending == "early" ? start.adding(days: random.days(median: 120, cap: 330)) : planned
            let isEnded = ended.map { $0 <= today } ?? false
            let volunteer = random.pick(frame.volunteers)
            try await couplings.add([UUID(), frame.municipalityID, requestID, trajectory.id, volunteer, isEnded ? "ended" : "active",
                                     start.adding(days: -3).description, random.pick(frame.professionals), start.adding(days: -2).description,
                                     start.adding(days: -10).description, start.description, 12, 30, "", 60.0, "[]",
                                     isEnded ? ended?.description : nil, isEnded ? ending : nil, isEnded && ending == "early" ? "needs_changed" : nil,
                                     isEnded ? "" : nil, Self.noon(start)], on: sql)
            var tables = [requests, couplings]
            try await BulkTable.flush(&tables, on: sql)
            (requests, couplings) = (tables[0], tables[1])
        }
        var tables = [requests, couplings]
        try await BulkTable.flush(&tables, on: sql, force: true)
    }

    // MARK: Helpers

    static func noon(_ date: CivilDate) -> Date { Date(timeIntervalSince1970: Double(date.dayNumber) * 86_400 + 11 * 3_600) }

    static func letters(_ index: Int) -> String {
        let alphabet = Array("ABCDEFGHJKLMNPRSTVWXZ")
        return String([alphabet[index % alphabet.count], alphabet[(index / alphabet.count) % alphabet.count]])
    }
}
