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

    @Test func aNewConsentReplacesTheCurrentOneOfItsScopeAndARepeatChangesNothing() {
        let share = ConsentGrant(id: "A", purpose: .shareWithProvider, recipient: "ORG-A", recordedOn: day)
        let other = ConsentGrant(id: "B", purpose: .shareWithProvider, recipient: "ORG-B", recordedOn: day)
        let feedback = ConsentGrant(id: "F", purpose: .feedbackToReferrer, recordedOn: day)
        let grants = [share, other, feedback]
        let later = day.adding(days: 3)
        #expect(ConsentRules.recording(purpose: .shareWithProvider, recipient: "org-a", among: grants, on: later) { _ in true } == .unchanged(id: "A"),
                "the same word twice is stored once (the recipient compared without case)")
        #expect(ConsentRules.recording(purpose: .shareWithProvider, recipient: "ORG-A", among: grants, on: later) { _ in false } == .replace(id: "A"),
                "another form or expiry replaces the current grant")
        #expect(ConsentRules.recording(purpose: .shareWithProvider, recipient: nil, among: grants, on: later) { _ in true } == .add,
                "any provider is a scope of its own")
        #expect(ConsentRules.recording(purpose: .coupling, recipient: nil, among: grants, on: later) { _ in true } == .add)
        #expect(ConsentRules.recording(purpose: .feedbackToReferrer, recipient: nil, among: grants, on: later) { _ in true } == .unchanged(id: "F"))
        var expired = share
        expired.expiresOn = day.adding(days: 1)
        #expect(ConsentRules.recording(purpose: .shareWithProvider, recipient: "ORG-A", among: [expired], on: later) { _ in true } == .replace(id: "A"),
                "an expired grant is renewed by replacing it")
        var withdrawn = share
        withdrawn.withdrawnOn = day.adding(days: 1)
        var superseded = share
        superseded.supersededOn = day.adding(days: 1)
        #expect(ConsentRules.recording(purpose: .shareWithProvider, recipient: "ORG-A", among: [withdrawn, superseded], on: later) { _ in true } == .add,
                "withdrawn and replaced grants are history, not current")
        #expect(!superseded.isValid(on: day.adding(days: 1)) && superseded.isValid(on: day), "a replacement counts from its own day")
    }

    @Test func aWithdrawalEndsEveryCurrentGrantThatWouldStillPermitWhatWasWithdrawn() {
        let shareA = ConsentGrant(id: "A", purpose: .shareWithProvider, recipient: "ORG-A", recordedOn: day)
        let shareB = ConsentGrant(id: "B", purpose: .shareWithProvider, recipient: "ORG-B", recordedOn: day)
        let anyProvider = ConsentGrant(id: "ANY", purpose: .shareWithProvider, recordedOn: day)
        let coupling = ConsentGrant(id: "C", purpose: .coupling, recordedOn: day)
        var old = shareA
        old.id = "OLD"
        old.supersededOn = day
        let grants = [shareA, shareB, anyProvider, coupling, old]
        #expect(Set(ConsentRules.endedByWithdrawal(of: shareA, among: grants).map(\.id)) == ["A", "ANY"],
                "the any-provider grant would still let provider A see the person")
        #expect(Set(ConsentRules.endedByWithdrawal(of: anyProvider, among: grants).map(\.id)) == ["A", "B", "ANY"])
        #expect(ConsentRules.endedByWithdrawal(of: coupling, among: grants).map(\.id) == ["C"])
        // After ending them, nothing withdrawn is permitted any more, and the rest still is.
        let withdrawDay = day.adding(days: 2)
        let ended = Set(ConsentRules.endedByWithdrawal(of: shareA, among: grants).map(\.id))
        let after = grants.map { grant in
            var grant = grant
            if ended.contains(grant.id) { grant.withdrawnOn = withdrawDay }
            return grant
        }
        #expect(!ConsentRules.permits(after, .shareWithProvider, recipient: "ORG-A", on: withdrawDay))
        #expect(ConsentRules.permits(after, .shareWithProvider, recipient: "ORG-B", on: withdrawDay))
        #expect(ConsentRules.permits(after, .coupling, on: withdrawDay))
    }
}
