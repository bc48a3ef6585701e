import Foundation
import Hummingbird
import OmzienCore

/// The municipality's retention periods, a dry run that shows what would be removed, and the retention
/// log (counts, never contents). The daily job applies the same rules.
struct RetentionController {
    let services: AppServices
    var renderer: Renderer { services.renderer }

    func addRoutes(to group: RouterGroup<StaffRequestContext>) {
        group.get(.retention) { request, context in
            let settings = try await services.retention.settings(municipalityID: context.municipalityID)
            return try await render(Self.formData(settings), errors: FieldErrors(), dryRun: nil, notice: nil, context: context, request: request)
        }
        group.post(.retention, use: save)
        group.post(.retentionDryRun, use: dryRun)
    }

    static func formData(_ settings: RetentionSettings) -> FormData {
        FormData(["uncontacted_months": [String(settings.uncontactedMonths)], "declined_months": [String(settings.declinedMonths)],
                  "closed_trajectory_months": [String(settings.closedTrajectoryMonths)]])
    }

    static func read(_ form: FormData, errors: inout FieldErrors, message: String) -> RetentionSettings? {
        var settings = RetentionSettings()
        func value(_ name: String) -> Int? {
            guard let number = Int(form[name]), RetentionSettings.allowed.contains(number) else { errors.add(name, message); return nil }
            return number
        }
        let uncontacted = value("uncontacted_months"), declined = value("declined_months"), closed = value("closed_trajectory_months")
        guard let uncontacted, let declined, let closed else { return nil }
        settings.uncontactedMonths = uncontacted
        settings.declinedMonths = declined
        settings.closedTrajectoryMonths = closed
        return settings
    }

    @Sendable func save(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let form = try await request.form()
        var errors = FieldErrors()
        guard let settings = Self.read(form, errors: &errors, message: renderer.text("retention_error_months", context.language)) else {
            return try await render(form, errors: errors, dryRun: nil, notice: nil, context: context, request: request, status: .unprocessableContent)
        }
        try await services.retention.save(settings, municipalityID: context.municipalityID)
        try await services.audit.record(.update, "retention_settings", id: context.municipalityID.uuidString,
                                        detail: "\(settings.uncontactedMonths)/\(settings.declinedMonths)/\(settings.closedTrajectoryMonths) months",
                                        context: context)
        return try await render(form, errors: errors, dryRun: nil, notice: renderer.text("saved", context.language), context: context, request: request)
    }

    @Sendable func dryRun(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let settings = try await services.retention.settings(municipalityID: context.municipalityID)
        let counts = try await services.retention.apply(
            municipalityID: context.municipalityID, settings: settings, today: services.clock.today, now: services.clock.now(), dryRun: true,
            by: context.user.account.email)
        try await services.audit.record(.read, "retention", detail: "dry run", context: context)
        return try await render(Self.formData(settings), errors: FieldErrors(), dryRun: counts, notice: nil, context: context, request: request)
    }

    func render(_ form: FormData, errors: FieldErrors, dryRun: [RetentionCount]?, notice: String?, context: StaffRequestContext, request: Request,
                status: HTTPResponse.Status = .ok) async throws -> Response {
        let language = context.language
        let t = { (key: String) in renderer.text(key, language) }
        let view = FormView(action: .retention, submitLabel: t("save"), fields: ["uncontacted_months", "declined_months", "closed_trajectory_months"].map {
            FieldView(name: $0, label: t("retention_field_\($0)"), kind: .number, value: form[$0], hint: t("retention_field_\($0)_hint"), error: errors[$0])
        }, csrf: context.csrfToken, intro: t("retention_intro"))
        let log = try await services.retention.log(municipalityID: context.municipalityID)
        let table = TableView(
            caption: t("retention_log"), headers: [t("audit_when"), t("retention_rule"), t("retention_count"), t("retention_kind"), t("audit_who")],
            rows: log.map { entry in
                TableView.Row(cells: [.init(text: DateText.moment(entry.ranAt, language), href: nil), .init(text: t("retention_rule_\(entry.kind.rawValue)"), href: nil),
                                      .init(text: String(entry.count), href: nil), .init(text: t(entry.dryRun ? "retention_dry" : "retention_real"), href: nil),
                                      .init(text: entry.by == "job" ? t("retention_by_job") : entry.by, href: nil)])
            },
            emptyText: t("retention_log_empty"))
        let dryRunLines = (dryRun ?? []).map { renderer.text("retention_would", language, String($0.count), t("retention_rule_\($0.kind.rawValue)")) }
        let page = RetentionPage(notice: notice, form: view, dryRun: dryRunLines, log: table, csrf: context.csrfToken)
        return renderer.page(page, title: t("retention_title"), context: context, request: request, status: status)
    }
}
