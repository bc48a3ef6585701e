import OmzienCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import OmzienApp

/// Two app instances on one database share logins (sessions live in the database), as two
/// `omzien serve` processes behind a load balancer would. On PostgreSQL in CI this runs on PostgreSQL.
@Suite struct SharedSessionTests {
    @Test func aLoginOnOneInstanceWorksOnTheOtherAndLogoutEndsItEverywhere() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("omzien-shared-\(UUID()).sqlite").path
        let (location, drop) = try await TestApp.freshDatabase(sqliteFile: file)
        let services = try await AppServices.make(configuration: TestApp.configuration(location), logger: TestApp.quietLogger)
        try await DemoData.seed(into: services, withSignals: false)
        var secondConfiguration = services.configuration
        secondConfiguration.migrateOnStart = false
        let second = try await AppServices.make(configuration: secondConfiguration, logger: TestApp.quietLogger)
        let appA = Application(router: OmzienApplication.router(services: services), logger: TestApp.quietLogger)
        let appB = Application(router: OmzienApplication.router(services: second), logger: TestApp.quietLogger)
        do {
            try await appA.test(.router) { clientA in
                try await appB.test(.router) { clientB in
                    let onA = Browser(clientA)
                    #expect(try await onA.login("professional@lindewaard.example").location == "/start")
                    let onB = onA.sharingCookies(with: clientB)
                    let start = try await onB.get("/start")
                    #expect(start.status == .ok)
                    #expect(start.contains(#"data-role="professional""#))
                    // A form rendered by A is accepted by B: the CSRF key is shared through the database.
                    let tokenFromA = try #require(try await onA.get("/start").csrfToken)
                    try await onB.post("/uitloggen", csrf: tokenFromA)
                    #expect(try await onA.get("/start").status == .seeOther)
                }
            }
        } catch {
            try? await second.database.shutdown()
            try? await services.database.shutdown()
            try? await drop()
            throw error
        }
        try await second.database.shutdown()
        try await services.database.shutdown()
        try await drop()
    }
}
