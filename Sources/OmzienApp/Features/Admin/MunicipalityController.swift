import Foundation
import Hummingbird
import OmzienCore

/// Municipality-wide settings: which roles must use two-factor login.
/// An administrator reaches only their own municipality, or one they hold a regional grant for.
struct MunicipalityController {
    let services: AppServices
    var renderer: Renderer { services.renderer }

    func addRoutes(to group: RouterGroup<StaffRequestContext>) {
        group.get(.ownMunicipality) { _, context in redirect(to: .municipality(code: context.user.municipality.code)) }
        group.get(.municipality(code: ""), use: show)
        group.post(.municipality(code: ""), use: update)
    }

    func load(_ context: StaffRequestContext) async throws -> Municipality {
        guard let municipality = try await services.organisations.municipality(code: try context.parameters.require("code")) else {
            throw AppError.notFound
        }
        let decision = AccessPolicy.decide(context.user.actor, .administerMunicipality,
                                           on: RecordScope(municipalityID: municipality.id.uuidString))
        guard decision.isAllowed else {
            try await services.audit.record(.accessDenied, "municipality", id: municipality.id.uuidString, detail: "\(decision)", context: context)
            throw AppError.forbidden
        }
        return municipality
    }

    @Sendable func show(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let municipality = try await load(context)
        return render(municipality, selected: Set(municipality.mfaRoles.map(\.rawValue)), province: municipality.province, notice: nil,
                      context: context, request: request)
    }

    @Sendable func update(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let municipality = try await load(context)
        let form = try await request.form()
        let roles = Set(form.chosen("mfa_roles", as: Role.self))
        try await services.organisations.setMFARoles(roles, municipalityID: municipality.id)
        try await services.organisations.setProvince(form["province"], municipalityID: municipality.id)
        try await services.audit.record(.update, "municipality", id: municipality.id.uuidString,
                                        detail: "mfa_roles=\(OrganisationRepository.encode(roles)), province=\(form["province"])", context: context)
        return render(municipality, selected: Set(roles.map(\.rawValue)), province: form["province"], notice: renderer.text("saved", context.language),
                      context: context, request: request)
    }

    func render(_ municipality: Municipality, selected: Set<String>, province: String, notice: String?, context: StaffRequestContext,
                request: Request) -> Response {
        let language = context.language
        let options = Role.allCases.map { role in
            (role.rawValue, renderer.text("role_\(role.rawValue)", language) + (role.seesPersonalData ? " — " + renderer.text("sees_personal_data", language) : ""))
        }
        let form = FormView(
            action: .municipality(code: municipality.code), submitLabel: renderer.text("save", language),
            fields: [FieldView(name: "mfa_roles", label: renderer.text("field_mfa_roles", language), kind: .checkboxes,
                               hint: renderer.text("field_mfa_roles_hint", language),
                               options: FieldView.options(options, selected: selected), required: false),
                     FieldView(name: "province", label: renderer.text("field_province", language), value: province,
                               hint: renderer.text("field_province_hint", language), required: false)],
            csrf: context.csrfToken, intro: "\(municipality.name) (\(municipality.code))")
        return renderer.page(EditPage(form: form, notice: notice, actions: [], oneTimeLink: nil),
                             title: renderer.text("municipality_title", language), context: context, request: request)
    }
}
