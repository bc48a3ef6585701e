import Foundation
import Hummingbird
import HummingbirdTesting
import OmzienCore
import SQLKit
import Testing
@testable import OmzienApp

/// Codes read back from the database: a value the app does not know stops the read with an error naming
/// where it was found, instead of quietly turning into some default.
@Suite struct StoredValueTests {
    @Test func anUnknownStoredCodeIsAnErrorNamingTableColumnAndValue() async throws {
        try await TestApp.withBrowser { app, browser in
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            let signalID = try #require(trajectory.signalID)
            let sql = app.services.database.sql
            try await sql.update("signals").set("source", to: "postduif").where("id", .equal, signalID).run()
            await #expect(throws: PersistenceError.unknownStoredValue(table: "signals", column: "source", value: "postduif")) {
                try await app.services.signals.signal(id: signalID, municipalityID: trajectory.municipalityID)
            }
            try await sql.update("trajectories").set("status", to: "gepauzeerd").where("id", .equal, trajectory.id).run()
            await #expect(throws: PersistenceError.unknownStoredValue(table: "trajectories", column: "status", value: "gepauzeerd")) {
                try await app.services.trajectories.trajectory(id: trajectory.id, municipalityID: trajectory.municipalityID)
            }
            try await sql.update("persons").set("age_band", to: "honderd").where("id", .equal, trajectory.personID).run()
            await #expect(throws: PersistenceError.unknownStoredValue(table: "persons", column: "age_band", value: "honderd")) {
                try await app.services.signals.person(id: trajectory.personID, municipalityID: trajectory.municipalityID)
            }
            // A consent that cannot be read is not quietly left out (a lost withdrawal would permit a disclosure).
            try await sql.update("consents").set("purpose", to: "alles").where("person_id", .equal, trajectory.personID).run()
            await #expect(throws: PersistenceError.unknownStoredValue(table: "consents", column: "purpose", value: "alles")) {
                try await app.services.consents.entries(personID: trajectory.personID)
            }

            // Through the web: a plain server error page that gives nothing of the stored row away.
            try await browser.login("coordinator@lindewaard.example")
            let page = try await browser.get("/signalen/\(signalID)")
            #expect(page.status == .internalServerError)
            #expect(!page.contains("postduif") && !page.contains("signals") && !page.contains("unknownStoredValue"))
        }
    }
}
