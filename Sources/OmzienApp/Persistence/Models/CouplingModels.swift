import FluentKit
import Foundation

/// What the coordinator keeps about a volunteer (a user with the volunteer role). Lists are comma-separated codes.
final class VolunteerProfileModel: Model, @unchecked Sendable {
    static let schema = "volunteer_profiles"
    @ID var id: UUID?
    @Parent(key: "user_id") var user: UserModel
    @Parent(key: "municipality_id") var municipality: MunicipalityModel
    @OptionalField(key: "intake_on") var intakeOn: String?
    @OptionalField(key: "vog_on") var vogOn: String?
    @OptionalField(key: "vog_expires_on") var vogExpiresOn: String?
    @Field(key: "training_done") var trainingDone: Bool
    @Field(key: "interests") var interests: String
    @Field(key: "languages") var languages: String
    @Field(key: "availability") var availability: String
    /// District ids, or nil for anywhere.
    @OptionalField(key: "districts") var districts: String?
    @OptionalField(key: "gender") var gender: String?
    @OptionalField(key: "preferred_gender") var preferredGender: String?
    @OptionalField(key: "preferred_age_min") var preferredAgeMin: Int?
    @OptionalField(key: "preferred_age_max") var preferredAgeMax: Int?
    @Field(key: "max_couplings") var maxCouplings: Int
    @Field(key: "travel") var travel: String
    @Field(key: "phone") var phone: String
    init() {}
}

/// A person waiting for a volunteer: what they hope for, since when.
final class CouplingRequestModel: Model, @unchecked Sendable {
    static let schema = "coupling_requests"
    @ID var id: UUID?
    @Parent(key: "municipality_id") var municipality: MunicipalityModel
    @Parent(key: "trajectory_id") var trajectory: TrajectoryModel
    @Field(key: "interests") var interests: String
    @Field(key: "languages") var languages: String
    @Field(key: "availability") var availability: String
    @OptionalField(key: "gender") var gender: String?
    @OptionalField(key: "preferred_volunteer_gender") var preferredVolunteerGender: String?
    @Field(key: "prefers_other_district") var prefersOtherDistrict: Bool
    /// Volunteer user ids this person must not be coupled with.
    @Field(key: "excluded") var excluded: String
    @Field(key: "note") var note: String
    @Field(key: "waiting_since") var waitingSince: String
    @Field(key: "status") var status: String
    @Field(key: "created_by") var createdBy: UUID
    init() {}
}

/// A coupling of a person with a volunteer, from proposal to end.
final class CouplingModel: Model, @unchecked Sendable {
    static let schema = "couplings"
    @ID var id: UUID?
    @Parent(key: "municipality_id") var municipality: MunicipalityModel
    @Parent(key: "request_id") var request: CouplingRequestModel
    @Parent(key: "trajectory_id") var trajectory: TrajectoryModel
    @Field(key: "volunteer_id") var volunteerID: UUID
    @Field(key: "status") var status: String
    @OptionalField(key: "person_agreed_on") var personAgreedOn: String?
    @OptionalField(key: "person_agreement_by") var personAgreementBy: UUID?
    @OptionalField(key: "volunteer_agreed_on") var volunteerAgreedOn: String?
    @Field(key: "proposed_on") var proposedOn: String
    @OptionalField(key: "start_on") var startOn: String?
    @Field(key: "period_months") var periodMonths: Int
    @Field(key: "checkin_days") var checkinDays: Int
    /// Goal ids of the person's plan that the coupling serves.
    @Field(key: "goal_ids") var goalIDs: String
    @Field(key: "score") var score: Double
    /// The explanation shown at proposal time, kept as it was (JSON).
    @Field(key: "reasons") var reasons: String
    @OptionalField(key: "ended_on") var endedOn: String?
    @OptionalField(key: "end_kind") var endKind: String?
    @OptionalField(key: "end_reason") var endReason: String?
    @OptionalField(key: "end_note") var endNote: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

/// A contact the volunteer logged.
final class CouplingCheckInModel: Model, @unchecked Sendable {
    static let schema = "coupling_checkins"
    @ID var id: UUID?
    @Parent(key: "coupling_id") var coupling: CouplingModel
    @Field(key: "on_date") var onDate: String
    @Field(key: "what") var what: String
    @Field(key: "how") var how: String
    @Field(key: "by_user") var byUser: UUID
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

/// "I need backup": the volunteer's call for the responsible professional.
final class BackupRequestModel: Model, @unchecked Sendable {
    static let schema = "coupling_backup_requests"
    @ID var id: UUID?
    @Parent(key: "coupling_id") var coupling: CouplingModel
    @Field(key: "asked_at") var askedAt: Date
    @Field(key: "note") var note: String
    @OptionalField(key: "resolved_at") var resolvedAt: Date?
    @OptionalField(key: "resolved_by") var resolvedBy: UUID?
    init() {}
}
