import Foundation
import OmzienCore
@testable import OmzienApp

/// Signals made directly through the service, for tests that start from an existing signal.
enum SignalFixtures {
    static func draft(name: String = "Truus Bakker", postcode: String? = "9403 AB", houseNumber: String? = "12",
                      birthYear: Int? = 1941, email: String? = "buurman@example.nl") -> SignalDraft {
        SignalDraft(
            source: .resident, reporterRelation: .neighbour, reporterName: email == nil ? nil : "Henk Buurman", reporterEmail: email,
            reporterPhone: nil, reporterUserID: nil, reporterOrganisationID: nil,
            concern: "De gordijnen zijn al een week dicht.", indicators: [.curtainsClosed, .withdrawn], duration: .weeks,
            personName: name, birthYear: birthYear, ageBand: birthYear.map { AgeBand.of(birthYear: $0, in: 2026) } ?? .unknown,
            postcode: postcode, houseNumber: houseNumber, street: "Lindelaan", phone: nil)
    }

    /// A trajectory started from a consented signal in the demo professional's team.
    static func trajectoryInProfessionalsTeam(_ app: TestApp) async throws -> Trajectory {
        let signal = try await signalInProfessionalsTeam(app)
        let professional = try await app.user("professional@lindewaard.example")
        try await app.services.signals.record(
            ContactAttempt(id: UUID(), onDate: app.services.clock.today, channel: .visit, outcome: .consented, note: "", consentForm: .verbal,
                           declineReason: nil, recordedBy: professional.id),
            signal: signal, followUpOn: nil)
        return try await app.services.trajectories.start(
            municipalityID: signal.municipalityID, personID: signal.personID, teamID: signal.teamID, professionalID: professional.id,
            signalID: signal.id, on: app.services.clock.today, by: professional.id)
    }

    /// A signal in district Noord, which the demo's team Noord-Oost serves (the demo professional's team).
    static func signalInProfessionalsTeam(_ app: TestApp, draft: SignalDraft = draft()) async throws -> Signal {
        let lindewaard = try await app.municipality("GM9901")
        let district = try await app.services.signalService.district(forPostcode: draft.postcode, in: [lindewaard.id])
        return try await app.services.signalService.receive(draft, municipalityID: lindewaard.id, districtID: district?.id)
    }

    /// The demo professional records that the person consented (a visit, verbal consent), as after a first contact.
    static func recordConsent(_ app: TestApp, _ signal: Signal) async throws {
        let professional = try await app.user("professional@lindewaard.example")
        try await app.services.signals.record(
            ContactAttempt(id: UUID(), onDate: app.services.clock.today, channel: .visit, outcome: .consented, note: "", consentForm: .verbal,
                           declineReason: nil, recordedBy: professional.id),
            signal: signal, followUpOn: nil)
    }
}
