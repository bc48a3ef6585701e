import Foundation
import Hummingbird
import OmzienCore

/// Keeping the social map: providers keep their own organisation's entries; coordinators curate all of
/// them and mark them checked. Entries not checked for a year are flagged.
struct CatalogueController {
    let services: AppServices
    var renderer: Renderer { services.renderer }
    var repository: CatalogueRepository { services.catalogue }

    func addRoutes(to group: RouterGroup<StaffRequestContext>) {
        group.get(.catalogue, use: list)
        group.get(.newCatalogueEntry) { request, context in
            try await render(nil, form: CatalogueForms.formData(nil), errors: FieldErrors(), context: context, request: request)
        }
        group.post(.catalogue, use: create)
        group.get(.catalogueEntry("")) { request, context in
            let stored = try await load(context)
            try await services.audit.record(.read, "catalogue_activity", id: stored.activity.id, context: context)
            return try await render(stored.activity, form: CatalogueForms.formData(stored.activity), errors: FieldErrors(), context: context, request: request)
        }
        group.post(.catalogueEntry(""), use: update)
        group.post(.catalogueEntryChecked(""), use: markChecked)
    }

    var isCoordinator: (StaffRequestContext) -> Bool { { $0.user.account.role == .coordinator } }

    /// An entry the user may keep: a provider only their own organisation's (others are "not found").
    func load(_ context: StaffRequestContext) async throws -> CatalogueRepository.Stored {
        guard let stored = try await repository.activity(id: try context.uuidParameter("id"), municipalityID: context.municipalityID)
        else { throw AppError.notFound }
        if !isCoordinator(context), stored.activity.organisationID != context.user.account.organisationID?.uuidString {
            try await services.audit.record(.accessDenied, "catalogue_activity", id: stored.activity.id, detail: "other organisation", context: context)
            throw AppError.notFound
        }
        return stored
    }

    @Sendable func list(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let language = context.language
        let t = { (key: String) in renderer.text(key, language) }
        let today = services.clock.today
        let own = isCoordinator(context) ? nil : (context.user.account.organisationID ?? UUID())
        let entries = try await repository.activities(municipalityID: context.municipalityID, organisationID: own)
        let organisations = Dictionary(uniqueKeysWithValues: try await repository.organisations(municipalityID: context.municipalityID).map { ($0.id, $0.name) })
        let rows = entries.map { entry in
            let a = entry.activity
            return CatalogueListPage.Row(
                href: Route.catalogueEntry(a.id).href, name: a.name, organisation: organisations[a.organisationID] ?? "—",
                form: t("activity_form_\(a.form.rawValue)"), status: t("activity_status_\(a.status.rawValue.replacingOccurrences(of: " ", with: "_"))"),
                checked: a.checkedOn.map { DateText.short($0, language) } ?? t("catalogue_never_checked"), stale: a.isStale(today: today))
        }
        let stale = entries.filter { $0.activity.isStale(today: today) }.count
        let page = CatalogueListPage(
            rows: rows, canCreate: isCoordinator(context) || own != nil,
            staleLine: renderer.count("catalogue_stale_count", stale, language, String(entries.count)) + " " + t("catalogue_stale_why"),
            notice: request.has(.saved) ? t("catalogue_saved") : nil)
        return renderer.page(page, title: t("catalogue_title"), context: context, request: request)
    }

    @Sendable func create(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let form = try await request.form()
        let organisation = isCoordinator(context) ? form["organisation"] : context.user.account.organisationID?.uuidString ?? ""
        let organisations = try await repository.organisations(municipalityID: context.municipalityID)
        var activity = CatalogueActivity(id: UUID().uuidString, organisationID: organisation, name: "", description: "", form: .group,
                                         interventionType: .socialActivation, preventive: true)
        guard organisations.contains(where: { $0.id == organisation }) else {
            // A provider without an organisation cannot add entries; a coordinator just has to pick one.
            guard isCoordinator(context) else { throw AppError.forbidden }
            var errors = FieldErrors()
            errors.add("organisation", renderer.text("catalogue_error_organisation", context.language))
            CatalogueForms.read(form, into: &activity, errors: &errors, districts: try await districtIDs(context), t: { renderer.text($0, context.language) })
            return try await render(nil, form: form, errors: errors, context: context, request: request, status: .unprocessableContent)
        }
        return try await save(&activity, form: form, isNew: true, context: context, request: request)
    }

    @Sendable func update(_ request: Request, context: StaffRequestContext) async throws -> Response {
        var activity = try await load(context).activity
        let form = try await request.form()
        if isCoordinator(context), let organisation = form["organisation"].nonEmpty,
           try await repository.organisations(municipalityID: context.municipalityID).contains(where: { $0.id == organisation }) {
            activity.organisationID = organisation
        }
        return try await save(&activity, form: form, isNew: false, context: context, request: request)
    }

    /// The ids of the municipality's districts, the choices of an activity's district boxes.
    func districtIDs(_ context: StaffRequestContext) async throws -> [String] {
        try await services.organisations.districts(municipalityID: context.municipalityID).map(\.id.uuidString)
    }

    func save(_ activity: inout CatalogueActivity, form: FormData, isNew: Bool, context: StaffRequestContext, request: Request) async throws -> Response {
        var errors = FieldErrors()
        CatalogueForms.read(form, into: &activity, errors: &errors, districts: try await districtIDs(context), t: { renderer.text($0, context.language) })
        guard errors.isEmpty else {
            return try await render(isNew ? nil : activity, form: form, errors: errors, context: context, request: request, status: .unprocessableContent)
        }
        try await repository.save(activity, municipalityID: context.municipalityID)
        try await services.audit.record(isNew ? .create : .update, "catalogue_activity", id: activity.id, context: context)
        return redirect(to: .catalogue, .saved)
    }

    @Sendable func markChecked(_ request: Request, context: StaffRequestContext) async throws -> Response {
        guard isCoordinator(context) else { throw AppError.forbidden }
        var activity = try await load(context).activity
        activity.checkedOn = services.clock.today
        try await repository.save(activity, municipalityID: context.municipalityID)
        try await services.audit.record(.update, "catalogue_activity", id: activity.id, detail: "checked", context: context)
        return redirect(to: .catalogueEntry(activity.id), .checked)
    }

    func render(_ activity: CatalogueActivity?, form: FormData, errors: FieldErrors, context: StaffRequestContext, request: Request,
                status: HTTPResponse.Status = .ok) async throws -> Response {
        let language = context.language
        let t = { (key: String) in renderer.text(key, language) }
        let organisations = isCoordinator(context) ? try await repository.organisations(municipalityID: context.municipalityID) : nil
        let districts = try await services.organisations.districts(municipalityID: context.municipalityID)
        let view = CatalogueForms.view(form, errors: errors, action: activity.map { .catalogueEntry($0.id) } ?? .catalogue, csrf: context.csrfToken,
                                       renderer: renderer, language: language, organisations: organisations, districts: districts)
        let page = CatalogueEditPage(
            form: view, back: Chrome.Link(label: t("catalogue_back"), route: .catalogue),
            checked: activity.map { activity in
                CatalogueEditPage.Checked(
                    line: activity.checkedOn.map { renderer.text("catalogue_checked_on", language, DateText.long($0, language)) } ?? t("catalogue_never_checked"),
                    stale: activity.isStale(today: services.clock.today), publicHref: Route.activity(activity.id).href)
            },
            checkAction: activity.flatMap { isCoordinator(context) ? Route.catalogueEntryChecked($0.id).href : nil },
            notice: request.has(.checked) ? t("catalogue_marked_checked") : nil, csrf: context.csrfToken)
        return renderer.page(page, title: activity?.name ?? t("catalogue_new"), context: context, request: request, status: status)
    }
}
