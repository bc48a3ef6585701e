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

    /// The value a notice came back with (`?ingetrokken=meer`), nil when it is absent.
    func noticeValue(_ notice: Notice) -> String? {
        uri.queryParameters.get(notice.key)
    }

    /// The problem a refused form on another page reported (`?fout=…`).
    var problemNotice: String? { uri.queryParameters.get(Notice.problemKey) }
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
