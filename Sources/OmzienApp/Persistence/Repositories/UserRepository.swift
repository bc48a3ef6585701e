import Crypto
import FluentKit
import Foundation
import OmzienCore

/// User accounts, scoped by municipality.
public struct UserRepository: Sendable {
    let db: @Sendable () -> any Database

    public init(databaseService: DatabaseService) { self.db = { databaseService.database } }

    public enum SaveError: Error, Equatable { case emailTaken }

    /// Users of one municipality, optionally filtered by role and a search on name or e-mail.
    public func users(municipalityID: UUID, role: Role? = nil, search: String? = nil) async throws -> [UserAccount] {
        var query = UserModel.query(on: db()).filter(\.$municipality.$id == municipalityID)
        if let role { query = query.filter(\.$role == role.rawValue) }
        if let search, !search.isEmpty {
            let pattern = search.lowercased()
            query = query.group(.or) { $0.filter(\.$email ~~ pattern).filter(\.$name ~~ search) }
        }
        return try await withRegionalGrants(query.sort(\.$name).all())
    }

    /// One user of the given municipality; a user of another municipality is reported as not found.
    public func user(id: UUID, municipalityID: UUID) async throws -> UserAccount? {
        guard let model = try await UserModel.query(on: db()).filter(\.$id == id).filter(\.$municipality.$id == municipalityID).first() else {
            return nil
        }
        return try await withRegionalGrants([model]).first
    }

    /// A user by id regardless of municipality: only for the session layer, which checks the rest itself.
    public func user(id: UUID) async throws -> UserAccount? {
        guard let model = try await UserModel.find(id, on: db()) else { return nil }
        return try await withRegionalGrants([model]).first
    }

    /// Every user across municipalities (CLI listing).
    public func allUsers() async throws -> [UserAccount] {
        try await withRegionalGrants(UserModel.query(on: db()).sort(\.$email).all())
    }

    public func user(email: String) async throws -> UserAccount? {
        guard let model = try await UserModel.query(on: db()).filter(\.$email == email.lowercased()).first() else { return nil }
        return try await withRegionalGrants([model]).first
    }

    func credentials(email: String) async throws -> LoginCredentials? {
        guard let model = try await UserModel.query(on: db()).filter(\.$email == email.lowercased()).first() else { return nil }
        return try await credentials(of: model)
    }

    func credentials(userID: UUID) async throws -> LoginCredentials? {
        guard let model = try await UserModel.find(userID, on: db()) else { return nil }
        return try await credentials(of: model)
    }

    private func credentials(of model: UserModel) async throws -> LoginCredentials {
        let account = try await withRegionalGrants([model])[0]
        return LoginCredentials(account: account, passwordHash: model.passwordHash, totpSecret: model.totpSecret, totpLastStep: model.totpLastStep)
    }

    /// Creates or (with `id`) updates a user of `municipalityID`.
    @discardableResult
    public func save(_ draft: UserDraft, id: UUID? = nil, municipalityID: UUID) async throws -> UserAccount {
        let email = draft.email.lowercased()
        if let clash = try await UserModel.query(on: db()).filter(\.$email == email).first(), clash.id != id {
            throw SaveError.emailTaken
        }
        let model: UserModel
        if let id {
            guard let found = try await UserModel.find(id, on: db()), found.$municipality.id == municipalityID else { throw AppError.notFound }
            model = found
        } else {
            model = UserModel()
            model.$municipality.id = municipalityID
            model.totpEnabled = false
        }
        model.email = email
        model.name = draft.name
        model.role = draft.role.rawValue
        model.$team.id = draft.teamID
        model.$organisation.id = draft.organisationID
        model.active = draft.active
        do {
            try await model.save(on: db())
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // The address is unique in the database: another save took it after the check above.
            throw SaveError.emailTaken
        }
        return try await withRegionalGrants([model])[0]
    }

    public func setPasswordHash(_ hash: String, userID: UUID) async throws {
        try await update(userID) { $0.passwordHash = hash }
    }

    func recordLogin(userID: UUID, at date: Date) async throws {
        try await update(userID) { $0.lastLoginAt = date }
    }

    /// Stores a new, not yet confirmed TOTP secret.
    func startTOTPEnrolment(userID: UUID, secret: String) async throws {
        try await update(userID) {
            $0.totpSecret = secret
            $0.totpEnabled = false
        }
    }

    func confirmTOTP(userID: UUID, step: Int) async throws {
        try await update(userID) {
            $0.totpEnabled = true
            $0.totpLastStep = step
        }
    }

    func recordTOTPStep(userID: UUID, step: Int) async throws {
        try await update(userID) { $0.totpLastStep = step }
    }

    /// Removes the second factor (an administrator's reset when a phone is lost).
    public func resetTOTP(userID: UUID) async throws {
        try await update(userID) {
            $0.totpSecret = nil
            $0.totpEnabled = false
            $0.totpLastStep = nil
        }
    }

    public func grantRegionalAccess(userID: UUID, municipalityID: UUID) async throws {
        let grant = RegionalGrantModel()
        grant.$user.id = userID
        grant.$municipality.id = municipalityID
        try await grant.create(on: db())
    }

    private func update(_ userID: UUID, _ change: (UserModel) -> Void) async throws {
        guard let model = try await UserModel.find(userID, on: db()) else { throw AppError.notFound }
        change(model)
        try await model.update(on: db())
    }

    private func withRegionalGrants(_ models: [UserModel]) async throws -> [UserAccount] {
        let ids = models.compactMap(\.id)
        let grants = ids.isEmpty ? [] : try await RegionalGrantModel.query(on: db()).filter(\.$user.$id ~~ ids).all()
        return try models.map { model in
            try model.record(regional: Set(grants.filter { $0.$user.id == model.id }.map(\.$municipality.id)))
        }
    }
}

/// One-time links to set or reset a password. The token itself is shown once; only its hash is kept.
public struct PasswordTokenRepository: Sendable {
    let db: @Sendable () -> any Database
    public init(databaseService: DatabaseService) { self.db = { databaseService.database } }

    /// Creates a token valid for `lifetime` seconds and returns the plain token to put in the link.
    public func issue(userID: UUID, createdBy: String, lifetime: TimeInterval = 72 * 3600, now: Date = Date()) async throws -> String {
        let token = SecureRandom.token()
        let model = PasswordTokenModel()
        model.$user.id = userID
        model.tokenHash = SecureRandom.sha256(token)
        model.expiresAt = now.addingTimeInterval(lifetime)
        model.createdBy = createdBy
        try await model.create(on: db())
        return token
    }

    /// The user a valid, unused token belongs to.
    public func userID(forToken token: String, now: Date = Date()) async throws -> UUID? {
        guard let model = try await PasswordTokenModel.query(on: db()).filter(\.$tokenHash == SecureRandom.sha256(token)).first(),
              model.usedAt == nil, model.expiresAt > now
        else { return nil }
        return model.$user.id
    }

    /// Marks the token used; every other open token of the same user is retired too.
    public func consume(token: String, now: Date = Date()) async throws {
        guard let model = try await PasswordTokenModel.query(on: db()).filter(\.$tokenHash == SecureRandom.sha256(token)).first() else { return }
        let open = try await PasswordTokenModel.query(on: db()).filter(\.$user.$id == model.$user.id).filter(\.$usedAt == nil).all()
        for token in open {
            token.usedAt = now
            try await token.update(on: db())
        }
    }
}

/// Random tokens and hashes used for sessions, links and CSRF.
enum SecureRandom {
    /// 32 random bytes as URL-safe base64 without padding.
    static func token(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let data = Data((0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) })
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
