import Foundation
import Hummingbird
import HummingbirdTesting
import FluentKit
import Logging
import OmzienCore
import Testing
@testable import OmzienApp

@Suite struct RetentionTests {
    @Test func closedTrajectoriesAreAnonymisedAfterTheirPeriodAndTheFiguresStay() async throws {
        let clock = ManualClock(ISO8601DateFormatter().date(from: "2024-01-08T09:00:00Z")!)
        try await TestApp.withBrowser(clock: clock.clock) { app, browser in
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            let professional = try await app.user("professional@lindewaard.example")
            let trajectories = app.services.trajectories
            try await trajectories.addGoal(trajectory.id, description: "Samen koffie met buurvrouw Els", resource: .volunteer, dueOn: nil, agreed: true)
            try await trajectories.addContact(trajectory.id, CaseContact(onDate: clock.clock.today, kind: .visit, minutes: 45, note: "Praatte over haar zoon"),
                                              by: professional.id)
            let answers = Dictionary(uniqueKeysWithValues: DJGVersion.eleven.items.map { ($0, Optional(DJGAnswer.yes)) })
            try await trajectories.addMeasurement(trajectory.id, on: clock.clock.today, answers: answers,
                                                  score: DJGScoring(version: .eleven).score(answers))
            try await trajectories.update(trajectory.id, on: clock.clock.today, kind: "closed", text: "goals_met", by: professional.id) {
                $0.isOpen = false
                $0.closedOn = clock.clock.today
                $0.closeReason = .goalsMet
                $0.assessment.situation = "Woont alleen sinds de dood van Piet."
                $0.assessment.forms = [.emotional]
            }
            let municipalityID = trajectory.municipalityID
            // The evaluation's raw material: rows counted before and after; anonymising must not change them.
            func totals() async throws -> [Int] {
                let database = app.services.database.database
                return [try await SignalModel.query(on: database).count(), try await TrajectoryModel.query(on: database).count(),
                        try await MeasurementModel.query(on: database).count(), try await GoalModel.query(on: database).count(),
                        try await CaseContactModel.query(on: database).count(), try await PersonModel.query(on: database).count()]
            }
            let totalsBefore = try await totals()
            // One year later nothing is due yet (24 months); the dry run says so and changes nothing.
            clock.advance(days: 365)
            let early = try await app.services.retention.apply(municipalityID: municipalityID, settings: RetentionSettings(), today: clock.clock.today,
                                                               now: clock.clock.now(), dryRun: true, by: "test")
            #expect(early.first { $0.kind == .closedTrajectories }?.count == 0)
            clock.advance(days: 400)
            let dry = try await app.services.retention.apply(municipalityID: municipalityID, settings: RetentionSettings(), today: clock.clock.today,
                                                             now: clock.clock.now(), dryRun: true, by: "test")
            #expect(dry.first { $0.kind == .closedTrajectories }?.count == 1)
            #expect(try await app.services.signals.person(id: trajectory.personID, municipalityID: municipalityID)?.name == "Truus Bakker", "a dry run changes nothing")

            // The job claims each day's run in the database: a second job (another instance) finds it taken.
            // Each municipality's run is claimed once a day by a row whose primary key is made from the job and the
            // day, so a second job (another instance) finds it taken. (Per-test PostgreSQL schemas live on one
            // connection's search path, so the second job shares this instance's pool here.)
            let job = RetentionJob(services: app.services, logger: Logger(label: "test"))
            let otherJob = RetentionJob(services: app.services, logger: Logger(label: "other instance"))
            #expect(try await job.runOnce() == 2, "both municipalities")
            #expect(try await otherJob.runOnce() == 0, "already claimed today")
            #expect(try await totals() == totalsBefore, "evaluation totals unchanged")

            let person = try #require(try await app.services.signals.person(id: trajectory.personID, municipalityID: municipalityID))
            #expect(person.name.isEmpty && person.phone == nil && person.houseNumber == nil && person.postcode == "9403")
            let closed = try #require(try await trajectories.trajectory(id: trajectory.id, municipalityID: municipalityID))
            #expect(closed.assessment.situation.isEmpty && closed.assessment.forms == [.emotional], "free text gone, classifications kept")
            #expect(closed.closeReason == .goalsMet && closed.closedOn != nil)
            #expect(try await trajectories.goals(trajectory.id).map(\.description) == [""])
            #expect(try await trajectories.goals(trajectory.id).map(\.resource) == [.volunteer])
            #expect(try await trajectories.measurements(trajectory.id).first?.score.total == DJGScoring(version: .eleven).score(answers).total, "the measurement stays")
            let log = try await app.services.retention.log(municipalityID: municipalityID)
            #expect(log.filter { $0.kind == .closedTrajectories && !$0.dryRun }.count == 1, "one real run, however many instances")
            #expect(log.contains { $0.kind == .closedTrajectories && $0.count == 1 && !$0.dryRun && $0.by == "job" })
            #expect(log.contains { $0.kind == .closedTrajectories && $0.count == 1 && $0.dryRun })

            // The admin's screen: settings with validation, a dry run, the log.
            try await browser.login("admin@lindewaard.example")
            let bad = try await browser.post("/beheer/bewaartermijnen", [("uncontacted_months", "0"), ("declined_months", "12"), ("closed_trajectory_months", "24")],
                                             tokenFrom: "/beheer/bewaartermijnen")
            #expect(bad.status == .unprocessableContent && bad.contains("Vul een aantal maanden in van 1 tot 120.") && bad.contains(#"value="0""#))
            try await browser.post("/beheer/bewaartermijnen", [("uncontacted_months", "3"), ("declined_months", "12"), ("closed_trajectory_months", "36")],
                                   tokenFrom: "/beheer/bewaartermijnen")
            #expect(try await app.services.retention.settings(municipalityID: municipalityID).closedTrajectoryMonths == 36)
            let page = try await browser.post("/beheer/bewaartermijnen/proef", tokenFrom: "/beheer/bewaartermijnen")
            #expect(page.contains("id=\"proefdraai\"") && page.contains("afgesloten trajecten") && page.contains("nachtelijke taak"))
        }
    }
}
