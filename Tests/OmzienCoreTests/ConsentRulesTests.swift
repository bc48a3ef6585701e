import Testing
@testable import OmzienCore

@Suite struct ConsentRulesTests {
    let day = CivilDate(year: 2026, month: 11, day: 23)!

    @Test func aConsentCoversItsPurposeAndRecipientUntilItExpiresOrIsWithdrawn() {
        let coupling = ConsentGrant(id: "1", purpose: .coupling, recordedOn: day)
        let share = ConsentGrant(id: "2", purpose: .shareWithProvider, recipient: "ORG-A", recordedOn: day, expiresOn: day.adding(days: 30))
        let grants = [coupling, share]
        #expect(ConsentRules.permits(grants, .coupling, on: day))
        #expect(!ConsentRules.permits(grants, .coupling, on: day.adding(days: -1)), "not before it was given")
        #expect(ConsentRules.permits(grants, .shareWithProvider, recipient: "org-a", on: day.adding(days: 30)))
        #expect(!ConsentRules.permits(grants, .shareWithProvider, recipient: "ORG-A", on: day.adding(days: 31)), "expired")
        #expect(!ConsentRules.permits(grants, .shareWithProvider, recipient: "ORG-B", on: day), "another organisation")
        #expect(!ConsentRules.permits(grants, .feedbackToReferrer, on: day), "another purpose")
        var withdrawn = coupling
        withdrawn.withdrawnOn = day.adding(days: 5)
        #expect(ConsentRules.permits([withdrawn], .coupling, on: day.adding(days: 4)))
        #expect(!ConsentRules.permits([withdrawn], .coupling, on: day.adding(days: 5)), "a withdrawal counts from its own day")
        let anyProvider = ConsentGrant(id: "3", purpose: .shareWithProvider, recordedOn: day)
        #expect(ConsentRules.permits([anyProvider], .shareWithProvider, recipient: "ORG-B", on: day), "no recipient named: any provider")
    }
}
