/// The person asking for access: who they are in the organisation, not how they logged in.
public struct Actor: Sendable, Equatable {
    public var userID: String
    public var role: Role
    public var municipalityID: String
    public var teamID: String?
    /// Municipalities outside the home municipality this user was explicitly granted (a regional role).
    public var regionalMunicipalityIDs: Set<String>
    public var isActive: Bool

    public init(
        userID: String, role: Role, municipalityID: String, teamID: String? = nil,
        regionalMunicipalityIDs: Set<String> = [], isActive: Bool = true
    ) {
        self.userID = userID
        self.role = role
        self.municipalityID = municipalityID
        self.teamID = teamID
        self.regionalMunicipalityIDs = regionalMunicipalityIDs
        self.isActive = isActive
    }

    /// Every municipality whose records this actor may be shown.
    public var reachableMunicipalityIDs: Set<String> {
        regionalMunicipalityIDs.union([municipalityID])
    }
}

/// Where a record lives: every record belongs to exactly one municipality, and case records to a team.
public struct RecordScope: Sendable, Equatable {
    public var municipalityID: String
    public var teamID: String?

    public init(municipalityID: String, teamID: String? = nil) {
        self.municipalityID = municipalityID
        self.teamID = teamID
    }
}

/// The single place that decides allow or deny from role, team and municipality.
public enum AccessPolicy {
    /// The permissions each role holds. Kept as data so the route matrix test can read it.
    public static func permissions(of role: Role) -> Set<Permission> {
        switch role {
        case .admin:
            [.useOwnAccount, .administerOrganisation, .administerMunicipality, .readAuditTrail, .manageRouting, .exerciseDataRights]
        case .coordinator:
            [.useOwnAccount, .reportSignals, .viewOwnSignals, .handleSignals, .assignSignals, .manageRouting, .workOnTrajectories, .useMonitor, .viewEvaluation,
             .coordinateVolunteers, .maintainCatalogue, .makeReferrals, .answerReferrals, .overrideConsent]
        case .professional:
            [.useOwnAccount, .reportSignals, .viewOwnSignals, .handleSignals, .workOnTrajectories, .makeReferrals, .answerReferrals]
        case .signaler:
            [.useOwnAccount, .reportSignals, .viewOwnSignals]
        case .referrer:
            [.useOwnAccount, .reportSignals, .viewOwnSignals, .makeReferrals]
        case .analyst:
            [.useOwnAccount, .useMonitor, .viewEvaluation, .writeEvaluationReport]
        case .volunteer:
            [.useOwnAccount, .workAsVolunteer]
        case .provider:
            [.useOwnAccount, .maintainCatalogue, .answerReferrals]
        }
    }

    /// Decides whether `actor` may use `permission`, optionally on a record in `scope`.
    ///
    /// Municipality is checked before team: a record in another municipality is refused
    /// unless the actor holds a regional grant for it. Team scoping applies only to roles
    /// that work inside a team (professionals); coordinators and admins see the whole municipality.
    public static func decide(_ actor: Actor, _ permission: Permission, on scope: RecordScope? = nil) -> AccessDecision {
        guard actor.isActive else { return .deny(.inactiveAccount) }
        guard permissions(of: actor.role).contains(permission) else { return .deny(.roleLacksPermission) }
        guard let scope else { return .allow }
        guard actor.reachableMunicipalityIDs.contains(scope.municipalityID) else { return .deny(.otherMunicipality) }
        if actor.role == .professional, let recordTeam = scope.teamID, recordTeam != actor.teamID {
            return .deny(.otherTeam)
        }
        return .allow
    }
}
