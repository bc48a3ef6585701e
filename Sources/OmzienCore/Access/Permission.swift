/// What a signed-in user may do, independent of any single record.
///
/// Routes declare the permission they need; ``AccessPolicy`` decides per role.
public enum Permission: String, CaseIterable, Sendable, Hashable {
    /// See one's own start page and account settings.
    case useOwnAccount
    /// Manage users, teams, districts and organisations of the municipality.
    case administerOrganisation
    /// Change municipality-wide settings (such as mandatory two-factor login).
    case administerMunicipality
    /// Read the audit trail.
    case readAuditTrail
    /// Report a signal as a logged-in partner or staff member.
    case reportSignals
    /// See the status of the signals one reported oneself.
    case viewOwnSignals
    /// Work on signals: the queue, first contact, consent, duplicates, the agenda.
    case handleSignals
    /// Move a signal to another team.
    case assignSignals
    /// Work on trajectories (casework): only the team's professionals and coordinators.
    case workOnTrajectories
    /// Use the population monitor (aggregates only).
    case useMonitor
    /// Keep the municipality's routing rules (which team gets which signals).
    case manageRouting
    /// Keep the volunteer registry, run coupling proposals and follow couplings (coordinators).
    case coordinateVolunteers
    /// See one's own couplings as a volunteer: check-ins and asking for backup.
    case workAsVolunteer
    /// Keep social-map entries: providers their own organisation's, coordinators all (and mark them checked).
    case maintainCatalogue
    /// Refer a person to an activity and follow one's own referrals.
    case makeReferrals
    /// Answer referrals addressed to one's organisation (accept, decline, start, report the outcome).
    case answerReferrals
    /// Refer without the person's consent in an emergency, with a reason that is audited (coordinators).
    case overrideConsent
    /// See the evaluation dashboard and the yearly reports (aggregates only).
    case viewEvaluation
    /// Write the commentary of the yearly evaluation report and finalise it (analysts).
    case writeEvaluationReport
    /// Carry out a person's rights: the complete export and erasure (administrators, with their password).
    case exerciseDataRights
}

/// The outcome of an authorization decision; a denial carries the reason for the log.
public enum AccessDecision: Equatable, Sendable {
    case allow
    case deny(DenialReason)

    public var isAllowed: Bool { self == .allow }
}

/// Why access was refused. Never shown in detail to the user; used in logs and tests.
public enum DenialReason: String, Sendable, Equatable {
    case roleLacksPermission
    case otherMunicipality
    case otherTeam
    case inactiveAccount
}
