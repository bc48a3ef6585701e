import Foundation
import OmzienCore

/// Receiving a signal: find the district and municipality from the postcode, route it to a team,
/// set the first-contact target and keep a reference code. No HTTP here.
struct SignalService: Sendable {
    let signals: SignalRepository
    let organisations: OrganisationRepository
    let routingRules: RoutingRuleRepository
    let clock: AppClock
    let firstContactWorkingDays: Int

    /// The district (and so the municipality) a postcode lies in, searching `municipalities` in order.
    func district(forPostcode text: String?, in municipalityIDs: [UUID]) async throws -> District? {
        guard let text, let postcode = Postcode(text) else { return nil }
        for municipalityID in municipalityIDs {
            for district in try await organisations.districts(municipalityID: municipalityID) {
                let ranges = (try? PostcodeRanges.parse(district.postcodeRanges)) ?? []
                if ranges.contains(where: { $0.contains(postcode) }) { return district }
            }
        }
        return nil
    }

    /// The team a signal goes to: the municipality's own rules first, then each team's districts.
    func team(municipalityID: UUID, districtID: UUID?, ageBand: AgeBand, partnerType: OrganisationType?) async throws -> UUID? {
        let teams = try await organisations.teams(municipalityID: municipalityID)
        let rules = try await routingRules.rules(municipalityID: municipalityID).map(\.rule)
            + SignalRouting.districtRules(teams: teams.map { ($0.id.uuidString, $0.districtIDs.map(\.uuidString)) })
        let facts = RoutingFacts(districtID: districtID?.uuidString, ageBand: ageBand, partnerType: partnerType)
        return SignalRouting.team(for: facts, rules: rules).flatMap(UUID.init(uuidString:))
    }

    /// Stores a signal for `municipalityID` and returns it.
    func receive(_ draft: SignalDraft, municipalityID: UUID, districtID: UUID?, partnerType: OrganisationType? = nil) async throws -> Signal {
        let teamID = try await team(municipalityID: municipalityID, districtID: districtID, ageBand: draft.ageBand, partnerType: partnerType)
        let due = WorkingDays.adding(firstContactWorkingDays, to: clock.today)
        // A collision of two random 50-bit codes is unlikely; try again rather than fail if it happens.
        for attempt in 1...3 {
            do {
                return try await signals.create(draft, municipalityID: municipalityID, teamID: teamID, districtID: districtID,
                                                code: .random(), receivedAt: clock.now(), contactDue: due)
            } catch where attempt < 3 {
                continue
            }
        }
        throw AppError.badRequest("could not store signal")
    }
}
