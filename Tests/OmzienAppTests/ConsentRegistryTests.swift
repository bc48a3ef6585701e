import Foundation
import Hummingbird
import HummingbirdTesting
import OmzienCore
import Testing
@testable import OmzienApp

@Suite struct ConsentRegistryTests {
    @Test func aWithdrawnReferralConsentStopsTheNextDisclosureToTheProvider() async throws {
        try await TestApp.withBrowser { app, browser in
            let activity = try #require(try await CatalogueWebTests.seeded(app).first { $0.name == "Huiskamer van de buurt" })
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            try await browser.login("professional@lindewaard.example")
            let form = "/verwijzingen/nieuw?activiteit=\(activity.id)&traject=\(trajectory.id)"
            let prefilled = try await browser.get(form)
            #expect(prefilled.contains(#"value="Truus Bakker""#), "the person's details come from the trajectory")
            let sent = try await browser.post("/verwijzingen", [("activity", activity.id), ("trajectory", trajectory.id.uuidString), ("person_name", "Truus Bakker"),
                                                                ("person_phone", "0590-111111"), ("request", "Wil graag onder de mensen komen."),
                                                                ("consent_form", "verbal"), ("consent", "on")], tokenFrom: form)
            #expect(sent.status == .seeOther)
            let registry = try await browser.get("/trajecten/\(trajectory.id)/toestemming")
            #expect(registry.contains("delen met een aanbieder (verwijzing)") && registry.contains("Buurthuis De Schakel"))
            try await browser.logout()

            let referral = try #require(try await app.services.referrals.referrals(municipalityID: trajectory.municipalityID).first)
            try await browser.login("provider@lindewaard.example")
            #expect(try await browser.get("/verwijzingen/\(referral.id)").contains("Wil graag onder de mensen komen."))
            try await browser.logout()

            // The person withdraws: the next look shows nothing of them, and no step can be taken.
            try await browser.login("professional@lindewaard.example")
            let page = try await browser.get("/trajecten/\(trajectory.id)/toestemming")
            let withdraw = try #require(page.body.firstMatch(of: /action="(\/trajecten\/[^"]+\/intrekken)" method="post" class="inline-form" data-purpose="share_with_provider"/)
                .map { String($0.1) })
            try await browser.post(withdraw, tokenFrom: "/trajecten/\(trajectory.id)/toestemming")
            #expect(try await browser.get("/trajecten/\(trajectory.id)/toestemming").contains("ingetrokken op"))
            try await browser.logout()
            try await browser.login("provider@lindewaard.example")
            let after = try await browser.get("/verwijzingen/\(referral.id)")
            #expect(!after.contains("Wil graag onder de mensen komen.") && !after.contains("Truus") && after.contains("geen geldige toestemming"))
            let path = "/verwijzingen/\(referral.id)"
            #expect(try await browser.post(path + "/status", [("status", "accepted")], tokenFrom: "/verwijzingen/ontvangen").status == .forbidden)
        }
    }

    @Test func couplingNeedsConsentAndAWithdrawalHidesThePersonFromTheVolunteer() async throws {
        try await TestApp.withBrowser { app, browser in
            let trajectory = try await CouplingWebTests.waitingPerson(app, browser)
            let volunteer = try await app.user("volunteer@lindewaard.example")
            try await browser.login("coordinator@lindewaard.example")
            _ = try await CouplingWebTests.register(browser, volunteerID: volunteer.id)
            // A request without the person's consent (e.g. recorded before the registry) is refused at coupling.
            let second = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            let hopes = try #require(try await app.services.couplings.requests(municipalityID: trajectory.municipalityID).first)
            let unconsented = try await app.services.couplings.addRequest(trajectory: second, hopes: hopes, createdBy: volunteer.id)
            let refused = try await browser.post("/koppelen", [("request_id", unconsented.uuidString), ("volunteer_id", volunteer.id.uuidString)],
                                                 tokenFrom: "/koppelen")
            #expect(refused.status == .badRequest)
            // With consent (recorded with the buddy request) it goes ahead.
            let accepted = try await browser.post("/koppelen", [("request_id", hopes.id.uuidString), ("volunteer_id", volunteer.id.uuidString)],
                                                  tokenFrom: "/koppelen")
            #expect(accepted.status == .seeOther)
            try await browser.logout()
            let coupling = try #require(try await app.services.couplings.couplings(municipalityID: trajectory.municipalityID, trajectoryID: trajectory.id).first)
            try await browser.login("volunteer@lindewaard.example")
            #expect(try await browser.get("/mijn-koppelingen/\(coupling.id)").contains("<dd>Truus</dd>"))
            try await browser.logout()

            try await browser.login("professional@lindewaard.example")
            let registry = try await browser.get("/trajecten/\(trajectory.id)/toestemming")
            let withdraw = try #require(registry.body.firstMatch(of: /action="(\/trajecten\/[^"]+\/intrekken)" method="post" class="inline-form" data-purpose="coupling"/)
                .map { String($0.1) })
            try await browser.post(withdraw, tokenFrom: "/trajecten/\(trajectory.id)/toestemming")
            try await browser.logout()
            try await browser.login("volunteer@lindewaard.example")
            let after = try await browser.get("/mijn-koppelingen/\(coupling.id)")
            #expect(!after.contains("Truus") && !after.contains("Samen wandelen") && after.contains("toestemming voor deze koppeling ingetrokken"))
        }
    }

    @Test func recordingAConsentChecksItsFields() async throws {
        try await TestApp.withBrowser { app, browser in
            let trajectory = try await SignalFixtures.trajectoryInProfessionalsTeam(app)
            try await browser.login("professional@lindewaard.example")
            let path = "/trajecten/\(trajectory.id)/toestemming"
            let bad = try await browser.post(path, [("purpose", "share_with_provider"), ("form", "written"), ("expires_on", "2001-01-01")], tokenFrom: path)
            #expect(bad.status == .unprocessableContent && bad.contains("Kies de aanbieder") && bad.contains("niet in het verleden"))
            #expect(bad.contains(#"value="2001-01-01""#))
            try await browser.post(path, [("purpose", "contact_by_partner"), ("form", "written"), ("expires_on", "2030-01-01")], tokenFrom: path)
            let grants = try await app.services.consents.grants(personID: trajectory.personID)
            #expect(grants.contains { $0.purpose == .contactByPartner && $0.expiresOn?.description == "2030-01-01" })
        }
    }
}

@Suite struct ConsentOverrideTests {
    @Test func onlyACoordinatorMayReferWithoutConsentAndOnlyWithAnAuditedReason() async throws {
        try await TestApp.withBrowser { app, browser in
            let activity = try #require(try await CatalogueWebTests.seeded(app).first { $0.name == "Huiskamer van de buurt" })
            let fields = [("activity", activity.id), ("person_name", "Kees Noodgeval"), ("person_phone", "06-22223333"), ("request", "Acuut alleen"),
                          ("override_reason", "Persoon is verward; huisarts belt vandaag nog.")]
            try await browser.login("referrer@lindewaard.example")
            #expect(try await browser.post("/verwijzingen", fields, tokenFrom: "/verwijzingen/nieuw").status == .unprocessableContent, "not for a GP")
            try await browser.logout()
            try await browser.login("coordinator@lindewaard.example")
            #expect(!(try await browser.post("/verwijzingen", Array(fields.dropLast()), tokenFrom: "/verwijzingen/nieuw").status == .seeOther),
                    "no reason, no referral")
            let overridden = try await browser.post("/verwijzingen", fields, tokenFrom: "/verwijzingen/nieuw")
            #expect(overridden.status == .seeOther)
            let municipalityID = try await app.municipality("GM9901").id
            let referral = try #require(try await app.services.referrals.referrals(municipalityID: municipalityID).first)
            let trail = try await app.services.auditTrail.entries(AuditQuery(municipalityID: municipalityID, recordType: "consent_override"))
            #expect(trail.first?.recordID == referral.id.uuidString && trail.first?.detail.contains("verward") == true)
            try await browser.logout()
            try await browser.login("provider@lindewaard.example")
            #expect(try await browser.get("/verwijzingen/\(referral.id)").contains("Acuut alleen"), "the provider can act on it")
        }
    }
}
