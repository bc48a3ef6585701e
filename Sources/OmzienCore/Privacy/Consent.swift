/// The consent registry (privacy issue): for what a person consented, to whom, how, until when — and
/// its withdrawal, which stops every later disclosure at once.
public enum ConsentPurpose: String, CaseIterable, Sendable {
    /// Support by the welfare organisation (the first conversation's consent).
    case support
    /// Sharing with a named provider for a referral.
    case shareWithProvider = "share_with_provider"
    /// Coupling with a volunteer (first name, phone and goals go to the volunteer).
    case coupling
    /// Feedback from the provider to the referrer.
    case feedbackToReferrer = "feedback_to_referrer"
    /// Contact by a partner organisation.
    case contactByPartner = "contact_by_partner"
}

/// One recorded consent.
public struct ConsentGrant: Sendable, Equatable {
    public var id: String
    public var purpose: ConsentPurpose
    /// The organisation it is for; nil = not limited to one organisation.
    public var recipient: String?
    public var recordedOn: CivilDate
    public var expiresOn: CivilDate?
    public var withdrawnOn: CivilDate?

    public init(id: String, purpose: ConsentPurpose, recipient: String? = nil, recordedOn: CivilDate, expiresOn: CivilDate? = nil,
                withdrawnOn: CivilDate? = nil) {
        self.id = id
        self.purpose = purpose
        self.recipient = recipient
        self.recordedOn = recordedOn
        self.expiresOn = expiresOn
        self.withdrawnOn = withdrawnOn
    }

    /// Valid on `date`: given by then, not expired, not withdrawn (a withdrawal counts from its own day).
    public func isValid(on date: CivilDate) -> Bool {
        recordedOn <= date && (expiresOn.map { date <= $0 } ?? true) && (withdrawnOn.map { date < $0 } ?? true)
    }
}

public enum ConsentRules {
    /// Whether some valid consent covers disclosing for `purpose` to `recipient` on `date`.
    public static func permits(_ grants: [ConsentGrant], _ purpose: ConsentPurpose, recipient: String? = nil, on date: CivilDate) -> Bool {
        grants.contains { grant in
            grant.purpose == purpose && grant.isValid(on: date)
                && (grant.recipient == nil || grant.recipient?.lowercased() == recipient?.lowercased())
        }
    }
}
