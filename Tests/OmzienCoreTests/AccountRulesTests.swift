import Testing
@testable import OmzienCore

@Suite struct LoginThrottleTests {
    @Test func aHardLockWaitsTheWholeLockFromTheLimitOn() {
        let lock = LoginThrottle.lock(after: 3, seconds: 600)
        #expect(lock.wait(afterAttempt: 2) == nil)
        #expect(lock.wait(afterAttempt: 3) == 600)
        #expect(lock.wait(afterAttempt: 9) == 600)
        #expect(lock.windowSeconds == 600)
    }

    @Test func aDelayGrowsStepByStepUpToItsLongestWait() {
        let delay = LoginThrottle.delay(after: 5, firstWait: 30, longestWait: 900)
        #expect(delay.wait(afterAttempt: 4) == nil)
        #expect((5...10).map { delay.wait(afterAttempt: $0) } == [30, 60, 120, 240, 480, 900])
        #expect(delay.wait(afterAttempt: 50) == 900)
    }

    @Test func minutesAreRoundedUpAndNeverZero() {
        #expect(LoginThrottle.minutes(1) == 1)
        #expect(LoginThrottle.minutes(61) == 2)
        #expect(LoginThrottle.minutes(900) == 15)
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
