/// The roles of the people who log in to Omzien (see PRODUCT.md, "Who uses it").
///
/// Residents do not log in and therefore have no role.
public enum Role: String, CaseIterable, Sendable, Codable, Hashable {
    case signaler
    case referrer
    case professional
    case coordinator
    case volunteer
    case provider
    case analyst
    case admin

    /// Whether people in this role see personal data of residents.
    ///
    /// A municipality may make two-factor login mandatory for exactly these roles;
    /// analysts only see aggregates and signalers only the status of their own reports.
    public var seesPersonalData: Bool {
        switch self {
        case .referrer, .professional, .coordinator, .volunteer, .provider, .admin: true
        case .signaler, .analyst: false
        }
    }

    /// Whether a user of this role must belong to a team.
    public var requiresTeam: Bool { self == .professional }

    /// Whether a user of this role must belong to a partner organisation.
    public var requiresOrganisation: Bool {
        switch self {
        case .signaler, .referrer, .provider, .volunteer: true
        default: false
        }
    }
}
