import FluentKit
import Foundation
import Hummingbird
import HummingbirdTesting
import OmzienCore
import SQLKit
import Testing
@testable import OmzienApp

/// The remaining "only one" rules (issue 15): several sessions sending the same form at the same moment leave
/// exactly one record and no server error, and the database refuses a second record even when the code is bypassed.
@Suite struct MoreUniqueRulesTests {
    static let monday = CouplingWebTests.monday

    static func waiting(_ app: TestApp, _ trajectory: Trajectory) async throws -> [CouplingRequest] {
        try await app.services.couplings.requests(municipalityID: trajectory.municipalityID, status: .waiting, trajectoryID: trajectory.id)
    }

    // MARK: One waiting coupling request per trajectory

    @Test func eightSessionsAskingForABuddyAtOnceLeaveOneWaitingRequest() async throws {
        try await TestApp.withBrowser { app, browser in
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            let path = "/trajecten/\(trajectory.id)/maatje"
            let browsers = try await ConcurrencyTests.sessions(8, of: "professional@lindewaard.example", on: browser.client)
            let pages = try await ConcurrencyTests.together(
                browsers, path: path, fields: [("interests", "walking"), ("languages", "nl"), ("availability", Self.monday), ("consent", "on")],
                tokenFrom: path)

            #expect(try await Self.waiting(app, trajectory).count == 1)
            #expect(pages.allSatisfy { $0.status == .seeOther }, "\(pages.map(\.status))")
            // Everyone ends up on the one request.
            #expect(pages.allSatisfy { $0.location?.hasPrefix(path) == true }, "\(pages.map(\.location))")
        }
    }

    @Test func withdrawingAProposalWhileANewRequestWaitsKeepsOneWaitingRequest() async throws {
        try await TestApp.withBrowser { app, browser in
            let trajectory = try await CouplingWebTests.waitingPerson(app, browser)
            let volunteer = try await app.user("volunteer@lindewaard.example")
            let first = try #require(try await Self.waiting(app, trajectory).first)
            // Waiting for a while already, so that the place on the list is told apart from the newer request's.
            try await CouplingRequestModel.query(on: app.services.database.database).filter(\.$id == first.id)
                .set(\.$waitingSince, to: "2026-01-02").update()
            try await browser.login("coordinator@lindewaard.example")
            #expect(try await CouplingWebTests.register(browser, volunteerID: volunteer.id).status == .seeOther)
            #expect(try await browser.post("/koppelen", [("request_id", first.id.uuidString), ("volunteer_id", volunteer.id.uuidString)],
                                           tokenFrom: "/koppelen/voorstel").status == .seeOther)
            let coupling = try #require(try await app.services.couplings.couplings(municipalityID: trajectory.municipalityID, trajectoryID: trajectory.id).first)
            try await browser.logout()
            // While the proposal is open the person is off the waiting list, so the form asks again.
            try await browser.login("professional@lindewaard.example")
            let path = "/trajecten/\(trajectory.id)/maatje"
            #expect(try await browser.post(path, [("interests", "music"), ("languages", "nl"), ("availability", Self.monday), ("consent", "on")],
                                           tokenFrom: path).status == .seeOther)
            try await app.services.couplings.withdraw(couplingID: coupling.id)

            let waiting = try await Self.waiting(app, trajectory)
            #expect(waiting.count == 1, "the withdrawn proposal does not put the person on the list a second time")
            #expect(waiting.first?.interests == [.music], "the newer wishes stay")
            #expect(waiting.first?.waitingSince.description == "2026-01-02", "with the person's original place on the list")
            let all = try await app.services.couplings.requests(municipalityID: trajectory.municipalityID, status: nil, trajectoryID: trajectory.id)
            #expect(all.first { $0.id == first.id }?.status == .withdrawn)
        }
    }

    @Test func theDatabaseRefusesASecondWaitingRequestOfOneTrajectory() async throws {
        try await TestApp.withBrowser { app, _ in
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            let professional = try await app.user("professional@lindewaard.example")
            let hopes = CouplingRequest(id: UUID(), municipalityID: trajectory.municipalityID, trajectoryID: trajectory.id, interests: [.walking],
                                        languages: ["nl"], availability: [], gender: nil, preferredVolunteerGender: nil, prefersOtherDistrict: false,
                                        excluded: [], note: "", waitingSince: app.services.clock.today, status: .waiting)
            let first = try await app.services.couplings.addRequest(trajectory: trajectory, hopes: hopes, createdBy: professional.id)
            await #expect(throws: (any Error).self, "a second waiting request") {
                try await app.services.couplings.addRequest(trajectory: trajectory, hopes: hopes, createdBy: professional.id)
            }
            // Once the first is no longer waiting, a new one may.
            try await app.services.couplings.setRequestStatus(.coupled, requestID: first)
            _ = try await app.services.couplings.addRequest(trajectory: trajectory, hopes: hopes, createdBy: professional.id)
        }
    }

    @Test func theMigrationKeepsTheOldestWaitingRequestAndWithdrawsTheOthers() async throws {
        try await TestApp.withBrowser { app, _ in
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            let professional = try await app.user("professional@lindewaard.example")
            let database = app.services.database.database
            // Back to the schema before the rule, with the duplicates it allowed.
            try await MoreUniqueRules().revert(on: database)
            for since in ["2026-02-01", "2026-01-15", "2026-03-01"] {
                try await app.services.database.sql.insert(into: "coupling_requests")
                    .columns("id", "municipality_id", "trajectory_id", "interests", "languages", "availability", "prefers_other_district",
                             "excluded", "note", "waiting_since", "status", "created_by")
                    .values(SQLBind(UUID()), SQLBind(trajectory.municipalityID), SQLBind(trajectory.id), SQLBind("walking"), SQLBind("nl"),
                            SQLBind(""), SQLBind(false), SQLBind(""), SQLBind(""), SQLBind(since), SQLBind("waiting"), SQLBind(professional.id))
                    .run()
            }
            try await MoreUniqueRules().prepare(on: database)
            let all = try await app.services.couplings.requests(municipalityID: trajectory.municipalityID, status: nil, trajectoryID: trajectory.id)
            #expect(all.filter { $0.status == .waiting }.map(\.waitingSince.description) == ["2026-01-15"], "the person keeps their place")
            #expect(all.filter { $0.status == .withdrawn }.count == 2)
        }
    }

    // MARK: Rules the tables already had, whose losers used to get a server error

    @Test func eightCoordinatorsSavingANewVolunteerAtOnceStoreOneProfile() async throws {
        try await TestApp.withBrowser { app, browser in
            let volunteer = try await app.volunteerWithoutProfile()
            let path = "/vrijwilligers/\(volunteer.id)"
            let browsers = try await ConcurrencyTests.sessions(8, of: "coordinator@lindewaard.example", on: browser.client)
            let pages = try await ConcurrencyTests.together(
                browsers, path: path,
                fields: [("phone", "06-12345678"), ("languages", "nl"), ("max_couplings", "1"), ("travel", "bike"), ("interests", "walking"),
                         ("availability", Self.monday)],
                tokenFrom: path)

            #expect(pages.allSatisfy { $0.status == .seeOther }, "\(pages.map(\.status))")
            let rows = try await VolunteerProfileModel.query(on: app.services.database.database).filter(\.$user.$id == volunteer.id).count()
            #expect(rows == 1)
        }
    }

    @Test func eightAdministratorsCreatingOneUserAtOnceMakeOneAndTellTheOthersTheAddressIsTaken() async throws {
        try await TestApp.withBrowser { app, browser in
            let browsers = try await ConcurrencyTests.sessions(8, of: "admin@lindewaard.example", on: browser.client)
            let pages = try await ConcurrencyTests.together(
                browsers, path: "/beheer/gebruikers", fields: [("name", "Nina Nieuw"), ("email", "nina@lindewaard.example"), ("role", "analyst"), ("active", "on")],
                tokenFrom: "/beheer/gebruikers/nieuw")

            let users = try await UserModel.query(on: app.services.database.database).filter(\.$email == "nina@lindewaard.example").count()
            #expect(users == 1)
            #expect(pages.filter { $0.status == .created }.count == 1, "\(pages.map(\.status))")
            let others = pages.filter { $0.status != .created }
            #expect(others.allSatisfy { $0.status == .unprocessableContent && $0.contains("Er is al een gebruiker met dit e-mailadres") },
                    "\(others.map(\.status))")
        }
    }

    @Test func eightAdministratorsCreatingOneTeamAtOnceMakeOneAndTellTheOthersTheNameIsTaken() async throws {
        try await TestApp.withBrowser { app, browser in
            let municipality = try await app.municipality("GM9901")
            let before = try await app.services.organisations.teams(municipalityID: municipality.id).count
            let browsers = try await ConcurrencyTests.sessions(8, of: "admin@lindewaard.example", on: browser.client)
            let pages = try await ConcurrencyTests.together(browsers, path: "/beheer/teams", fields: [("name", "Team Haven")], tokenFrom: "/beheer/teams/nieuw")

            let teams = try await app.services.organisations.teams(municipalityID: municipality.id)
            #expect(teams.count == before + 1)
            #expect(teams.filter { $0.name == "Team Haven" }.count == 1)
            #expect(pages.filter { $0.status == .created }.count == 1, "\(pages.map(\.status))")
            let others = pages.filter { $0.status != .created }
            #expect(others.allSatisfy { $0.status == .unprocessableContent && $0.contains("Deze naam is al in gebruik") }, "\(others.map(\.status))")
        }
    }

    @Test func aTeamFormNamingOneDistrictTwiceStoresItOnce() async throws {
        try await TestApp.withBrowser { app, browser in
            let municipality = try await app.municipality("GM9901")
            let district = try #require(try await app.services.organisations.districts(municipalityID: municipality.id).first)
            try await browser.login("admin@lindewaard.example")
            let page = try await browser.post("/beheer/teams", [("name", "Team Dubbel"), ("districts", district.id.uuidString),
                                                                ("districts", district.id.uuidString)], tokenFrom: "/beheer/teams/nieuw")
            #expect(page.status == .created)
            let team = try #require(try await app.services.organisations.teams(municipalityID: municipality.id).first { $0.name == "Team Dubbel" })
            #expect(team.districtIDs == [district.id])
        }
    }

    @Test func eightAdministratorsSavingRetentionSettingsAtOnceKeepOneRow() async throws {
        try await TestApp.withBrowser { app, browser in
            let municipality = try await app.municipality("GM9901")
            let browsers = try await ConcurrencyTests.sessions(8, of: "admin@lindewaard.example", on: browser.client)
            let pages = try await ConcurrencyTests.together(
                browsers, path: "/beheer/bewaartermijnen",
                fields: [("uncontacted_months", "3"), ("declined_months", "12"), ("closed_trajectory_months", "36")], tokenFrom: "/beheer/bewaartermijnen")

            #expect(pages.allSatisfy { $0.status == .ok }, "\(pages.map(\.status))")
            let rows = try await RetentionSettingsModel.query(on: app.services.database.database).filter(\.$municipality.$id == municipality.id).count()
            #expect(rows == 1)
            #expect(try await app.services.retention.settings(municipalityID: municipality.id).closedTrajectoryMonths == 36)
        }
    }

    @Test func eightAnalystsSavingCommentaryAtOnceKeepOneReport() async throws {
        try await TestApp.withBrowser { app, browser in
            let municipality = try await app.municipality("GM9901")
            let path = "/evaluatie/rapport/2026"
            let browsers = try await ConcurrencyTests.sessions(8, of: "analyst@lindewaard.example", on: browser.client)
            let pages = try await ConcurrencyTests.together(browsers, path: path, fields: [("commentary_reach", "Meer melders in Noord.")], tokenFrom: path)

            #expect(pages.allSatisfy { $0.status == .seeOther }, "\(pages.map(\.status))")
            let rows = try await EvaluationReportModel.query(on: app.services.database.database)
                .filter(\.$municipality.$id == municipality.id).filter(\.$year == 2026).count()
            #expect(rows == 1)
        }
    }

    @Test func theDatabaseRefusesASecondOrganisationProfile() async throws {
        try await TestApp.withBrowser { app, _ in
            let municipality = try await app.municipality("GM9901")
            let organisation = try #require(try await app.services.organisations.organisations(municipalityID: municipality.id).first)
            func insert() async throws {
                let profile = OrganisationProfileModel()
                profile.$organisation.id = organisation.id
                profile.description = ""
                profile.email = ""
                profile.website = ""
                try await profile.create(on: app.services.database.database)
            }
            try await insert()
            await #expect(throws: (any Error).self, "a second profile of one organisation") { try await insert() }
        }
    }

    @Test func theDatabaseRefusesASecondRegionalGrantOfOneUserAndMunicipality() async throws {
        try await TestApp.withBrowser { app, _ in
            let admin = try await app.user("admin@beekdal.example")
            let lindewaard = try await app.municipality("GM9901").id
            try await app.services.users.grantRegionalAccess(userID: admin.id, municipalityID: lindewaard)
            await #expect(throws: (any Error).self, "a second grant of the same municipality") {
                try await app.services.users.grantRegionalAccess(userID: admin.id, municipalityID: lindewaard)
            }
            #expect(try await app.user("admin@beekdal.example").regionalMunicipalityIDs == [lindewaard])
        }
    }
}

extension TestApp {
    /// A new volunteer account of Lindewaard that has no volunteer profile yet.
    func volunteerWithoutProfile() async throws -> UserAccount {
        let user = try await addUser("nieuwe.vrijwilliger@lindewaard.example", role: .volunteer, municipality: "GM9901")
        #expect(try await services.couplings.volunteerDetails(userIDs: [user.id]).isEmpty)
        return user
    }
}
