import Foundation
import Hummingbird
import OmzienCore

/// The audit trail for administrators, filtered by user, record and period; filters live in the URL.
struct AuditController {
    let services: AppServices
    var renderer: Renderer { services.renderer }

    func addRoutes(to group: RouterGroup<StaffRequestContext>) {
        group.get(.audit(), use: list)
        group.get(.auditUnusual, use: unusual)
    }

    /// Audit record types that hold personal data of residents (reading them is what the report looks at).
    static let personalRecordTypes: Set<String> = [
        "signal", "trajectory", "person", "coupling", "coupling_request", "referral", "volunteer", "monitor_dataset",
    ]

    /// Unusual access: bursts of many different personal records read by one user, and refused attempts
    /// (records outside the user's team or organisation). Window, threshold and period are in the URL.
    @Sendable func unusual(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let language = context.language
        let t = { (key: String) in renderer.text(key, language) }
        let query = request.uri.queryParameters
        let days = min(90, max(1, query["dagen"].flatMap { Int(String($0)) } ?? 7))
        let minutes = min(24 * 60, max(5, query["minuten"].flatMap { Int(String($0)) } ?? 60))
        let threshold = min(10_000, max(2, query["drempel"].flatMap { Int(String($0)) } ?? 25))
        let now = services.clock.now()
        let entries = try await services.audit.repository.entries(AuditQuery(
            municipalityID: context.municipalityID, from: now.addingTimeInterval(-Double(days) * 86_400), until: now.addingTimeInterval(60),
            limit: 200_000))
        let reads = entries.filter { $0.action == .read && Self.personalRecordTypes.contains($0.recordType) }.compactMap { entry in
            entry.actorID.flatMap { actor in entry.recordID.map { UnusualAccess.Read(userID: actor.uuidString, recordID: "\(entry.recordType):\($0)", at: entry.at) } }
        }
        let bursts = UnusualAccess.bursts(reads, window: Double(minutes) * 60, threshold: threshold)
        let users = Dictionary(uniqueKeysWithValues: try await services.users.users(municipalityID: context.municipalityID).map { ($0.id.uuidString, $0) })
        let burstRows = bursts.map { burst -> TableView.Row in
            TableView.Row(cells: [
                .init(text: users[burst.userID].map { "\($0.name) (\(renderer.text("role_\($0.role.rawValue)", language)))" } ?? burst.userID,
                      href: UUID(uuidString: burst.userID).map { .audit(user: $0) }),
                .init(text: String(burst.records), href: nil),
                .init(text: "\(DateText.moment(burst.from, language)) – \(DateText.moment(burst.until, language))", href: nil),
            ])
        }
        let denied = Dictionary(grouping: entries.filter { $0.action == .accessDenied && $0.actorID != nil }, by: { $0.actorID! })
        let deniedRows = denied.sorted { $0.value.count > $1.value.count }.map { actor, list -> TableView.Row in
            TableView.Row(cells: [
                .init(text: users[actor.uuidString]?.name ?? list[0].actorLabel, href: .audit(user: actor)),
                .init(text: String(list.count), href: nil),
                .init(text: Array(Set(list.map(\.recordType))).sorted().joined(separator: ", "), href: nil),
                .init(text: DateText.moment(list.map(\.at).max()!, language), href: nil),
            ])
        }
        let codes = Self.secondFactorFailures(entries)
        let codeRows = codes.map { failure -> TableView.Row in
            TableView.Row(cells: [
                .init(text: users[failure.actor.uuidString]?.name ?? failure.label, href: .audit(user: failure.actor)),
                .init(text: String(failure.wrongCodes), href: nil),
                .init(text: String(failure.locks), href: nil),
                .init(text: DateText.moment(failure.last, language), href: nil),
            ])
        }
        let page = UnusualAccessPage(
            intro: renderer.text("unusual_intro", language, renderer.count("count_days", days, language), String(threshold),
                                 renderer.count("count_minutes", minutes, language)),
            days: days, minutes: minutes, threshold: threshold,
            bursts: TableView(caption: t("unusual_bursts"), headers: [t("audit_who"), t("unusual_records"), t("unusual_when")],
                              rows: burstRows, emptyText: t("unusual_none")),
            denied: TableView(caption: t("unusual_denied"), headers: [t("audit_who"), t("unusual_attempts"), t("unusual_types"), t("unusual_last")],
                              rows: deniedRows, emptyText: t("unusual_none")),
            secondFactor: TableView(caption: t("unusual_second_factor"),
                                    headers: [t("audit_who"), t("unusual_wrong_codes"), t("unusual_locks"), t("unusual_last")],
                                    rows: codeRows, emptyText: t("unusual_none")))
        try await services.audit.record(.list, "audit", detail: "unusual access report", context: context)
        return renderer.page(page, title: t("unusual_title"), context: context, request: request)
    }

    /// Wrong second-factor codes and the locks they caused, per account, most first. Someone who has a
    /// password and is guessing the code shows up here.
    static func secondFactorFailures(_ entries: [AuditEntry]) -> [(actor: UUID, label: String, wrongCodes: Int, locks: Int, last: Date)] {
        let relevant = entries.filter {
            $0.actorID != nil && ($0.action == .secondFactorLocked || ($0.action == .loginFailed && $0.detail.hasPrefix("second factor")))
        }
        return Dictionary(grouping: relevant, by: { $0.actorID! }).map { actor, list in
            (actor: actor, label: list[0].actorLabel,
             wrongCodes: list.filter { $0.action == .secondFactorLocked || $0.detail == "second factor" }.count,
             locks: list.filter { $0.action == .secondFactorLocked }.count, last: list.map(\.at).max()!)
        }.sorted { ($0.wrongCodes, $0.last) > ($1.wrongCodes, $1.last) }
    }

    /// Reads the filters from the query string; unknown or malformed values are ignored, not errors.
    static func query(from parameters: [String: String], municipalityID: UUID) -> AuditQuery {
        let day: (String?) -> Date? = { text in
            guard let text, !text.isEmpty else { return nil }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "Europe/Amsterdam")
            formatter.dateFormat = "yyyy-MM-dd"
            return formatter.date(from: text)
        }
        let nonEmpty: (String?) -> String? = { $0?.isEmpty == false ? $0 : nil }
        return AuditQuery(
            municipalityID: municipalityID,
            actorID: parameters["gebruiker"].flatMap(UUID.init(uuidString:)),
            recordType: nonEmpty(parameters["soort"]),
            recordID: nonEmpty(parameters["record"]),
            from: day(parameters["van"]),
            until: day(parameters["tot"]).map { $0.addingTimeInterval(24 * 3600) })
    }

    @Sendable func list(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let language = context.language
        var parameters: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { parameters[String(key)] = String(value) }
        let query = Self.query(from: parameters, municipalityID: context.municipalityID)
        let entries = try await services.audit.repository.entries(query)
        let users = try await services.users.users(municipalityID: context.municipalityID)
        let table = TableView(
            caption: renderer.text("audit_title", language),
            headers: ["audit_when", "audit_who", "audit_action", "audit_record", "audit_detail", "audit_session"].map { renderer.text($0, language) },
            rows: entries.map { entry in
                TableView.Row(cells: [
                    .init(text: DateText.moment(entry.at, language, seconds: true), href: nil),
                    .init(text: entry.actorLabel, href: entry.actorID.map { .audit(user: $0) }),
                    .init(text: renderer.text("audit_action_\(entry.action.rawValue)", language), href: nil),
                    .init(text: "\(entry.recordType) \(entry.recordID.map { String($0.prefix(8)) } ?? "")",
                          href: entry.recordID.map { .audit(recordType: entry.recordType, record: $0) }),
                    .init(text: entry.detail, href: nil),
                    .init(text: entry.sessionRef, href: nil),
                ])
            },
            emptyText: renderer.text("audit_empty", language))
        let filters = AuditFilters(
            users: FieldView.options([("", renderer.text("option_all", language))] + users.map { ($0.id.uuidString, $0.name) },
                                       selected: [parameters["gebruiker"] ?? ""]),
            types: FieldView.options([("", renderer.text("option_all", language))] + ["user", "team", "district", "organisation", "municipality"].map { ($0, $0) },
                                       selected: [parameters["soort"] ?? ""]),
            record: parameters["record"] ?? "", from: parameters["van"] ?? "", until: parameters["tot"] ?? "")
        try await services.audit.record(.list, "audit", detail: "\(entries.count) entries", context: context)
        return renderer.page(ListPage(table: table, newLink: nil, notice: nil, filters: filters), title: table.caption,
                             context: context, request: request)
    }
}

/// Who, which kind of record, which record and which days: the filters above the audit log.
struct AuditFilters: FilterForm {
    let users: [FieldView.Option]
    let types: [FieldView.Option]
    let record: String
    let from: String
    let until: String

    func html(_ t: Texts) -> HTML {
        filterForm("""
          \(select("gebruiker", label: t["audit_who"], users))
          \(select("soort", label: t["audit_record_type"], types))
          \(input("record", type: "text", label: t["audit_record_id"], value: record))
          \(input("van", type: "date", label: t["audit_from"], value: from))
          \(input("tot", type: "date", label: t["audit_until"], value: until))
        """, t)
    }
}
