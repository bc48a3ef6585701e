import Foundation
import OmzienCore

/// A fictional municipality for demonstrations and browser tests: six districts, partner
/// organisations, teams and one user of every role. A second municipality shows the tenant boundary.
public enum DemoData {
    public static let password = "demo-wachtwoord-2026"

    /// One printed line per demo login.
    public struct Login: Sendable {
        public let email: String
        public let role: Role
        public let municipality: String
    }

    /// Seeds the demo data into an empty database and returns the logins.
    @discardableResult
    public static func seed(into services: AppServices) async throws -> [Login] {
        let orgs = services.organisations
        if try await orgs.municipality(code: "GM9901") != nil { return logins }
        let lindewaard = try await orgs.createMunicipality(name: "Gemeente Lindewaard", code: "GM9901")
        let beekdal = try await orgs.createMunicipality(name: "Gemeente Beekdal", code: "GM9902")

        var districts: [String: UUID] = [:]
        for (name, ranges) in [("Centrum", "9401-9402"), ("Noord", "9403-9404"), ("Oost", "9405"), ("Zuid", "9406-9407"),
                               ("West", "9408"), ("Buitengebied", "9409-9411")] {
            districts[name] = try await orgs.saveDistrict(municipalityID: lindewaard.id, name: name, postcodeRanges: ranges).id
        }
        try await orgs.saveDistrict(municipalityID: beekdal.id, name: "Beekdal-Dorp", postcodeRanges: "9501-9503")

        let noordOost = try await orgs.saveTeam(municipalityID: lindewaard.id, name: "Sociaal wijkteam Noord-Oost",
                                                districtIDs: [districts["Noord"]!, districts["Oost"]!])
        try await orgs.saveTeam(municipalityID: lindewaard.id, name: "Sociaal wijkteam Zuid-West",
                                districtIDs: [districts["Zuid"]!, districts["West"]!, districts["Centrum"]!])
        try await orgs.saveTeam(municipalityID: lindewaard.id, name: "Team Buitengebied", districtIDs: [districts["Buitengebied"]!])

        var organisations: [OrganisationType: UUID] = [:]
        for (name, type, contact) in [
            ("Welzijn Lindewaard", OrganisationType.welfare, "0590 123 400"),
            ("Thuiszorg De Linde", .care, "0590 123 410"),
            ("Woonstichting Lindewaard", .housingCorporation, "0590 123 420"),
            ("Huisartsenpraktijk Het Plein", .gpPractice, "0590 123 430"),
            ("Apotheek Centrum", .pharmacy, "0590 123 440"),
            ("Bibliotheek Lindewaard", .library, "0590 123 450"),
            ("Vrijwilligerscentrale Lindewaard", .volunteerOrganisation, "0590 123 460"),
            ("Buurthuis De Schakel", .activityProvider, "0590 123 470"),
        ] {
            organisations[type] = try await orgs.saveOrganisation(municipalityID: lindewaard.id, name: name, type: type, contact: contact).id
        }

        let hash = try await services.login.hash(password)
        let people: [(Role, String, UUID?, UUID?)] = [
            (.admin, "Anne de Beheerder", nil, nil),
            (.coordinator, "Carla Coördinator", nil, organisations[.welfare]),
            (.professional, "Pieter Professional", noordOost.id, organisations[.welfare]),
            (.signaler, "Sanne van de Woonstichting", nil, organisations[.housingCorporation]),
            (.referrer, "Dokter Rutger Verwijzer", nil, organisations[.gpPractice]),
            (.volunteer, "Vera Vrijwilliger", nil, organisations[.volunteerOrganisation]),
            (.provider, "Paul van De Schakel", nil, organisations[.activityProvider]),
            (.analyst, "Alida Analist", nil, nil),
        ]
        for (role, name, team, organisation) in people {
            let user = try await services.users.save(
                UserDraft(email: "\(role.rawValue)@lindewaard.example", name: name, role: role, teamID: team, organisationID: organisation),
                municipalityID: lindewaard.id)
            try await services.users.setPasswordHash(hash, userID: user.id)
        }
        let other = try await services.users.save(
            UserDraft(email: "admin@beekdal.example", name: "Bram Beekdal", role: .admin), municipalityID: beekdal.id)
        try await services.users.setPasswordHash(hash, userID: other.id)
        return logins
    }

    public static var logins: [Login] {
        Role.allCases.reversed().map { Login(email: "\($0.rawValue)@lindewaard.example", role: $0, municipality: "GM9901") }
            + [Login(email: "admin@beekdal.example", role: .admin, municipality: "GM9902")]
    }
}
