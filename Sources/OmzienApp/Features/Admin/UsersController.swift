import Foundation
import Hummingbird
import OmzienCore

/// Administration of user accounts (admins of the municipality only). Every list and view of user
/// records is written to the audit trail.
struct UsersController {
    let services: AppServices
    var renderer: Renderer { services.renderer }

    func addRoutes(to group: RouterGroup<StaffRequestContext>) {
        group.get(.users(), use: list)
        group.get(.newUser, use: newForm)
        group.post(.users(), use: create)
        group.get(.user(.routeKey), use: show)
        group.post(.user(.routeKey), use: update)
        group.post(.userResetLink(.routeKey), use: issueResetLink)
        group.post(.userResetSecondFactor(.routeKey), use: resetSecondFactor)
    }

    @Sendable func list(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let language = context.language
        let role = request.uri.queryParameters.get("rol").flatMap(Role.init(rawValue:))
        let search = request.uri.queryParameters.get("zoek") ?? ""
        let users = try await services.users.users(municipalityID: context.municipalityID, role: role, search: search)
        try await services.audit.record(.list, "user", detail: "\(users.count) users; role=\(role?.rawValue ?? "all")", context: context)
        let teams = Dictionary(uniqueKeysWithValues: try await services.organisations.teams(municipalityID: context.municipalityID).map { ($0.id, $0.name) })
        let table = TableView(
            caption: renderer.text("users_title", language),
            headers: ["field_name", "field_email", "field_role", "field_team", "field_status"].map { renderer.text($0, language) },
            rows: users.map { user in
                TableView.Row(cells: [
                    .init(text: user.name, href: .user(user.id)),
                    .init(text: user.email, href: nil),
                    .init(text: renderer.text("role_\(user.role.rawValue)", language), href: nil),
                    .init(text: user.teamID.flatMap { teams[$0] } ?? "—", href: nil),
                    .init(text: statusText(user, language), href: nil),
                ])
            },
            emptyText: renderer.text("list_empty", language))
        let filters = UserFilters(
            search: search,
            roles: FieldView.options(Role.allCases.map { ($0.rawValue, renderer.text("role_\($0.rawValue)", language)) },
                                       selected: [role?.rawValue ?? ""]))
        let page = ListPage(table: table, newLink: .init(label: renderer.text("users_new", language), route: .newUser),
                            notice: nil, filters: filters)
        return renderer.page(page, title: table.caption, context: context, request: request)
    }

    func statusText(_ user: UserAccount, _ language: Language) -> String {
        if !user.active { return renderer.text("status_inactive", language) }
        if !user.hasPassword { return renderer.text("status_no_password", language) }
        return renderer.text(user.totpEnabled ? "status_active_2fa" : "status_active", language)
    }

    @Sendable func newForm(_ request: Request, context: StaffRequestContext) async throws -> Response {
        try await renderForm(id: nil, form: FormData(["active": ["on"]]), errors: FieldErrors(), notice: nil, link: nil,
                             context: context, request: request, status: .ok)
    }

    @Sendable func create(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let form = try await request.form()
        let (draft, errors) = try await read(form, context: context)
        guard let draft, errors.isEmpty else {
            return try await renderForm(id: nil, form: form, errors: errors, notice: nil, link: nil, context: context,
                                        request: request, status: .unprocessableContent)
        }
        do {
            let user = try await services.users.save(draft, municipalityID: context.municipalityID)
            try await services.audit.record(.create, "user", id: user.id.uuidString, detail: "role=\(user.role.rawValue)", context: context)
            let link = try await oneTimeLink(for: user, context: context)
            return try await renderForm(id: user.id, form: formData(user), errors: FieldErrors(),
                                        notice: renderer.text("users_created", context.language), link: link,
                                        context: context, request: request, status: .created)
        } catch UserRepository.SaveError.emailTaken {
            var errors = errors
            errors.add("email", renderer.text("users_email_taken", context.language))
            return try await renderForm(id: nil, form: form, errors: errors, notice: nil, link: nil, context: context,
                                        request: request, status: .unprocessableContent)
        }
    }

    @Sendable func show(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let user = try await loadUser(context)
        try await services.audit.record(.read, "user", id: user.id.uuidString, context: context)
        return try await renderForm(id: user.id, form: formData(user), errors: FieldErrors(), notice: nil, link: nil,
                                    context: context, request: request, status: .ok)
    }

    @Sendable func update(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let user = try await loadUser(context)
        let form = try await request.form()
        var (draft, errors) = try await read(form, context: context)
        if user.id == context.user.account.id, draft?.role != .admin || draft?.active == false {
            errors.add("role", renderer.text("users_cannot_demote_self", context.language))
        }
        // A role change or (de)activation is sensitive: the administrator confirms with their own password.
        if let draft, errors.isEmpty, draft.role != user.role || draft.active != user.active {
            let outcome = try await services.login.checkPassword(email: context.user.account.email, password: form.raw("confirm_password"),
                                                             clientAddress: services.clientKey(request, channelAddress: context.clientAddress),
                                                                 now: services.clock.now())
            guard case .accepted = outcome else {
                errors.add("confirm_password", renderer.text("users_confirm_password_error", context.language))
                try await services.audit.record(.accessDenied, "user", id: user.id.uuidString, detail: "re-authentication failed", context: context)
                return try await renderForm(id: user.id, form: form, errors: errors, notice: nil, link: nil, context: context,
                                            request: request, status: .unprocessableContent)
            }
        }
        guard let draft, errors.isEmpty else {
            return try await renderForm(id: user.id, form: form, errors: errors, notice: nil, link: nil, context: context,
                                        request: request, status: .unprocessableContent)
        }
        do {
            let saved = try await services.users.save(draft, id: user.id, municipalityID: context.municipalityID)
            try await services.audit.record(.update, "user", id: user.id.uuidString, detail: changes(from: user, to: saved), context: context)
            return try await renderForm(id: user.id, form: formData(saved), errors: FieldErrors(),
                                        notice: renderer.text("saved", context.language), link: nil,
                                        context: context, request: request, status: .ok)
        } catch UserRepository.SaveError.emailTaken {
            errors.add("email", renderer.text("users_email_taken", context.language))
            return try await renderForm(id: user.id, form: form, errors: errors, notice: nil, link: nil, context: context,
                                        request: request, status: .unprocessableContent)
        }
    }

    @Sendable func issueResetLink(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let user = try await loadUser(context)
        let link = try await oneTimeLink(for: user, context: context)
        return try await renderForm(id: user.id, form: formData(user), errors: FieldErrors(),
                                    notice: renderer.text("users_link_issued", context.language), link: link,
                                    context: context, request: request, status: .ok)
    }

    @Sendable func resetSecondFactor(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let user = try await loadUser(context)
        try await services.users.resetTOTP(userID: user.id)
        try await services.audit.record(.secondFactorReset, "user", id: user.id.uuidString, context: context)
        return try await renderForm(id: user.id, form: formData(user), errors: FieldErrors(),
                                    notice: renderer.text("users_2fa_reset", context.language), link: nil,
                                    context: context, request: request, status: .ok)
    }

    // MARK: Helpers

    func loadUser(_ context: StaffRequestContext) async throws -> UserAccount {
        guard let user = try await services.users.user(id: try context.uuidParameter("id"), municipalityID: context.municipalityID) else {
            throw AppError.notFound
        }
        return user
    }

    func oneTimeLink(for user: UserAccount, context: StaffRequestContext) async throws -> String {
        let token = try await services.passwordTokens.issue(userID: user.id, createdBy: context.user.account.email)
        try await services.audit.record(.resetLinkIssued, "user", id: user.id.uuidString, context: context)
        return "\(services.configuration.publicURL)/wachtwoord/\(token)"
    }

    func changes(from old: UserAccount, to new: UserAccount) -> String {
        var parts: [String] = []
        if old.email != new.email { parts.append("email") }
        if old.name != new.name { parts.append("name") }
        if old.role != new.role { parts.append("role \(old.role.rawValue)→\(new.role.rawValue)") }
        if old.teamID != new.teamID { parts.append("team") }
        if old.organisationID != new.organisationID { parts.append("organisation") }
        if old.active != new.active { parts.append(new.active ? "activated" : "deactivated") }
        return parts.isEmpty ? "no changes" : parts.joined(separator: ", ")
    }

    func formData(_ user: UserAccount) -> FormData {
        FormData([
            "name": [user.name], "email": [user.email], "role": [user.role.rawValue],
            "team": [user.teamID?.uuidString ?? ""], "organisation": [user.organisationID?.uuidString ?? ""],
            "active": user.active ? ["on"] : [],
        ])
    }

    /// Reads and validates the form; returns a draft only when every field is usable.
    func read(_ form: FormData, context: StaffRequestContext) async throws -> (UserDraft?, FieldErrors) {
        let language = context.language
        var errors = FieldErrors()
        let name = form["name"]
        if name.isEmpty { errors.add("name", renderer.text("error_required_name", language)) }
        if name.count > 200 { errors.add("name", renderer.text("error_too_long", language)) }
        let email = EmailAddress(form["email"])
        if email == nil { errors.add("email", renderer.text("error_email", language)) }
        let role = Role(rawValue: form["role"])
        if role == nil { errors.add("role", renderer.text("error_role", language)) }
        let teamID = UUID(uuidString: form["team"])
        if let teamID, try await services.organisations.team(id: teamID, municipalityID: context.municipalityID) == nil {
            errors.add("team", renderer.text("error_team", language))
        }
        let organisationID = UUID(uuidString: form["organisation"])
        if let organisationID, try await services.organisations.organisation(id: organisationID, municipalityID: context.municipalityID) == nil {
            errors.add("organisation", renderer.text("error_organisation", language))
        }
        if let role, role.requiresTeam, teamID == nil { errors.add("team", renderer.text("error_team_required", language)) }
        if let role, role.requiresOrganisation, organisationID == nil {
            errors.add("organisation", renderer.text("error_organisation_required", language))
        }
        guard let email, let role else { return (nil, errors) }
        return (UserDraft(email: email.value, name: name, role: role, teamID: teamID, organisationID: organisationID,
                          active: form["active"] == "on"), errors)
    }

    func renderForm(
        id: UUID?, form: FormData, errors: FieldErrors, notice: String?, link: String?,
        context: StaffRequestContext, request: Request, status: HTTPResponse.Status
    ) async throws -> Response {
        let language = context.language
        let teams = try await services.organisations.teams(municipalityID: context.municipalityID)
        let organisations = try await services.organisations.organisations(municipalityID: context.municipalityID)
        let none = ("", renderer.text("option_none", language))
        let fields = [
            FieldView(name: "name", label: renderer.text("field_name", language), value: form["name"], error: errors["name"], autocomplete: "name"),
            FieldView(name: "email", label: renderer.text("field_email", language), kind: .email, value: form["email"], error: errors["email"]),
            FieldView(name: "role", label: renderer.text("field_role", language), kind: .select, error: errors["role"],
                      options: FieldView.options(Role.allCases.map { ($0.rawValue, renderer.text("role_\($0.rawValue)", language)) }, selected: [form["role"]])),
            FieldView(name: "team", label: renderer.text("field_team", language), kind: .select,
                      hint: renderer.text("field_team_hint", language), error: errors["team"],
                      options: FieldView.options([none] + teams.map { ($0.id.uuidString, $0.name) }, selected: [form["team"]]), required: false),
            FieldView(name: "organisation", label: renderer.text("field_organisation", language), kind: .select,
                      hint: renderer.text("field_organisation_hint", language), error: errors["organisation"],
                      options: FieldView.options([none] + organisations.map { ($0.id.uuidString, $0.name) }, selected: [form["organisation"]]),
                      required: false),
            FieldView(name: "active", label: renderer.text("field_active", language), kind: .checkbox, value: form["active"], required: false),
        ] + (id == nil ? [] : [
            FieldView(name: "confirm_password", label: renderer.text("users_confirm_password", language), kind: .password,
                      hint: renderer.text("users_confirm_password_hint", language), error: errors["confirm_password"],
                      autocomplete: "current-password", required: false),
        ])
        let action: Route = id.map { .user($0) } ?? .users()
        let formView = FormView(action: action, submitLabel: renderer.text(id == nil ? "create" : "save", language),
                                fields: fields, csrf: context.csrfToken)
        let actions = id.map { id in
            [
                ActionButton(action: .userResetLink(id), label: renderer.text("users_issue_link", language),
                             csrf: context.csrfToken, danger: false),
                ActionButton(action: .userResetSecondFactor(id), label: renderer.text("users_reset_2fa", language),
                             csrf: context.csrfToken, danger: true),
            ]
        } ?? []
        let page = EditPage(form: formView, notice: notice, actions: actions, oneTimeLink: link)
        let title = renderer.text(id == nil ? "users_new" : "users_edit", language)
        return renderer.page(page, title: title, context: context, request: request, status: status)
    }
}

/// Search by name or e-mail, and a role, above the list of users.
struct UserFilters: FilterForm {
    let search: String
    let roles: [FieldView.Option]

    func html(_ t: Texts) -> HTML {
        filterForm("""
          \(input("zoek", type: "search", label: t["filter_search"], value: search))
          \(select("rol", label: t["field_role"], [FieldView.Option(value: "", label: t["option_all"], selected: false)] + roles))
        """, t)
    }
}
