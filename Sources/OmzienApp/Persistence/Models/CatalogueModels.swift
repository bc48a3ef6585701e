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

/// The consent registry: consents get a recipient organisation and an expiry.
struct ExtendConsents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds columns one at a time.
        try await database.schema(ConsentModel.schema).field("recipient_organisation_id", .uuid).update()
        try await database.schema(ConsentModel.schema).field("expires_on", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ConsentModel.schema).deleteField("recipient_organisation_id").update()
        try await database.schema(ConsentModel.schema).deleteField("expires_on").update()
    }
}

/// Feedback to the referrer is a consent of its own.
struct AddReferralFeedbackConsent: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ReferralModel.schema).field("feedback_consent", .bool).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReferralModel.schema).deleteField("feedback_consent").update()
    }
}

/// The province of a municipality, which HSDS addresses require.
struct AddMunicipalityProvince: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MunicipalityModel.schema).field("province", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MunicipalityModel.schema).deleteField("province").update()
    }
}

struct CreateCatalogueSchema: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CatalogueActivityModel.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(MunicipalityModel.schema, "id"))
            .field("organisation_id", .uuid, .required, .references(OrganisationModel.schema, "id"))
            .field("name", .string, .required).field("status", .string, .required).field("data", .string, .required)
            .field("checked_on", .string).field("updated_at", .datetime).field("created_at", .datetime)
            .create()
        try await database.schema(OrganisationProfileModel.schema)
            .id()
            .field("organisation_id", .uuid, .required, .references(OrganisationModel.schema, "id", onDelete: .cascade))
            .field("description", .string, .required).field("email", .string, .required).field("website", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "organisation_id")
            .create()
        try await database.schema(ReferralModel.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(MunicipalityModel.schema, "id"))
            .field("activity_id", .uuid, .required, .references(CatalogueActivityModel.schema, "id"))
            .field("organisation_id", .uuid, .required).field("trajectory_id", .uuid).field("person_id", .uuid)
            .field("referrer_id", .uuid, .required)
            .field("person_name", .string, .required).field("person_phone", .string, .required).field("person_birth_year", .int)
            .field("request", .string, .required).field("status", .string, .required)
            .field("decline_reason", .string).field("outcome_reason", .string).field("feedback", .string, .required)
            .field("sent_on", .string, .required).field("answered_on", .string).field("started_on", .string).field("completed_on", .string)
            .field("updated_at", .datetime)
            .create()
        try await database.schema(ReferralConsentModel.schema)
            .id()
            .field("referral_id", .uuid, .required, .references(ReferralModel.schema, "id", onDelete: .cascade))
            .field("recipient_organisation_id", .uuid, .required).field("form", .string, .required)
            .field("recorded_by", .uuid, .required).field("recorded_on", .string, .required).field("withdrawn_on", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [ReferralConsentModel.schema, ReferralModel.schema, OrganisationProfileModel.schema, CatalogueActivityModel.schema] {
            try await database.schema(schema).delete()
        }
    }
}
