import Hummingbird
import HummingbirdTesting
import Foundation
import OmzienCore
import Testing
@testable import OmzienApp

@Suite struct AdminTests {
    @Test func anAdminCreatesAUserWhoSetsAPasswordThroughTheOneTimeLink() async throws {
        try await TestApp.withBrowser { app, browser in
            let lindewaard = try await app.municipality("GM9901")
            let team = try #require(try await app.services.organisations.teams(municipalityID: lindewaard.id).first)
            try await browser.login("admin@lindewaard.example")
            let created = try await browser.post("/beheer/gebruikers", [
                ("name", "Nina Nieuw"), ("email", "Nina@Lindewaard.example"), ("role", "professional"),
                ("team", team.id.uuidString), ("active", "on"),
            ], tokenFrom: "/beheer/gebruikers/nieuw")
            #expect(created.status == .created)
            let link = try #require(created.body.firstMatch(of: /http:\/\/127\.0\.0\.1:8080(\/wachtwoord\/[A-Za-z0-9_-]+)/)).1
            try await browser.logout()

            let newcomer = Browser(browser.client)
            #expect(try await newcomer.get(String(link)).contains("nina@lindewaard.example"))
            let weak = try await newcomer.post(String(link), [("password", "kort"), ("password_repeat", "kort")], tokenFrom: String(link))
            #expect(weak.status == .unprocessableContent)
            #expect(weak.contains("te kort"))
            let mismatch = try await newcomer.post(String(link), [("password", "een lange goede zin"), ("password_repeat", "een andere zin hier")], tokenFrom: String(link))
            #expect(mismatch.contains("niet gelijk"))
            let done = try await newcomer.post(String(link), [("password", "een lange goede zin"), ("password_repeat", "een lange goede zin")], tokenFrom: String(link))
            #expect(done.location == "/inloggen?wachtwoord=1")
            #expect(try await newcomer.get("/inloggen?wachtwoord=1").contains("Uw wachtwoord is ingesteld."))
            #expect(try await newcomer.login("nina@lindewaard.example", password: "een lange goede zin").location == "/start")
            // The link works once.
            #expect(try await Browser(browser.client).get(String(link)).status == .gone)
        }
    }

    @Test func validationErrorsKeepWhatWasTypedAndPointAtTheField() async throws {
        try await TestApp.withBrowser { _, browser in
            try await browser.login("admin@lindewaard.example")
            let page = try await browser.post("/beheer/gebruikers", [
                ("name", "Tom Typfout"), ("email", "tom-at-example"), ("role", "signaler"), ("active", "on"),
            ], tokenFrom: "/start")
            #expect(page.status == .unprocessableContent)
            #expect(page.contains(#"value="Tom Typfout""#))
            #expect(page.contains(#"value="tom-at-example""#))
            #expect(page.contains(##"<a href="#veld-email">Vul een geldig e-mailadres in"##))
            #expect(page.contains(##"<a href="#veld-organisation">Kies de organisatie"##))
            #expect(page.contains(#"aria-invalid="true""#))
            #expect(page.contains(#"<option value="signaler" selected>"#))
        }
    }

    @Test func emailAddressesAreUniqueAndAdminsCannotLockThemselvesOut() async throws {
        try await TestApp.withBrowser { app, browser in
            let admin = try await app.user("admin@lindewaard.example")
            try await browser.login(admin.email)
            let duplicate = try await browser.post("/beheer/gebruikers", [("name", "Dubbel"), ("email", "ANALYST@lindewaard.example"), ("role", "analyst")], tokenFrom: "/start")
            #expect(duplicate.contains("Er is al een gebruiker met dit e-mailadres."))
            let demote = try await browser.post("/beheer/gebruikers/\(admin.id)", [("name", admin.name), ("email", admin.email), ("role", "analyst"), ("active", "on")], tokenFrom: "/start")
            #expect(demote.status == .unprocessableContent)
            #expect(try await app.user(admin.email).role == .admin)
        }
    }

    @Test func districtsNeedValidNonOverlappingPostcodeAreas() async throws {
        try await TestApp.withBrowser { app, browser in
            try await browser.login("admin@lindewaard.example")
            let bad = try await browser.post("/beheer/wijken", [("name", "Haven"), ("postcodes", "94-95")], tokenFrom: "/start")
            #expect(bad.status == .unprocessableContent)
            #expect(bad.contains("&quot;94-95&quot; is geen postcodegebied"))
            #expect(bad.contains(#"value="94-95""#))
            let overlap = try await browser.post("/beheer/wijken", [("name", "Haven"), ("postcodes", "9412, 9405")], tokenFrom: "/start")
            #expect(overlap.contains("Postcodegebied 9405 hoort al bij wijk Oost."))
            let good = try await browser.post("/beheer/wijken", [("name", "Haven"), ("postcodes", "9413, 9412")], tokenFrom: "/start")
            #expect(good.status == .created)
            let districts = try await app.services.organisations.districts(municipalityID: try await app.municipality("GM9901").id)
            #expect(districts.first { $0.name == "Haven" }?.postcodeRanges == "9412, 9413")
        }
    }

    @Test func teamsAndOrganisationsAreCreatedListedAndEdited() async throws {
        try await TestApp.withBrowser { app, browser in
            let lindewaard = try await app.municipality("GM9901")
            let centrum = try #require(try await app.services.organisations.districts(municipalityID: lindewaard.id).first { $0.name == "Centrum" })
            try await browser.login("admin@lindewaard.example")
            #expect(try await browser.post("/beheer/teams", [("name", "Team Centrum"), ("districts", centrum.id.uuidString)], tokenFrom: "/start").status == .created)
            let teams = try await browser.get("/beheer/teams")
            #expect(teams.contains("Team Centrum"))
            let organisation = try await browser.post("/beheer/organisaties", [("name", "Kerk De Hoeksteen"), ("type", "other"), ("contact", "0590 999")], tokenFrom: "/start")
            #expect(organisation.status == .created)
            let saved = try #require(try await app.services.organisations.organisations(municipalityID: lindewaard.id).first { $0.name == "Kerk De Hoeksteen" })
            let edited = try await browser.post("/beheer/organisaties/\(saved.id)", [("name", "Kerk De Hoeksteen"), ("type", "welfare"), ("contact", "")], tokenFrom: "/start")
            #expect(edited.status == .ok)
            #expect(try await app.services.organisations.organisation(id: saved.id, municipalityID: lindewaard.id)?.type == .welfare)
            let badType = try await browser.post("/beheer/organisaties", [("name", "X"), ("type", "bank")], tokenFrom: "/start")
            #expect(badType.contains("Kies de soort organisatie."))
        }
    }

    @Test func municipalitySettingsMakeTwoFactorMandatoryPerRole() async throws {
        try await TestApp.withBrowser { app, browser in
            try await browser.login("admin@lindewaard.example")
            #expect(try await browser.get("/beheer/gemeente").location == "/beheer/gemeenten/GM9901")
            let saved = try await browser.post("/beheer/gemeenten/GM9901", [("mfa_roles", "professional"), ("mfa_roles", "coordinator"), ("mfa_roles", "nonsense")], tokenFrom: "/start")
            #expect(saved.status == .ok)
            #expect(try await app.municipality("GM9901").mfaRoles == [.professional, .coordinator])
        }
    }
}

@Suite struct ReauthenticationTests {
    @Test func changingARoleOrDeactivatingNeedsTheAdministratorsOwnPassword() async throws {
        try await TestApp.withBrowser { app, browser in
            try await browser.login("admin@lindewaard.example")
            let user = try await app.user("signaler@lindewaard.example")
            let path = "/beheer/gebruikers/\(user.id)"
            let organisation = ("organisation", user.organisationID?.uuidString ?? "")
            let base = [("name", user.name), ("email", user.email), ("active", "on"), organisation]
            // A new name alone is not sensitive.
            let renamed = try await browser.post(path, [("name", "Sanne de Vries"), ("email", user.email), ("role", "signaler"), ("active", "on"), organisation], tokenFrom: path)
            #expect(renamed.status == .ok)
            let refused = try await browser.post(path, base + [("role", "admin")], tokenFrom: path)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.contains("Vul uw eigen wachtwoord in om de rol te wijzigen"))
            #expect(try await app.user("signaler@lindewaard.example").role == .signaler)
            let wrong = try await browser.post(path, base + [("role", "admin"), ("confirm_password", "niet-mijn-wachtwoord")], tokenFrom: path)
            #expect(wrong.status == .unprocessableContent)
            let confirmed = try await browser.post(path, base + [("role", "coordinator"), ("confirm_password", DemoData.password)], tokenFrom: path)
            #expect(confirmed.status == .ok)
            #expect(try await app.user("signaler@lindewaard.example").role == .coordinator)
            let deactivate = try await browser.post(path, [("name", user.name), ("email", user.email), ("role", "coordinator"), organisation], tokenFrom: path)
            #expect(deactivate.status == .unprocessableContent, "deactivating is sensitive too")
            let trail = try await app.services.auditTrail.entries(AuditQuery(municipalityID: user.municipalityID, recordID: user.id.uuidString))
            #expect(trail.filter { $0.action == .accessDenied && $0.detail == "re-authentication failed" }.count == 3)
        }
    }
}
