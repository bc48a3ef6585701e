import OmzienCore
import HummingbirdTesting
import Foundation
import Hummingbird
import Testing
@testable import OmzienApp

@Suite struct LoginTests {
    @Test func everyDemoRoleLogsInAndSeesItsOwnStartPage() async throws {
        try await TestApp.withBrowser { _, browser in
            for login in DemoData.logins {
                let landing = try await browser.login(login.email)
                #expect(landing.status == .seeOther)
                #expect(landing.location == "/start")
                let start = try await browser.get("/start")
                #expect(start.status == .ok)
                #expect(start.contains(#"data-role="\#(login.role.rawValue)""#))
                try await browser.logout()
                #expect(try await browser.get("/start").location == "/inloggen?terug=/start")
            }
        }
    }

    @Test func wrongPasswordKeepsTheEmailAndSaysWhatIsWrongWithoutRevealingWhich() async throws {
        try await TestApp.withBrowser { _, browser in
            let wrong = try await browser.login("professional@lindewaard.example", password: "niet-het-goede-wachtwoord")
            #expect(wrong.status == .ok)
            #expect(wrong.contains("klopt niet"))
            #expect(wrong.contains(#"value="professional@lindewaard.example""#))
            #expect(wrong.contains("error-summary"))
            let unknown = try await browser.login("niemand@lindewaard.example", password: "niet-het-goede-wachtwoord")
            // Same answer for an unknown address: nobody can find out who has an account.
            #expect(unknown.status == wrong.status)
            #expect(unknown.body.replacingOccurrences(of: "niemand@", with: "professional@").count == wrong.body.count)
            #expect(try await browser.get("/start").status == .seeOther)
        }
    }

    @Test func repeatedFailuresLockTheAddressEvenForTheRightPassword() async throws {
        try await TestApp.withBrowser(configure: { $0.maxFailedLogins = 3 }) { _, browser in
            for _ in 0..<2 {
                #expect(try await browser.login("admin@lindewaard.example", password: "fout-fout-fout-fout").status == .ok)
            }
            let locked = try await browser.login("admin@lindewaard.example", password: "fout-fout-fout-fout")
            #expect(locked.status == .tooManyRequests)
            #expect(locked.contains("Te veel mislukte pogingen"))
            #expect(try await browser.login("admin@lindewaard.example").status == .tooManyRequests)
            // Another address is not affected.
            #expect(try await browser.login("analyst@lindewaard.example").location == "/start")
        }
    }

    @Test func formsWithoutAValidCSRFTokenAreRefused() async throws {
        try await TestApp.withBrowser { _, browser in
            let missing = try await browser.post("/inloggen", [("email", "admin@lindewaard.example"), ("password", DemoData.password)], csrf: "")
            #expect(missing.status == .forbidden)
            #expect(missing.contains("Formulier verlopen"))
            let forged = try await browser.post("/inloggen", [("email", "admin@lindewaard.example"), ("password", DemoData.password)], csrf: "forged")
            #expect(forged.status == .forbidden)
            // A token from before the login does not work after it (it is bound to the session).
            let oldToken = try #require(try await browser.get("/inloggen").csrfToken)
            try await browser.login("admin@lindewaard.example")
            #expect(try await browser.post("/uitloggen", csrf: oldToken).status == .forbidden)
            #expect(try await browser.get("/start").status == .ok)
        }
    }

    @Test func aCSRFTokenFromAnotherBrowserIsRefused() async throws {
        try await TestApp.withBrowser { app, browser in
            let other = Browser(browser.client)
            let theirToken = try #require(try await other.get("/inloggen").csrfToken)
            let page = try await browser.post("/inloggen", [("email", "admin@lindewaard.example"), ("password", DemoData.password)], csrf: theirToken)
            #expect(page.status == .forbidden)
            _ = app
        }
    }

    @Test func loginRotatesTheSessionAndReturnsOnlyToLocalPaths() async throws {
        try await TestApp.withBrowser { _, browser in
            try await browser.login("admin@lindewaard.example")
            let first = try #require(browser.cookieSnapshot["omzien_session"])
            try await browser.logout()
            #expect(browser.cookieSnapshot["omzien_session"] == nil)
            let back = try await browser.post("/inloggen?terug=%2Fbeheer%2Fgebruikers",
                                              [("email", "admin@lindewaard.example"), ("password", DemoData.password)])
            #expect(back.location == "/beheer/gebruikers")
            #expect(browser.cookieSnapshot["omzien_session"] != first)
            try await browser.logout()
            let evil = try await browser.post("/inloggen?terug=%2F%2Fevil.example", [("email", "admin@lindewaard.example"), ("password", DemoData.password)])
            #expect(evil.location == "/start")
        }
    }

    @Test func loggingInAgainInTheSameBrowserEndsThePreviousSession() async throws {
        try await TestApp.withBrowser { _, browser in
            try await browser.login("admin@lindewaard.example")
            let previous = try #require(browser.cookieSnapshot["omzien_session"])
            // The login form is not shown while logged in, but a posted one (token from any page) still logs in.
            let again = try await browser.post("/inloggen", [("email", "analyst@lindewaard.example"), ("password", DemoData.password)],
                                               tokenFrom: "/start")
            #expect(again.location == "/start")
            #expect(browser.cookieSnapshot["omzien_session"] != previous)
            #expect(try await browser.get("/start").contains(#"data-role="analyst""#))
            // Someone holding a copy of the earlier cookie is logged out, not logged in as the administrator.
            let copy = Browser(browser.client, cookies: ["omzien_session": previous])
            #expect(try await copy.get("/start").location?.hasPrefix("/inloggen") == true)
        }
    }

    @Test func sessionCookiesAreHttpOnlySameSiteAndSecureWhenConfigured() async throws {
        try await TestApp.withBrowser(configure: { $0.secureCookies = true }) { _, browser in
            let token = try #require(try await browser.get("/inloggen").csrfToken)
            let response = try await browser.client.execute(
                uri: "/inloggen", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "omzien_csrf=\(browser.cookieSnapshot["omzien_csrf"]!)"],
                body: ByteBuffer(string: "email=admin%40lindewaard.example&password=\(DemoData.password)&_csrf=\(token)"))
            let session = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("omzien_session=") })
            #expect(session.contains("HttpOnly"))
            #expect(session.contains("Secure"))
            #expect(session.contains("SameSite=Lax"))
        }
    }

    @Test func deactivatedUsersAreLoggedOutAndCannotLogIn() async throws {
        try await TestApp.withBrowser { app, browser in
            try await browser.login("volunteer@lindewaard.example")
            let volunteer = try await app.user("volunteer@lindewaard.example")
            var draft = UserDraft(email: volunteer.email, name: volunteer.name, role: volunteer.role, organisationID: volunteer.organisationID)
            draft.active = false
            try await app.services.users.save(draft, id: volunteer.id, municipalityID: volunteer.municipalityID)
            #expect(try await browser.get("/start").status == .seeOther)
            let again = try await browser.login("volunteer@lindewaard.example")
            #expect(again.contains("klopt niet"), "\(again.status) \(again.location ?? "") \(again.body.prefix(1500))")
        }
    }

    @Test func languageSwitchesToEnglishAndBack() async throws {
        try await TestApp.withBrowser { _, browser in
            #expect(try await browser.get("/inloggen").contains(#"<html lang="nl">"#))
            let switched = try await browser.get("/taal/en?terug=%2Finloggen")
            #expect(switched.location == "/inloggen")
            let english = try await browser.get("/inloggen")
            #expect(english.contains(#"<html lang="en">"#))
            #expect(english.contains("E-mail address"))
            #expect(try await browser.get("/taal/en?terug=https%3A%2F%2Fevil.example").location == "/")
            #expect(try await browser.get("/taal/xx").status == .notFound)
        }
    }
}

@Suite struct SessionLifetimeTests {
    @Test func aLoginEndsAfterInactivityAndAfterItsLifetimeWhateverTheActivity() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_795_000_000))
        try await TestApp.withBrowser(configure: { $0.idleMinutes = 30; $0.sessionMinutes = 120 }, clock: clock.clock) { _, browser in
            try await browser.login("coordinator@lindewaard.example")
            #expect(try await browser.get("/signalen").status == .ok)
            // Active every 20 minutes: still logged in after 100 minutes...
            for _ in 0..<5 {
                clock.set(clock.clock.now().addingTimeInterval(20 * 60))
                #expect(try await browser.get("/signalen").status == .ok)
            }
            // ...but not past the two-hour lifetime.
            clock.set(clock.clock.now().addingTimeInterval(25 * 60))
            let ended = try await browser.get("/signalen")
            #expect(ended.status == .seeOther)
            #expect(ended.location == "/inloggen?terug=/signalen&verlopen=1")
            #expect(try await browser.get(ended.location!).contains("U bent uitgelogd, omdat u een tijd niets deed"))

            try await browser.login("coordinator@lindewaard.example")
            clock.set(clock.clock.now().addingTimeInterval(29 * 60))
            #expect(try await browser.get("/signalen").status == .ok, "29 idle minutes are fine")
            clock.set(clock.clock.now().addingTimeInterval(31 * 60))
            #expect(try await browser.get("/signalen").location?.contains("verlopen=1") == true, "31 idle minutes end the login")
        }
    }
}
