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
