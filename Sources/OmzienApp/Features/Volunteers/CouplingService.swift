import Foundation
import OmzienCore

/// Gathers what the coupling engine needs from the registry, the waiting list and the trajectories,
/// and runs the proposal. The engine itself (rules and solver) lives in the domain core.
struct CouplingService {
    let services: AppServices
    var repository: CouplingRepository { services.couplings }

    /// A volunteer with their registry facts and how many couplings they have open.
    struct Volunteer {
        let account: UserAccount
        let details: VolunteerDetails?
        let openCouplings: Int
        var profile: VolunteerProfile? { details?.profile(id: account.id, activeCouplings: openCouplings) }
    }

    /// A person on the waiting list, with their trajectory and where they live.
    struct Waiting {
        let request: CouplingRequest
        let trajectory: Trajectory
        let person: Person
        let district: District?
        let candidate: CouplingCandidate
    }

    func volunteers(municipalityID: UUID) async throws -> [Volunteer] {
        let accounts = try await services.users.users(municipalityID: municipalityID, role: .volunteer).filter(\.active)
        let details = try await repository.volunteerDetails(userIDs: accounts.map(\.id))
        let open = try await repository.openCouplingCounts(municipalityID: municipalityID)
        return accounts.map { Volunteer(account: $0, details: details[$0.id], openCouplings: open[$0.id] ?? 0) }
    }

    func waiting(municipalityID: UUID) async throws -> [Waiting] {
        var result: [Waiting] = []
        for request in try await repository.requests(municipalityID: municipalityID, status: .waiting) {
            if let waiting = try await waiting(request) { result.append(waiting) }
        }
        return result
    }

    func waiting(_ request: CouplingRequest) async throws -> Waiting? {
        guard let trajectory = try await services.trajectories.trajectory(id: request.trajectoryID, municipalityID: request.municipalityID),
              let person = try await services.signals.person(id: trajectory.personID, municipalityID: request.municipalityID)
        else { return nil }
        let district = try await services.signalService.district(forPostcode: person.postcode, in: [request.municipalityID])
        let today = services.clock.today
        let candidate = CouplingCandidate(
            id: request.id.uuidString, interests: request.interests, languages: request.languages, availability: request.availability,
            districtID: district?.id.uuidString, age: person.birthYear.map { today.year - $0 }, gender: request.gender,
            preferredVolunteerGender: request.preferredVolunteerGender, prefersOtherDistrict: request.prefersOtherDistrict,
            waitingSince: request.waitingSince, excludedVolunteers: Set(request.excluded.map(\.uuidString)))
        return Waiting(request: request, trajectory: trajectory, person: person, district: district, candidate: candidate)
    }

    /// The optimal proposal for the whole waiting list against every volunteer with a complete registry entry.
    func proposal(municipalityID: UUID) async throws -> (CouplingProposal, [Waiting], [Volunteer]) {
        let waiting = try await waiting(municipalityID: municipalityID)
        let volunteers = try await volunteers(municipalityID: municipalityID)
        let profiles = volunteers.compactMap(\.profile)
        let proposal = CouplingProposal.make(people: waiting.map(\.candidate), volunteers: profiles, today: services.clock.today)
        return (proposal, waiting, volunteers)
    }
}
