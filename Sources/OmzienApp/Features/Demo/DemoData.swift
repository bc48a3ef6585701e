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

    /// Seeds the demo data into an empty database and returns the logins. Example signals are added
    /// unless `withSignals` is false (tests start from an empty queue).
    @discardableResult
    public static func seed(into services: AppServices, withSignals: Bool = true) async throws -> [Login] {
        let orgs = services.organisations
        if try await orgs.municipality(code: "GM9901") != nil { return logins }
        let lindewaard = try await orgs.createMunicipality(name: "Gemeente Lindewaard", code: "GM9901", province: "Drenthe")
        let beekdal = try await orgs.createMunicipality(name: "Gemeente Beekdal", code: "GM9902", province: "Drenthe")

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
        if withSignals {
            try await seedSignals(into: services, municipalityID: lindewaard.id)
            try await DemoCatalogue.seed(into: services, municipalityID: lindewaard.id)
            if let professional = try await services.users.user(email: "professional@lindewaard.example") {
                try await DemoCouplings.seed(into: services, municipalityID: lindewaard.id, teamID: noordOost.id, professionalID: professional.id,
                                             volunteerOrganisation: organisations[.volunteerOrganisation], passwordHash: hash)
                try await DemoPeople.seed(into: services, municipalityID: lindewaard.id, teamID: noordOost.id, professionalID: professional.id)
            }
        }
        let other = try await services.users.save(
            UserDraft(email: "admin@beekdal.example", name: "Bram Beekdal", role: .admin), municipalityID: beekdal.id)
        try await services.users.setPasswordHash(hash, userID: other.id)
        return logins
    }

    /// A few signals so the queue, the agenda and duplicate detection have something to show.
    static func seedSignals(into services: AppServices, municipalityID: UUID) async throws {
        func draft(_ name: String, _ postcode: String, _ number: String, _ year: Int?, _ concern: String,
                   _ indicators: [SignalIndicator], email: String?) -> SignalDraft {
            SignalDraft(
                source: .resident, reporterRelation: .neighbour, reporterName: email == nil ? nil : "Henk Buurman", reporterEmail: email,
                reporterPhone: nil, reporterUserID: nil, reporterOrganisationID: nil, concern: concern, indicators: indicators,
                duration: .weeks, personName: name, birthYear: year,
                ageBand: year.map { AgeBand.of(birthYear: $0, in: services.clock.today.year) } ?? .unknown,
                postcode: postcode, houseNumber: number, street: "Lindelaan", phone: nil)
        }
        let examples = [
            draft("Truus Bakker", "9403 AB", "12", 1941, "De gordijnen zijn al een week dicht en de brievenbus puilt uit.",
                  [.curtainsClosed, .overflowingLetterbox], email: "henk@example.nl"),
            draft("Gerrit Mulder", "9405 CD", "3", 1938, "Sinds zijn vrouw overleed zien we hem niet meer bij de koffieochtend.",
                  [.recentLoss, .noShows, .withdrawn], email: nil),
            draft("Fatima El Amrani", "9406 EF", "27", 1952, "Zegt dat ze zich alleen voelt sinds de verhuizing.",
                  [.saysLonely, .otherLifeEvent], email: "buurvrouw@example.nl"),
            draft("mevrouw op nummer 12", "9403 AB", "12", nil, "Ik zie de buurvrouw nooit meer buiten.", [.withdrawn], email: nil),
        ]
        for example in examples {
            let district = try await services.signalService.district(forPostcode: example.postcode, in: [municipalityID])
            _ = try await services.signalService.receive(example, municipalityID: municipalityID, districtID: district?.id)
        }
    }

    /// The demo's roles in the order the README lists them (broadest first); `DemoLoginTests` keeps both the same.
    public static let roleOrder: [Role] = [.admin, .coordinator, .professional, .signaler, .referrer, .volunteer, .provider, .analyst]

    public static var logins: [Login] {
        roleOrder.map { Login(email: "\($0.rawValue)@lindewaard.example", role: $0, municipality: "GM9901") }
            + [Login(email: "admin@beekdal.example", role: .admin, municipality: "GM9902")]
    }
}
