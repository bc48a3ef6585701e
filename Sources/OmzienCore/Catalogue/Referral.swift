/// The closed loop of a referral (Welzijn op Recept): sent → accepted / declined / withdrawn → started →
/// completed, successful or not with a reason. Referral systems are judged on whether this loop closes.
public enum ReferralStatus: String, CaseIterable, Sendable, Codable {
    case sent, accepted, declined, withdrawn, started, successful, unsuccessful

    /// Whether the referral still waits for someone to act.
    public var isOpen: Bool { self == .sent || self == .accepted || self == .started }

    /// Who may move a referral where: the receiving organisation answers and reports; the referrer withdraws.
    public enum Actor: Sendable { case receiver, referrer }

    public func canMove(to next: ReferralStatus, by actor: Actor) -> Bool {
        switch (self, next, actor) {
        case (.sent, .accepted, .receiver), (.sent, .declined, .receiver): true
        case (.accepted, .started, .receiver), (.accepted, .declined, .receiver): true
        // A person who never started can still be reported as not successful (e.g. could not be reached).
        case (.accepted, .unsuccessful, .receiver): true
        case (.started, .successful, .receiver), (.started, .unsuccessful, .receiver): true
        case (.sent, .withdrawn, .referrer), (.accepted, .withdrawn, .referrer): true
        default: false
        }
    }
}

/// Why a referral did not succeed (or was declined).
public enum ReferralReason: String, CaseIterable, Sendable, Codable {
    case personDeclined = "person_declined", noCapacity = "no_capacity", needsChanged = "needs_changed"
    case couldNotBeReached = "not_reached", other
}

public enum ReferralRules {
    /// A referral not answered within `answerDays` days after it was sent is overdue.
    public static func isOverdue(status: ReferralStatus, sentOn: CivilDate, today: CivilDate, answerDays: Int) -> Bool {
        status == .sent && sentOn.adding(days: answerDays) < today
    }
}
