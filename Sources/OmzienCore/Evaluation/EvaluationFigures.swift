import Foundation

/// The evaluation of one period as tables that may be shown: reach, speed, consent, effects, referrals and
/// couplings (monitoring.md, "Operational indicators"), every count about people suppressed by the rule,
/// including counts that could be recovered by subtraction from a total.
public struct EvaluationFigures: Sendable, Equatable, Codable {
    public var period: EvaluationPeriod
    public var rule: SuppressionRule
    public var tables: [FigureTable]
    public var headline: EvaluationHeadline

    public init(period: EvaluationPeriod, rule: SuppressionRule, tables: [FigureTable], headline: EvaluationHeadline) {
        self.period = period
        self.rule = rule
        self.tables = tables
        self.headline = headline
    }

    public func table(_ id: String) -> FigureTable? { tables.first { $0.id == id } }

    /// Orders used for categories, so tables keep the same rows from year to year.
    public enum Order {
        public static var sources: [String] {
            ["resident", "self", "outreach"] + OrganisationType.allCases.map { "partner:\($0.rawValue)" } + ["partner:unknown"]
        }
        public static var routes: [String] { ReporterRelation.allCases.map(\.rawValue) }
        public static var ageBands: [String] { AgeBand.allCases.map(\.rawValue) }
        public static let known = ["known", "unknown", "not_recorded"]
        public static let outcomes = ["consented", "in_conversation", "declined", "no_concern", "not_reached", "awaiting"]
        public static let followUps = ["on_time", "late", "missed", "not_due"]
        public static var referralStatuses: [String] { ReferralStatus.allCases.map(\.rawValue) }
        public static var referralReasons: [String] { ReferralReason.allCases.map(\.rawValue) }
        public static let couplingEnds = ["planned", "early", "friendship"]
        public static var interventions: [String] { GoalResource.allCases.map(\.rawValue) }
        public static var forms: [String] { LonelinessForm.allCases.map(\.rawValue) }
        public static var profiles: [String] { InterventionProfile.allCases.map(\.rawValue) + ["unknown"] }
    }

    /// Builds the tables from the raw counts. `districts` lists the municipality's district names in display order.
    public init(counts: EvaluationCounts, period: EvaluationPeriod, districts: [String], rule: SuppressionRule = SuppressionRule()) {
        self.init(counts: counts, period: period, districts: districts, rule: rule, forced: [])
    }

    /// As above, with `forced` cells hidden whatever their size (see ``EvaluationFacts/figures(_:rule:)``).
    init(counts: EvaluationCounts, period: EvaluationPeriod, districts: [String], rule: SuppressionRule, forced: Set<FigureCell>) {
        let builder = Builder(counts: counts, rule: rule, districts: districts, forced: forced)
        let tables = builder.tables()
        self.init(period: period, rule: rule, tables: tables, headline: EvaluationHeadline(tables: tables))
    }
}

/// The numbers the generated wording uses ("X people were reached, Y% via partners"); nil when withheld.
public struct EvaluationHeadline: Sendable, Equatable, Codable {
    public var signals: Int?
    public var people: Int?
    public var viaPartnersShare: Double?
    public var previouslyUnknownShare: Double?
    public var trajectoriesStarted: Int?
    public var medianDaysToFirstContact: Double?
    public var consentShare: Double?
    public var meanChange: Double?
    public var shareDown: Double?
    public var pairs: Int?
    public var referrals: Int?
    public var referralsSuccessfulShare: Double?
    public var couplingsStarted: Int?

    public init() {}
}

/// Turns counts into suppressed tables; one function per table.
struct Builder {
    let counts: EvaluationCounts
    let rule: SuppressionRule
    let districts: [String]
    /// Cells to hide whatever their size, because a view with fewer filters would reveal a small count through them.
    var forced: Set<FigureCell> = []
    typealias Order = EvaluationFigures.Order

    /// The rows of `table` whose `column` is forced hidden ("total" included).
    func forced(_ table: String, _ column: String = "count") -> Set<String> {
        Set(forced.filter { $0.table == table && $0.column == column }.map(\.row))
    }

    func tables() -> [FigureTable] {
        var tables = [reachOverview(), reachSource(), partition("reach_route", .reach, counts.signalsByRoute, order: Order.routes),
                      districtTable("reach_district", counts.signalsByDistrict),
                      partition("reach_age", .reach, counts.signalsByAgeBand, order: Order.ageBands), reachKnown(),
                      speedDurations(), speedOverdue(), consentOutcomes(),
                      partition("consent_follow_up", .consent, counts.followUps, order: Order.followUps)]
        tables += effects()
        tables += [partition("referrals_status", .referrals, counts.referralsByStatus, order: Order.referralStatuses),
                   partition("referrals_unsuccessful_reason", .referrals, counts.referralsUnsuccessfulByReason, order: Order.referralReasons),
                   partition("referrals_declined_reason", .referrals, counts.referralsDeclinedByReason, order: Order.referralReasons),
                   couplingsOverview(), partition("couplings_ended", .couplings, counts.couplingsEnded, order: Order.couplingEnds),
                   couplingsWaiting()]
        return tables
    }

    // MARK: Reach

    func reachOverview() -> FigureTable {
        let values = [("signals", counts.signals), ("people", counts.people), ("trajectories_started", counts.trajectoriesStarted),
                      ("trajectories_started_directly", counts.trajectoriesStartedDirectly), ("trajectories_active", counts.trajectoriesActive)]
        let table = CountTable.suppressing(values.map { (key: $0.0, count: $0.1) }, total: 0, isPartition: false, rule: rule,
                                           forced: forced("reach_overview"))
        return FigureTable(id: "reach_overview", section: .reach, kind: .counts, columns: ["count"],
                           rows: table.rows.map { FigureRow(key: $0.key, values: [.of($0.count)]) })
    }

    /// Signals per source (adding up to all signals) and the distinct people per source (who may overlap).
    func reachSource() -> FigureTable {
        let keys = keys(Order.sources, present: counts.signalsBySource)
        let signals = CountTable.suppressing(keys.map { (key: $0, count: counts.signalsBySource[$0] ?? 0) },
                                             total: counts.signals, isPartition: true, rule: rule, forced: forced("reach_source", "signals"))
        let people = CountTable.suppressing(keys.map { (key: $0, count: counts.peopleBySource[$0] ?? 0) },
                                            total: counts.people, isPartition: false, rule: rule, forced: forced("reach_source", "people"))
        var rows = keys.indices.map { FigureRow(key: keys[$0], values: [.of(signals.rows[$0].count), .of(people.rows[$0].count)]) }
        rows.append(FigureRow(key: "total", values: [.of(signals.total), .of(people.total)]))
        return FigureTable(id: "reach_source", section: .reach, kind: .counts, columns: ["signals", "people"], rows: rows)
    }

    func reachKnown() -> FigureTable {
        var table = partition("reach_known", .reach, counts.peopleByKnownToPartner, order: Order.known, keepAll: true)
        let known = table.value("known", "count")?.countValue, unknown = table.value("unknown", "count")?.countValue
        let share: FigureValue = if let known, let unknown, known + unknown > 0 { .share(Double(unknown) / Double(known + unknown)) } else { .none }
        table.rows.append(FigureRow(key: "share_unknown", values: [share]))
        return table
    }

    // MARK: Speed

    func speedDurations() -> FigureTable {
        FigureTable(id: "speed_days", section: .speed, kind: .durations, columns: ["n", "median", "p90"],
                    rows: [durationRow("speed_days", "first_contact", counts.daysToFirstContact),
                           durationRow("speed_days", "plan", counts.daysToPlan)])
    }

    func durationRow(_ table: String, _ key: String, _ distribution: DayDistribution) -> FigureRow {
        var summary = DurationSummary(distribution, rule: rule)
        if forced(table, "n").contains(key) { summary.withhold() }
        return FigureRow(key: key, values: [summary.suppressed ? .hidden : .count(summary.n),
                                            summary.median.map(FigureValue.number) ?? .none, summary.p90.map(FigureValue.number) ?? .none])
    }

    func speedOverdue() -> FigureTable {
        let table = CountTable.suppressing([(key: "first_contact_late", count: counts.firstContactLate),
                                            (key: "awaiting_overdue", count: counts.awaitingOverdue)], total: 0, isPartition: false, rule: rule,
                                           forced: forced("speed_overdue"))
        return FigureTable(id: "speed_overdue", section: .speed, kind: .counts, columns: ["count"],
                           rows: table.rows.map { FigureRow(key: $0.key, values: [.of($0.count)]) })
    }

    // MARK: Consent

    func consentOutcomes() -> FigureTable {
        var table = partition("consent_outcome", .consent, counts.signalsByOutcome, order: Order.outcomes, keepAll: true)
        let reached = ["consented", "declined", "no_concern"].map { table.value($0, "count")?.countValue }
        let share: FigureValue
        if let consented = reached[0], let declined = reached[1], let noConcern = reached[2], consented + declined + noConcern > 0 {
            share = .share(Double(consented) / Double(consented + declined + noConcern))
        } else {
            share = .none
        }
        table.rows.append(FigureRow(key: "share_consented", values: [share]))
        return table
    }

    // MARK: Effects

    func pairs(_ dimension: String, _ group: String) -> [(pair: ScorePair, count: Int)] {
        (counts.pairs[dimension]?[group] ?? [:]).map { (pair: $0.key, count: $0.value) }.sorted {
            ($0.pair.version.rawValue, $0.pair.before, $0.pair.after) < ($1.pair.version.rawValue, $1.pair.before, $1.pair.after)
        }
    }

    /// Versions that have pairs, DJG-11 first.
    var versions: [DJGVersion] {
        [DJGVersion.eleven, .six].filter { version in pairs("all", "all").contains { $0.pair.version == version } }
    }

    func effects() -> [FigureTable] {
        let columns = ["n", "mean_before", "mean_after", "mean_change", "share_down"]
        var overall = FigureTable(id: "effects_overall", section: .effects, kind: .effects, columns: columns, rows: [])
        let overallForced = forced("effects_overall", "n")
        for version in DJGVersion.allCases.sorted(by: { $0 == .eleven && $1 != .eleven }) {
            var change = PairedChange(version: version, pairs: pairs("all", "all"), rule: rule)
            if overallForced.contains(version.rawValue) { change.withhold() }
            overall.rows.append(effectRow(version.rawValue, change))
        }
        var tables = [overall]
        for version in versions {
            let suffix = version == .eleven ? "" : "_\(version.rawValue)"
            for (dimension, order, isPartition) in [("intervention", Order.interventions, false), ("form", Order.forms, false),
                                                    ("profile", Order.profiles, true), ("district", districts + ["unknown"], true)] {
                let groups = (dimension == "district" ? order : keys(order, present: counts.pairs[dimension] ?? [:]))
                    .map { (key: $0, pairs: pairs(dimension, $0)) }
                let id = "effects_\(dimension)\(suffix)"
                // A hidden overall figure is the sum of partitioning groups: it must not follow from them.
                let hideTotal: Set<String> = overallForced.contains(version.rawValue) && isPartition ? ["total"] : []
                let changes = PairedChange.groups(groups, version: version, isPartition: isPartition, rule: rule,
                                                  forced: forced(id, "n").union(hideTotal))
                tables.append(FigureTable(
                    id: id, section: .effects, kind: .effects, columns: columns,
                    rows: changes.map { change in
                        var row = effectRow(change.key, change.change)
                        if dimension == "district" && change.key != "unknown" { row.label = change.key }
                        return row
                    }))
            }
        }
        return tables
    }

    func effectRow(_ key: String, _ change: PairedChange) -> FigureRow {
        guard !change.suppressed else { return FigureRow(key: key, values: [.hidden, .none, .none, .none, .none]) }
        guard change.n > 0, let mean = change.meanChange else { return FigureRow(key: key, values: [.count(0), .none, .none, .none, .none]) }
        let meanValue: FigureValue = if let lower = change.lower, let upper = change.upper { .interval(mean, lower: lower, upper: upper) } else { .number(mean) }
        return FigureRow(key: key, values: [.count(change.n), change.meanBefore.map(FigureValue.number) ?? .none,
                                            change.meanAfter.map(FigureValue.number) ?? .none, meanValue,
                                            change.shareDown.map(FigureValue.share) ?? .none])
    }

    // MARK: Couplings

    func couplingsOverview() -> FigureTable {
        let table = CountTable.suppressing([(key: "active", count: counts.couplingsActive), (key: "started", count: counts.couplingsStarted),
                                            (key: "waiting_now", count: counts.waitingForVolunteerNow)], total: 0, isPartition: false, rule: rule,
                                           forced: forced("couplings_overview"))
        return FigureTable(id: "couplings_overview", section: .couplings, kind: .counts, columns: ["count"],
                           rows: table.rows.map { FigureRow(key: $0.key, values: [.of($0.count)]) })
    }

    func couplingsWaiting() -> FigureTable {
        FigureTable(id: "couplings_waiting_days", section: .couplings, kind: .durations, columns: ["n", "median", "p90"],
                    rows: [durationRow("couplings_waiting_days", "waiting", counts.daysWaitingForVolunteer)])
    }

    // MARK: Shared

    /// The keys in `order`, then any others present (sorted), so unexpected codes are never dropped.
    func keys<V>(_ order: [String], present: [String: V]) -> [String] {
        order + present.keys.filter { !order.contains($0) }.sorted()
    }

    /// A table of categories that add up to a total row, protected against subtraction. Categories
    /// without anyone are left out unless `keepAll`.
    func partition(_ id: String, _ section: FigureTable.Section, _ values: [String: Int], order: [String], keepAll: Bool = false) -> FigureTable {
        let keys = keys(order, present: values).filter { keepAll || (values[$0] ?? 0) > 0 }
        let total = values.values.reduce(0, +)
        let table = CountTable.suppressing(keys.map { (key: $0, count: values[$0] ?? 0) }, total: total, isPartition: true, rule: rule,
                                           forced: forced(id))
        return FigureTable(id: id, section: section, kind: .counts, columns: ["count"],
                           rows: table.rows.map { FigureRow(key: $0.key, values: [.of($0.count)]) } + [FigureRow(key: "total", values: [.of(table.total)])])
    }

    /// Signals per district, every district listed (a district without signals is a finding too).
    func districtTable(_ id: String, _ values: [String: Int]) -> FigureTable {
        let keys = districts + values.keys.filter { !districts.contains($0) && $0 != "unknown" }.sorted() + ["unknown"]
        let table = CountTable.suppressing(keys.map { (key: $0, count: values[$0] ?? 0) }, total: values.values.reduce(0, +),
                                           isPartition: true, rule: rule, forced: forced(id))
        let rows = table.rows.map { FigureRow(key: $0.key == "unknown" ? "unknown" : "district", label: $0.key == "unknown" ? nil : $0.key, values: [.of($0.count)]) }
        return FigureTable(id: id, section: .reach, kind: .counts, columns: ["count"], rows: rows + [FigureRow(key: "total", values: [.of(table.total)])])
    }

}

extension EvaluationHeadline {
    /// Reads the headline from the suppressed tables, so a share never reveals a count the tables hide.
    init(tables: [FigureTable]) {
        self.init()
        let table = { (id: String) in tables.first { $0.id == id } }
        let count = { (id: String, row: String, column: String) in table(id)?.value(row, column)?.countValue }
        let share = { (id: String, row: String) -> Double? in
            if case .share(let value) = table(id)?.value(row, "count") { return value }
            return nil
        }
        signals = count("reach_overview", "signals", "count")
        people = count("reach_overview", "people", "count")
        trajectoriesStarted = count("reach_overview", "trajectories_started", "count")
        // Partners' share = everything but residents, self-reports and outreach visits: safe when those and the total
        // are shown (every source has a row, zero included).
        if let total = count("reach_source", "total", "signals"), total > 0, let resident = count("reach_source", "resident", "signals"),
           let own = count("reach_source", "self", "signals"), let visits = count("reach_source", "outreach", "signals") {
            viaPartnersShare = Double(total - resident - own - visits) / Double(total)
        }
        previouslyUnknownShare = share("reach_known", "share_unknown")
        consentShare = share("consent_outcome", "share_consented")
        if case .number(let days) = table("speed_days")?.value("first_contact", "median") { medianDaysToFirstContact = days }
        if let effect = table("effects_overall")?.row(DJGVersion.eleven.rawValue), case .count(let n) = effect.values[0], n > 0 {
            pairs = n
            switch effect.values[3] {
            case .interval(let mean, _, _), .number(let mean): meanChange = mean
            default: break
            }
            if case .share(let down) = effect.values[4] { shareDown = down }
        }
        referrals = count("referrals_status", "total", "count")
        if let successful = count("referrals_status", "successful", "count"), let unsuccessful = count("referrals_status", "unsuccessful", "count"),
           successful + unsuccessful > 0 {
            referralsSuccessfulShare = Double(successful) / Double(successful + unsuccessful)
        }
        couplingsStarted = count("couplings_overview", "started", "count")
    }
}
