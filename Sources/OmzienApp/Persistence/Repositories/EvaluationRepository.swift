import FluentKit
import Foundation
import OmzienCore
import SQLKit

/// Loads the evaluation facts of a municipality: plain selects with a few per-record aggregates (first
/// contact, first goal, first and last measurement), turned into the core's compact numeric facts. Every
/// filter of the dashboard is then counted in memory (`EvaluationFacts.counts`).
public struct EvaluationRepository: Sendable {
    let databaseService: DatabaseService
    public init(databaseService: DatabaseService) { self.databaseService = databaseService }

    var sql: any SQLDatabase { databaseService.sql }
    var isPostgres: Bool { sql.dialect.name == "postgresql" }

    /// The number that changes with every write to the tables the evaluation reads (kept by triggers).
    public func version() async throws -> Int {
        let query: SQLQueryString = isPostgres ? "SELECT last_value AS version FROM evaluation_version" : "SELECT version FROM evaluation_state WHERE id = 1"
        return try await rows(query).first?.decode(column: "version", as: Int.self) ?? 0
    }

    // MARK: Day arithmetic, the one place the two databases differ

    /// Days since 1970-01-01 of a yyyy-MM-dd text column (as `CivilDate.dayNumber`).
    func dayOfText(_ column: String) -> String {
        isPostgres ? "(CAST(\(column) AS DATE) - DATE '1970-01-01')" : "CAST(julianday(\(column)) - 2440587.5 AS INTEGER)"
    }

    /// Days since 1970-01-01 (UTC) of a timestamp column.
    func dayOfTimestamp(_ column: String) -> String {
        isPostgres ? "CAST(FLOOR(EXTRACT(EPOCH FROM \(column)) / 86400) AS INTEGER)" : "CAST(\(column) / 86400 AS INTEGER)"
    }

    func rows(_ query: SQLQueryString) async throws -> [any SQLRow] {
        try await sql.raw(query).all()
    }

    // MARK: Facts

    public func facts(municipalityID: UUID, districts: [District], teams: [Team], activities: [CatalogueActivity]) async throws -> EvaluationFacts {
        var facts = EvaluationFacts()
        facts.activities = activities
        facts.districts = districts.map(\.name)
        facts.districtIDs = districts.map(\.id.uuidString)
        facts.teams = teams.map(\.id.uuidString)
        facts.sources = EvaluationFigures.Order.sources
        facts.relations = EvaluationFigures.Order.routes
        let districtIndex = Dictionary(uniqueKeysWithValues: districts.enumerated().map { ($1.id, Int16($0)) })
        let teamIndex = Dictionary(uniqueKeysWithValues: teams.enumerated().map { ($1.id, Int16($0)) })
        let ranges = districts.map { (try? PostcodeRanges.parse($0.postcodeRanges)) ?? [] }
        let bandIndex = Dictionary(uniqueKeysWithValues: AgeBand.allCases.enumerated().map { ($1.rawValue, UInt8($0)) })
        let lookup = Lookup(districts: districtIndex, teams: teamIndex, bands: bandIndex, ranges: ranges)
        let signalIndex = try await loadSignals(municipalityID, lookup: lookup, into: &facts)
        try await loadRefusals(municipalityID, signalIndex: signalIndex, into: &facts)
        let places = try await loadTrajectories(municipalityID, lookup: lookup, into: &facts)
        try await loadReferrals(municipalityID, places: places, lookup: lookup, into: &facts)
        try await loadCouplings(municipalityID, places: places, into: &facts)
        try await loadCoverage(municipalityID, districts: districts, into: &facts)
        return facts
    }

    struct Lookup {
        let districts: [UUID: Int16]
        let teams: [UUID: Int16]
        let bands: [String: UInt8]
        let ranges: [[PostcodeRange]]

        func district(_ id: UUID?) -> Int16 { id.flatMap { districts[$0] } ?? -1 }
        func team(_ id: UUID?) -> Int16 { id.flatMap { teams[$0] } ?? -1 }
        func band(_ code: String?) -> UInt8 { code.flatMap { bands[$0] } ?? UInt8(AgeBand.allCases.firstIndex(of: .unknown)!) }

        /// The district of a postcode, for people met without a signal.
        func district(postcode: String?) -> Int16 {
            guard let postcode = postcode.flatMap(Postcode.init) else { return -1 }
            return ranges.firstIndex { $0.contains { $0.contains(postcode) } }.map(Int16.init) ?? -1
        }
    }

    static func day(_ row: any SQLRow, _ column: String) throws -> Int32 {
        try row.decode(column: column, as: Int?.self).map(Int32.init) ?? EvaluationFacts.none
    }

    /// Signals with their person's age band and prior contact, the first contact that reached them and
    /// the first agreed goal of the trajectory that came from them.
    func loadSignals(_ municipalityID: UUID, lookup: Lookup, into facts: inout EvaluationFacts) async throws -> [UUID: Int32] {
        let query: SQLQueryString = """
            SELECT s.id AS id, \(unsafeRaw: dayOfText("s.received_on")) AS received_day, s.district_id AS district_id, s.team_id AS team_id,
                   p.age_band AS age_band, s.source AS source, o.type AS organisation_type, s.reporter_relation AS relation, s.status AS status,
                   s.person_id AS person_id,
                   CASE WHEN p.known_to_partner IS NULL THEN -1 WHEN p.known_to_partner THEN 1 ELSE 0 END AS known,
                   \(unsafeRaw: dayOfText("s.contact_due")) AS due_day, \(unsafeRaw: dayOfText("fc.first_on")) AS contact_day,
                   \(unsafeRaw: dayOfTimestamp("pl.plan_at")) AS plan_day
            FROM signals s JOIN persons p ON p.id = s.person_id
            LEFT JOIN organisations o ON o.id = s.reporter_organisation_id
            LEFT JOIN (SELECT a.signal_id AS signal_id, MIN(a.on_date) AS first_on FROM contact_attempts a JOIN signals x ON x.id = a.signal_id
                       WHERE x.municipality_id = \(bind: municipalityID) AND a.outcome <> 'not_reached' GROUP BY a.signal_id) fc ON fc.signal_id = s.id
            LEFT JOIN (SELECT t.signal_id AS signal_id, MIN(g.created_at) AS plan_at FROM trajectories t JOIN goals g ON g.trajectory_id = t.id AND g.agreed
                       WHERE t.municipality_id = \(bind: municipalityID) AND t.signal_id IS NOT NULL GROUP BY t.signal_id) pl ON pl.signal_id = s.id
            WHERE s.municipality_id = \(bind: municipalityID)
            """
        var people: [UUID: Int32] = [:], index: [UUID: Int32] = [:]
        let statuses = Dictionary(uniqueKeysWithValues: SignalStatus.allCases.enumerated().map { ($1.rawValue, UInt8($0)) })
        for row in try await rows(query) {
            let person = try row.decode(column: "person_id", as: UUID.self)
            let personNumber = people[person] ?? Int32(people.count)
            people[person] = personNumber
            let source = try EvaluationFacts.index(of: Self.sourceKey(source: row.decode(column: "source", as: String.self),
                                                                      organisationType: row.decode(column: "organisation_type", as: String?.self)),
                                                   in: &facts.sources)
            let relation = EvaluationFacts.index(of: try row.decode(column: "relation", as: String.self), in: &facts.relations)
            index[try row.decode(column: "id", as: UUID.self)] = Int32(facts.signals.count)
            facts.signals.append(EvaluationFacts.Signal(
                receivedDay: try Self.day(row, "received_day"), district: lookup.district(try row.decode(column: "district_id", as: UUID?.self)),
                team: lookup.team(try row.decode(column: "team_id", as: UUID?.self)), ageBand: lookup.band(try row.decode(column: "age_band", as: String?.self)),
                source: UInt8(source), relation: UInt8(relation), status: statuses[try row.decode(column: "status", as: String.self)] ?? 0,
                person: personNumber, known: Int8(try row.decode(column: "known", as: Int.self)), contactDueDay: try Self.day(row, "due_day"),
                firstContactDay: try Self.day(row, "contact_day"), planDay: try Self.day(row, "plan_day")))
        }
        return index
    }

    /// "resident", "self", or "partner:<organisation type>".
    static func sourceKey(source: String, organisationType: String?) -> String {
        source == SignalSource.partner.rawValue ? "partner:\(organisationType ?? "unknown")" : source
    }

    /// Every refusal with its follow-up date and the first attempt after it.
    func loadRefusals(_ municipalityID: UUID, signalIndex: [UUID: Int32], into facts: inout EvaluationFacts) async throws {
        let query: SQLQueryString = """
            SELECT a.signal_id AS signal_id, \(unsafeRaw: dayOfText("a.follow_up_on")) AS due_day,
                   \(unsafeRaw: dayOfText("(SELECT MIN(b.on_date) FROM contact_attempts b WHERE b.signal_id = a.signal_id AND b.on_date > a.on_date)")) AS next_day
            FROM contact_attempts a JOIN signals s ON s.id = a.signal_id
            WHERE a.outcome = 'declined' AND s.municipality_id = \(bind: municipalityID)
            """
        for row in try await rows(query) {
            guard let signal = signalIndex[try row.decode(column: "signal_id", as: UUID.self)] else { continue }
            facts.refusals.append(.init(signal: signal, dueDay: try Self.day(row, "due_day"), nextContactDay: try Self.day(row, "next_day")))
        }
    }

    /// Trajectories with their place, profile, forms, the kinds of help agreed and the pair of first and last measurement.
    func loadTrajectories(_ municipalityID: UUID, lookup: Lookup, into facts: inout EvaluationFacts) async throws -> [UUID: EvaluationFacts.Place] {
        let pairs: SQLQueryString = """
            SELECT x.trajectory_id AS trajectory_id, x.first_version AS version, x.first_total AS before_total, x.last_total AS after_total FROM (
              SELECT m.trajectory_id AS trajectory_id,
                     FIRST_VALUE(m.version) OVER w AS first_version, FIRST_VALUE(m.total) OVER w AS first_total,
                     LAST_VALUE(m.version) OVER w AS last_version, LAST_VALUE(m.total) OVER w AS last_total,
                     COUNT(*) OVER w AS n, ROW_NUMBER() OVER (PARTITION BY m.trajectory_id ORDER BY m.on_date, m.created_at) AS rn
              FROM measurements m JOIN trajectories t ON t.id = m.trajectory_id
              WHERE t.municipality_id = \(bind: municipalityID) AND m.total IS NOT NULL
              WINDOW w AS (PARTITION BY m.trajectory_id ORDER BY m.on_date, m.created_at ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
            ) x WHERE x.rn = 1 AND x.n > 1 AND x.first_version = x.last_version
            """
        var pairByTrajectory: [UUID: ScorePair] = [:]
        for row in try await rows(pairs) {
            guard let version = DJGVersion(rawValue: try row.decode(column: "version", as: String.self)) else { continue }
            pairByTrajectory[try row.decode(column: "trajectory_id", as: UUID.self)] = ScorePair(
                version: version, before: try row.decode(column: "before_total", as: Int.self), after: try row.decode(column: "after_total", as: Int.self))
        }
        let resourceBits = Dictionary(uniqueKeysWithValues: GoalResource.allCases.enumerated().map { ($1.rawValue, UInt8(1) << UInt8($0)) })
        var resources: [UUID: UInt8] = [:]
        let goals: SQLQueryString = """
            SELECT DISTINCT g.trajectory_id AS trajectory_id, g.resource AS resource FROM goals g JOIN trajectories t ON t.id = g.trajectory_id
            WHERE t.municipality_id = \(bind: municipalityID) AND g.agreed
            """
        for row in try await rows(goals) {
            resources[try row.decode(column: "trajectory_id", as: UUID.self), default: 0] |= resourceBits[try row.decode(column: "resource", as: String.self)] ?? 0
        }
        let query: SQLQueryString = """
            SELECT t.id AS id, \(unsafeRaw: dayOfText("t.started_on")) AS started_day, \(unsafeRaw: dayOfText("t.closed_on")) AS closed_day,
                   t.status AS status, t.signal_id AS signal_id, ts.district_id AS district_id, p.postcode AS postcode, t.team_id AS team_id,
                   p.age_band AS age_band, t.profile AS profile, t.forms AS forms
            FROM trajectories t JOIN persons p ON p.id = t.person_id LEFT JOIN signals ts ON ts.id = t.signal_id
            WHERE t.municipality_id = \(bind: municipalityID)
            """
        let profiles = Dictionary(uniqueKeysWithValues: InterventionProfile.allCases.enumerated().map { ($1.rawValue, Int8($0)) })
        let formBits = Dictionary(uniqueKeysWithValues: LonelinessForm.allCases.enumerated().map { ($1.rawValue, UInt8(1) << UInt8($0)) })
        var places: [UUID: EvaluationFacts.Place] = [:]
        for row in try await rows(query) {
            let id = try row.decode(column: "id", as: UUID.self)
            let signalDistrict = lookup.district(try row.decode(column: "district_id", as: UUID?.self))
            let place = EvaluationFacts.Place(
                district: signalDistrict >= 0 ? signalDistrict : lookup.district(postcode: try row.decode(column: "postcode", as: String?.self)),
                team: lookup.team(try row.decode(column: "team_id", as: UUID?.self)), ageBand: lookup.band(try row.decode(column: "age_band", as: String?.self)))
            places[id] = place
            let forms = (try row.decode(column: "forms", as: String?.self) ?? "").split(separator: ",").reduce(UInt8(0)) { $0 | (formBits[String($1)] ?? 0) }
            facts.trajectories.append(EvaluationFacts.Trajectory(
                startedDay: try Self.day(row, "started_day"), closedDay: try Self.day(row, "closed_day"),
                isOpen: try row.decode(column: "status", as: String.self) == TrajectoryStatus.open.rawValue, direct: try row.decode(column: "signal_id", as: UUID?.self) == nil,
                place: place, profile: (try row.decode(column: "profile", as: String?.self)).flatMap { profiles[$0] } ?? -1, forms: forms,
                resources: resources[id] ?? 0, pair: pairByTrajectory[id]))
        }
        return places
    }

    /// Referrals with the place of their trajectory (or only the person's age band when a GP referred directly).
    func loadReferrals(_ municipalityID: UUID, places: [UUID: EvaluationFacts.Place], lookup: Lookup, into facts: inout EvaluationFacts) async throws {
        let query: SQLQueryString = """
            SELECT \(unsafeRaw: dayOfText("r.sent_on")) AS sent_day, r.status AS status, r.decline_reason AS decline_reason,
                   r.outcome_reason AS outcome_reason, r.trajectory_id AS trajectory_id, p.age_band AS age_band
            FROM referrals r LEFT JOIN persons p ON p.id = r.person_id WHERE r.municipality_id = \(bind: municipalityID)
            """
        let statuses = Dictionary(uniqueKeysWithValues: ReferralStatus.allCases.enumerated().map { ($1.rawValue, UInt8($0)) })
        for row in try await rows(query) {
            let status = try row.decode(column: "status", as: String.self)
            let reason = status == ReferralStatus.declined.rawValue ? try row.decode(column: "decline_reason", as: String?.self)
                : status == ReferralStatus.unsuccessful.rawValue ? try row.decode(column: "outcome_reason", as: String?.self) : nil
            let place = try row.decode(column: "trajectory_id", as: UUID?.self).flatMap { places[$0] }
                ?? EvaluationFacts.Place(district: -1, team: -1, ageBand: lookup.band(try row.decode(column: "age_band", as: String?.self)))
            facts.referrals.append(.init(sentDay: try Self.day(row, "sent_day"), status: statuses[status] ?? 0, reason: reason, place: place))
        }
    }

    /// Couplings that started, with the waiting time from their request, and the people still waiting.
    func loadCouplings(_ municipalityID: UUID, places: [UUID: EvaluationFacts.Place], into facts: inout EvaluationFacts) async throws {
        let query: SQLQueryString = """
            SELECT c.trajectory_id AS trajectory_id, \(unsafeRaw: dayOfText("c.start_on")) AS start_day, \(unsafeRaw: dayOfText("c.ended_on")) AS ended_day,
                   c.end_kind AS end_kind, \(unsafeRaw: dayOfText("q.waiting_since")) AS waiting_day
            FROM couplings c JOIN coupling_requests q ON q.id = c.request_id
            WHERE c.municipality_id = \(bind: municipalityID) AND c.status IN ('active', 'ended') AND c.start_on IS NOT NULL
            """
        let nowhere = EvaluationFacts.Place(district: -1, team: -1, ageBand: UInt8(AgeBand.allCases.firstIndex(of: .unknown)!))
        for row in try await rows(query) {
            facts.couplings.append(.init(
                startDay: try Self.day(row, "start_day"), endedDay: try Self.day(row, "ended_day"), endKind: try row.decode(column: "end_kind", as: String?.self),
                waitingSinceDay: try Self.day(row, "waiting_day"), place: places[try row.decode(column: "trajectory_id", as: UUID.self)] ?? nowhere))
        }
        let waiting: SQLQueryString = "SELECT q.trajectory_id AS trajectory_id FROM coupling_requests q WHERE q.municipality_id = \(bind: municipalityID) AND q.status = 'waiting'"
        for row in try await rows(waiting) {
            facts.waiting.append(places[try row.decode(column: "trajectory_id", as: UUID.self)] ?? nowhere)
        }
    }

    // MARK: Coverage

    /// Today's demand on the social map: open referrals per activity and the volunteers' free places per district.
    func loadCoverage(_ municipalityID: UUID, districts: [District], into facts: inout EvaluationFacts) async throws {
        let referred: SQLQueryString = """
            SELECT r.activity_id AS activity_id, COUNT(*) AS n FROM referrals r
            WHERE r.municipality_id = \(bind: municipalityID) AND r.status IN ('sent', 'accepted', 'started') GROUP BY r.activity_id
            """
        for row in try await rows(referred) {
            facts.openReferralsByActivity[try row.decode(column: "activity_id", as: UUID.self).uuidString] = try row.decode(column: "n", as: Int.self)
        }
        let db = databaseService.database
        let volunteers = try await VolunteerProfileModel.query(on: db).filter(\.$municipality.$id == municipalityID).with(\.$user).all()
        let busy = try await CouplingModel.query(on: db).filter(\.$municipality.$id == municipalityID)
            .filter(\.$status ~~ [CouplingStatus.proposed.rawValue, CouplingStatus.active.rawValue]).all()
            .reduce(into: [UUID: Int]()) { $0[$1.volunteerID, default: 0] += 1 }
        for volunteer in volunteers where volunteer.user.active {
            let free = max(0, volunteer.maxCouplings - (busy[volunteer.$user.id] ?? 0))
            let served = volunteer.districts.map { Set($0.split(separator: ",").map { $0.lowercased() }) }
            for district in districts where served.map({ $0.isEmpty || $0.contains(district.id.uuidString.lowercased()) }) ?? true {
                facts.volunteerPlacesByDistrict[district.name, default: 0] += free
            }
        }
    }
}
