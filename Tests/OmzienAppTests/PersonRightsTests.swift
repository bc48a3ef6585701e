import FluentKit
import Foundation
import Hummingbird
import HummingbirdTesting
import OmzienCore
import Testing
@testable import OmzienApp

@Suite struct PersonRightsTests {
    @Test func anAdministratorExportsEverythingIncludingWhoLookedAndErasesOnlyWhenNothingRuns() async throws {
        try await TestApp.withBrowser { app, browser in
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            let professional = try await app.user("professional@lindewaard.example")
            try await app.services.trajectories.addGoal(trajectory.id, description: "Naar de koffieochtend", resource: .activity, dueOn: nil, agreed: true)
            try await browser.login("professional@lindewaard.example")
            _ = try await browser.get("/trajecten/\(trajectory.id)")  // a view that the export must show
            try await browser.logout()

            try await browser.login("admin@lindewaard.example")
            let found = try await browser.post("/beheer/personen", [("zoek", "truus")], tokenFrom: "/beheer/personen")
            #expect(found.contains("Truus Bakker"))
            let path = "/beheer/personen/\(trajectory.personID)"
            let page = try await browser.get(path)
            #expect(page.contains("doelen: 1") && page.contains("signalen: 1"))
            #expect(page.contains("Er loopt nog een traject"), "no erasure while the trajectory is open")
            let refused = try await browser.post(path + "/export", [("format", "json"), ("confirm_password", "fout")], tokenFrom: path)
            #expect(refused.status == .unprocessableContent && refused.contains("Vul uw eigen wachtwoord in"))
            let json = try await browser.post(path + "/export", [("format", "json"), ("confirm_password", DemoData.password)], tokenFrom: path)
            #expect(json.status == .ok && json.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(json.contains("Truus Bakker") && json.contains("Naar de koffieochtend") && json.contains("De gordijnen zijn al een week dicht."))
            #expect(json.contains("professional@lindewaard.example"), "the access log shows who viewed the file")
            #expect(!json.contains("Henk Buurman") && !json.contains("buurman@example.nl"), "the reporter is not the person's data")
            // Every table's rows for this person are in the export: counted straight from the database.
            struct Export: Decodable { struct Item: Decodable { let kind: String }; let items: [Item] }
            let exported = Dictionary(grouping: try JSONDecoder().decode(Export.self, from: Data(json.body.utf8)).items, by: \.kind).mapValues(\.count)
            let database = app.services.database.database
            let signals = try await SignalModel.query(on: database).filter(\.$person.$id == trajectory.personID).all().compactMap(\.id)
            let direct: [String: Int] = [
                "signal": signals.count,
                "contact_attempt": try await ContactAttemptModel.query(on: database).filter(\.$signal.$id ~~ signals).count(),
                "consent": try await ConsentModel.query(on: database).filter(\.$person.$id == trajectory.personID).count(),
                "trajectory": try await TrajectoryModel.query(on: database).filter(\.$person.$id == trajectory.personID).count(),
                "goal": try await GoalModel.query(on: database).filter(\.$trajectory.$id == trajectory.id).count(),
                "event": try await TrajectoryEventModel.query(on: database).filter(\.$trajectory.$id == trajectory.id).count(),
            ]
            for (kind, count) in direct { #expect(exported[kind, default: 0] == count, "\(kind): exported \(exported[kind, default: 0]), stored \(count)") }
            let html = try await browser.post(path + "/export", [("format", "html"), ("confirm_password", DemoData.password)], tokenFrom: path)
            #expect(html.contains("Wie bekeek of wijzigde het dossier") && html.contains("Naar de koffieochtend"))
            let blocked = try await browser.post(path + "/wissen", [("confirm_password", DemoData.password)], tokenFrom: path)
            #expect(blocked.status == .conflict)

            // Closed: now it can be erased, and the erasure is on record without the contents.
            try await app.services.trajectories.update(trajectory.id, on: app.services.clock.today, kind: "closed", text: "other", by: professional.id) {
                $0.isOpen = false
                $0.closedOn = app.services.clock.today
                $0.closeReason = .other
            }
            let erased = try await browser.post(path + "/wissen", [("confirm_password", DemoData.password)], tokenFrom: path)
            #expect(erased.status == .seeOther)
            #expect(try await app.services.signals.person(id: trajectory.personID, municipalityID: trajectory.municipalityID) == nil)
            #expect(try await app.services.trajectories.trajectory(id: trajectory.id, municipalityID: trajectory.municipalityID) == nil)
            #expect(try await app.services.signals.signals(personID: trajectory.personID).isEmpty)
            let trail = try await app.services.auditTrail.entries(AuditQuery(municipalityID: trajectory.municipalityID, recordID: trajectory.personID.uuidString))
            #expect(trail.contains { $0.action == .delete && $0.detail.hasPrefix("erasure: ") && !$0.detail.contains("Truus") })
            #expect(trail.contains { $0.action == .read && $0.detail == "export json" })
            #expect(try await browser.get(path).status == .notFound)
            // No row identifies them any more.
            #expect(try await PersonModel.query(on: database).filter(\.$name == "Truus Bakker").count() == 0)
            #expect(try await SignalModel.query(on: database).filter(\.$person.$id == trajectory.personID).count() == 0)
            #expect(try await ConsentModel.query(on: database).filter(\.$person.$id == trajectory.personID).count() == 0)
        }
    }
}
