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
    let throttles: Throttles
    let bcryptCost: Int

    /// The throttles of the login, each on its own key in the store.
    struct Throttles: Sendable {
        /// Per typed e-mail address: a growing delay, so a stranger cannot lock someone out for long.
        var email: LoginThrottle
        /// Per client address: a hard lock (one address guessing many accounts, or one account hard).
        var address: LoginThrottle
        /// Per account, for second-factor codes: a hard lock (only someone with the password gets here).
        var codeAccount: LoginThrottle
        /// Per client address, for second-factor codes: a hard lock.
        var codeAddress: LoginThrottle

        /// The throttles for `maxFailures` (the `max-failed-logins` setting).
        init(maxFailures: Int) {
            email = .delay(after: maxFailures)
            address = .lock(after: maxFailures * 4)
            codeAccount = .lock(after: maxFailures)
            codeAddress = .lock(after: maxFailures * 2)
        }
    }

    enum PasswordOutcome: Equatable {
        case accepted(user: UserAccount, next: SessionState.Stage)
        case rejected(user: UserAccount?)
        case locked(minutes: Int)
    }

    enum CodeOutcome: Equatable {
        case accepted
        case rejected
        /// Too many wrong codes; `startedNow` when this attempt started the lock (worth an audit line).
        case locked(minutes: Int, startedNow: Bool)
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

    /// Checks a password. Both throttles count the attempt before bcrypt runs, so parallel guesses cannot
    /// slip past them; a right password then forgets the e-mail's failures and takes back the address's count.
    func checkPassword(email: String, password: String, clientAddress: String, now: Date = Date()) async throws -> PasswordOutcome {
        let address = email.lowercased()
        let seconds = now.timeIntervalSince1970
        let addressKey = "login:address:\(clientAddress)", emailKey = "login:email:\(address)"
        let byAddress = try await throttleStore.count(addressKey, policy: throttles.address, now: seconds)
        if case .waiting(let wait) = byAddress { return .locked(minutes: LoginThrottle.minutes(wait)) }
        let byEmail = try await throttleStore.count(emailKey, policy: throttles.email, now: seconds)
        if case .waiting(let wait) = byEmail { return .locked(minutes: LoginThrottle.minutes(wait)) }
        let credentials = try await users.credentials(email: address)
        let hash = credentials?.passwordHash ?? decoyHash
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
        guard matches, let credentials, credentials.passwordHash != nil, credentials.account.active else {
            if let wait = [byAddress, byEmail].compactMap(\.startedWait).max() { return .locked(minutes: LoginThrottle.minutes(wait)) }
            return .rejected(user: credentials?.account)
        }
        try await throttleStore.clear(emailKey)
        try await throttleStore.refund(addressKey, policy: throttles.address)
        return .accepted(user: credentials.account, next: try await stageAfterPassword(credentials.account))
    }

    /// Whether the login is complete after the password, or a second factor is due or must be set up.
    func stageAfterPassword(_ account: UserAccount) async throws -> SessionState.Stage {
        if account.totpEnabled { return .awaitingSecondFactor }
        let municipality = try await organisations.municipality(id: account.municipalityID)
        if municipality?.mfaRoles.contains(account.role) == true { return .mustEnrolSecondFactor }
        return .complete
    }

    /// Checks a TOTP code for an enrolled user; each time step is accepted once. Counted per account and
    /// per client address before the code is compared, like passwords.
    func checkCode(_ code: String, userID: UUID, clientAddress: String, now: Date = Date()) async throws -> CodeOutcome {
        let seconds = now.timeIntervalSince1970
        let accountKey = "code:account:\(userID.uuidString)", addressKey = "code:address:\(clientAddress)"
        let byAddress = try await throttleStore.count(addressKey, policy: throttles.codeAddress, now: seconds)
        if case .waiting(let wait) = byAddress { return .locked(minutes: LoginThrottle.minutes(wait), startedNow: false) }
        let byAccount = try await throttleStore.count(accountKey, policy: throttles.codeAccount, now: seconds)
        if case .waiting(let wait) = byAccount { return .locked(minutes: LoginThrottle.minutes(wait), startedNow: false) }
        guard let credentials = try await users.credentials(userID: userID), credentials.account.totpEnabled,
              let secret = credentials.totpSecret,
              let step = TwoFactor.matchingStep(code: code, secret: secret, now: now, after: credentials.totpLastStep)
        else {
            if let wait = [byAddress, byAccount].compactMap(\.startedWait).max() {
                return .locked(minutes: LoginThrottle.minutes(wait), startedNow: true)
            }
            return .rejected
        }
        try await users.recordTOTPStep(userID: userID, step: step)
        try await throttleStore.clear(accountKey)
        try await throttleStore.refund(addressKey, policy: throttles.codeAddress)
        return .accepted
    }

    func hash(_ password: String) async throws -> String {
        let cost = UInt8(bcryptCost)
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }
}

extension LoginThrottleStore.Decision {
    /// The wait this attempt started by reaching the limit, if it did.
    var startedWait: Double? {
        if case .allowed(_, let wait) = self { return wait }
        return nil
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
