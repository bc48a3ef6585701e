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
    /// The day a newer consent for the same purpose and recipient took its place.
    public var supersededOn: CivilDate?

    public init(id: String, purpose: ConsentPurpose, recipient: String? = nil, recordedOn: CivilDate, expiresOn: CivilDate? = nil,
                withdrawnOn: CivilDate? = nil, supersededOn: CivilDate? = nil) {
        self.id = id
        self.purpose = purpose
        self.recipient = recipient
        self.recordedOn = recordedOn
        self.expiresOn = expiresOn
        self.withdrawnOn = withdrawnOn
        self.supersededOn = supersededOn
    }

    /// Still the person's word for its purpose and recipient: neither withdrawn nor replaced by a newer one.
    /// At most one grant per purpose and recipient is current (a database constraint keeps it so).
    public var isCurrent: Bool { withdrawnOn == nil && supersededOn == nil }

    /// Valid on `date`: given by then, not expired, not withdrawn, not replaced (both count from their own day).
    public func isValid(on date: CivilDate) -> Bool {
        recordedOn <= date && (expiresOn.map { date <= $0 } ?? true) && (withdrawnOn.map { date < $0 } ?? true)
            && (supersededOn.map { date < $0 } ?? true)
    }

    /// Whether this grant and `other` speak of the same purpose and the same recipient (nil: any recipient).
    public func hasSameScope(as other: ConsentGrant) -> Bool {
        purpose == other.purpose && recipient?.lowercased() == other.recipient?.lowercased()
    }
}

/// What recording a consent does to the registry, given the current grant of the same purpose and recipient.
public enum ConsentRecording: Equatable, Sendable {
    /// No current grant: the new one is added.
    case add
    /// The same word is already on record and valid (a repeated click, a second referral to the same provider):
    /// nothing is stored twice.
    case unchanged(id: String)
    /// The current grant differs (another form or expiry, or it has expired): the new one takes its place from today.
    case replace(id: String)
}

public enum ConsentRules {
    /// How to record a new consent for `purpose` and `recipient` among the person's `grants`: one current
    /// grant per purpose and recipient, so a new word replaces the old one instead of standing beside it.
    /// `sameTerms` tells whether the current grant was given in the same form with the same expiry.
    public static func recording(purpose: ConsentPurpose, recipient: String?, among grants: [ConsentGrant], on date: CivilDate,
                                 sameTerms: (ConsentGrant) -> Bool) -> ConsentRecording {
        let scope = ConsentGrant(id: "", purpose: purpose, recipient: recipient, recordedOn: date)
        guard let current = grants.first(where: { $0.isCurrent && $0.hasSameScope(as: scope) }) else { return .add }
        return current.isValid(on: date) && sameTerms(current) ? .unchanged(id: current.id) : .replace(id: current.id)
    }

    /// The grants a withdrawal of `withdrawn` ends: every current grant of the same purpose that would still
    /// let the same disclosure through. Withdrawing "share with provider A" also ends a "share with any provider"
    /// grant, because that one covers A too; withdrawing "any provider" ends the grants for each provider.
    /// The person's words are the widest reading: after a withdrawal nothing they withdrew is still permitted.
    public static func endedByWithdrawal(of withdrawn: ConsentGrant, among grants: [ConsentGrant]) -> [ConsentGrant] {
        grants.filter { grant in
            grant.isCurrent && grant.purpose == withdrawn.purpose
                && (withdrawn.recipient == nil || grant.recipient == nil || grant.recipient?.lowercased() == withdrawn.recipient?.lowercased())
        }
    }

    /// Whether some valid consent covers disclosing for `purpose` to `recipient` on `date`.
    public static func permits(_ grants: [ConsentGrant], _ purpose: ConsentPurpose, recipient: String? = nil, on date: CivilDate) -> Bool {
        grants.contains { grant in
            grant.purpose == purpose && grant.isValid(on: date)
                && (grant.recipient == nil || grant.recipient?.lowercased() == recipient?.lowercased())
        }
    }
}
