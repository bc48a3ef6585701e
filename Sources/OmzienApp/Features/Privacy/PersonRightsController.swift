import FluentKit
import Foundation
import Hummingbird
import OmzienCore

/// The person's rights (AVG art. 15 and 17): for one person, an administrator produces a complete export of
/// everything held about them — including who viewed the record — as a readable page and as JSON, and
/// erases the data where no duty to keep it prevents that. Both ask for the administrator's password and
/// are audited; the erasure leaves a record that it took place (ids and counts, no contents).
struct PersonRightsController {
    let services: AppServices
    var renderer: Renderer { services.renderer }

    func addRoutes(to group: RouterGroup<StaffRequestContext>) {
        group.get(.people, use: search)
        group.post(.people, use: search)
        group.get(.person(.routeKey), use: show)
        group.post(.personExport(.routeKey), use: export)
        group.post(.personErase(.routeKey), use: erase)
    }

    func load(_ context: StaffRequestContext) async throws -> Person {
        guard let person = try await services.signals.person(id: try context.uuidParameter("id"), municipalityID: context.municipalityID)
        else { throw AppError.notFound }
        return person
    }

    /// The search is a POST form: a name typed here must not end up in a URL (and so in logs or history).
    @Sendable func search(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let words = request.method == .post ? try await request.form()["zoek"] : ""
        let people = words.count < 2 ? [] : try await services.signals.persons(municipalityID: context.municipalityID, search: words)
        try await services.audit.record(.list, "person", detail: "rights search: \(people.count) found", context: context)
        let t = { (key: String) in renderer.text(key, context.language) }
        let table = TableView(caption: t("rights_title"), headers: [t("col_name"), t("referral_field_birth_year"), t("field_postcode_short")],
                              rows: people.map { TableView.Row(cells: [.init(text: $0.name.isEmpty ? "—" : $0.name, href: .person($0.id)),
                                                                       .init(text: $0.birthYear.map(String.init) ?? "—", href: nil),
                                                                       .init(text: $0.postcode ?? "—", href: nil)]) },
                              emptyText: words.count < 2 ? t("rights_search_hint") : t("rights_none"))
        let page = RightsSearchPage(table: table, words: words, csrf: context.csrfToken, notice: request.has(.erased) ? t("rights_erased") : nil)
        return renderer.page(page, title: t("rights_title"), context: context, request: request)
    }

    @Sendable func show(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let person = try await load(context)
        try await services.audit.record(.read, "person", id: person.id.uuidString, detail: "rights page", context: context)
        return try await render(person, problem: nil, notice: nil, context: context, request: request)
    }

    func render(_ person: Person, problem: String?, notice: String?, context: StaffRequestContext, request: Request,
                status: HTTPResponse.Status = .ok) async throws -> Response {
        let data = try await PersonData.gather(person, services: services, municipalityID: context.municipalityID)
        let page = RightsPersonPage(
            summary: data.summaryLines(renderer: renderer, language: context.language),
            exportAction: Route.personExport(person.id).href, eraseAction: Route.personErase(person.id).href,
            blocker: data.erasureBlocker.map { renderer.text("rights_blocked_\($0)", context.language) },
            problem: problem, notice: notice, csrf: context.csrfToken)
        return renderer.page(page, title: renderer.text("rights_person_title", context.language, person.name.isEmpty ? "—" : person.name),
                             context: context, request: request, status: status)
    }

    /// The administrator's own password, asked again for these sensitive actions.
    func confirmed(_ form: FormData, request: Request, context: StaffRequestContext) async throws -> Bool {
        let outcome = try await services.login.checkPassword(email: context.user.account.email, password: form.raw("confirm_password"),
                                                             clientAddress: services.clientKey(request, channelAddress: context.clientAddress),
                                                             now: services.clock.now())
        if case .accepted = outcome { return true }
        return false
    }

    @Sendable func export(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let person = try await load(context)
        let form = try await request.form()
        guard try await confirmed(form, request: request, context: context) else {
            try await services.audit.record(.accessDenied, "person", id: person.id.uuidString, detail: "export: re-authentication failed", context: context)
            return try await render(person, problem: renderer.text("rights_password_error", context.language), notice: nil, context: context,
                                    request: request, status: .unprocessableContent)
        }
        let data = try await PersonData.gather(person, services: services, municipalityID: context.municipalityID)
        try await services.audit.record(.read, "person", id: person.id.uuidString, detail: "export \(form["format"])", context: context)
        if form["format"] == "json" {
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8",
                                                   .contentDisposition: "attachment; filename=\"omzien-persoon-\(person.id).json\""],
                            body: .init(byteBuffer: ByteBuffer(bytes: try data.json())))
        }
        return renderer.page(RightsExportPage(sections: data.sections(renderer: renderer, language: context.language)),
                             title: renderer.text("rights_export_title", context.language, person.name), context: context, request: request)
    }

    @Sendable func erase(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let person = try await load(context)
        let form = try await request.form()
        guard try await confirmed(form, request: request, context: context) else {
            try await services.audit.record(.accessDenied, "person", id: person.id.uuidString, detail: "erasure: re-authentication failed", context: context)
            return try await render(person, problem: renderer.text("rights_password_error", context.language), notice: nil, context: context,
                                    request: request, status: .unprocessableContent)
        }
        let data = try await PersonData.gather(person, services: services, municipalityID: context.municipalityID)
        if data.erasureBlocker != nil {
            return try await render(person, problem: renderer.text("rights_erase_refused", context.language), notice: nil, context: context,
                                    request: request, status: .conflict)
        }
        let counts = try await data.erase(services: services)
        try await services.audit.record(.delete, "person", id: person.id.uuidString, detail: "erasure: \(counts)", context: context)
        return redirect(to: .people, .erased)
    }
}
