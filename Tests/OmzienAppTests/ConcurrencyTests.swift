import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OmzienCore
import Testing
@testable import OmzienApp

/// "Only one" rules under simultaneous requests from separate sessions (SQLite by default, PostgreSQL
/// when `DATABASE_URL` points there).
@Suite struct ConcurrencyTests {
    /// `count` browsers, each with its own logged-in session.
    static func sessions(_ count: Int, of email: String, on client: any TestClientProtocol) async throws -> [Browser] {
        var browsers: [Browser] = []
        for _ in 0..<count {
            let browser = Browser(client)
            #expect(try await browser.login(email).status == .seeOther)
            browsers.append(browser)
        }
        return browsers
    }

    /// Every browser posts `fields` to `path` at the same moment (tokens fetched first); the pages, in no order.
    static func together(_ browsers: [Browser], path: String, fields: [(String, String)], tokenFrom: String) async throws -> [Browser.Page] {
        var tokens: [String] = []
        for browser in browsers { tokens.append(try #require(try await browser.get(tokenFrom).csrfToken)) }
        let pairs = Array(zip(browsers, tokens))
        return try await withThrowingTaskGroup(of: Browser.Page.self) { group in
            for (browser, token) in pairs { group.addTask { try await browser.post(path, fields, csrf: token) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test func eightSessionsStartingATrajectoryFromOneSignalMakeExactlyOne() async throws {
        try await TestApp.withBrowser { app, browser in
            let signal = try await SignalFixtures.signalInProfessionalsTeam(app)
            let professional = try await app.user("professional@lindewaard.example")
            try await app.services.signals.record(
                ContactAttempt(id: UUID(), onDate: app.services.clock.today, channel: .visit, outcome: .consented, note: "", consentForm: .verbal,
                               declineReason: nil, recordedBy: professional.id),
                signal: signal, followUpOn: nil)
            let browsers = try await Self.sessions(8, of: professional.email, on: browser.client)
            let pages = try await Self.together(browsers, path: "/signalen/\(signal.id)/traject", fields: [], tokenFrom: "/signalen/\(signal.id)")

            let trajectories = try await TrajectoryModel.query(on: app.services.database.database).filter(\.$signalID == signal.id).all()
            #expect(trajectories.count == 1)
            let id = try #require(trajectories.first?.id)
            #expect(pages.allSatisfy { $0.status == .seeOther }, "\(pages.map(\.status))")
            // Everyone ends up on the one trajectory.
            #expect(pages.allSatisfy { $0.location?.hasPrefix("/trajecten/\(id)") == true }, "\(pages.map(\.location))")
        }
    }

    @Test func eightCoordinatorsAcceptingOneRequestMakeExactlyOneCoupling() async throws {
        try await TestApp.withBrowser { app, browser in
            let trajectory = try await CouplingWebTests.waitingPerson(app, browser)
            let volunteer = try await app.user("volunteer@lindewaard.example")
            try await browser.login("coordinator@lindewaard.example")
            #expect(try await CouplingWebTests.register(browser, volunteerID: volunteer.id).status == .seeOther)
            let request = try #require(try await app.services.couplings.requests(municipalityID: trajectory.municipalityID).first)
            let browsers = try await Self.sessions(8, of: "coordinator@lindewaard.example", on: browser.client)
            let pages = try await Self.together(browsers, path: "/koppelen",
                                                fields: [("request_id", request.id.uuidString), ("volunteer_id", volunteer.id.uuidString)],
                                                tokenFrom: "/koppelen/voorstel")

            let couplings = try await app.services.couplings.couplings(municipalityID: trajectory.municipalityID)
            #expect(couplings.count == 1)
            #expect(pages.filter { $0.status == .seeOther }.count == 1, "\(pages.map(\.status))")
            // The others are told someone else was first, never a server error.
            #expect(pages.filter { $0.status != .seeOther }.allSatisfy { $0.status == .conflict || $0.status == .notFound }, "\(pages.map(\.status))")
        }
    }

    @Test func mergingTwoSignalsIntoEachOtherAtOnceAnswersTheLoserWithAConflict() async throws {
        try await TestApp.withBrowser { app, browser in
            let first = try await SignalFixtures.signalInProfessionalsTeam(app)
            let second = try await SignalFixtures.signalInProfessionalsTeam(app, draft: SignalFixtures.draft(name: "mevrouw op nummer 12", birthYear: nil))
            let browsers = try await Self.sessions(2, of: "professional@lindewaard.example", on: browser.client)
            let tokens = [try #require(try await browsers[0].get("/signalen/\(first.id)").csrfToken),
                          try #require(try await browsers[1].get("/signalen/\(second.id)").csrfToken)]
            async let one = browsers[0].post("/signalen/\(first.id)/samenvoegen", [("target", second.id.uuidString)], csrf: tokens[0])
            async let other = browsers[1].post("/signalen/\(second.id)/samenvoegen", [("target", first.id.uuidString)], csrf: tokens[1])
            let pages = try await [one, other]

            #expect(pages.map(\.status).sorted { $0.code < $1.code } == [.seeOther, .conflict], "\(pages.map(\.status))")
            let loser = try #require(pages.first { $0.status == .conflict })
            #expect(loser.contains("Al samengevoegd"))
            let signals = [try await app.services.signals.signal(id: first.id, municipalityID: first.municipalityID),
                           try await app.services.signals.signal(id: second.id, municipalityID: second.municipalityID)].compactMap { $0 }
            #expect(signals.filter { $0.status == .merged }.count == 1)
            #expect(Set(signals.map(\.personID)).count == 1)
        }
    }
}
