import FluentKit
import Foundation
import Hummingbird
import HummingbirdTesting
import OmzienCore
import SQLKit
import Testing
@testable import OmzienApp

/// One current consent per person, purpose and recipient (issue 15, item 3): a second referral to the same
/// provider adds no second consent, a withdrawal ends every consent that still permits what was withdrawn, and
/// the database refuses a second current row even when the code is bypassed.
@Suite struct OneCurrentConsentTests {
    static func referralFields(_ activityID: String, _ trajectory: Trajectory, request: String, consent: Bool) -> [(String, String)] {
        [("activity", activityID), ("trajectory", trajectory.id.uuidString), ("person_name", "Truus Bakker"), ("person_phone", "0590-111111"),
         ("request", request)] + (consent ? [("consent_form", "verbal"), ("consent", "on")] : [])
    }

    static func current(_ app: TestApp, _ personID: UUID, _ purpose: ConsentPurpose) async throws -> [ConsentGrant] {
        try await app.services.consents.grants(personID: personID).filter { $0.purpose == purpose && $0.isCurrent }
    }

    @Test func aSecondReferralToTheSameProviderLeansOnTheRegistryAndAWithdrawalStopsBoth() async throws {
        try await TestApp.withBrowser { app, browser in
            let activity = try #require(try await CatalogueWebTests.seeded(app).first { $0.name == "Huiskamer van de buurt" })
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            try await browser.login("professional@lindewaard.example")
            let form = "/verwijzingen/nieuw?activiteit=\(activity.id)&traject=\(trajectory.id)"
            #expect(try await browser.get(form).contains(#"name="consent""#), "no consent on record yet: the form asks")
            let first = try await browser.post("/verwijzingen", Self.referralFields(activity.id, trajectory, request: "Eerste vraag.", consent: true),
                                               tokenFrom: form)
            #expect(first.status == .seeOther)
            // The second time the form shows the registry's consent instead of asking again, and the server accepts it.
            let again = try await browser.get(form)
            #expect(!again.contains(#"name="consent""#) && again.contains("staat in het register") && again.contains("Buurthuis De Schakel"))
            let reads = try await app.services.auditTrail.entries(AuditQuery(municipalityID: trajectory.municipalityID, recordType: "consent"))
            #expect(reads.contains { $0.recordID == trajectory.personID.uuidString && $0.detail == "referral form" }, "showing the registry is audited")
            let second = try await browser.post("/verwijzingen", Self.referralFields(activity.id, trajectory, request: "Tweede vraag.", consent: false),
                                                tokenFrom: form)
            #expect(second.status == .seeOther)
            // A third, with the consent ticked again in the same form: still one current consent.
            let third = try await browser.post("/verwijzingen", Self.referralFields(activity.id, trajectory, request: "Derde vraag.", consent: true),
                                               tokenFrom: form)
            #expect(third.status == .seeOther)
            let shares = try await Self.current(app, trajectory.personID, .shareWithProvider)
            #expect(shares.count == 1, "one current consent per provider, not one per referral")
            let allRows = try await app.services.consents.grants(personID: trajectory.personID).filter { $0.purpose == .shareWithProvider }
            #expect(allRows.count == 1, "the same word given again stores nothing")

            let share = try #require(shares.first)
            try await browser.post("/trajecten/\(trajectory.id)/toestemming/\(share.id)/intrekken", tokenFrom: "/trajecten/\(trajectory.id)/toestemming")
            try await browser.logout()
            try await browser.login("provider@lindewaard.example")
            let referrals = try await app.services.referrals.referrals(municipalityID: trajectory.municipalityID)
            #expect(referrals.count == 3)
            for referral in referrals {
                let page = try await browser.get("/verwijzingen/\(referral.id)")
                #expect(!page.contains("Truus") && !page.contains("0590-111111") && !page.contains("vraag.") && page.contains("geen geldige toestemming"))
            }
        }
    }

    @Test func withdrawingOneProviderAlsoEndsAConsentForAnyProviderAndSaysSo() async throws {
        try await TestApp.withBrowser { app, browser in
            let activity = try #require(try await CatalogueWebTests.seeded(app).first { $0.name == "Huiskamer van de buurt" })
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            try await browser.login("professional@lindewaard.example")
            let registry = "/trajecten/\(trajectory.id)/toestemming"
            // "Share with any provider" in the registry: the referral form does not ask again.
            #expect(try await browser.post(registry, [("purpose", "share_with_provider"), ("recipient", activity.organisationID), ("form", "written")],
                                           tokenFrom: registry).status == .seeOther)
            // The registry form asks for a provider; a consent for any provider comes from before that rule.
            let professional = try await app.user("professional@lindewaard.example")
            try await app.services.consents.record(personID: trajectory.personID, purpose: .shareWithProvider, recipient: nil, form: .verbal,
                                                   on: app.services.clock.today, expiresOn: nil, by: professional.id)
            let form = "/verwijzingen/nieuw?activiteit=\(activity.id)&traject=\(trajectory.id)"
            #expect(try await browser.post("/verwijzingen", Self.referralFields(activity.id, trajectory, request: "Graag iets.", consent: false),
                                           tokenFrom: form).status == .seeOther)
            let shares = try await Self.current(app, trajectory.personID, .shareWithProvider)
            #expect(shares.count == 2)
            let specific = try #require(shares.first { $0.recipient != nil })
            let withdrawn = try await browser.post("\(registry)/\(specific.id)/intrekken", tokenFrom: registry)
            #expect(withdrawn.location?.contains("ingetrokken=meer") == true)
            let page = try await browser.get(withdrawn.location ?? registry)
            #expect(page.contains("Andere toestemmingen die hetzelfde toestonden"))
            #expect(try await Self.current(app, trajectory.personID, .shareWithProvider).isEmpty, "the any-provider consent still covered this provider")
            let grants = try await app.services.consents.grants(personID: trajectory.personID)
            #expect(!ConsentRules.permits(grants, .shareWithProvider, recipient: activity.organisationID, on: app.services.clock.today))
            let referral = try #require(try await app.services.referrals.referrals(municipalityID: trajectory.municipalityID).first)
            try await browser.logout()
            try await browser.login("provider@lindewaard.example")
            #expect(!(try await browser.get("/verwijzingen/\(referral.id)").contains("Truus")))
        }
    }

    @Test func recordingTheSameConsentTwiceKeepsOneAndDifferentTermsReplaceIt() async throws {
        try await TestApp.withBrowser { app, browser in
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            try await browser.login("professional@lindewaard.example")
            let registry = "/trajecten/\(trajectory.id)/toestemming"
            for _ in 0..<2 {
                #expect(try await browser.post(registry, [("purpose", "coupling"), ("form", "verbal")], tokenFrom: registry).status == .seeOther)
            }
            #expect(try await app.services.consents.grants(personID: trajectory.personID).filter { $0.purpose == .coupling }.count == 1)
            #expect(try await browser.post(registry, [("purpose", "coupling"), ("form", "written"), ("expires_on", "2030-01-01")],
                                           tokenFrom: registry).status == .seeOther)
            let rows = try await app.services.consents.grants(personID: trajectory.personID).filter { $0.purpose == .coupling }
            #expect(rows.count == 2 && rows.filter(\.isCurrent).count == 1)
            #expect(rows.first { $0.isCurrent }?.expiresOn?.description == "2030-01-01")
            #expect(rows.first { !$0.isCurrent }?.supersededOn == app.services.clock.today)
            #expect(try await browser.get(registry).contains("vervangen op"))
        }
    }

    @Test func consentRecordedTwiceAtFirstContactIsOneConsent() async throws {
        try await TestApp.withBrowser { app, _ in
            let signal = try await SignalFixtures.signalInProfessionalsTeam(app)
            for _ in 0..<2 { try await SignalFixtures.recordConsent(app, signal) }
            #expect(try await app.services.consents.grants(personID: signal.personID).filter { $0.purpose == .support }.count == 1)
        }
    }

    @Test func eightSessionsRecordingOneConsentAtOnceLeaveOneCurrentConsentAndNoError() async throws {
        try await TestApp.withBrowser { app, browser in
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            let registry = "/trajecten/\(trajectory.id)/toestemming"
            let browsers = try await ConcurrencyTests.sessions(8, of: "professional@lindewaard.example", on: browser.client)
            let pages = try await ConcurrencyTests.together(browsers, path: registry, fields: [("purpose", "contact_by_partner"), ("form", "verbal")],
                                                            tokenFrom: registry)
            #expect(pages.allSatisfy { $0.status == .seeOther }, "\(pages.map(\.status))")
            #expect(try await Self.current(app, trajectory.personID, .contactByPartner).count == 1)
        }
    }

    @Test func theDatabaseRefusesASecondCurrentConsentOfOneScope() async throws {
        try await TestApp.withBrowser { app, _ in
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            let professional = try await app.user("professional@lindewaard.example")
            let organisation = UUID()
            func insert(_ recipient: UUID?, withdrawn: Bool = false) async throws {
                let model = ConsentModel()
                model.$person.id = trajectory.personID
                model.purpose = ConsentPurpose.shareWithProvider.rawValue
                model.form = ConsentForm.verbal.rawValue
                model.givenOn = app.services.clock.today.description
                model.recordedBy = professional.id
                model.recipientOrganisationID = recipient
                model.withdrawnOn = withdrawn ? app.services.clock.today.description : nil
                try await model.create(on: app.services.database.database)
            }
            try await insert(organisation)
            try await insert(nil)
            try await insert(organisation, withdrawn: true)
            try await insert(nil, withdrawn: true)
            await #expect(throws: (any Error).self, "a second current consent for one provider") { try await insert(organisation) }
            await #expect(throws: (any Error).self, "a second current consent for any provider") { try await insert(nil) }
        }
    }

    @Test func theMigrationMarksOlderDuplicatesSupersededAndKeepsTheNewestCurrent() async throws {
        try await TestApp.withBrowser { app, _ in
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            let professional = try await app.user("professional@lindewaard.example")
            let database = app.services.database.database
            // Back to the schema before the rule, with the duplicates that schema allowed.
            try await OneCurrentConsent().revert(on: database)
            let sql = app.services.database.sql
            let organisation = UUID()
            for (day, recipient) in [("2026-01-05", Optional(organisation)), ("2026-03-01", organisation), ("2026-02-01", organisation),
                                     ("2026-01-01", nil), ("2026-01-01", nil)] {
                try await sql.insert(into: "consents")
                    .columns("id", "person_id", "purpose", "form", "given_on", "recorded_by", "recipient_organisation_id")
                    .values(SQLBind(UUID()), SQLBind(trajectory.personID), SQLBind("share_with_provider"), SQLBind("verbal"), SQLBind(day),
                            SQLBind(professional.id), SQLBind(recipient))
                    .run()
            }
            try await OneCurrentConsent().prepare(on: database)
            let grants = try await app.services.consents.grants(personID: trajectory.personID)
            let forProvider = grants.filter { $0.recipient != nil }
            #expect(forProvider.filter(\.isCurrent).map(\.recordedOn.description) == ["2026-03-01"], "the newest stays current")
            #expect(Set(forProvider.compactMap(\.supersededOn?.description)) == ["2026-03-01"], "the older ones end when the newest was given")
            #expect(grants.filter { $0.purpose == .shareWithProvider && $0.recipient == nil && $0.isCurrent }.count == 1, "same-day duplicates: one stays")
        }
    }
}
