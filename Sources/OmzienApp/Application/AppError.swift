/// Errors the web layer knows how to answer. Mapped to HTTP and to a friendly page in one place
/// (`ErrorMiddleware`); anything else becomes a 500 without details.
public enum AppError: Error, Equatable, Sendable {
    /// Not logged in: HTML gets a redirect to the login page, the API a 401.
    case unauthenticated
    /// Logged in with a password but the second factor is still due.
    case secondFactorPending
    /// The municipality requires two-factor login for this role and the user has not enrolled yet.
    case secondFactorEnrolmentRequired
    /// Logged in, but this is not theirs to see or do.
    case forbidden
    case notFound
    /// The form's CSRF token was missing or wrong.
    case csrfRejected
    case badRequest(String)
    case tooManyRequests
    case payloadTooLarge
    /// Someone else changed the same record at the same moment and won; the page says what happened.
    case conflict(Conflict)

    /// What two simultaneous requests competed for (the key of the error texts).
    public enum Conflict: String, Sendable {
        /// The coupling request was coupled by someone else just now.
        case coupling
        /// The signals were merged the other way round just now.
        case merge
        /// The trajectory is closed: it is read-only until someone reopens it.
        case closed
    }
}
