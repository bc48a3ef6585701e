import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OmzienCore
import Testing
@testable import OmzienApp

/// Login and second-factor throttling under parallel requests, and which key locks what.
@Suite struct ThrottleTests {
    /// Posts a login form as if from `address` (the app runs behind a proxy in these tests).
    static func login(_ browser: Browser, token: String, email: String, password: String, from address: String) async throws -> HTTPResponse.Status {
        let body = "email=\(Browser.encode(email))&password=\(Browser.encode(password))&_csrf=\(Browser.encode(token))"
        let cookies = browser.cookieSnapshot.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        let response = try await browser.client.execute(
            uri: "/inloggen", method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies, HTTPField.Name("X-Forwarded-For")!: address],
            body: ByteBuffer(string: body))
        return response.status
    }

    /// Sends `count` posts at once with the same cookies and token; returns their statuses.
    static func burst(_ browser: Browser, count: Int, path: String, fields: [(String, String)], token: String) async throws -> [HTTPResponse.Status] {
        try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
            for _ in 0..<count {
                group.addTask {
                    try await Browser(browser.client, cookies: browser.cookieSnapshot).post(path, fields, csrf: token).status
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test func fiftyParallelWrongPasswordsAreNeverAnErrorAndNoMoreThanTheLimitAreChecked() async throws {
        try await TestApp.withBrowser(configure: { $0.maxFailedLogins = 5 }) { app, browser in
            let token = try #require(try await browser.get("/inloggen").csrfToken)
            let statuses = try await Self.burst(browser, count: 50, path: "/inloggen",
                                                fields: [("email", "admin@lindewaard.example"), ("password", "fout-fout-fout-fout")], token: token)
            #expect(statuses.allSatisfy { $0 == .ok || $0 == .tooManyRequests }, "\(statuses)")
            // Only attempts counted before the limit get the "wrong password" page; the fifth starts the wait.
            #expect(statuses.filter { $0 == .ok }.count <= 4)
            let admin = try await app.user("admin@lindewaard.example")
            let checked = try await app.services.auditTrail.entries(AuditQuery(municipalityID: admin.municipalityID, actorID: admin.id))
                .filter { $0.action == .loginFailed && $0.detail.isEmpty }
            #expect(checked.count <= 4)
            #expect(try await browser.login("admin@lindewaard.example").status == .tooManyRequests)
        }
    }

    @Test func aStrangerCanDelaySomeoneElsesLoginButNotLockIt() async throws {
        let clock = ManualClock(Date())
        try await TestApp.withBrowser(configure: { $0.maxFailedLogins = 5; $0.behindProxy = true }, clock: clock.clock) { _, browser in
            let token = try #require(try await browser.get("/inloggen").csrfToken)
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<7 {
                statuses.append(try await Self.login(browser, token: token, email: "admin@lindewaard.example", password: "fout-fout-fout-fout",
                                                     from: "203.0.113.7"))
            }
            #expect(statuses == [.ok, .ok, .ok, .ok, .tooManyRequests, .tooManyRequests, .tooManyRequests])
            // The owner, elsewhere, waits half a minute, not a quarter of an hour.
            #expect(try await Self.login(browser, token: token, email: "admin@lindewaard.example", password: DemoData.password,
                                         from: "198.51.100.1") == .tooManyRequests)
            clock.set(clock.clock.now().addingTimeInterval(31))
            #expect(try await Self.login(browser, token: token, email: "admin@lindewaard.example", password: DemoData.password,
                                         from: "198.51.100.1") == .seeOther)
        }
    }

    @Test func oneAddressTryingManyAccountsIsLockedHard() async throws {
        let clock = ManualClock(Date())
        try await TestApp.withBrowser(configure: { $0.maxFailedLogins = 5; $0.behindProxy = true }, clock: clock.clock) { _, browser in
            let token = try #require(try await browser.get("/inloggen").csrfToken)
            // Twenty different addresses, each below its own limit: the client address reaches its limit.
            for index in 0..<20 {
                _ = try await Self.login(browser, token: token, email: "iemand\(index)@lindewaard.example", password: "fout-fout-fout-fout",
                                         from: "203.0.113.9")
            }
            #expect(try await Self.login(browser, token: token, email: "analyst@lindewaard.example", password: DemoData.password,
                                         from: "203.0.113.9") == .tooManyRequests)
            #expect(try await Self.login(browser, token: token, email: "analyst@lindewaard.example", password: DemoData.password,
                                         from: "198.51.100.1") == .seeOther)
            clock.set(clock.clock.now().addingTimeInterval(10 * 60))
            #expect(try await Self.login(browser, token: token, email: "admin@lindewaard.example", password: DemoData.password,
                                         from: "203.0.113.9") == .tooManyRequests)
            clock.set(clock.clock.now().addingTimeInterval(6 * 60))
            #expect(try await Self.login(browser, token: token, email: "admin@lindewaard.example", password: DemoData.password,
                                         from: "203.0.113.9") == .seeOther)
        }
    }

    @Test func secondFactorGuessesAreLimitedLockedAuditedAndReported() async throws {
        try await TestApp.withBrowser(configure: { $0.maxFailedLogins = 5 }) { app, browser in
            let user = try await app.user("coordinator@lindewaard.example")
            let secret = TwoFactor.newSecret()
            try await app.services.users.startTOTPEnrolment(userID: user.id, secret: secret)
            try await app.services.users.confirmTOTP(userID: user.id, step: 1)
            #expect(try await browser.login(user.email).location == "/inloggen/code")
            let token = try #require(try await browser.get("/inloggen/code").csrfToken)
            let valid = Set((-1...1).map { TwoFactor.code(secret: secret, at: Date().addingTimeInterval(Double($0 * 30))) })
            let wrong = ["111111", "222222", "333333", "444444"].first { !valid.contains($0) }!

            let statuses = try await Self.burst(browser, count: 50, path: "/inloggen/code", fields: [("code", wrong)], token: token)
            #expect(statuses.allSatisfy { $0 == .ok || $0 == .tooManyRequests }, "\(statuses)")
            #expect(statuses.filter { $0 == .ok }.count <= 4)
            let trail = try await app.services.auditTrail.entries(AuditQuery(municipalityID: user.municipalityID, actorID: user.id))
            #expect(trail.filter { $0.action == .secondFactorLocked }.count == 1)
            #expect(trail.filter { $0.action == .loginFailed && $0.detail == "second factor" }.count <= 4)
            // Locked: even the right code is not looked at.
            let right = try await browser.post("/inloggen/code", [("code", TwoFactor.code(secret: secret, at: Date()))], csrf: token)
            #expect(right.status == .tooManyRequests)
            #expect(right.contains("Te veel foute codes"))

            let admin = Browser(browser.client)
            try await admin.login("admin@lindewaard.example")
            let report = try await admin.get("/beheer/audit/ongebruikelijk")
            let section = try #require(report.body.range(of: #"id="tweestaps""#).map { String(report.body[$0.upperBound...]) })
            #expect(section.contains(user.name))
        }
    }
}
