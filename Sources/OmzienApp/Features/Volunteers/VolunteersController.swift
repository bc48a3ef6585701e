import Foundation
import Hummingbird
import OmzienCore

/// The coordinator's side of volunteer coupling: the registry, the waiting list, the optimal proposal
/// with its explanations, and accepting, swapping or rejecting pairs.
struct VolunteersController {
    let services: AppServices
    var renderer: Renderer { services.renderer }
    var repository: CouplingRepository { services.couplings }
    var coupling: CouplingService { CouplingService(services: services) }

    func addRoutes(to group: RouterGroup<StaffRequestContext>) {
        group.get(.volunteers, use: registry)
        group.get(.volunteer(.routeKey)) { request, context in
            let volunteer = try await loadVolunteer(context)
            let details = try await repository.volunteerDetails(userIDs: [volunteer.id])[volunteer.id]
            try await services.audit.record(.read, "volunteer", id: volunteer.id.uuidString, context: context)
            return try await renderVolunteer(volunteer, form: CouplingForms.formData(details), errors: FieldErrors(), context: context, request: request)
        }
        group.post(.volunteer(.routeKey), use: saveVolunteer)
        group.get(.waitingList, use: waitingList)
        group.get(.couplingProposal, use: proposal)
        group.post(.waitingList, use: accept)
        group.post(.couplingExclude, use: exclude)
    }

    func texts(_ context: StaffRequestContext, districts: [District] = []) -> CouplingTexts {
        CouplingTexts(renderer: renderer, language: context.language,
                      districtNames: Dictionary(uniqueKeysWithValues: districts.map { ($0.id.uuidString, $0.name) }))
    }

    // MARK: Registry

    @Sendable func registry(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let texts = texts(context)
        let today = services.clock.today
        let volunteers = try await coupling.volunteers(municipalityID: context.municipalityID)
        try await services.audit.record(.list, "volunteer", detail: "\(volunteers.count) volunteers", context: context)
        let rows = volunteers.map { volunteer in
            let blockers = volunteer.profile.map { CouplingRules.volunteerBlockers($0, today: today) } ?? []
            let status = volunteer.details == nil ? texts.t("volunteer_no_registry")
                : blockers.isEmpty ? texts.t("volunteer_can_couple") : blockers.map(texts.blocker).joined(separator: "; ")
            return VolunteersPage.Row(
                name: volunteer.account.name, href: Route.volunteer(volunteer.account.id).href,
                vog: volunteer.details?.vogExpiresOn.map { DateText.short($0, context.language) } ?? "—",
                training: texts.t(volunteer.details?.trainingDone == true ? "yes" : "no"),
                capacity: "\(volunteer.openCouplings) / \(volunteer.details?.maxCouplings ?? 0)",
                status: status, blocked: volunteer.details == nil || !blockers.filter { $0 != .atCapacity }.isEmpty)
        }
        let page = VolunteersPage(rows: rows, notice: request.has(.saved) ? texts.t("volunteer_saved") : nil)
        return renderer.page(page, title: texts.t("volunteers_title"), context: context, request: request)
    }

    func loadVolunteer(_ context: StaffRequestContext) async throws -> UserAccount {
        guard let user = try await services.users.user(id: try context.uuidParameter("id")), user.municipalityID == context.municipalityID,
              user.role == .volunteer else { throw AppError.notFound }
        return user
    }

    @Sendable func saveVolunteer(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let volunteer = try await loadVolunteer(context)
        let form = try await request.form()
        var errors = FieldErrors()
        let districts = try await services.organisations.districts(municipalityID: context.municipalityID)
        guard let details = CouplingForms.volunteer(form, errors: &errors, texts: texts(context, districts: districts)) else {
            return try await renderVolunteer(volunteer, form: form, errors: errors, context: context, request: request, status: .unprocessableContent)
        }
        try await repository.saveVolunteer(userID: volunteer.id, municipalityID: context.municipalityID, details)
        try await services.audit.record(.update, "volunteer", id: volunteer.id.uuidString, context: context)
        return redirect(to: .volunteers, .saved)
    }

    func renderVolunteer(_ volunteer: UserAccount, form: FormData, errors: FieldErrors, context: StaffRequestContext, request: Request,
                         status: HTTPResponse.Status = .ok) async throws -> Response {
        let districts = try await services.organisations.districts(municipalityID: context.municipalityID)
        let view = CouplingForms.volunteerForm(form, errors: errors, action: .volunteer(volunteer.id), csrf: context.csrfToken,
                                               texts: texts(context), districts: districts)
        return renderer.page(FormPage(form: view, back: .init(label: renderer.text("volunteers_back", context.language), route: .volunteers)),
                             title: renderer.text("volunteer_edit_title", context.language, volunteer.name),
                             context: context, request: request, status: status)
    }

    // MARK: Waiting list and proposal

    @Sendable func waitingList(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let districts = try await services.organisations.districts(municipalityID: context.municipalityID)
        let texts = texts(context, districts: districts)
        let today = services.clock.today
        let waiting = try await coupling.waiting(municipalityID: context.municipalityID)
        let open = try await repository.couplings(municipalityID: context.municipalityID, statuses: [.proposed, .active])
        let volunteerNames = Dictionary(uniqueKeysWithValues: try await coupling.volunteers(municipalityID: context.municipalityID).map { ($0.account.id, $0.account.name) })
        let checkIns = try await repository.checkIns(couplingIDs: open.map(\.id))
        let backups = try await repository.backupRequests(couplingIDs: open.map(\.id), openOnly: true)
        try await services.audit.record(.list, "coupling_request", detail: "\(waiting.count) waiting, \(open.count) couplings", context: context)
        let waitingRows = waiting.map { item in
            CouplingWaitingPage.Waiting(
                name: item.person.name, district: item.district?.name ?? "—",
                since: DateText.short(item.request.waitingSince, context.language), days: String(today.dayNumber - item.request.waitingSince.dayNumber),
                hopes: [texts.interests(item.request.interests), texts.slots(item.request.availability)].filter { !$0.isEmpty }.joined(separator: " · "))
        }
        var coupled: [CouplingWaitingPage.Coupled] = []
        for item in open {
            let person = try await personName(trajectoryID: item.trajectoryID, municipalityID: context.municipalityID)
            let last = checkIns[item.id]?.first?.onDate
            let due = (last ?? item.startOn).map { $0.adding(days: item.checkinDays) }
            coupled.append(CouplingWaitingPage.Coupled(
                href: Route.coupling(item.id).href, person: person, volunteer: volunteerNames[item.volunteerID] ?? "—",
                status: texts.t("coupling_status_\(item.status.rawValue)"), lastCheckIn: last.map { DateText.short($0, context.language) } ?? "—",
                checkInOverdue: item.status == .active && (due.map { $0 < today } ?? false),
                backup: backups.contains { $0.couplingID == item.id }))
        }
        let page = CouplingWaitingPage(waiting: waitingRows, couplings: coupled)
        return renderer.page(page, title: texts.t("coupling_waiting_title"), context: context, request: request)
    }

    func personName(trajectoryID: UUID, municipalityID: UUID) async throws -> String {
        guard let trajectory = try await services.trajectories.trajectory(id: trajectoryID, municipalityID: municipalityID),
              let person = try await services.signals.person(id: trajectory.personID, municipalityID: municipalityID) else { return "—" }
        return person.name
    }

    @Sendable func proposal(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let districts = try await services.organisations.districts(municipalityID: context.municipalityID)
        let texts = texts(context, districts: districts)
        let (proposal, waiting, volunteers) = try await coupling.proposal(municipalityID: context.municipalityID)
        let people = Dictionary(uniqueKeysWithValues: waiting.map { ($0.request.id.uuidString, $0) })
        let names = Dictionary(uniqueKeysWithValues: volunteers.map { ($0.account.id.uuidString, $0.account.name) })
        try await services.audit.record(.list, "coupling_request", detail: "proposal: \(proposal.pairs.count) pairs", context: context)
        let pairs = proposal.pairs.compactMap { pair -> CouplingProposalPage.Pair? in
            guard let person = people[pair.personID] else { return nil }
            let choices = [(pair.volunteerID, pair.compatibility.score)] + pair.alternatives.map { ($0.volunteerID, $0.score) }
            return CouplingProposalPage.Pair(
                person: person.person.name, district: person.district?.name ?? "—", volunteer: names[pair.volunteerID] ?? "—",
                score: String(format: "%.0f", pair.compatibility.score), reasons: pair.compatibility.reasons.map(texts.reason),
                requestID: pair.personID, volunteerID: pair.volunteerID,
                choices: choices.map { id, score in
                    FieldView.Option(value: id, label: "\(names[id] ?? "—") (\(String(format: "%.0f", score)))"
                                        + (id == pair.volunteerID ? " — \(texts.t("coupling_proposed_marker"))" : ""),
                                     selected: id == pair.volunteerID)
                })
        }
        let unmatched = proposal.unmatched.compactMap { item -> CouplingProposalPage.Unmatched? in
            guard let person = people[item.personID] else { return nil }
            let reason: String = switch item.reason {
            case .volunteersTaken: texts.t("coupling_unmatched_taken")
            case .noPossibleVolunteer(let blockers):
                renderer.text("coupling_unmatched_none", context.language, blockers.map(texts.blocker).joined(separator: "; "))
            }
            return CouplingProposalPage.Unmatched(person: person.person.name, reason: reason)
        }
        let available = volunteers.compactMap(\.profile).filter { CouplingRules.volunteerBlockers($0, today: services.clock.today).isEmpty }.count
        let summary = renderer.text("coupling_proposal_summary", context.language, String(waiting.count), String(available),
                                    String(volunteers.count), renderer.count("count_pairs", proposal.pairs.count, context.language),
                                    String(format: "%.0f", proposal.total))
        let page = CouplingProposalPage(summary: summary, pairs: pairs, unmatched: unmatched, csrf: context.csrfToken)
        return renderer.page(page, title: texts.t("coupling_proposal_title"), context: context, request: request)
    }

    /// Accepts a pair (the proposed volunteer or one swapped in): the coupling waits for both sides to agree.
    @Sendable func accept(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let form = try await request.form()
        guard let requestID = UUID(uuidString: form["request_id"]), let volunteerID = UUID(uuidString: form["volunteer_id"]),
              let waitingRequest = try await repository.request(id: requestID, municipalityID: context.municipalityID),
              waitingRequest.status == .waiting,
              let waiting = try await coupling.waiting(waitingRequest)
        else { throw AppError.notFound }
        let volunteers = try await coupling.volunteers(municipalityID: context.municipalityID)
        guard let volunteer = volunteers.first(where: { $0.account.id == volunteerID }), let profile = volunteer.profile else { throw AppError.notFound }
        // Coupling discloses the person to a volunteer: only with their (not withdrawn) consent.
        guard ConsentRules.permits(try await services.consents.grants(personID: waiting.person.id), .coupling, on: services.clock.today) else {
            try await services.audit.record(.accessDenied, "coupling_request", id: waitingRequest.id.uuidString, detail: "no coupling consent", context: context)
            throw AppError.badRequest("no consent")
        }
        // The server checks the hard constraints again: the list may have changed since the proposal was drawn.
        let compatibility = CouplingRules.assess(waiting.candidate, profile, today: services.clock.today)
        guard compatibility.isPossible else {
            throw AppError.badRequest(compatibility.blockers.map(\.rawValue).joined(separator: ","))
        }
        let goals = try await services.trajectories.goals(waiting.trajectory.id).filter { $0.resource == .volunteer && $0.status == .open }
        let id = try await repository.propose(
            request: waitingRequest, volunteerID: volunteerID, compatibility: compatibility, goalIDs: goals.map(\.id),
            periodMonths: 12, checkinDays: 14, on: services.clock.today)
        try await services.audit.record(.create, "coupling", id: id.uuidString, detail: "volunteer \(volunteerID)", context: context)
        return redirect(to: .coupling(id))
    }

    /// Rejects a pair: this volunteer is not proposed for this person again.
    @Sendable func exclude(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let form = try await request.form()
        guard let requestID = UUID(uuidString: form["request_id"]), let volunteerID = UUID(uuidString: form["volunteer_id"]),
              try await repository.request(id: requestID, municipalityID: context.municipalityID) != nil
        else { throw AppError.notFound }
        try await repository.exclude(volunteerID: volunteerID, requestID: requestID)
        try await services.audit.record(.update, "coupling_request", id: requestID.uuidString, detail: "excluded \(volunteerID)", context: context)
        return redirect(to: .couplingProposal)
    }
}
