import Foundation
import Hummingbird
import HummingbirdTesting
import OmzienCore
import Testing
@testable import OmzienApp

/// A record, its timeline event and its audit entry are one unit of work: stored together or not at all.
@Suite struct UnitOfWorkTests {
    struct InjectedFailure: Error {}

    /// Runs `body` with a browser on an app whose audit log fails for entries with `failingDetail`,
    /// as a full disk or a lost connection would at that moment.
    static func withFailingAudit(
        detail failingDetail: String, _ body: @Sendable (TestApp, Browser) async throws -> Void
    ) async throws {
        let app = try await TestApp.make()
        var services = app.services
        services.audit.beforeWrite = { entry in
            if entry.detail == failingDetail { throw InjectedFailure() }
        }
        let router = OmzienApplication.router(services: services)
        do {
            try await Application(router: router, logger: TestApp.quietLogger).test(.router) { client in
                try await body(app, Browser(client))
            }
            try await app.close()
        } catch {
            try? await app.close()
            throw error
        }
    }

    static func auditDetails(_ app: TestApp, _ trajectory: Trajectory) async throws -> [String] {
        try await app.services.auditTrail.entries(AuditQuery(
            municipalityID: trajectory.municipalityID, recordType: "trajectory", recordID: trajectory.id.uuidString)).map(\.detail)
    }

    static let goal = [("goal", "Samen naar de markt"), ("resource", "own_network"), ("agreed", "on")]

    @Test func aGoalIsStoredWithItsTimelineEventAndItsAuditEntry() async throws {
        try await TestApp.withBrowser { app, browser in
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            try await browser.login("professional@lindewaard.example")
            let page = "/trajecten/\(trajectory.id)"
            let saved = try await browser.post(page + "/doelen", Self.goal, tokenFrom: page)
            #expect(saved.status == .seeOther)
            #expect(try await app.services.trajectories.goals(trajectory.id).map(\.description) == ["Samen naar de markt"])
            #expect(try await app.services.trajectories.timeline(trajectory.id).map(\.kind).contains("goal"))
            #expect(try await Self.auditDetails(app, trajectory).contains("goal"))
        }
    }

    @Test func aFailingAuditEntryLeavesNeitherTheGoalNorItsTimelineEvent() async throws {
        try await Self.withFailingAudit(detail: "goal") { app, browser in
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            try await browser.login("professional@lindewaard.example")
            let page = "/trajecten/\(trajectory.id)"
            let failed = try await browser.post(page + "/doelen", Self.goal, tokenFrom: page)
            #expect(failed.status == .internalServerError)
            #expect(try await app.services.trajectories.goals(trajectory.id).isEmpty)
            #expect(try await app.services.trajectories.timeline(trajectory.id).map(\.kind) == ["started"])
            #expect(try await !Self.auditDetails(app, trajectory).contains("goal"))
        }
    }

    @Test func aFailingAuditEntryLeavesTheTrajectoryInItsPhase() async throws {
        try await Self.withFailingAudit(detail: "phase 4") { app, browser in
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            try await browser.login("professional@lindewaard.example")
            let page = "/trajecten/\(trajectory.id)"
            let failed = try await browser.post(page + "/fase", [("fase", "4")], tokenFrom: page)
            #expect(failed.status == .internalServerError)
            let stored = try #require(try await app.services.trajectories.trajectory(id: trajectory.id, municipalityID: trajectory.municipalityID))
            #expect(stored.phase == trajectory.phase)
            #expect(try await app.services.trajectories.timeline(trajectory.id).map(\.kind) == ["started"])
        }
    }

    @Test func aFailingAuditEntryKeepsAWithdrawnConsentStanding() async throws {
        try await Self.withFailingAudit(detail: "withdrawn 1: coupling") { app, browser in
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            try await browser.login("professional@lindewaard.example")
            let consents = "/trajecten/\(trajectory.id)/toestemming"
            try await browser.post(consents, [("purpose", "coupling"), ("form", "verbal")], tokenFrom: consents)
            let entry = try #require(try await app.services.consents.entries(personID: trajectory.personID).first { $0.grant.purpose == .coupling })
            let failed = try await browser.post(consents + "/\(entry.grant.id)/intrekken", tokenFrom: consents)
            #expect(failed.status == .internalServerError)
            let after = try #require(try await app.services.consents.entries(personID: trajectory.personID).first { $0.grant.id == entry.grant.id })
            #expect(after.grant.withdrawnOn == nil)
            #expect(try await !app.services.trajectories.timeline(trajectory.id).map(\.kind).contains("consent_withdrawn"))
        }
    }

    @Test func aThrowInsideTheUnitRollsBackEveryWriteBeforeIt() async throws {
        let app = try await TestApp.make()
        do {
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            let professional = try await app.user("professional@lindewaard.example")
            let today = app.services.clock.today
            await #expect(throws: InjectedFailure.self) {
                try await app.services.unitOfWork { work in
                    try await work.trajectories.addReminder(trajectory.id, on: today, note: "Bellen")
                    try await work.trajectories.event(trajectory.id, on: today, kind: "reminder", text: "Bellen", by: professional.id)
                    try await work.audit.record(.update, "trajectory", id: trajectory.id.uuidString, detail: "reminder", municipalityID: trajectory.municipalityID,
                                                actorID: professional.id, actorLabel: professional.email, sessionReference: nil, requestID: "test")
                    throw InjectedFailure()
                }
            }
            #expect(try await app.services.trajectories.reminders(trajectory.id).isEmpty)
            #expect(try await app.services.trajectories.timeline(trajectory.id).map(\.kind) == ["started"])
            #expect(try await !Self.auditDetails(app, trajectory).contains("reminder"))
            // The same work without the throw stores all three.
            try await app.services.unitOfWork { work in
                try await work.trajectories.addReminder(trajectory.id, on: today, note: "Bellen")
                try await work.audit.record(.update, "trajectory", id: trajectory.id.uuidString, detail: "reminder", municipalityID: trajectory.municipalityID,
                                            actorID: professional.id, actorLabel: professional.email, sessionReference: nil, requestID: "test")
            }
            #expect(try await app.services.trajectories.reminders(trajectory.id).count == 1)
            #expect(try await Self.auditDetails(app, trajectory).contains("reminder"))
            try await app.close()
        } catch {
            try? await app.close()
            throw error
        }
    }
}
