import FluentKit
import Foundation

/// The repositories and the audit trail of one database transaction.
///
/// A change to a record, its timeline event and its audit entry belong together: written through one
/// `UnitOfWork` they are committed together, and when any of them fails none of them is stored.
/// Inside the work use only these repositories: on SQLite the transaction holds the one connection, so a
/// query through the repositories of `AppServices` would wait for it until the pool gives up.
struct UnitOfWork: Sendable {
    let trajectories: TrajectoryRepository
    let signals: SignalRepository
    let consents: ConsentRepository
    let couplings: CouplingRepository
    let referrals: ReferralRepository
    let audit: AuditLog

    /// Everything bound to `transaction`; the audit log keeps the app's `beforeWrite`.
    init(transaction: any Database, audit: AuditLog) {
        trajectories = TrajectoryRepository(database: transaction)
        signals = SignalRepository(database: transaction)
        consents = ConsentRepository(database: transaction)
        couplings = CouplingRepository(database: transaction)
        referrals = ReferralRepository(database: transaction)
        self.audit = audit.bound(to: transaction)
    }
}

extension AppServices {
    /// Runs `work` in one database transaction (SQLite and PostgreSQL alike): what it wrote is committed
    /// when it returns and rolled back when it throws, and the error is passed on.
    func unitOfWork<T: Sendable>(_ work: @escaping @Sendable (UnitOfWork) async throws -> T) async throws -> T {
        let audit = self.audit
        return try await database.database.transaction { transaction in
            try await work(UnitOfWork(transaction: transaction, audit: audit))
        }
    }
}

extension AppServices {
    /// Like `unitOfWork`, for work that keeps an "only one" rule by reading first (one current consent per
    /// scope): when a request at the same moment stored the same record first, the unique index fails this
    /// transaction; it is rolled back and run once more, and then finds the other request's record.
    func unitOfWorkRetryingOnConflict<T: Sendable>(_ work: @escaping @Sendable (UnitOfWork) async throws -> T) async throws -> T {
        do {
            return try await unitOfWork(work)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return try await unitOfWork(work)
        }
    }
}
