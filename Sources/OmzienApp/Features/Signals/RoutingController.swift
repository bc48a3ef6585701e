import Foundation
import Hummingbird
import OmzienCore

/// The municipality's routing rules: which team receives which signals, beyond each team's own districts.
struct RoutingController {
    let services: AppServices
    var renderer: Renderer { services.renderer }

    func addRoutes(to group: RouterGroup<StaffRequestContext>) {
        group.get(.routing) { request, context in try await render(form: FormData(), errors: FieldErrors(), notice: nil, context: context, request: request) }
        group.post(.routing, use: add)
        group.post(.routingRuleRemove(.routeKey), use: remove)
    }

    func render(form: FormData, errors: FieldErrors, notice: String?, context: StaffRequestContext, request: Request,
                status: HTTPResponse.Status = .ok) async throws -> Response {
        let language = context.language
        let t = { (key: String) in renderer.text(key, language) }
        let teams = try await services.organisations.teams(municipalityID: context.municipalityID)
        let districts = try await services.organisations.districts(municipalityID: context.municipalityID)
        let rules = try await services.routingRules.rules(municipalityID: context.municipalityID)
        let rows = rules.map { stored in
            let rule = stored.rule
            var conditions: [String] = []
            if let district = rule.districtID.flatMap(UUID.init(uuidString:)) {
                conditions.append(t("col_district") + ": " + (districts.first { $0.id == district }?.name ?? "?"))
            }
            if let bands = rule.ageBands {
                conditions.append(t("signal_field_age_band") + ": "
                                  + AgeBand.allCases.filter(bands.contains).map { t("signal_age_band_\($0.rawValue)") }.joined(separator: ", "))
            }
            if let type = rule.partnerType { conditions.append(t("field_type") + ": " + t("orgtype_\(type.rawValue)")) }
            return RoutingPage.Rule(team: teams.first { $0.id.uuidString == rule.teamID }?.name ?? "?",
                           conditions: conditions.isEmpty ? t("routing_always") : conditions.joined(separator: "; "),
                           removeAction: Route.routingRuleRemove(stored.id).href)
        }
        let defaults = teams.map { team in
            "\(team.name): " + team.districtIDs.compactMap { id in districts.first { $0.id == id }?.name }.sorted().joined(separator: ", ")
        }
        let any = ("", t("routing_any"))
        let view = FormView(
            action: .routing, submitLabel: t("routing_add"),
            fields: [
                FieldView(name: "team", label: t("col_team"), kind: .select, error: errors["team"],
                          options: FieldView.options([("", t("option_choose"))] + teams.map { ($0.id.uuidString, $0.name) }, selected: [form["team"]])),
                FieldView(name: "district", label: t("col_district"), kind: .select, error: errors["district"],
                          options: FieldView.options([any] + districts.map { ($0.id.uuidString, $0.name) }, selected: [form["district"]]), required: false),
                FieldView(name: "age_bands", label: t("signal_field_age_band"), kind: .checkboxes, hint: t("routing_age_hint"),
                          options: FieldView.options(AgeBand.allCases.filter { $0 != .unknown }.map { ($0.rawValue, t("signal_age_band_\($0.rawValue)")) },
                                                     selected: Set(form.chosen("age_bands", as: AgeBand.self).map(\.rawValue))), required: false),
                FieldView(name: "partner_type", label: t("routing_partner_type"), kind: .select,
                          options: FieldView.options([any] + OrganisationType.allCases.map { ($0.rawValue, t("orgtype_\($0.rawValue)")) },
                                                     selected: [form["partner_type"]]), required: false),
            ],
            csrf: context.csrfToken, intro: t("routing_intro"))
        let page = RoutingPage(rules: rows, defaults: defaults, form: view, notice: notice, csrf: context.csrfToken)
        return renderer.page(page, title: t("routing_title"), context: context, request: request, status: status)
    }

    @Sendable func add(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let form = try await request.form()
        var errors = FieldErrors()
        var teamID = UUID(uuidString: form["team"])
        if let id = teamID, try await services.organisations.team(id: id, municipalityID: context.municipalityID) == nil { teamID = nil }
        if teamID == nil { errors.add("team", renderer.text("error_team", context.language)) }
        let districtID = UUID(uuidString: form["district"])
        if let districtID, try await services.organisations.district(id: districtID, municipalityID: context.municipalityID) == nil {
            errors.add("district", renderer.text("routing_error_district", context.language))
        }
        let bands = Set(form.chosen("age_bands", as: AgeBand.self))
        let partnerType = OrganisationType(rawValue: form["partner_type"])
        if districtID == nil, bands.isEmpty, partnerType == nil { errors.add("district", renderer.text("routing_error_condition", context.language)) }
        guard errors.isEmpty, let teamID else {
            return try await render(form: form, errors: errors, notice: nil, context: context, request: request, status: .unprocessableContent)
        }
        try await services.routingRules.add(municipalityID: context.municipalityID, teamID: teamID, districtID: districtID,
                                            ageBands: bands.isEmpty ? nil : bands, partnerType: partnerType)
        try await services.audit.record(.create, "routing_rule", detail: "team=\(teamID)", context: context)
        return try await render(form: FormData(), errors: FieldErrors(), notice: renderer.text("saved", context.language), context: context,
                                request: request, status: .created)
    }

    @Sendable func remove(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let id = try context.uuidParameter("id")
        try await services.routingRules.remove(id: id, municipalityID: context.municipalityID)
        try await services.audit.record(.update, "routing_rule", id: id.uuidString, detail: "removed", context: context)
        return redirect(to: .routing)
    }
}
