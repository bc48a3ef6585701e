import Foundation
import Hummingbird
import Logging

/// The one place where errors become responses: a Dutch (or English) page for people, an RFC 9457
/// problem document for the API. Nothing about the internals is ever shown; unexpected errors are
/// logged with the request id, which the page shows so support can find them.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let renderer: Renderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return respond(to: error, request: request, context: context)
        }
    }

    /// The outcome of an error: the status and the texts, or a redirect for login states.
    enum Outcome: Equatable {
        case redirect(Route)
        case page(status: HTTPResponse.Status, key: String)
    }

    static func outcome(of error: any Error) -> Outcome {
        switch error {
        case let error as AppError:
            switch error {
            case .unauthenticated: return .redirect(.login())
            case .secondFactorPending: return .redirect(.loginCode)
            case .secondFactorEnrolmentRequired: return .redirect(.twoFactor)
            case .forbidden: return .page(status: .forbidden, key: "forbidden")
            case .notFound: return .page(status: .notFound, key: "not_found")
            case .csrfRejected: return .page(status: .forbidden, key: "csrf")
            case .badRequest: return .page(status: .badRequest, key: "bad_request")
            case .tooManyRequests: return .page(status: .tooManyRequests, key: "too_many")
            case .payloadTooLarge: return .page(status: .contentTooLarge, key: "too_large")
            case .conflict(let conflict): return .page(status: .conflict, key: "conflict_\(conflict.rawValue)")
            }
        case let error as any HTTPResponseError:
            switch error.status {
            case .notFound: return .page(status: .notFound, key: "not_found")
            case .methodNotAllowed: return .page(status: .methodNotAllowed, key: "not_found")
            case .contentTooLarge: return .page(status: .contentTooLarge, key: "too_large")
            case .unauthorized: return .redirect(.login())
            case .forbidden: return .page(status: .forbidden, key: "forbidden")
            case let status where status.code < 500: return .page(status: status, key: "bad_request")
            default: return .page(status: .internalServerError, key: "server")
            }
        default:
            return .page(status: .internalServerError, key: "server")
        }
    }

    func respond(to error: any Error, request: Request, context: Context) -> Response {
        let outcome = Self.outcome(of: error)
        if case .page(let status, _) = outcome, status == .internalServerError {
            context.logger.error("Unhandled error", metadata: ["error": "\(String(reflecting: error))"])
        }
        let isAPI = request.uri.path.hasPrefix(Route.apiRoot)
        switch outcome {
        case .redirect(let target):
            if isAPI { return problem(status: .unauthorized, key: "unauthenticated", context: context) }
            // Back to the page that asked for a login, once logged in (only for pages, not for posted forms).
            var target = target
            if case .login = target, request.method == .get { target = .login(back: request.uri.path) }
            if case .login = target, context.sessionExpired { return redirect(to: target, .sessionExpired) }
            return redirect(to: target)
        case .page(let status, let key):
            if isAPI { return problem(status: status, key: key, context: context) }
            let page = ErrorPage(
                heading: renderer.text("error_\(key)_title", context.language),
                message: renderer.text("error_\(key)_text", context.language),
                requestID: context.id)
            return renderer.page(page, title: page.heading, context: context, request: request, status: status)
        }
    }

    func problem(status: HTTPResponse.Status, key: String, context: Context) -> Response {
        let problem = Problem(
            type: "about:blank", title: renderer.text("error_\(key)_title", .en), status: Int(status.code),
            detail: renderer.text("error_\(key)_text", .en), requestId: context.id)
        let json = (try? JSONEncoder().encode(problem)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/problem+json"], body: .init(byteBuffer: ByteBuffer(bytes: json)))
    }
}

/// An RFC 9457 problem document.
struct Problem: Codable {
    let type: String
    let title: String
    let status: Int
    let detail: String
    let requestId: String
}

struct ErrorPage: PageContent {
    let heading: String
    let message: String
    let requestID: String

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <h1>\(heading)</h1>
        <p>\(message)</p>
        <p><a href="\(Links.shared.landing)">\(t["error_home_link"])</a></p>
        <p class="small">\(t["error_reference"]) <code>\(requestID)</code></p>
        """
    }
}
