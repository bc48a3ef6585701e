import Foundation
import Hummingbird
import HummingbirdAuth
import OmzienCore

/// Login and logout, the second factor, one-time password links and the language switch.
struct AccountsController {
    let services: AppServices

    var renderer: Renderer { services.renderer }

    func addPublicRoutes(to router: Router<AppRequestContext>) {
        router.get(.login(), use: loginForm)
        router.post(.login(), use: login)
        router.get(.loginCode, use: codeForm)
        router.post(.loginCode, use: submitCode)
        router.post(.logout, use: logout)
        router.get(.password(token: ""), use: passwordForm)
        router.post(.password(token: ""), use: setPassword)
        router.get(.switchLanguage(to: nil), use: switchLanguage)
    }

    func addEnrolmentRoutes(to group: RouterGroup<EnrollingRequestContext>) {
        group.get(.twoFactor, use: enrolmentPage)
        group.post(.twoFactor, use: confirmEnrolment)
    }

    // MARK: Login

    @Sendable func loginForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        if context.currentUser != nil { return redirect(to: .start) }
        return renderLogin(email: "", error: nil, context: context, request: request, status: .ok)
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await request.form()
        let email = form["email"]
        let outcome = try await services.login.checkPassword(
            email: email, password: form.raw("password"), clientAddress: services.clientKey(request, channelAddress: context.clientAddress),
            now: services.clock.now())
        switch outcome {
        case .locked(let minutes):
            try await audit(.loginFailed, user: nil, email: email, detail: "locked", context: context)
            return renderLogin(email: email, error: renderer.count("login_locked", minutes, context.language),
                               context: context, request: request, status: .tooManyRequests)
        case .rejected(let user):
            try await audit(.loginFailed, user: user, email: email, detail: "", context: context)
            return renderLogin(email: email, error: renderer.text("login_wrong", context.language),
                               context: context, request: request, status: .ok)
        case .accepted(let user, let stage):
            // A fresh session id on every login prevents session fixation; the old one ends for good.
            try await services.endStoredSession(of: request)
            context.sessions.createSession(
                SessionState(userID: user.id, stage: stage, startedAt: services.clock.now(), reference: SecureRandom.token(bytes: 16)),
                expiresIn: .seconds(services.configuration.sessionMinutes * 60))
            switch stage {
            case .awaitingSecondFactor: return redirect(to: .loginCode)
            case .mustEnrolSecondFactor: return redirect(to: .twoFactor)
            case .complete:
                try await completeLogin(user, context: context)
                return Self.safeReturnPath(request.uri.queryParameters.get("terug")).map(redirect(toCheckedLocalPath:)) ?? redirect(to: .start)
            }
        }
    }

    func renderLogin(email: String, error: String?, context: AppRequestContext, request: Request, status: HTTPResponse.Status) -> Response {
        let language = context.language
        let terug = Self.safeReturnPath(request.uri.queryParameters.get("terug"))
        let form = FormView(
            action: .login(back: terug),
            submitLabel: renderer.text("login_submit", language),
            fields: [
                FieldView(name: "email", label: renderer.text("field_email", language), kind: .email, value: email,
                          error: error, autocomplete: "username"),
                FieldView(name: "password", label: renderer.text("field_password", language), kind: .password,
                          autocomplete: "current-password"),
            ],
            csrf: context.csrfToken)
        let notice: String? = error != nil ? nil
            : request.has(.loggedOut) ? renderer.text("login_logged_out", language)
            : request.has(.sessionExpired) ? renderer.text("login_session_expired", language)
            : request.has(.passwordSet) ? renderer.text("login_password_set", language) : nil
        return renderer.page(LoginPage(form: form, notice: notice), title: renderer.text("login_title", language),
                             context: context, request: request, status: status)
    }

    // MARK: Second factor at login

    @Sendable func codeForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard context.incompleteLogin == .awaitingSecondFactor else { return redirect(to: .login()) }
        return renderCode(error: nil, context: context, request: request, status: .ok)
    }

    @Sendable func submitCode(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard context.incompleteLogin == .awaitingSecondFactor, let user = context.pendingUser,
              var state = context.sessions.session
        else { return redirect(to: .login()) }
        let code = try await request.form()["code"]
        let outcome = try await services.login.checkCode(
            code, userID: user.account.id, clientAddress: services.clientKey(request, channelAddress: context.clientAddress),
            now: services.clock.now())
        switch outcome {
        case .accepted: break
        case .rejected:
            try await audit(.loginFailed, user: user.account, email: user.account.email, detail: "second factor", context: context)
            return renderCode(error: renderer.text("code_wrong", context.language), context: context, request: request, status: .ok)
        case .locked(let minutes, let startedNow):
            // The attempt that starts the lock is a failure and a lock; later ones are refused unread.
            try await audit(startedNow ? .secondFactorLocked : .loginFailed, user: user.account, email: user.account.email,
                            detail: startedNow ? "second factor" : "second factor locked", context: context)
            return renderCode(error: renderer.count("code_locked", minutes, context.language), context: context,
                              request: request, status: .tooManyRequests)
        }
        state.stage = .complete
        try await services.endStoredSession(of: request)
        context.sessions.createSession(state, expiresIn: .seconds(services.configuration.sessionMinutes * 60))
        try await completeLogin(user.account, context: context)
        return redirect(to: .start)
    }

    func renderCode(error: String?, context: AppRequestContext, request: Request, status: HTTPResponse.Status) -> Response {
        let language = context.language
        let form = FormView(
            action: .loginCode, submitLabel: renderer.text("code_submit", language),
            fields: [FieldView(name: "code", label: renderer.text("field_code", language), kind: .code,
                               hint: renderer.text("field_code_hint", language), error: error, autocomplete: "one-time-code")],
            csrf: context.csrfToken)
        return renderer.page(FormPage(form: form), title: renderer.text("code_title", language),
                             context: context, request: request, status: status)
    }

    // MARK: Logout

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let user = context.currentUser ?? context.pendingUser {
            try await audit(.logout, user: user.account, email: user.account.email, detail: "", context: context)
        }
        context.sessions.clearSession()
        return redirect(to: .login(), .loggedOut)
    }

    // MARK: One-time password links

    @Sendable func passwordForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        guard let userID = try await services.passwordTokens.userID(forToken: token),
              let user = try await services.users.user(id: userID)
        else { return expiredLink(context: context, request: request) }
        return renderPassword(token: token, user: user, error: nil, context: context, request: request, status: .ok)
    }

    @Sendable func setPassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        guard let userID = try await services.passwordTokens.userID(forToken: token),
              let user = try await services.users.user(id: userID)
        else { return expiredLink(context: context, request: request) }
        let form = try await request.form()
        let password = form.raw("password")
        let language = context.language
        var error: String?
        if let problem = PasswordRules.problem(with: password, email: user.email) {
            error = problem == .tooShort ? renderer.count("password_tooShort", PasswordRules.minimumLength, language)
                : renderer.text("password_\(problem.rawValue)", language)
        } else if password != form.raw("password_repeat") {
            error = renderer.text("password_mismatch", language)
        }
        if let error {
            return renderPassword(token: token, user: user, error: error, context: context, request: request, status: .unprocessableContent)
        }
        try await services.users.setPasswordHash(try await services.login.hash(password), userID: user.id)
        try await services.passwordTokens.consume(token: token)
        try await audit(.passwordSet, user: user, email: user.email, detail: "", context: context, recordID: user.id.uuidString)
        context.sessions.clearSession()
        return redirect(to: .login(), .passwordSet)
    }

    func renderPassword(token: String, user: UserAccount, error: String?, context: AppRequestContext, request: Request, status: HTTPResponse.Status) -> Response {
        let language = context.language
        let form = FormView(
            action: .password(token: token), submitLabel: renderer.text("password_submit", language),
            fields: [
                FieldView(name: "password", label: renderer.text("field_new_password", language), kind: .password,
                          hint: renderer.count("password_hint", PasswordRules.minimumLength, language), error: error,
                          autocomplete: "new-password"),
                FieldView(name: "password_repeat", label: renderer.text("field_repeat_password", language), kind: .password,
                          autocomplete: "new-password"),
            ],
            csrf: context.csrfToken, intro: renderer.text("password_intro", language, user.email))
        return renderer.page(FormPage(form: form), title: renderer.text("password_title", language),
                             context: context, request: request, status: status)
    }

    func expiredLink(context: AppRequestContext, request: Request) -> Response {
        let page = ErrorPage(heading: renderer.text("link_expired_title", context.language),
                             message: renderer.text("link_expired_text", context.language), requestID: context.id)
        return renderer.page(page, title: page.heading, context: context, request: request, status: .gone)
    }

    // MARK: Language

    @Sendable func switchLanguage(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let language = Language(rawValue: try context.parameters.require("language")) else { throw AppError.notFound }
        var response = Self.safeReturnPath(request.uri.queryParameters.get("terug")).map(redirect(toCheckedLocalPath:)) ?? redirect(to: .landing)
        let cookie = Cookie(name: "omzien_lang", value: language.rawValue, maxAge: 365 * 24 * 3600, path: "/",
                            secure: services.configuration.secureCookies, httpOnly: true, sameSite: .lax)
        response.headers[values: .setCookie].append(cookie.description)
        return response
    }

    // MARK: Two-factor enrolment

    @Sendable func enrolmentPage(_ request: Request, context: EnrollingRequestContext) async throws -> Response {
        let account = context.user.account
        if account.totpEnabled {
            return renderer.page(TwoFactorDonePage(), title: renderer.text("twofactor_title", context.language),
                                 context: context, request: request)
        }
        // Reloading the page shows the same key, so a half-finished enrolment in the app still works.
        let pending = try await services.users.credentials(userID: account.id)?.totpSecret
        let secret = pending ?? TwoFactor.newSecret()
        if pending == nil { try await services.users.startTOTPEnrolment(userID: account.id, secret: secret) }
        return renderEnrolment(secret: secret, error: nil, context: context, request: request, status: .ok)
    }

    @Sendable func confirmEnrolment(_ request: Request, context: EnrollingRequestContext) async throws -> Response {
        let account = context.user.account
        guard let credentials = try await services.users.credentials(userID: account.id), let secret = credentials.totpSecret,
              !account.totpEnabled
        else { return redirect(to: .twoFactor) }
        let code = try await request.form()["code"]
        guard let step = TwoFactor.matchingStep(code: code, secret: secret, now: Date(), after: nil) else {
            return renderEnrolment(secret: secret, error: renderer.text("code_wrong", context.language), context: context,
                                   request: request, status: .unprocessableContent)
        }
        try await services.users.confirmTOTP(userID: account.id, step: step)
        try await services.audit.record(
            .secondFactorEnabled, "user", id: account.id.uuidString, municipalityID: account.municipalityID, actorID: account.id,
            actorLabel: account.email, sessionReference: context.sessions.session?.reference, requestID: context.id)
        if context.mustEnrol, var state = context.sessions.session {
            state.stage = .complete
            try await services.endStoredSession(of: request)
            context.sessions.createSession(state, expiresIn: .seconds(services.configuration.sessionMinutes * 60))
            try await services.users.recordLogin(userID: account.id, at: Date())
        }
        return redirect(to: .start)
    }

    func renderEnrolment(secret: String, error: String?, context: EnrollingRequestContext, request: Request, status: HTTPResponse.Status) -> Response {
        let language = context.language
        let enrolment = TwoFactor.enrolment(secret: secret, email: context.user.account.email)
        let form = FormView(
            action: .twoFactor, submitLabel: renderer.text("twofactor_submit", language),
            fields: [FieldView(name: "code", label: renderer.text("field_code", language), kind: .code,
                               hint: renderer.text("field_code_hint", language), error: error, autocomplete: "one-time-code")],
            csrf: context.csrfToken)
        let page = TwoFactorPage(form: form, key: enrolment.key.chunked(4), url: enrolment.url, mustEnrol: context.mustEnrol)
        return renderer.page(page, title: renderer.text("twofactor_title", language), context: context, request: request, status: status)
    }

    // MARK: Helpers

    func completeLogin(_ user: UserAccount, context: AppRequestContext) async throws {
        try await services.users.recordLogin(userID: user.id, at: Date())
        try await audit(.login, user: user, email: user.email, detail: "", context: context)
    }

    func audit(_ action: AuditAction, user: UserAccount?, email: String, detail: String, context: AppRequestContext, recordID: String? = nil) async throws {
        try await services.audit.record(
            action, "user", id: recordID ?? user?.id.uuidString, detail: detail, municipalityID: user?.municipalityID,
            actorID: user?.id, actorLabel: user?.email ?? String(email.prefix(80)),
            sessionReference: context.sessions.session?.reference, requestID: context.id)
    }

    /// Only local paths are followed after login or a language switch, never another site ("open redirect").
    ///
    /// Accepted: one `/` followed by a character that is not `/` or `\\`, in the value as given and in every
    /// percent-decoded form of it, with no control characters or whitespace and no backslash anywhere once
    /// decoded. Browsers drop tabs and newlines and read `\\` as `/`, so `/\t/evil.example` or `/%2F/evil`
    /// would otherwise leave the site.
    static func safeReturnPath(_ value: String?) -> String? {
        guard let value else { return nil }
        var forms = [value]
        // Decode until nothing changes (a few rounds; more layers than that is not a real return path).
        for _ in 0..<3 {
            guard let decoded = forms.last!.removingPercentEncoding else { return nil }
            if decoded == forms.last! { break }
            forms.append(decoded)
        }
        guard forms.last!.removingPercentEncoding == forms.last! else { return nil }
        for form in forms {
            let characters = Array(form.unicodeScalars)
            guard characters.count >= 2, characters[0] == "/", characters[1] != "/", characters[1] != "\\" else { return nil }
            if characters.contains(where: { $0 == "\\" || $0.properties.generalCategory == .control || $0.properties.isWhitespace
                || $0.properties.generalCategory == .format }) { return nil }
        }
        return value
    }
}

extension String {
    /// "ABCDEFGH" → "ABCD EFGH", for keys people type by hand.
    func chunked(_ size: Int) -> String {
        stride(from: 0, to: count, by: size).map { offset in
            let start = index(startIndex, offsetBy: offset)
            return String(self[start..<(index(start, offsetBy: size, limitedBy: endIndex) ?? endIndex)])
        }.joined(separator: " ")
    }
}
