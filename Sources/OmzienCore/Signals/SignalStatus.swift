/// Where a signal is in its life, as staff see it.
public enum SignalStatus: String, CaseIterable, Sendable, Codable {
    /// Received; waiting for a first contact.
    case new
    /// Someone tried to reach the person but has not reached them yet.
    case contacting
    /// The person was reached and is thinking about it, or an appointment was made; a follow-up date is set.
    case inConversation = "in_conversation"
    /// The person agreed to support: a trajectory starts.
    case consented
    /// The person declined for now; a follow-up date is set.
    case declined
    /// Contact was made and there turned out to be no concern.
    case noConcern = "no_concern"
    /// Folded into an earlier signal about the same person.
    case merged
    /// Identifying details removed after the retention period.
    case anonymised

    /// What a reporter may see: received, in contact or completed — nothing more.
    public var publicStatus: PublicSignalStatus {
        switch self {
        case .new: .received
        case .contacting, .inConversation, .consented, .declined: .inContact
        case .noConcern, .anonymised: .completed
        case .merged: .inContact
        }
    }

    /// Whether the signal still waits for a first contact (counts towards overdue).
    public var awaitsFirstContact: Bool { self == .new || self == .contacting }

    /// Whether the signal is still open (shown in the triage queue, considered for duplicates).
    public var isOpen: Bool { self == .new || self == .contacting || self == .inConversation || self == .declined }

    /// Whether the signal waits for a follow-up on a set date (a "no for now", or a conversation that goes on).
    public var hasFollowUp: Bool { self == .declined || self == .inConversation }
}

public enum PublicSignalStatus: String, Sendable, Codable {
    case received, inContact = "in_contact", completed
}

/// The outcome of one attempt to reach the person.
public enum ContactOutcome: String, CaseIterable, Sendable, Codable {
    /// Whether the next contact needs a date (a "no for now" is asked again later; a conversation goes on).
    public var needsFollowUp: Bool { self == .declined || self == .reached }

    case notReached = "not_reached"
    /// Reached: thinking about it, or an appointment was made. Needs the date of the next contact.
    case reached
    case consented
    case declined
    case noConcern = "no_concern"

    /// The signal's status after this outcome.
    public var resultingStatus: SignalStatus {
        switch self {
        case .notReached: .contacting
        case .reached: .inConversation
        case .consented: .consented
        case .declined: .declined
        case .noConcern: .noConcern
        }
    }
}

/// How someone reached or gave consent.
public enum ContactChannel: String, CaseIterable, Sendable, Codable {
    case phone, visit, letter, email, other
}

public enum ConsentForm: String, CaseIterable, Sendable, Codable {
    case verbal, written, digital
}
