import Foundation
import OmzienCore

/// Loads a trajectory and its person for the signed-in user, with the access check every trajectory
/// page and action needs: another team's trajectory is refused (and audited), another municipality's
/// is not found.
struct TrajectoryAccess: Sendable {
    let trajectories: TrajectoryRepository
    let signals: SignalRepository
    let audit: AuditLog

    init(services: AppServices) {
        trajectories = services.trajectories
        signals = services.signals
        audit = services.audit
    }

    /// The trajectory named by the route's `id` parameter.
    func load(_ context: StaffRequestContext) async throws -> (Trajectory, Person) {
        try await load(id: try context.uuidParameter("id"), context: context)
    }

    /// The trajectory `id`, if the user may work on it.
    func load(id: UUID, context: StaffRequestContext) async throws -> (Trajectory, Person) {
        guard let trajectory = try await trajectories.trajectory(id: id, municipalityID: context.municipalityID),
              let person = try await signals.person(id: trajectory.personID, municipalityID: context.municipalityID)
        else { throw AppError.notFound }
        let decision = AccessPolicy.decide(context.user.actor, .workOnTrajectories, on: trajectory.scope)
        guard decision.isAllowed else {
            try await audit.record(.accessDenied, "trajectory", id: trajectory.id.uuidString, detail: "\(decision)", context: context)
            throw AppError.forbidden
        }
        return (trajectory, person)
    }
}
