import Foundation
import Hummingbird
import OmzienCore

/// The audit trail for administrators, filtered by user, record and period; filters live in the URL.
struct AuditController {
    let services: AppServices
    var renderer: Renderer { services.renderer }

    func addRoutes(to group: RouterGroup<StaffRequestContext>) {
        group.get("/audit", use: list)
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
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Europe/Amsterdam")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        let table = TableView(
            caption: renderer.text("audit_title", language),
            headers: ["audit_when", "audit_who", "audit_action", "audit_record", "audit_detail", "audit_session"].map { renderer.text($0, language) },
            rows: entries.map { entry in
                TableView.Row(cells: [
                    .init(text: formatter.string(from: entry.at), href: nil),
                    .init(text: entry.actorLabel, href: entry.actorID.map { "/beheer/audit?gebruiker=\($0)" }),
                    .init(text: renderer.text("audit_action_\(entry.action.rawValue)", language), href: nil),
                    .init(text: "\(entry.recordType) \(entry.recordID.map { String($0.prefix(8)) } ?? "")",
                          href: entry.recordID.map { "/beheer/audit?soort=\(entry.recordType)&record=\($0)" }),
                    .init(text: entry.detail, href: nil),
                    .init(text: entry.sessionRef, href: nil),
                ])
            },
            emptyText: renderer.text("audit_empty", language))
        let filters: [String: Any] = [
            "users": FieldView.options([("", renderer.text("option_all", language))] + users.map { ($0.id.uuidString, $0.name) },
                                       selected: [parameters["gebruiker"] ?? ""]),
            "types": FieldView.options([("", renderer.text("option_all", language))] + ["user", "team", "district", "organisation", "municipality"].map { ($0, $0) },
                                       selected: [parameters["soort"] ?? ""]),
            "record": parameters["record"] ?? "", "from": parameters["van"] ?? "", "until": parameters["tot"] ?? "",
        ]
        try await services.audit.record(.list, "audit", detail: "\(entries.count) entries", context: context)
        return renderer.page("audit", title: table.caption, page: ListPage(table: table, newLink: nil, notice: nil, filters: filters),
                             context: context, request: request)
    }
}
