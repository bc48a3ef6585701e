import Hummingbird
import HummingbirdTesting
import FluentKit
import Foundation
import OmzienCore
import SQLKit
import Testing
@testable import OmzienApp

@Suite struct AuditTests {
    @Test func readsAndWritesOfUserRecordsAreAudited() async throws {
        try await TestApp.withBrowser { app, browser in
            let admin = try await app.user("admin@lindewaard.example")
            let target = try await app.user("volunteer@lindewaard.example")
            try await browser.login(admin.email)
            #expect(try await browser.get("/beheer/gebruikers").status == .ok)
            #expect(try await browser.get("/beheer/gebruikers/\(target.id)").status == .ok)
            let update = try await browser.post("/beheer/gebruikers/\(target.id)", [
                ("name", "Vera de Vrijwilliger"), ("email", target.email), ("role", "volunteer"),
                ("organisation", target.organisationID!.uuidString), ("active", "on"),
            ], tokenFrom: "/start")
            #expect(update.status == .ok)

            let trail = try await app.services.auditTrail.entries(
                AuditQuery(municipalityID: admin.municipalityID, recordType: "user", recordID: target.id.uuidString))
            let actions = trail.map(\.action)
            #expect(actions.contains(.read))
            #expect(actions.contains(.update))
            #expect(trail.allSatisfy { $0.actorID == admin.id && $0.actorLabel == admin.email })
            #expect(trail.first { $0.action == .update }?.detail == "name")
            #expect(trail.allSatisfy { $0.sessionRef.count == 12 })
            let lists = try await app.services.auditTrail.entries(AuditQuery(municipalityID: admin.municipalityID, actorID: admin.id))
            #expect(lists.contains { $0.action == .list && $0.recordType == "user" })
            #expect(lists.contains { $0.action == .login })
        }
    }

    @Test func adminsFilterTheTrailByUserRecordAndPeriod() async throws {
        try await TestApp.withBrowser { app, browser in
            let admin = try await app.user("admin@lindewaard.example")
            let target = try await app.user("analyst@lindewaard.example")
            try await browser.login(admin.email)
            try await browser.get("/beheer/gebruikers/\(target.id)")
            let byRecord = try await browser.get("/beheer/audit?soort=user&record=\(target.id)")
            #expect(byRecord.status == .ok)
            #expect(byRecord.contains("bekeken"))
            #expect(byRecord.contains("user \(target.id.uuidString.prefix(8))"))
            let future = try await browser.get("/beheer/audit?van=2999-01-01")
            #expect(future.contains("Geen regels voor deze filters."))
            // The filter reads days in Dutch time; a UTC date is yesterday between midnight and 01:00/02:00.
            let today = AppClock().today
            let byUser = try await browser.get("/beheer/audit?gebruiker=\(admin.id)&van=\(today)&tot=\(today)")
            #expect(byUser.contains("ingelogd"))
        }
    }

    @Test func theTrailIsAppendOnlyInTheDatabase() async throws {
        let app = try await TestApp.make()
        try await app.run { client in
            let browser = Browser(client)
            try await browser.login("admin@lindewaard.example")
            let sql = app.services.database.sql
            await #expect(throws: (any Error).self) { try await sql.raw("UPDATE audit_events SET detail = 'changed'").run() }
            await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM audit_events").run() }
            let count = try await sql.raw("SELECT COUNT(*) AS n FROM audit_events").first(decodingColumn: "n", as: Int.self)
            #expect((count ?? 0) > 0)
        }
    }

    @Test func queryParsingIgnoresNonsense() {
        let id = UUID()
        let query = AuditController.query(from: ["gebruiker": "geen-uuid", "van": "gisteren", "soort": "", "record": "abc"], municipalityID: id)
        #expect(query == AuditQuery(municipalityID: id, recordID: "abc"))
        let dated = AuditController.query(from: ["van": "2026-01-01", "tot": "2026-01-31"], municipalityID: id)
        #expect(dated.until!.timeIntervalSince(dated.from!) == 31 * 24 * 3600)
    }
}

@Suite struct PrivacyAuditViewTests {
    @Test func coordinatorsSeeWhoViewedAPersonsFileAndTheAdminSeesUnusualAccess() async throws {
        try await TestApp.withBrowser { app, browser in
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            try await browser.login("professional@lindewaard.example")
            #expect(try await browser.get("/trajecten/\(trajectory.id)").status == .ok)
            #expect(try await browser.get("/trajecten/\(trajectory.id)/inzage").status == .forbidden, "not for professionals")
            try await browser.logout()
            // Someone of another team tries to open it: refused and audited.
            try await app.addUser("pro2@lindewaard.example", role: .professional, municipality: "GM9901")
            try await browser.login("pro2@lindewaard.example")
            #expect(try await browser.get("/trajecten/\(trajectory.id)").status == .forbidden)
            try await browser.logout()

            try await browser.login("coordinator@lindewaard.example")
            let page = try await browser.get("/trajecten/\(trajectory.id)")
            #expect(page.contains("/trajecten/\(trajectory.id)/inzage"))
            let view = try await browser.get("/trajecten/\(trajectory.id)/inzage")
            #expect(view.status == .ok)
            #expect(view.contains("professional@lindewaard.example") && view.contains("pro2@lindewaard.example"))
            #expect(view.contains("toegang geweigerd"))
            try await browser.logout()

            // Many different files in a short time by one user: a burst on the admin's report.
            let analyst = try await app.user("coordinator@lindewaard.example")
            for _ in 0..<30 {
                try await app.services.auditTrail.append(AuditEntry(
                    at: Date(), municipalityID: analyst.municipalityID, actorID: analyst.id, actorLabel: analyst.email, sessionRef: "-",
                    action: .read, recordType: "trajectory", recordID: UUID().uuidString, detail: "", requestID: "test"))
            }
            try await browser.login("admin@lindewaard.example")
            let report = try await browser.get("/beheer/audit/ongebruikelijk?drempel=25&minuten=60&dagen=7")
            #expect(report.status == .ok)
            let bursts = try #require(report.body.firstMatch(of: /id="pieken">(.*?)<\/table>/.dotMatchesNewlines()).map { String($0.1) })
            #expect(bursts.contains("Carla Coördinator") && bursts.contains("<td>3"), "\(bursts)")
            let denied = try #require(report.body.firstMatch(of: /id="geweigerd">(.*?)<\/table>/.dotMatchesNewlines()).map { String($0.1) })
            #expect(denied.contains("Test professional"))
        }
    }
}
