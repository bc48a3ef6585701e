import HTTPTypes
import Logging
import OmzienCore
import Crypto
import Foundation
import NIOFoundationCompat
import Hummingbird
import HummingbirdAuth

/// Picks the interface language: the `omzien_lang` cookie set by the language switch, else the
/// installation's default (Dutch). The browser's Accept-Language is deliberately not followed: a Dutch
/// municipality's service speaks Dutch unless someone chooses English.
struct LanguageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let defaultLanguage: Language

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.language = request.cookies["omzien_lang"].flatMap { Language(rawValue: $0.value) } ?? defaultLanguage
        return try await next(request, context)
    }
}

/// CSRF protection for every state-changing request (OWASP's signed double-submit cookie):
/// a random nonce lives in an HttpOnly cookie; forms carry an HMAC of that nonce and the login
/// session, which only the server can compute. Works across app instances because the key is in the database.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "omzien_csrf"
    static let fieldName = "_csrf"
    let key: SymmetricKey
    let secureCookies: Bool
    let maxBodyBytes: Int
    let maxUploadBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        let existing = request.cookies[Self.cookieName]?.value.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        let nonce = existing.flatMap { $0.count >= 32 ? $0 : nil } ?? SecureRandom.token()
        let sessionReference = context.sessions.session?.reference ?? "anonymous"
        context.csrfToken = Self.token(nonce: nonce, session: sessionReference, key: key)

        if ![.get, .head, .options].contains(request.method) {
            let boundary = MultipartForm.boundary(contentType: request.headers[.contentType])
            let buffer: ByteBuffer
            do {
                // File uploads (multipart) may be larger than ordinary forms.
                buffer = try await request.collectBody(upTo: boundary == nil ? maxBodyBytes : maxUploadBytes)
            } catch {
                throw AppError.payloadTooLarge
            }
            let submitted = request.headers[HTTPField.Name("X-CSRF-Token")!]
                ?? (boundary.flatMap { MultipartForm(body: Data(buffer: buffer), boundary: $0) }?.fields.raw(Self.fieldName)
                    ?? FormData(urlEncoded: String(buffer: buffer)).raw(Self.fieldName))
            guard existing == nonce, Self.constantTimeEqual(submitted, context.csrfToken) else {
                context.logger.notice("CSRF token rejected", metadata: ["path": "\(request.uri.path)"])
                throw AppError.csrfRejected
            }
        }
        var response = try await next(request, context)
        if existing != nonce {
            let cookie = Cookie(name: Self.cookieName, value: nonce, path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax)
            response.headers[values: .setCookie].append(cookie.description)
        }
        return response
    }

    static func token(nonce: String, session: String, key: SymmetricKey) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(nonce)|\(session)".utf8), using: key)
        return Data(mac).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8), right = Array(b.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Ends a session that was idle too long or has reached its absolute lifetime (whatever the activity).
/// Runs before the CSRF middleware, so a form drawn on this request is bound to what is left: no session.
struct SessionExpiryMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    var clock = AppClock()
    var idleLimit: TimeInterval = 30 * 60
    var lifetime: TimeInterval = 8 * 3600

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if var state = context.sessions.session {
            let now = clock.now()
            if now.timeIntervalSince(state.lastSeenAt ?? state.startedAt) > idleLimit || now.timeIntervalSince(state.startedAt) > lifetime {
                context.sessions.clearSession()
                context.sessionExpired = true
            } else if now.timeIntervalSince(state.lastSeenAt ?? .distantPast) > 60 {
                // Remember activity at most once a minute, so not every request writes the session.
                state.lastSeenAt = now
                _ = context.sessions.updateSession(state)
            }
        }
        return try await next(request, context)
    }
}

/// Loads the user behind the session. A session of a removed or deactivated user is ended.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let users: UserRepository
    let organisations: OrganisationRepository

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let state = context.sessions.session {
            if let account = try await users.user(id: state.userID), account.active,
               let municipality = try await organisations.municipality(id: account.municipalityID) {
                let user = CurrentUser(account: account, municipality: municipality)
                if state.stage == .complete {
                    context.currentUser = user
                    context.logger[metadataKey: "user"] = "\(account.id)"
                } else {
                    context.incompleteLogin = state.stage
                    context.pendingUser = user
                }
            } else {
                context.sessions.clearSession()
            }
        }
        return try await next(request, context)
    }
}

/// Refuses a route group to roles without the permission. The policy itself is `AccessPolicy` in the core.
struct RequirePermission<Context: PageRequestContext>: RouterMiddleware {
    let permission: Permission

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let user = context.signedInUser else { throw AppError.unauthenticated }
        let decision = AccessPolicy.decide(user.actor, permission)
        guard decision.isAllowed else {
            context.logger.notice("Access denied", metadata: ["permission": "\(permission)", "decision": "\(decision)"])
            throw AppError.forbidden
        }
        return try await next(request, context)
    }
}

/// Where sessions live: the cookie that names one and the prefix of its key in the database.
enum SessionCookie {
    static let name = "omzien_session"
    static let keyPrefix = "session."
}

extension AppServices {
    /// Removes the stored session the request's cookie names, if any. Called before a login creates a
    /// new session, so logging in again in the same browser ends the previous login instead of leaving
    /// it valid (for whoever kept a copy of the old cookie) until it expires.
    func endStoredSession(of request: Request) async throws {
        guard let id = request.cookies[SessionCookie.name]?.value, !id.isEmpty else { return }
        try await DatabasePersistDriver(databaseService: database).remove(key: SessionCookie.keyPrefix + id)
    }
}
