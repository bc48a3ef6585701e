import FluentKit
import Foundation

/// An activity on the social map. The full entry is JSON (the core's `CatalogueActivity`); the columns are
/// what lists filter and sort on.
final class CatalogueActivityModel: Model, @unchecked Sendable {
    static let schema = "catalogue_activities"
    @ID var id: UUID?
    @Parent(key: "municipality_id") var municipality: MunicipalityModel
    @Parent(key: "organisation_id") var organisation: OrganisationModel
    @Field(key: "name") var name: String
    @Field(key: "status") var status: String
    @Field(key: "data") var data: String
    @OptionalField(key: "checked_on") var checkedOn: String?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

/// What the social map adds to a partner organisation: a description and where to find it.
final class OrganisationProfileModel: Model, @unchecked Sendable {
    static let schema = "organisation_profiles"
    @ID var id: UUID?
    @Parent(key: "organisation_id") var organisation: OrganisationModel
    @Field(key: "description") var description: String
    @Field(key: "email") var email: String
    @Field(key: "website") var website: String
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}
}

/// The person's consent to share the referral with the receiving organisation: how given, by whom
/// recorded, when, and its withdrawal. Recorded with the referral; the server refuses a referral without it.
final class ReferralConsentModel: Model, @unchecked Sendable {
    static let schema = "referral_consents"
    @ID var id: UUID?
    @Parent(key: "referral_id") var referral: ReferralModel
    @Field(key: "recipient_organisation_id") var recipientOrganisationID: UUID
    @Field(key: "form") var form: String
    @Field(key: "recorded_by") var recordedBy: UUID
    @Field(key: "recorded_on") var recordedOn: String
    @OptionalField(key: "withdrawn_on") var withdrawnOn: String?
    init() {}
}

/// A referral to an activity: who referred whom, what it shares, and the closed loop of answers.
final class ReferralModel: Model, @unchecked Sendable {
    static let schema = "referrals"
    @ID var id: UUID?
    @Parent(key: "municipality_id") var municipality: MunicipalityModel
    @Parent(key: "activity_id") var activity: CatalogueActivityModel
    @Field(key: "organisation_id") var organisationID: UUID
    @OptionalField(key: "trajectory_id") var trajectoryID: UUID?
    /// The goal of the plan the referral serves (from a file only).
    @OptionalField(key: "goal_id") var goalID: UUID?
    @OptionalField(key: "person_id") var personID: UUID?
    @Field(key: "referrer_id") var referrerID: UUID
    @Field(key: "person_name") var personName: String
    @Field(key: "person_phone") var personPhone: String
    @OptionalField(key: "person_birth_year") var personBirthYear: Int?
    @Field(key: "request") var request: String
    @Field(key: "status") var status: String
    @OptionalField(key: "decline_reason") var declineReason: String?
    @OptionalField(key: "outcome_reason") var outcomeReason: String?
    @Field(key: "feedback") var feedback: String
    /// Whether the person consented to feedback from the provider to the referrer (nil for older rows: no).
    @OptionalField(key: "feedback_consent") var feedbackConsent: Bool?
    @Field(key: "sent_on") var sentOn: String
    @OptionalField(key: "answered_on") var answeredOn: String?
    @OptionalField(key: "started_on") var startedOn: String?
    @OptionalField(key: "completed_on") var completedOn: String?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}
}
