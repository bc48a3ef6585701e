import Hummingbird

/// Routes are registered only from `Route`, so the router and every link agree on the spelling.
extension RouterMethods {
    /// Answers `GET` on a typed route; path parameters are the route's `routeKey` placeholders.
    @discardableResult
    func get(_ route: Route, use handler: @Sendable @escaping (Request, Context) async throws -> some ResponseGenerator) -> Self {
        on(RouterPath(route.pattern), method: .get, use: handler)
    }

    /// Answers `POST` on a typed route.
    @discardableResult
    func post(_ route: Route, use handler: @Sendable @escaping (Request, Context) async throws -> some ResponseGenerator) -> Self {
        on(RouterPath(route.pattern), method: .post, use: handler)
    }
}

/// A "see other" redirect to one of Omzien's own addresses.
func redirect(to route: Route, _ notice: Notice? = nil, fragment: String? = nil) -> Response {
    Response(status: .seeOther, headers: [.location: route.href(notice, fragment: fragment)])
}

/// A redirect to a local path that was checked by `AccountsController.safeReturnPath` (never another site).
func redirect(toCheckedLocalPath path: String) -> Response {
    Response(status: .seeOther, headers: [.location: path])
}

extension Request {
    /// Whether the page was reached with this notice (`?opgeslagen=1`).
    func has(_ notice: Notice) -> Bool {
        uri.queryParameters.get(notice.key) != nil
    }

    /// The problem a refused form on another page reported (`?fout=…`).
    var problemNotice: String? { uri.queryParameters.get(Notice.problem("").key) }
}

extension ActionButton {
    /// A button that posts to one of Omzien's routes.
    init(action route: Route, label: String, csrf: String, danger: Bool) {
        self.init(action: route.href, label: label, csrf: csrf, danger: danger)
    }
}

extension Chrome.Link {
    /// A link to one of Omzien's routes.
    init(label: String, route: Route, current: Bool = false) {
        self.init(label: label, href: route.href, current: current)
    }
}

// TEMPORARY: string addresses still used by the trajectory, coupling, consent and suggestion screens,
// removed once those are converted (RouteLiteralTests fails while any remain).
func redirect(to location: String) -> Response {
    Response(status: .seeOther, headers: [.location: location])
}

extension FormView {
    init(action: String, submitLabel: String, fields: [FieldView], csrf: String, intro: String? = nil, hidden: [Hidden] = [],
         backLabel: String? = nil, honeypot: Bool = false, multipart: Bool = false) {
        self.init(action: Route.landing, submitLabel: submitLabel, fields: fields, csrf: csrf, intro: intro, hidden: hidden,
                  backLabel: backLabel, honeypot: honeypot, multipart: multipart)
        self.action = action
    }
}

extension TableView.Cell {
    init(text: String, href: String) {
        self.init(text: text, href: Route?.none)
        self.href = href
    }
}

extension CouplingForms {
    static func wishesForm(_ form: FormData, errors: FieldErrors, action: String, csrf: String, texts: CouplingTexts) -> FormView {
        var view = wishesForm(form, errors: errors, action: Route.landing, csrf: csrf, texts: texts)
        view.action = action
        return view
    }
}
