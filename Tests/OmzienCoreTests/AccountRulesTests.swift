import Testing
@testable import OmzienCore

@Suite struct LoginThrottleTests {
    let throttle = LoginThrottle(maxFailures: 3, lockSeconds: 600, windowSeconds: 300)

    @Test func locksAfterMaxFailuresAndUnlocksLater() {
        var state = LoginThrottle.State()
        for second in 0..<2 {
            state = throttle.recordFailure(state, now: Double(second))
            #expect(throttle.remainingLock(state, now: Double(second)) == nil)
        }
        state = throttle.recordFailure(state, now: 2)
        #expect(throttle.remainingLock(state, now: 2) == 600)
        #expect(throttle.remainingLock(state, now: 601) == 1)
        #expect(throttle.remainingLock(state, now: 602) == nil)
    }

    @Test func failuresOutsideTheWindowStartAfresh() {
        var state = throttle.recordFailure(.init(), now: 0)
        state = throttle.recordFailure(state, now: 1)
        state = throttle.recordFailure(state, now: 1000)
        #expect(state.failures == 1)
        #expect(throttle.remainingLock(state, now: 1000) == nil)
    }

    @Test func anExpiredLockResetsTheCount() {
        var state = LoginThrottle.State()
        for second in 0..<3 { state = throttle.recordFailure(state, now: Double(second)) }
        state = throttle.recordFailure(state, now: 700)
        #expect(state.failures == 1)
        #expect(state.lockedUntil == nil)
    }

    @Test func successForgetsFailures() {
        #expect(throttle.recordSuccess() == LoginThrottle.State())
    }
}

@Suite struct PasswordRulesTests {
    @Test func lengthBounds() {
        #expect(PasswordRules.problem(with: "kort", email: "a@b.nl") == .tooShort)
        #expect(PasswordRules.problem(with: String(repeating: "ab3", count: 50), email: "a@b.nl") == .tooLong)
        #expect(PasswordRules.problem(with: "lange zin met spaties", email: "a@b.nl") == nil)
    }

    @Test(arguments: ["Welkom2026!!!", "wachtwoord123", "Password1234", "!!zomer2025zomer", "welkomwelkom", "qwertyuiop12",
                      "123456789012", "abcdefghijkl", "Omzien-2026-!", "ikhouvanjou12", "1qaz2wsx3edc", "aaaaaaaaaaaa", "abababababab",
                      "2026-12-31 2026", "Feyenoord1908!"])
    func refusesBreachedPatterns(password: String) {
        #expect(PasswordRules.problem(with: password, email: "a@b.nl") == .tooCommon, "\(password)")
    }

    @Test(arguments: ["Blauwe fiets op de dijk", "koffie-met-tante-Riek", "Zeven zwanen zwemmen", "tr0mpet-Lindelaan-12", "hkg7Lq2mWx9p"])
    func acceptsPasswordsThatAreNotAPattern(password: String) {
        #expect(PasswordRules.problem(with: password, email: "a@b.nl") == nil, "\(password)")
    }

    @Test func refusesCommonAndPersonalPasswords() {
        #expect(PasswordRules.problem(with: "Wachtwoord123", email: "a@b.nl") == .tooCommon)
        #expect(PasswordRules.problem(with: "abababababab", email: "a@b.nl") == .tooCommon)
        #expect(PasswordRules.problem(with: "janssen-geheim-2026", email: "Janssen@b.nl") == .containsEmail)
    }
}

@Suite struct EmailAddressTests {
    @Test func normalises() {
        #expect(EmailAddress("  Piet@Example.NL ")?.value == "piet@example.nl")
    }

    @Test(arguments: ["", "piet", "piet@", "@example.nl", "piet@example", "pi et@example.nl", "a@b@c.nl", "piet@.nl", "piet@nl."])
    func rejects(text: String) {
        #expect(EmailAddress(text) == nil)
    }
}
