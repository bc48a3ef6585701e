import Testing
@testable import OmzienCore

@Suite struct ReferralRulesTests {
    @Test func onlyTheLoopsStepsAreAllowedAndEachByItsSide() {
        let allowed: Set<String> = [
            "sent>accepted:receiver", "sent>declined:receiver", "accepted>started:receiver", "accepted>declined:receiver",
            "accepted>unsuccessful:receiver", "started>successful:receiver", "started>unsuccessful:receiver",
            "sent>withdrawn:referrer", "accepted>withdrawn:referrer",
        ]
        for from in ReferralStatus.allCases {
            for to in ReferralStatus.allCases {
                for (actor, name) in [(ReferralStatus.Actor.receiver, "receiver"), (.referrer, "referrer")] {
                    #expect(from.canMove(to: to, by: actor) == allowed.contains("\(from.rawValue)>\(to.rawValue):\(name)"), "\(from)→\(to) by \(name)")
                }
            }
        }
        #expect(ReferralStatus.allCases.filter(\.isOpen) == [.sent, .accepted, .started])
    }

    @Test func aReferralIsOverdueOnlyWhileUnansweredPastTheTerm() {
        let sent = CivilDate(year: 2026, month: 11, day: 2)!
        #expect(!ReferralRules.isOverdue(status: .sent, sentOn: sent, today: sent.adding(days: 10), answerDays: 10))
        #expect(ReferralRules.isOverdue(status: .sent, sentOn: sent, today: sent.adding(days: 11), answerDays: 10))
        #expect(!ReferralRules.isOverdue(status: .accepted, sentOn: sent, today: sent.adding(days: 30), answerDays: 10))
    }
}
