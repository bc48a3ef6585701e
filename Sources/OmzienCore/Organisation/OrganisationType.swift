/// The kind of partner organisation (issue: municipalities and organisation).
public enum OrganisationType: String, CaseIterable, Sendable, Codable {
    case welfare
    case care
    case housingCorporation = "housing_corporation"
    case gpPractice = "gp_practice"
    case pharmacy
    case library
    case volunteerOrganisation = "volunteer_organisation"
    case activityProvider = "activity_provider"
    case other
}
