import Foundation
import OmzienCore

/// Two people on the demo professional's caseload whose suggestions show the matching rules at work:
/// Riet Hoving, known only as "75 tot 85" (no birth year), emotionally lonely since her husband died four
/// months ago; and Henk Zwart, 72, socially lonely after a move, who told the professional he is gay.
/// Both are in an open trajectory, so a referral route into welfare is not suggested to them.
enum DemoPeople {
    static let widow = "Riet Hoving"
    static let newcomer = "Henk Zwart"

    /// Seeds both people with a trajectory in the given team (the demo's Noord-Oost) and their listening answers;
    /// returns each name's trajectory.
    @discardableResult
    static func seed(into services: AppServices, municipalityID: UUID, teamID: UUID, professionalID: UUID) async throws -> [String: UUID] {
        let today = services.clock.today
        let riet = try await person(services, municipalityID, teamID, professionalID, name: widow, birthYear: nil, band: .from75to84, postcode: "9403 AB",
                         number: "31", started: today.adding(days: -30)) { a in
            a.situation = "Haar man is vier maanden geleden overleden. Ze mist hem en heeft niemand meer om haar dag mee te delen."
            a.causeGroups = [.networkChange]
            a.forms = [.emotional]
            a.lifeEvents = [.partnerDied]
        }
        let born = today.year - 72
        let henk = try await person(services, municipalityID, teamID, professionalID, name: newcomer, birthYear: born,
                         band: AgeBand.of(birthYear: born, in: today.year), postcode: "9405 CD", number: "8", started: today.adding(days: -20)) { a in
            a.situation = "Vorig jaar naar Lindewaard verhuisd; kent hier nog bijna niemand. Vertelde zelf dat hij homo is."
            a.causeGroups = [.networkChange]
            a.forms = [.social]
            a.lifeEvents = [.moved]
            a.groups = ["lgbti"]
        }
        return [widow: riet, newcomer: henk]
    }

    static func person(_ services: AppServices, _ municipalityID: UUID, _ teamID: UUID, _ professionalID: UUID, name: String, birthYear: Int?,
                       band: AgeBand, postcode: String, number: String, started: CivilDate,
                       listening: @escaping @Sendable (inout Assessment) -> Void) async throws -> UUID {
        let person = try await services.signals.createPerson(
            municipalityID: municipalityID, teamID: teamID, name: name, birthYear: birthYear, ageBand: band, postcode: postcode,
            houseNumber: number, phone: nil, consent: .verbal, on: started, recordedBy: professionalID)
        let trajectory = try await services.trajectories.start(
            municipalityID: municipalityID, personID: person.id, teamID: teamID, professionalID: professionalID, signalID: nil, on: started, by: professionalID)
        try await services.trajectories.update(trajectory.id, on: started, kind: "listen", text: "", by: professionalID) { listening(&$0.assessment) }
        return trajectory.id
    }
}
