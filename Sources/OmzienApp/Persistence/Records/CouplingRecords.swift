import FluentKit
import SQLKit
import Foundation
import OmzienCore

/// The registry facts of a volunteer, as the coordinator keeps them.
public struct VolunteerDetails: Sendable, Equatable {
    public var intakeOn: CivilDate?
    public var vogOn: CivilDate?
    public var vogExpiresOn: CivilDate?
    public var trainingDone = false
    public var interests: Set<Interest> = []
    public var languages: Set<String> = ["nl"]
    public var availability: Set<Slot> = []
    /// Districts willing to work in; nil = anywhere.
    public var districts: Set<UUID>?
    public var gender: Gender?
    public var preferredGender: Gender?
    public var preferredAge: ClosedRange<Int>?
    public var maxCouplings = 1
    public var travel = Travel.bike
    public var phone = ""

    public init() {}

    /// The engine's view of this volunteer.
    public func profile(id: UUID, activeCouplings: Int) -> VolunteerProfile {
        VolunteerProfile(
            id: id.uuidString, interests: interests, languages: languages, availability: availability,
            districts: districts.map { Set($0.map(\.uuidString)) }, gender: gender, preferredGender: preferredGender,
            preferredAge: preferredAge, maxCouplings: maxCouplings, activeCouplings: activeCouplings, vogExpiresOn: vogExpiresOn,
            trainingDone: trainingDone, travel: travel)
    }
}

public enum CouplingRequestStatus: String, Sendable { case waiting, coupled, withdrawn }

/// A person's request for a volunteer, from their trajectory.
public struct CouplingRequest: Sendable, Equatable {
    public var id: UUID
    public var municipalityID: UUID
    public var trajectoryID: UUID
    public var interests: Set<Interest>
    public var languages: Set<String>
    public var availability: Set<Slot>
    public var gender: Gender?
    public var preferredVolunteerGender: Gender?
    public var prefersOtherDistrict: Bool
    public var excluded: Set<UUID>
    public var note: String
    public var waitingSince: CivilDate
    public var status: CouplingRequestStatus
}

public enum CouplingStatus: String, Sendable, CaseIterable { case proposed, active, ended, cancelled }
public enum CouplingEnd: String, Sendable, CaseIterable { case planned, early, friendship }
public enum CheckInMood: String, Sendable, CaseIterable { case good, fine, difficult }

public struct Coupling: Sendable, Equatable {
    public var id: UUID
    public var municipalityID: UUID
    public var requestID: UUID
    public var trajectoryID: UUID
    public var volunteerID: UUID
    public var status: CouplingStatus
    public var personAgreedOn: CivilDate?
    public var volunteerAgreedOn: CivilDate?
    public var proposedOn: CivilDate
    public var startOn: CivilDate?
    public var periodMonths: Int
    public var checkinDays: Int
    public var goalIDs: [UUID]
    public var score: Double
    public var reasons: [CouplingReason]
    public var endedOn: CivilDate?
    public var endKind: CouplingEnd?
    public var endReason: String?
    public var endNote: String?
}

public struct CouplingCheckIn: Sendable, Equatable {
    public var onDate: CivilDate
    public var what: String
    public var how: CheckInMood
    public var byUser: UUID
}

public struct BackupRequest: Sendable, Equatable {
    public var id: UUID
    public var couplingID: UUID
    public var askedAt: Date
    public var note: String
    public var resolvedAt: Date?
}
