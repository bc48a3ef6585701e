import FluentKit
import Foundation
import OmzienCore

/// A referral as the app sees it. What the receiving organisation may see is `shared`; the rest stays with the referrer.
public struct Referral: Sendable, Equatable {
    public var id: UUID
    public var municipalityID: UUID
    public var activityID: UUID
    public var organisationID: UUID
    public var trajectoryID: UUID?
    public var referrerID: UUID
    public var personName: String
    public var personPhone: String
    public var personBirthYear: Int?
    public var request: String
    public var status: ReferralStatus
    public var declineReason: ReferralReason?
    public var outcomeReason: ReferralReason?
    public var feedback: String
    /// The person agreed that the provider reports back to the referrer.
    public var feedbackConsent: Bool
    public var sentOn: CivilDate
    public var answeredOn: CivilDate?
    public var startedOn: CivilDate?
    public var completedOn: CivilDate?
    /// The goal of the plan this referral serves, if the referrer named one.
    public var goalID: UUID? = nil
}

/// What a new referral needs, with the consent it was given under.
public struct NewReferral: Sendable {
    public var activity: CatalogueActivity
    public var trajectoryID: UUID?
    public var referrerID: UUID
    public var personName: String
    public var personPhone: String
    public var personBirthYear: Int?
    public var request: String
    public var consentForm: ConsentForm
    /// Set when a coordinator referred without consent (an emergency); the reason goes into the audit trail.
    public var overridden = false
    public var feedbackConsent = false
    /// The goal of the trajectory's plan the referral serves.
    public var goalID: UUID? = nil
}
