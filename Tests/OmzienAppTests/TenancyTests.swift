import Hummingbird
import HummingbirdTesting
import Foundation
import OmzienCore
import Testing
@testable import OmzienApp

/// Nothing crosses the line between municipalities unless a regional grant is given.
@Suite struct TenancyTests {
    @Test func anAdministratorSeesOnlyTheirOwnMunicipality() async throws {
        try await TestApp.withBrowser { app, browser in
            let lindewaardUser = try await app.user("professional@lindewaard.example")
            let lindewaard = try await app.municipality("GM9901")
            let district = try #require(try await app.services.organisations.districts(municipalityID: lindewaard.id).first)
            try await browser.login("admin@beekdal.example")

            let users = try await browser.get("/beheer/gebruikers")
            #expect(users.status == .ok)
            #expect(users.contains("admin@beekdal.example"))
            #expect(!users.contains("lindewaard.example"))
            #expect(!(try await browser.get("/beheer/wijken")).contains("Buitengebied"))
            #expect(!(try await browser.get("/beheer/organisaties")).contains("Welzijn Lindewaard"))

            // Direct addresses of another municipality's records are not found, for reading and writing.
            #expect(try await browser.get("/beheer/gebruikers/\(lindewaardUser.id)").status == .notFound)
            let write = try await browser.post("/beheer/gebruikers/\(lindewaardUser.id)",
                                               [("name", "Overgenomen"), ("email", "x@beekdal.example"), ("role", "admin"), ("active", "on")],
                                               tokenFrom: "/start")
            #expect(write.status == .notFound)
            #expect(try await app.user("professional@lindewaard.example").name == lindewaardUser.name)
            #expect(try await browser.get("/beheer/wijken/\(district.id)").status == .notFound)
            #expect(try await browser.post("/beheer/gebruikers/\(lindewaardUser.id)/herstellink", tokenFrom: "/start").status == .notFound)
            #expect(try await browser.post("/beheer/gebruikers/\(lindewaardUser.id)/tweestaps-reset", tokenFrom: "/start").status == .notFound)

            // The other municipality's settings are refused, and the attempt is in the trail.
            let settings = try await browser.get("/beheer/gemeenten/GM9901")
            #expect(settings.status == .forbidden)
            let beekdal = try await app.municipality("GM9902")
            let denied = try await app.services.auditTrail.entries(AuditQuery(municipalityID: beekdal.id, recordType: "municipality"))
            #expect(denied.contains { $0.action == .accessDenied && $0.recordID == lindewaard.id.uuidString })
        }
    }

    @Test func aTeamOrUserCannotBeLinkedToAnotherMunicipalitysRecords() async throws {
        try await TestApp.withBrowser { app, browser in
            let lindewaard = try await app.municipality("GM9901")
            let foreignTeam = try #require(try await app.services.organisations.teams(municipalityID: lindewaard.id).first)
            let foreignDistrict = try #require(try await app.services.organisations.districts(municipalityID: lindewaard.id).first)
            try await browser.login("admin@beekdal.example")
            let page = try await browser.post("/beheer/gebruikers", [
                ("name", "Nieuwe Professional"), ("email", "pro@beekdal.example"), ("role", "professional"),
                ("team", foreignTeam.id.uuidString), ("active", "on"),
            ], tokenFrom: "/start")
            #expect(page.status == .unprocessableContent)
            #expect(page.contains("Kies een team van uw gemeente."))
            #expect(try await app.services.users.user(email: "pro@beekdal.example") == nil)

            let team = try await browser.post("/beheer/teams", [("name", "Team Beekdal"), ("districts", foreignDistrict.id.uuidString)], tokenFrom: "/start")
            #expect(team.status == .created)
            let beekdal = try await app.municipality("GM9902")
            let saved = try #require(try await app.services.organisations.teams(municipalityID: beekdal.id).first)
            #expect(saved.districtIDs.isEmpty)
        }
    }

    @Test func aRegionalGrantOpensExactlyTheGrantedMunicipality() async throws {
        try await TestApp.withBrowser { app, browser in
            let admin = try await app.user("admin@beekdal.example")
            try await app.services.users.grantRegionalAccess(userID: admin.id, municipalityID: try await app.municipality("GM9901").id)
            try await browser.login("admin@beekdal.example")
            #expect(try await browser.get("/beheer/gemeenten/GM9901").status == .ok)
            #expect(try await browser.get("/beheer/gemeenten/GM9902").status == .ok)
            #expect(try await browser.get("/beheer/gemeenten/GM0000").status == .notFound)
        }
    }
}

@Suite struct RevealNothingTests {
    /// For someone of another municipality, a record that exists and one that does not answer alike:
    /// the same status and the same page, so ids cannot be probed.
    @Test func anotherMunicipalitysRecordAnswersLikeOneThatDoesNotExist() async throws {
        try await TestApp.withBrowser { app, browser in
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            let activity = try #require(try await CatalogueWebTests.seeded(app).first)
            try await app.addUser("coordinator@beekdal.example", role: .coordinator, municipality: "GM9902")
            try await browser.login("coordinator@beekdal.example")
            let existing = ["/signalen/\(trajectory.signalID!)", "/trajecten/\(trajectory.id)", "/trajecten/\(trajectory.id)/toestemming",
                            "/trajecten/\(trajectory.id)/suggesties", "/aanbod/\(activity.id)"]
            for path in existing {
                let real = try await browser.get(path)
                let fake = try await browser.get(path.replacing(/[0-9A-Fa-f]{8}-[0-9A-Fa-f-]{27}/, with: UUID().uuidString, maxReplacements: 1))
                #expect(real.status == .notFound && fake.status == .notFound, "\(path): \(real.status) vs \(fake.status)")
                // What may differ: the form token, the request id (hex without leading zeros, so not always 32 digits),
                // and the address itself in the language link.
                let strip = { (body: String) in
                    body.replacing(/value="[^"]*"/, with: "").replacing(/terug=[^"]*/, with: "").replacing(/[0-9a-f]{16,32}|[0-9A-F-]{36}/, with: "")
                }
                #expect(strip(real.body) == strip(fake.body), "\(path) reveals that the record exists")
            }
        }
    }
}
