import Foundation
import OmzienCore

/// The person a signal is about, as stored.
public struct Person: Sendable, Equatable {
    public var id: UUID
    public var municipalityID: UUID
    public var teamID: UUID?
    public var name: String
    public var birthYear: Int?
    public var ageBand: AgeBand
    public var postcode: String?
    public var houseNumber: String?
    public var street: String?
    public var phone: String?
    public var knownToPartner: Bool?

    var key: PersonKey { PersonKey(name: name, birthYear: birthYear, postcode: postcode, houseNumber: houseNumber) }
}

/// A signal as stored.
public struct Signal: Sendable, Equatable {
    public var id: UUID
    public var municipalityID: UUID
    public var personID: UUID
    public var teamID: UUID?
    public var districtID: UUID?
    public var referenceCode: String
    public var source: SignalSource
    public var reporterRelation: ReporterRelation
    public var reporterName: String?
    public var reporterEmail: String?
    public var reporterPhone: String?
    public var reporterUserID: UUID?
    public var reporterOrganisationID: UUID?
    public var concern: String
    public var indicators: [SignalIndicator]
    public var duration: ConcernDuration
    public var status: SignalStatus
    public var receivedAt: Date
    public var contactDue: CivilDate
    public var followUpOn: CivilDate?
    public var mergedInto: UUID?

    /// The reporter left contact details, so they may look up the status.
    public var reporterCanFollow: Bool { reporterEmail != nil || reporterPhone != nil || reporterUserID != nil }

    public var scope: RecordScope { RecordScope(municipalityID: municipalityID.uuidString, teamID: teamID?.uuidString) }
}

/// One recorded attempt to reach the person.
public struct ContactAttempt: Sendable, Equatable {
    public var id: UUID
    public var onDate: CivilDate
    public var channel: ContactChannel
    public var outcome: ContactOutcome
    public var note: String
    public var consentForm: ConsentForm?
    public var declineReason: String?
    public var recordedBy: UUID
}

/// What a new signal consists of before it is stored.
public struct SignalDraft: Sendable, Equatable {
    public var source: SignalSource
    public var reporterRelation: ReporterRelation
    public var reporterName: String?
    public var reporterEmail: String?
    public var reporterPhone: String?
    public var reporterUserID: UUID?
    public var reporterOrganisationID: UUID?
    public var concern: String
    public var indicators: [SignalIndicator]
    public var duration: ConcernDuration
    public var personName: String
    public var birthYear: Int?
    public var ageBand: AgeBand
    public var postcode: String?
    public var houseNumber: String?
    public var street: String?
    public var phone: String?
}
