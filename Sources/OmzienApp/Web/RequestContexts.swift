import Foundation
import Hummingbird
import HummingbirdAuth
import OmzienCore

/// What is kept in the session row for a logged-in browser.
public struct SessionState: Codable, Sendable, Equatable {
    public enum Stage: String, Codable, Sendable {
        /// Password accepted; the TOTP code is still due.
        case awaitingSecondFactor
        /// Password accepted; the municipality requires a second factor that is not set up yet.
        case mustEnrolSecondFactor
        case complete
    }

    public var userID: UUID
    public var stage: Stage
    public var startedAt: Date
    /// Random per login; a fingerprint of it goes into the audit trail instead of the session id.
    public var reference: String
    /// The last request seen (to end a session after inactivity); nil until the first one after login.
    public var lastSeenAt: Date?
    /// When the password was last confirmed, for sensitive actions that ask for it again.
    public var confirmedAt: Date?
}

/// The signed-in user as the rest of the app sees them.
public struct CurrentUser: Sendable, Equatable {
    public var account: UserAccount
    public var municipality: Municipality
    public var actor: Actor { account.actor }
}

/// The request context of every route: session, language, CSRF token and (when logged in) the user.
public struct AppRequestContext: RequestContext, SessionRequestContext {
    public typealias Session = SessionState
    public var coreContext: CoreRequestContextStorage
    public let sessions: SessionContext<SessionState>
    public var language: Language = .nl
    /// The token forms must send back in `_csrf`.
    public var csrfToken = ""
    /// Set by `AuthenticationMiddleware` once a login is complete.
    public var currentUser: CurrentUser?
    /// Set when this request's session ended for inactivity or age, so the login page can say why.
    public var sessionExpired = false
    /// Set when a session exists but is not complete, so the error page can send the user on.
    public var incompleteLogin: SessionState.Stage?
    /// The user behind an incomplete login (password given, second factor missing); only used to
    /// finish that login.
    public var pendingUser: CurrentUser?
    /// The client's IP address (for rate limits); "unknown" when the channel has none (tests).
    public let clientAddress: String

    public init(source: Source) {
        coreContext = .init(source: source)
        sessions = .init()
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Bodies are small forms; anything larger is refused before a handler reads it.
    public var maxUploadSize: Int { 1_048_576 }
}

/// Shared by contexts that render pages, so helpers work with either.
public protocol PageRequestContext: RequestContext {
    var language: Language { get }
    var csrfToken: String { get }
    var signedInUser: CurrentUser? { get }
}

extension AppRequestContext: PageRequestContext {
    public var signedInUser: CurrentUser? { currentUser }
}

/// The context of routes that need a logged-in user. It cannot be created without one, so a handler
/// written against it cannot forget the login check.
public struct StaffRequestContext: ChildRequestContext, PageRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let user: CurrentUser
    public let language: Language
    public let csrfToken: String
    public let sessions: SessionContext<SessionState>
    /// The client's IP address, as in `AppRequestContext`.
    public let clientAddress: String

    public init(context: AppRequestContext) throws {
        guard let user = context.currentUser else {
            switch context.incompleteLogin {
            case .awaitingSecondFactor: throw AppError.secondFactorPending
            case .mustEnrolSecondFactor: throw AppError.secondFactorEnrolmentRequired
            case .complete, nil: throw AppError.unauthenticated
            }
        }
        self.coreContext = context.coreContext
        self.user = user
        self.language = context.language
        self.csrfToken = context.csrfToken
        self.sessions = context.sessions
        self.clientAddress = context.clientAddress
    }

    public var signedInUser: CurrentUser? { user }
    public var maxUploadSize: Int { 1_048_576 }
}

/// Like `StaffRequestContext` but also open to a user who still has to set up two-factor login,
/// for the enrolment pages only.
public struct EnrollingRequestContext: ChildRequestContext, PageRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let user: CurrentUser
    public let language: Language
    public let csrfToken: String
    public let sessions: SessionContext<SessionState>
    public let mustEnrol: Bool

    public init(context: AppRequestContext) throws {
        if let user = context.currentUser {
            self.user = user
            self.mustEnrol = false
        } else if context.incompleteLogin == .mustEnrolSecondFactor, let pending = context.pendingUser {
            self.user = pending
            self.mustEnrol = true
        } else {
            throw AppError.unauthenticated
        }
        self.coreContext = context.coreContext
        self.language = context.language
        self.csrfToken = context.csrfToken
        self.sessions = context.sessions
    }

    public var signedInUser: CurrentUser? { mustEnrol ? nil : user }
}

