import FluentKit
import Foundation
import OmzienCore
import SQLKit

/// What the evaluation looks at: one municipality, a period, and optionally one district, age band or team.
public struct EvaluationFilter: Sendable, Equatable {
    public var municipalityID: UUID
    public var period: EvaluationPeriod
    public var districtID: UUID?
    public var ageBand: AgeBand?
    public var teamID: UUID?
    /// The date "overdue" is judged at: the end of the period, or today when the period is still running.
    public var asOf: CivilDate

    public init(municipalityID: UUID, period: EvaluationPeriod, districtID: UUID? = nil, ageBand: AgeBand? = nil, teamID: UUID? = nil,
                asOf: CivilDate) {
        self.municipalityID = municipalityID
        self.period = period
        self.districtID = districtID
        self.ageBand = ageBand
        self.teamID = teamID
        self.asOf = min(asOf, period.through)
    }
}

/// The aggregate queries behind the evaluation dashboard. Every query groups in the database and returns
/// counts (or histograms of days and score pairs), never rows about a person; the core turns them into
/// suppressed tables.
public struct EvaluationRepository: Sendable {
    let databaseService: DatabaseService
    public init(databaseService: DatabaseService) { self.databaseService = databaseService }

    var sql: any SQLDatabase { databaseService.sql }
    var isPostgres: Bool { sql.dialect.name == "postgresql" }

    /// Everything ``EvaluationFigures`` needs for one filter. The queries run one after another on one connection pool.
    public func counts(_ filter: EvaluationFilter) async throws -> EvaluationCounts {
        var counts = EvaluationCounts()
        try await reach(filter, into: &counts)
        try await people(filter, into: &counts)
        try await trajectories(filter, into: &counts)
        try await speed(filter, into: &counts)
        try await followUps(filter, into: &counts)
        try await effects(filter, into: &counts)
        try await referrals(filter, into: &counts)
        try await couplings(filter, into: &counts)
        return counts
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

    // MARK: Filters

    /// Signals `s` (with their person `p`) received in the period, within the filter.
    func signalScope(_ filter: EvaluationFilter) -> SQLQueryString {
        var scope: SQLQueryString = """
            s.municipality_id = \(bind: filter.municipalityID) AND s.received_on >= \(bind: filter.period.from.description) \
            AND s.received_on <= \(bind: filter.period.through.description)
            """
        if let district = filter.districtID { scope += " AND s.district_id = \(bind: district)" }
        if let team = filter.teamID { scope += " AND s.team_id = \(bind: team)" }
        if let band = filter.ageBand { scope += " AND p.age_band = \(bind: band.rawValue)" }
        return scope
    }

    /// Trajectories `t` (with their signal `ts` and person `p`) within the filter, apart from the period.
    func trajectoryScope(_ filter: EvaluationFilter) -> SQLQueryString {
        var scope: SQLQueryString = "t.municipality_id = \(bind: filter.municipalityID)"
        if let district = filter.districtID { scope += " AND ts.district_id = \(bind: district)" }
        if let team = filter.teamID { scope += " AND t.team_id = \(bind: team)" }
        if let band = filter.ageBand { scope += " AND p.age_band = \(bind: band.rawValue)" }
        return scope
    }

    let trajectoryJoins = " JOIN persons p ON p.id = t.person_id LEFT JOIN signals ts ON ts.id = t.signal_id "

    func between(_ column: String, _ period: EvaluationPeriod) -> SQLQueryString {
        " AND \(unsafeRaw: column) >= \(bind: period.from.description) AND \(unsafeRaw: column) <= \(bind: period.through.description)"
    }

    func rows(_ query: SQLQueryString) async throws -> [any SQLRow] {
        try await sql.raw(query).all()
    }

    // MARK: Reach

    /// One pass over the signals, grouped by every reach dimension at once; the sums per dimension are made here.
    func reach(_ filter: EvaluationFilter, into counts: inout EvaluationCounts) async throws {
        let query: SQLQueryString = """
            SELECT s.source AS source, o.type AS organisation_type, s.reporter_relation AS relation, d.name AS district,
                   p.age_band AS age_band, s.status AS status, COUNT(*) AS n
            FROM signals s JOIN persons p ON p.id = s.person_id
            LEFT JOIN organisations o ON o.id = s.reporter_organisation_id
            LEFT JOIN districts d ON d.id = s.district_id
            WHERE \(signalScope(filter))
            GROUP BY s.source, o.type, s.reporter_relation, d.name, p.age_band, s.status
            """
        for row in try await rows(query) {
            let n = try row.decode(column: "n", as: Int.self)
            let source = try Self.sourceKey(source: row.decode(column: "source", as: String.self),
                                            organisationType: row.decode(column: "organisation_type", as: String?.self))
            counts.signals += n
            counts.signalsBySource[source, default: 0] += n
            counts.signalsByRoute[try row.decode(column: "relation", as: String.self), default: 0] += n
            counts.signalsByDistrict[try row.decode(column: "district", as: String?.self) ?? "unknown", default: 0] += n
            counts.signalsByAgeBand[try row.decode(column: "age_band", as: String.self), default: 0] += n
            let status = try row.decode(column: "status", as: String.self)
            if let outcome = Self.outcomeKey(status: status) { counts.signalsByOutcome[outcome, default: 0] += n }
        }
        let late: SQLQueryString = """
            SELECT COUNT(*) AS n FROM signals s JOIN persons p ON p.id = s.person_id
            WHERE \(signalScope(filter)) AND s.status IN ('new', 'contacting') AND s.contact_due < \(bind: filter.asOf.description)
            """
        counts.awaitingOverdue = try await rows(late).first?.decode(column: "n", as: Int.self) ?? 0
    }

    /// "resident", "self", or "partner:<organisation type>".
    static func sourceKey(source: String, organisationType: String?) -> String {
        source == SignalSource.partner.rawValue ? "partner:\(organisationType ?? "unknown")" : source
    }

    /// How the contact went, from the signal's status; merged signals count once, with the signal they joined.
    static func outcomeKey(status: String) -> String? {
        switch SignalStatus(rawValue: status) {
        case .consented: "consented"
        case .declined: "declined"
        case .noConcern: "no_concern"
        case .contacting: "not_reached"
        case .new: "awaiting"
        case .anonymised: "anonymised"
        case .merged, .none: nil
        }
    }

    /// Distinct people: in all, per source, and by whether a partner knew them before.
    func people(_ filter: EvaluationFilter, into counts: inout EvaluationCounts) async throws {
        let bySource: SQLQueryString = """
            SELECT s.source AS source, o.type AS organisation_type, COUNT(DISTINCT s.person_id) AS n
            FROM signals s JOIN persons p ON p.id = s.person_id LEFT JOIN organisations o ON o.id = s.reporter_organisation_id
            WHERE \(signalScope(filter)) GROUP BY s.source, o.type
            """
        for row in try await rows(bySource) {
            let key = try Self.sourceKey(source: row.decode(column: "source", as: String.self),
                                         organisationType: row.decode(column: "organisation_type", as: String?.self))
            counts.peopleBySource[key, default: 0] += try row.decode(column: "n", as: Int.self)
        }
        let known: SQLQueryString = """
            SELECT CASE WHEN p.known_to_partner IS NULL THEN 'not_recorded' WHEN p.known_to_partner THEN 'known' ELSE 'unknown' END AS known,
                   COUNT(*) AS n
            FROM persons p WHERE p.id IN (SELECT s.person_id FROM signals s JOIN persons p ON p.id = s.person_id WHERE \(signalScope(filter)))
            GROUP BY CASE WHEN p.known_to_partner IS NULL THEN 'not_recorded' WHEN p.known_to_partner THEN 'known' ELSE 'unknown' END
            """
        for row in try await rows(known) {
            let n = try row.decode(column: "n", as: Int.self)
            counts.peopleByKnownToPartner[try row.decode(column: "known", as: String.self), default: 0] += n
            counts.people += n
        }
    }

    func trajectories(_ filter: EvaluationFilter, into counts: inout EvaluationCounts) async throws {
        let from = filter.period.from.description, through = filter.period.through.description
        let query: SQLQueryString = """
            SELECT SUM(CASE WHEN t.started_on >= \(bind: from) AND t.started_on <= \(bind: through) THEN 1 ELSE 0 END) AS started,
                   SUM(CASE WHEN t.started_on >= \(bind: from) AND t.started_on <= \(bind: through) AND t.signal_id IS NULL THEN 1 ELSE 0 END) AS direct,
                   SUM(CASE WHEN t.started_on <= \(bind: through) AND (t.closed_on IS NULL OR t.closed_on >= \(bind: from)) THEN 1 ELSE 0 END) AS active
            FROM trajectories t \(unsafeRaw: trajectoryJoins) WHERE \(trajectoryScope(filter))
            """
        guard let row = try await rows(query).first else { return }
        counts.trajectoriesStarted = try row.decode(column: "started", as: Int?.self) ?? 0
        counts.trajectoriesStartedDirectly = try row.decode(column: "direct", as: Int?.self) ?? 0
        counts.trajectoriesActive = try row.decode(column: "active", as: Int?.self) ?? 0
    }

    // MARK: Speed

    func speed(_ filter: EvaluationFilter, into counts: inout EvaluationCounts) async throws {
        // The first contact is the first attempt that reached the person (any outcome but "not reached").
        let contact: SQLQueryString = """
            SELECT x.days AS days, x.late AS late, COUNT(*) AS n FROM (
              SELECT \(unsafeRaw: dayOfText("MIN(a.on_date)")) - \(unsafeRaw: dayOfText("s.received_on")) AS days,
                     CASE WHEN MIN(a.on_date) > s.contact_due THEN 1 ELSE 0 END AS late
              FROM signals s JOIN persons p ON p.id = s.person_id JOIN contact_attempts a ON a.signal_id = s.id AND a.outcome <> 'not_reached'
              WHERE \(signalScope(filter)) GROUP BY s.id, s.received_on, s.contact_due) x
            GROUP BY x.days, x.late
            """
        var histogram: [(days: Int, count: Int)] = []
        for row in try await rows(contact) {
            let n = try row.decode(column: "n", as: Int.self)
            histogram.append((days: try row.decode(column: "days", as: Int.self), count: n))
            if try row.decode(column: "late", as: Int.self) == 1 { counts.firstContactLate += n }
        }
        counts.daysToFirstContact = DayDistribution(histogram: histogram)
        // The plan starts with the first goal agreed with the person.
        let plan: SQLQueryString = """
            SELECT x.days AS days, COUNT(*) AS n FROM (
              SELECT \(unsafeRaw: dayOfTimestamp("MIN(g.created_at)")) - \(unsafeRaw: dayOfText("s.received_on")) AS days
              FROM signals s JOIN persons p ON p.id = s.person_id JOIN trajectories t ON t.signal_id = s.id
              JOIN goals g ON g.trajectory_id = t.id AND g.agreed
              WHERE \(signalScope(filter)) GROUP BY s.id, s.received_on) x
            GROUP BY x.days
            """
        counts.daysToPlan = DayDistribution(histogram: try await rows(plan).map {
            (days: try $0.decode(column: "days", as: Int.self), count: try $0.decode(column: "n", as: Int.self))
        })
    }

    // MARK: Consent and follow-up

    /// Refusals in the period and the next attempt after each, classified by ``FollowUp``.
    func followUps(_ filter: EvaluationFilter, into counts: inout EvaluationCounts) async throws {
        let query: SQLQueryString = """
            SELECT a.follow_up_on AS follow_up_on,
                   (SELECT MIN(b.on_date) FROM contact_attempts b WHERE b.signal_id = a.signal_id AND b.on_date > a.on_date) AS next_on,
                   COUNT(*) AS n
            FROM contact_attempts a JOIN signals s ON s.id = a.signal_id JOIN persons p ON p.id = s.person_id
            WHERE a.outcome = 'declined' AND \(signalScope(filter))
            GROUP BY a.follow_up_on, a.signal_id, a.on_date
            """
        for row in try await rows(query) {
            let due = try row.decode(column: "follow_up_on", as: String?.self).flatMap(CivilDate.init)
            let next = try row.decode(column: "next_on", as: String?.self).flatMap(CivilDate.init)
            let kind = FollowUp.classify(dueOn: due, nextContactOn: next, asOf: filter.asOf)
            counts.followUps[kind.rawValue, default: 0] += try row.decode(column: "n", as: Int.self)
        }
    }

    // MARK: Effects

    /// Pairs of the first and last measurement (same version, both with a total) of trajectories closed in the period,
    /// grouped with every dimension the effects are shown by.
    func effects(_ filter: EvaluationFilter, into counts: inout EvaluationCounts) async throws {
        let resources = GoalResource.allCases.map(\.rawValue)
        let resourceColumns = resources.map { "MAX(CASE WHEN g.resource = '\($0)' THEN 1 ELSE 0 END) AS r_\($0)" }.joined(separator: ", ")
        let query: SQLQueryString = """
            WITH ranked AS (
              SELECT m.trajectory_id AS trajectory_id, m.version AS version, m.total AS total,
                     ROW_NUMBER() OVER (PARTITION BY m.trajectory_id ORDER BY m.on_date, m.created_at) AS first_rank,
                     ROW_NUMBER() OVER (PARTITION BY m.trajectory_id ORDER BY m.on_date DESC, m.created_at DESC) AS last_rank
              FROM measurements m JOIN trajectories t ON t.id = m.trajectory_id \(unsafeRaw: trajectoryJoins)
              WHERE \(trajectoryScope(filter)) \(between("t.closed_on", filter.period)) AND m.total IS NOT NULL
            ), pairs AS (
              SELECT f.trajectory_id AS trajectory_id, f.version AS version, f.total AS before_total, l.total AS after_total
              FROM ranked f JOIN ranked l ON l.trajectory_id = f.trajectory_id AND l.last_rank = 1
              WHERE f.first_rank = 1 AND f.last_rank > 1 AND f.version = l.version
            ), resources AS (
              SELECT g.trajectory_id AS trajectory_id, \(unsafeRaw: resourceColumns)
              FROM goals g WHERE g.agreed AND g.trajectory_id IN (SELECT trajectory_id FROM pairs) GROUP BY g.trajectory_id
            )
            SELECT pairs.version AS version, pairs.before_total AS before_total, pairs.after_total AS after_total,
                   t.profile AS profile, t.forms AS forms, d.name AS district,
                   \(unsafeRaw: resources.map { "COALESCE(resources.r_\($0), 0) AS r_\($0)" }.joined(separator: ", ")),
                   COUNT(*) AS n
            FROM pairs JOIN trajectories t ON t.id = pairs.trajectory_id LEFT JOIN signals ts ON ts.id = t.signal_id
            LEFT JOIN districts d ON d.id = ts.district_id LEFT JOIN resources ON resources.trajectory_id = pairs.trajectory_id
            GROUP BY pairs.version, pairs.before_total, pairs.after_total, t.profile, t.forms, d.name,
                     \(unsafeRaw: resources.map { "COALESCE(resources.r_\($0), 0)" }.joined(separator: ", "))
            """
        for row in try await rows(query) {
            guard let version = DJGVersion(rawValue: try row.decode(column: "version", as: String.self)) else { continue }
            let pair = ScorePair(version: version, before: try row.decode(column: "before_total", as: Int.self),
                                 after: try row.decode(column: "after_total", as: Int.self))
            let n = try row.decode(column: "n", as: Int.self)
            func add(_ dimension: String, _ group: String) { counts.pairs[dimension, default: [:]][group, default: [:]][pair, default: 0] += n }
            add("all", "all")
            add("profile", try row.decode(column: "profile", as: String?.self) ?? "unknown")
            add("district", try row.decode(column: "district", as: String?.self) ?? "unknown")
            let forms = try row.decode(column: "forms", as: String?.self) ?? ""
            for form in forms.split(separator: ",") { add("form", String(form)) }
            for resource in resources where try row.decode(column: "r_\(resource)", as: Int.self) == 1 { add("intervention", resource) }
        }
    }

    // MARK: Referrals

    func referrals(_ filter: EvaluationFilter, into counts: inout EvaluationCounts) async throws {
        var scope: SQLQueryString = "r.municipality_id = \(bind: filter.municipalityID)" + between("r.sent_on", filter.period)
        if let district = filter.districtID { scope += " AND ts.district_id = \(bind: district)" }
        if let team = filter.teamID { scope += " AND t.team_id = \(bind: team)" }
        if let band = filter.ageBand { scope += " AND p.age_band = \(bind: band.rawValue)" }
        let query: SQLQueryString = """
            SELECT r.status AS status, r.decline_reason AS decline_reason, r.outcome_reason AS outcome_reason, COUNT(*) AS n
            FROM referrals r LEFT JOIN trajectories t ON t.id = r.trajectory_id LEFT JOIN signals ts ON ts.id = t.signal_id
            LEFT JOIN persons p ON p.id = r.person_id
            WHERE \(scope) GROUP BY r.status, r.decline_reason, r.outcome_reason
            """
        for row in try await rows(query) {
            let n = try row.decode(column: "n", as: Int.self)
            let status = try row.decode(column: "status", as: String.self)
            counts.referralsByStatus[status, default: 0] += n
            if status == ReferralStatus.declined.rawValue {
                counts.referralsDeclinedByReason[try row.decode(column: "decline_reason", as: String?.self) ?? "other", default: 0] += n
            }
            if status == ReferralStatus.unsuccessful.rawValue {
                counts.referralsUnsuccessfulByReason[try row.decode(column: "outcome_reason", as: String?.self) ?? "other", default: 0] += n
            }
        }
    }

    // MARK: Couplings

    func couplings(_ filter: EvaluationFilter, into counts: inout EvaluationCounts) async throws {
        let from = filter.period.from.description, through = filter.period.through.description
        let query: SQLQueryString = """
            SELECT SUM(CASE WHEN c.start_on <= \(bind: through) AND (c.ended_on IS NULL OR c.ended_on >= \(bind: from)) THEN 1 ELSE 0 END) AS active,
                   SUM(CASE WHEN c.start_on >= \(bind: from) AND c.start_on <= \(bind: through) THEN 1 ELSE 0 END) AS started,
                   SUM(CASE WHEN c.ended_on >= \(bind: from) AND c.ended_on <= \(bind: through) AND c.end_kind = 'planned' THEN 1 ELSE 0 END) AS planned,
                   SUM(CASE WHEN c.ended_on >= \(bind: from) AND c.ended_on <= \(bind: through) AND c.end_kind = 'early' THEN 1 ELSE 0 END) AS early,
                   SUM(CASE WHEN c.ended_on >= \(bind: from) AND c.ended_on <= \(bind: through) AND c.end_kind = 'friendship' THEN 1 ELSE 0 END) AS friendship
            FROM couplings c JOIN trajectories t ON t.id = c.trajectory_id \(unsafeRaw: trajectoryJoins)
            WHERE \(trajectoryScope(filter)) AND c.status IN ('active', 'ended') AND c.start_on IS NOT NULL
            """
        if let row = try await rows(query).first {
            counts.couplingsActive = try row.decode(column: "active", as: Int?.self) ?? 0
            counts.couplingsStarted = try row.decode(column: "started", as: Int?.self) ?? 0
            for kind in ["planned", "early", "friendship"] {
                let n = try row.decode(column: kind, as: Int?.self) ?? 0
                if n > 0 { counts.couplingsEnded[kind] = n }
            }
        }
        let waiting: SQLQueryString = """
            SELECT x.days AS days, COUNT(*) AS n FROM (
              SELECT \(unsafeRaw: dayOfText("c.start_on")) - \(unsafeRaw: dayOfText("q.waiting_since")) AS days
              FROM couplings c JOIN coupling_requests q ON q.id = c.request_id JOIN trajectories t ON t.id = c.trajectory_id \(unsafeRaw: trajectoryJoins)
              WHERE \(trajectoryScope(filter)) AND c.status IN ('active', 'ended') \(between("c.start_on", filter.period))) x
            GROUP BY x.days
            """
        counts.daysWaitingForVolunteer = DayDistribution(histogram: try await rows(waiting).map {
            (days: try $0.decode(column: "days", as: Int.self), count: try $0.decode(column: "n", as: Int.self))
        })
        let now: SQLQueryString = """
            SELECT COUNT(*) AS n FROM coupling_requests q JOIN trajectories t ON t.id = q.trajectory_id \(unsafeRaw: trajectoryJoins)
            WHERE \(trajectoryScope(filter)) AND q.status = 'waiting'
            """
        counts.waitingForVolunteerNow = try await rows(now).first?.decode(column: "n", as: Int.self) ?? 0
    }

    // MARK: Coverage

    /// What people ask of the offer today (not limited to a period): open trajectories by form and profile,
    /// open referrals per activity, and people waiting for a volunteer against free places, per district.
    public func coverageDemand(municipalityID: UUID, districts: [Coverage.District]) async throws -> Coverage.Demand {
        var demand = Coverage.Demand()
        let open: SQLQueryString = """
            SELECT t.profile AS profile, t.forms AS forms, COUNT(*) AS n FROM trajectories t
            WHERE t.municipality_id = \(bind: municipalityID) AND t.status = 'open' GROUP BY t.profile, t.forms
            """
        for row in try await rows(open) {
            let n = try row.decode(column: "n", as: Int.self)
            if let profile = try row.decode(column: "profile", as: String?.self) { demand.peopleByProfile[profile, default: 0] += n }
            for form in (try row.decode(column: "forms", as: String?.self) ?? "").split(separator: ",") {
                demand.peopleByForm[String(form), default: 0] += n
            }
        }
        let referred: SQLQueryString = """
            SELECT r.activity_id AS activity_id, COUNT(*) AS n FROM referrals r
            WHERE r.municipality_id = \(bind: municipalityID) AND r.status IN ('sent', 'accepted', 'started') GROUP BY r.activity_id
            """
        for row in try await rows(referred) {
            demand.openReferralsByActivity[try row.decode(column: "activity_id", as: UUID.self).uuidString] = try row.decode(column: "n", as: Int.self)
        }
        let waiting: SQLQueryString = """
            SELECT d.name AS district, COUNT(*) AS n FROM coupling_requests q JOIN trajectories t ON t.id = q.trajectory_id
            LEFT JOIN signals ts ON ts.id = t.signal_id LEFT JOIN districts d ON d.id = ts.district_id
            WHERE q.municipality_id = \(bind: municipalityID) AND q.status = 'waiting' GROUP BY d.name
            """
        for row in try await rows(waiting) {
            demand.waitingForVolunteerByDistrict[try row.decode(column: "district", as: String?.self) ?? "unknown", default: 0] += try row.decode(column: "n", as: Int.self)
        }
        let db = databaseService.database
        let volunteers = try await VolunteerProfileModel.query(on: db).filter(\.$municipality.$id == municipalityID).with(\.$user).all()
        let busy = try await CouplingModel.query(on: db).filter(\.$municipality.$id == municipalityID)
            .filter(\.$status ~~ [CouplingStatus.proposed.rawValue, CouplingStatus.active.rawValue]).all()
            .reduce(into: [UUID: Int]()) { $0[$1.volunteerID, default: 0] += 1 }
        for volunteer in volunteers where volunteer.user.active {
            let free = max(0, volunteer.maxCouplings - (busy[volunteer.$user.id] ?? 0))
            let served = volunteer.districts.map { Set($0.split(separator: ",").map { $0.lowercased() }) }
            for district in districts where served.map({ $0.isEmpty || $0.contains(district.id.lowercased()) }) ?? true {
                demand.volunteerPlacesByDistrict[district.name, default: 0] += free
            }
        }
        return demand
    }
}
