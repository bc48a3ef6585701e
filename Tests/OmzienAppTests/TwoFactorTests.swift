import Hummingbird
import HummingbirdTesting
import Foundation
import OmzienCore
import Testing
@testable import OmzienApp

@Suite struct TwoFactorTests {
    @Test func mandatoryTwoFactorForcesEnrolmentThenAsksForACodeAtEveryLogin() async throws {
        try await TestApp.withBrowser { app, browser in
            let lindewaard = try await app.municipality("GM9901")
            try await app.services.organisations.setMFARoles([.professional], municipalityID: lindewaard.id)
            let email = "professional@lindewaard.example"

            #expect(try await browser.login(email).location == "/account/tweestaps")
            // Nothing else opens until the second factor is set up.
            #expect(try await browser.get("/start").location == "/account/tweestaps")
            let enrolment = try await browser.get("/account/tweestaps")
            #expect(enrolment.status == .ok)
            #expect(enrolment.contains("otpauth://totp/"))
            let user = try await app.user(email)
            let secret = try #require(try await app.services.users.credentials(userID: user.id)?.totpSecret)

            let wrong = try await browser.post("/account/tweestaps", [("code", "000000")], tokenFrom: "/account/tweestaps")
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.contains("klopt niet"))
            let code = TwoFactor.code(secret: secret, at: Date())
            #expect(try await browser.post("/account/tweestaps", [("code", code)], tokenFrom: "/account/tweestaps").location == "/start")
            #expect(try await browser.get("/start").status == .ok)
            try await browser.logout()

            #expect(try await browser.login(email).location == "/inloggen/code")
            #expect(try await browser.get("/start").location == "/inloggen/code")
            // The code used for enrolment cannot be replayed.
            let replay = try await browser.post("/inloggen/code", [("code", code)], tokenFrom: "/inloggen/code")
            #expect(replay.contains("klopt niet"))
            let next = TwoFactor.code(secret: secret, at: Date().addingTimeInterval(30))
            #expect(try await browser.post("/inloggen/code", [("code", next)], tokenFrom: "/inloggen/code").location == "/start")
            #expect(try await browser.get("/start").contains(#"data-role="professional""#))
        }
    }

    @Test func rolesNotRequiredMayStillLogInWithoutASecondFactor() async throws {
        try await TestApp.withBrowser { app, browser in
            try await app.services.organisations.setMFARoles([.professional], municipalityID: try await app.municipality("GM9901").id)
            #expect(try await browser.login("analyst@lindewaard.example").location == "/start")
        }
    }

    @Test func anAdministratorCanResetALostSecondFactor() async throws {
        try await TestApp.withBrowser { app, browser in
            let user = try await app.user("coordinator@lindewaard.example")
            try await app.services.users.startTOTPEnrolment(userID: user.id, secret: TwoFactor.newSecret())
            try await app.services.users.confirmTOTP(userID: user.id, step: 1)
            try await browser.login("admin@lindewaard.example")
            let page = try await browser.post("/beheer/gebruikers/\(user.id)/tweestaps-reset", tokenFrom: "/start")
            #expect(page.status == .ok)
            #expect(try await app.user(user.email).totpEnabled == false)
            try await browser.logout()
            #expect(try await browser.login(user.email).location == "/start")
        }
    }

    @Test func codesMatchTheRFC6238ReferenceAndAllowOneStepOfDrift() {
        // RFC 6238 appendix B, SHA-1 secret "12345678901234567890" at 59 s → 94287082 (8 digits); 6 digits: 287082.
        #expect(TwoFactor.code(secret: "12345678901234567890", at: Date(timeIntervalSince1970: 59)) == "287082")
        #expect(TwoFactor.code(secret: "12345678901234567890", at: Date(timeIntervalSince1970: 1_111_111_109)) == "081804")
        let now = Date(timeIntervalSince1970: 1_111_111_109)
        let step = 1_111_111_109 / 30
        #expect(TwoFactor.matchingStep(code: "081804", secret: "12345678901234567890", now: now, after: nil) == step)
        #expect(TwoFactor.matchingStep(code: "081 804", secret: "12345678901234567890", now: now.addingTimeInterval(30), after: nil) == step)
        #expect(TwoFactor.matchingStep(code: "081804", secret: "12345678901234567890", now: now.addingTimeInterval(90), after: nil) == nil)
        #expect(TwoFactor.matchingStep(code: "081804", secret: "12345678901234567890", now: now, after: step) == nil)
        #expect(TwoFactor.matchingStep(code: "12345", secret: "12345678901234567890", now: now, after: nil) == nil)
    }
}
