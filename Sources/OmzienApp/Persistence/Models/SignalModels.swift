import FluentKit
import Foundation
import OmzienCore

/// A person someone is worried about. Signals about the same person accumulate here.
final class PersonModel: Model, @unchecked Sendable {
    static let schema = "persons"
    @ID var id: UUID?
    @Parent(key: "municipality_id") var municipality: MunicipalityModel
    @OptionalParent(key: "team_id") var team: TeamModel?
    @Field(key: "name") var name: String
    @OptionalField(key: "birth_year") var birthYear: Int?
    @Field(key: "age_band") var ageBand: String
    @OptionalField(key: "postcode") var postcode: String?
    @OptionalField(key: "house_number") var houseNumber: String?
    @OptionalField(key: "street") var street: String?
    @OptionalField(key: "phone") var phone: String?
    /// Set by the professional at first contact: was this person already known to a partner?
    @OptionalField(key: "known_to_partner") var knownToPartner: Bool?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}

    init(municipalityID: UUID, teamID: UUID?, name: String, birthYear: Int?, ageBand: AgeBand, postcode: String?,
         houseNumber: String?, street: String?, phone: String?) {
        self.$municipality.id = municipalityID
        self.$team.id = teamID
        self.name = name
        self.birthYear = birthYear
        self.ageBand = ageBand.rawValue
        self.postcode = postcode
        self.houseNumber = houseNumber
        self.street = street
        self.phone = phone
    }
}

final class SignalModel: Model, @unchecked Sendable {
    static let schema = "signals"
    @ID var id: UUID?
    @Parent(key: "municipality_id") var municipality: MunicipalityModel
    @Parent(key: "person_id") var person: PersonModel
    @OptionalParent(key: "team_id") var team: TeamModel?
    @OptionalParent(key: "district_id") var district: DistrictModel?
    @Field(key: "reference_code") var referenceCode: String
    @Field(key: "source") var source: String
    @Field(key: "reporter_relation") var reporterRelation: String
    @OptionalField(key: "reporter_name") var reporterName: String?
    @OptionalField(key: "reporter_email") var reporterEmail: String?
    @OptionalField(key: "reporter_phone") var reporterPhone: String?
    @OptionalField(key: "reporter_user_id") var reporterUserID: UUID?
    @OptionalField(key: "reporter_organisation_id") var reporterOrganisationID: UUID?
    @Field(key: "concern") var concern: String
    @Field(key: "indicators") var indicators: String
    @Field(key: "duration") var duration: String
    @Field(key: "status") var status: String
    @Field(key: "received_at") var receivedAt: Date
    /// The Dutch calendar date of `receivedAt` (yyyy-MM-dd), for period filters and day counts in SQL.
    @OptionalField(key: "received_on") var receivedOn: String?
    /// Target date for the first contact (yyyy-MM-dd).
    @Field(key: "contact_due") var contactDue: String
    @OptionalField(key: "follow_up_on") var followUpOn: String?
    @OptionalField(key: "merged_into") var mergedInto: UUID?
    init() {}
}

final class ContactAttemptModel: Model, @unchecked Sendable {
    static let schema = "contact_attempts"
    @ID var id: UUID?
    @Parent(key: "signal_id") var signal: SignalModel
    @Field(key: "on_date") var onDate: String
    @Field(key: "channel") var channel: String
    @Field(key: "outcome") var outcome: String
    @Field(key: "note") var note: String
    @OptionalField(key: "consent_form") var consentForm: String?
    @OptionalField(key: "decline_reason") var declineReason: String?
    /// For a refusal: the follow-up date set at that moment (the signal's own date moves on with later attempts).
    @OptionalField(key: "follow_up_on") var followUpOn: String?
    @Field(key: "recorded_by") var recordedBy: UUID
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

/// A consent in the person's registry: for what, to whom, how, until when; withdrawn or replaced.
final class ConsentModel: Model, @unchecked Sendable {
    static let schema = "consents"
    @ID var id: UUID?
    @Parent(key: "person_id") var person: PersonModel
    @Field(key: "purpose") var purpose: String
    @Field(key: "form") var form: String
    @Field(key: "given_on") var givenOn: String
    @Field(key: "recorded_by") var recordedBy: UUID
    @OptionalField(key: "withdrawn_on") var withdrawnOn: String?
    /// The organisation the consent is for (nil: not limited to one).
    @OptionalField(key: "recipient_organisation_id") var recipientOrganisationID: UUID?
    @OptionalField(key: "expires_on") var expiresOn: String?
    /// The day a newer consent of the same purpose and recipient replaced this one.
    @OptionalField(key: "superseded_on") var supersededOn: String?
    init() {}
}
