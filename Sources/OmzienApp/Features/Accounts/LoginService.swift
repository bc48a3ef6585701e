import Foundation
import HummingbirdBcrypt
import HummingbirdOTP
import NIOPosix
import OmzienCore

/// Checks passwords and second factors, with throttling. Knows nothing about HTTP.
struct LoginService: Sendable {
    let users: UserRepository
    let organisations: OrganisationRepository
    let throttleStore: LoginThrottleStore
    let throttle: LoginThrottle
    let bcryptCost: Int

    enum PasswordOutcome: Equatable {
        case accepted(user: UserAccount, next: SessionState.Stage)
        case rejected(user: UserAccount?)
        case locked(minutes: Int)
    }

    /// Hashes to verify against when the address is unknown, so both cases take as long: one per cost,
    /// made once, at the cost real hashes use (12 in production, lower in tests).
    private static let decoys = DecoyHashes()
    private var decoyHash: String { Self.decoys.hash(cost: bcryptCost) }

    final class DecoyHashes: @unchecked Sendable {
        private let lock = NSLock()
        private var hashes: [Int: String] = [:]
        func hash(cost: Int) -> String {
            lock.withLock {
                if let hash = hashes[cost] { return hash }
                let hash = Bcrypt.hash("omzien-decoy-password", cost: UInt8(cost))
                hashes[cost] = hash
                return hash
            }
        }
    }

    func checkPassword(email: String, password: String, now: Date = Date()) async throws -> PasswordOutcome {
        let address = email.lowercased()
        let state = try await throttleStore.state(for: address)
        if let remaining = throttle.remainingLock(state, now: now.timeIntervalSince1970) {
            return .locked(minutes: Int((remaining / 60).rounded(.up)))
        }
        let credentials = try await users.credentials(email: address)
        let hash = credentials?.passwordHash ?? decoyHash
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
        guard matches, let credentials, credentials.passwordHash != nil, credentials.account.active else {
            let next = throttle.recordFailure(state, now: now.timeIntervalSince1970)
            try await throttleStore.save(next, for: address)
            if let remaining = throttle.remainingLock(next, now: now.timeIntervalSince1970) {
                return .locked(minutes: Int((remaining / 60).rounded(.up)))
            }
            return .rejected(user: credentials?.account)
        }
        if state != LoginThrottle.State() { try await throttleStore.save(throttle.recordSuccess(), for: address) }
        return .accepted(user: credentials.account, next: try await stageAfterPassword(credentials.account))
    }

    /// Whether the login is complete after the password, or a second factor is due or must be set up.
    func stageAfterPassword(_ account: UserAccount) async throws -> SessionState.Stage {
        if account.totpEnabled { return .awaitingSecondFactor }
        let municipality = try await organisations.municipality(id: account.municipalityID)
        if municipality?.mfaRoles.contains(account.role) == true { return .mustEnrolSecondFactor }
        return .complete
    }

    /// Checks a TOTP code for an enrolled user; each time step is accepted once.
    func checkCode(_ code: String, userID: UUID, now: Date = Date()) async throws -> Bool {
        guard let credentials = try await users.credentials(userID: userID), credentials.account.totpEnabled,
              let secret = credentials.totpSecret,
              let step = TwoFactor.matchingStep(code: code, secret: secret, now: now, after: credentials.totpLastStep)
        else { return false }
        try await users.recordTOTPStep(userID: userID, step: step)
        return true
    }

    func hash(_ password: String) async throws -> String {
        let cost = UInt8(bcryptCost)
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }
}

/// TOTP (RFC 6238) helpers around hummingbird-auth's `TOTP`.
enum TwoFactor {
    static let timeStep = 30

    /// A new random secret (the raw key; authenticator apps get it base32-encoded).
    static func newSecret() -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// The time step whose code equals `code`, allowing one step of clock drift either way, and only
    /// steps after `after` (so a code cannot be replayed).
    static func matchingStep(code: String, secret: String, now: Date, after lastStep: Int?) -> Int? {
        let digits = code.filter(\.isNumber)
        guard digits.count == 6, let value = Int(digits) else { return nil }
        let current = Int(now.timeIntervalSince1970) / timeStep
        let totp = TOTP(secret: secret, timeStep: timeStep)
        for step in [current - 1, current, current + 1] where step > (lastStep ?? Int.min) {
            if totp.compute(date: Date(timeIntervalSince1970: Double(step * timeStep))) == value { return step }
        }
        return nil
    }

    /// The code an authenticator app would show at `date` (used by tests and the CLI).
    static func code(secret: String, at date: Date) -> String {
        let value = TOTP(secret: secret, timeStep: timeStep).compute(date: date)
        let text = String(value)
        return String(repeating: "0", count: max(0, 6 - text.count)) + text
    }

    /// The otpauth:// address for authenticator apps, and the base32 key to type by hand.
    static func enrolment(secret: String, email: String) -> (url: String, key: String) {
        let url = TOTP(secret: secret, timeStep: timeStep).createAuthenticatorURL(label: "Omzien:\(email)", issuer: "Omzien")
        let key = url.components(separatedBy: "secret=").last?.components(separatedBy: "&").first ?? ""
        return (url, key)
    }
}
