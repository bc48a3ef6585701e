import Foundation
import Hummingbird
import OmzienCore

/// A coupling as the coordinator and the person's professional follow it, and the professional's request
/// for a volunteer from the trajectory.
struct CouplingsController {
    let services: AppServices
    var renderer: Renderer { services.renderer }
    var repository: CouplingRepository { services.couplings }

    static let endReasons = ["person_declined", "volunteer_stopped", "needs_changed", "moved", "no_click", "other"]

    func addRoutes(to group: RouterGroup<StaffRequestContext>) {
        group.get(.trajectoryBuddy(.routeKey)) { request, context in
            let (trajectory, person) = try await loadTrajectory(context)
            return try await renderRequest(trajectory, person, form: FormData(["languages": ["nl"]]), errors: FieldErrors(), context: context, request: request)
        }
        group.post(.trajectoryBuddy(.routeKey), use: addRequest)
        group.get(.coupling(.routeKey), use: show)
        group.post(.couplingPersonAgrees(.routeKey), use: personAgrees)
        group.post(.couplingWithdraw(.routeKey), use: withdraw)
        group.post(.couplingRhythm(.routeKey), use: setRhythm)
        group.post(.couplingBackupResolved(.routeKey, backup: .routeKey), use: resolveBackup)
        group.post(.couplingEnd(.routeKey), use: end)
    }

    // MARK: Loading with authorization

    func loadTrajectory(_ context: StaffRequestContext) async throws -> (Trajectory, Person) {
        try await TrajectoryAccess(services: services).load(context)
    }

    /// A coupling the user may follow: the person's team (professionals) or the whole municipality (coordinators).
    func load(_ context: StaffRequestContext) async throws -> (Coupling, Trajectory, Person) {
        guard let coupling = try await repository.coupling(id: try context.uuidParameter("id"), municipalityID: context.municipalityID),
              let trajectory = try await services.trajectories.trajectory(id: coupling.trajectoryID, municipalityID: context.municipalityID),
              let person = try await services.signals.person(id: trajectory.personID, municipalityID: context.municipalityID)
        else { throw AppError.notFound }
        let decision = AccessPolicy.decide(context.user.actor, .workOnTrajectories, on: trajectory.scope)
        guard decision.isAllowed else {
            try await services.audit.record(.accessDenied, "coupling", id: coupling.id.uuidString, detail: "\(decision)", context: context)
            throw AppError.forbidden
        }
        return (coupling, trajectory, person)
    }

    func requireCoordinator(_ context: StaffRequestContext) throws {
        guard AccessPolicy.decide(context.user.actor, .coordinateVolunteers).isAllowed else { throw AppError.forbidden }
    }

    // MARK: The request from the trajectory

    @Sendable func addRequest(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let (trajectory, person) = try await loadTrajectory(context)
        let form = try await request.form()
        var errors = FieldErrors()
        let texts = CouplingTexts(renderer: renderer, language: context.language)
        guard trajectory.isOpen, var hopes = CouplingForms.wishes(form, errors: &errors, texts: texts) else {
            return try await renderRequest(trajectory, person, form: form, errors: errors, context: context, request: request, status: .unprocessableContent)
        }
        let today = services.clock.today
        hopes.waitingSince = today
        let wishes = hopes
        // The request, the consent it implies, the timeline event and the audit entry: together or not at all.
        // One waiting request per trajectory (a unique index): a request sent at the same moment that stored its
        // request first fails this one in the database; the retry finds that request and stores nothing.
        let added = try await services.unitOfWorkRetryingOnConflict { work -> Bool in
            guard try await work.couplings.requests(municipalityID: trajectory.municipalityID, status: .waiting, trajectoryID: trajectory.id).isEmpty
            else { return false }
            let id = try await work.couplings.addRequest(trajectory: trajectory, hopes: wishes, createdBy: context.user.account.id)
            try await work.consents.record(personID: person.id, purpose: .coupling, recipient: nil, form: .verbal, on: today,
                                           expiresOn: nil, by: context.user.account.id)
            try await work.trajectories.event(trajectory.id, on: today, kind: "coupling_request", text: "", by: context.user.account.id)
            try await work.audit.record(.create, "coupling_request", id: id.uuidString, detail: "trajectory \(trajectory.id)", context: context)
            return true
        }
        return added ? redirect(to: .trajectoryBuddy(trajectory.id), .registered) : redirect(to: .trajectoryBuddy(trajectory.id))
    }

    func renderRequest(_ trajectory: Trajectory, _ person: Person, form: FormData, errors: FieldErrors, context: StaffRequestContext,
                       request: Request, status: HTTPResponse.Status = .ok) async throws -> Response {
        let language = context.language
        let texts = CouplingTexts(renderer: renderer, language: language)
        let requests = try await repository.requests(municipalityID: context.municipalityID, status: nil, trajectoryID: trajectory.id)
        let couplings = try await repository.couplings(municipalityID: context.municipalityID, trajectoryID: trajectory.id)
        try await services.audit.record(.read, "coupling_request", id: trajectory.id.uuidString, context: context)
        let waiting = requests.first { $0.status == .waiting }
        let page = CouplingRequestPage(
            back: .init(label: renderer.text("coupling_back_trajectory", language, person.name), route: .trajectory(trajectory.id)),
            notice: request.has(.registered) ? texts.t("coupling_request_added") : nil,
            waiting: waiting.map { renderer.text("coupling_request_waiting", language, DateText.long($0.waitingSince, language)) },
            couplings: couplings.map {
                .init(href: Route.coupling($0.id).href, text: renderer.text("coupling_line", language,
                      texts.t("coupling_status_\($0.status.rawValue)"), DateText.short($0.proposedOn, language)))
            },
            form: waiting == nil && trajectory.isOpen
                ? CouplingForms.wishesForm(form, errors: errors, action: .trajectoryBuddy(trajectory.id), csrf: context.csrfToken, texts: texts) : nil)
        return renderer.page(page, title: renderer.text("coupling_request_title", language, person.name),
                             context: context, request: request, status: status)
    }

    // MARK: The coupling page

    @Sendable func show(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let (coupling, trajectory, person) = try await load(context)
        try await services.audit.record(.read, "coupling", id: coupling.id.uuidString, context: context)
        let language = context.language
        let districts = try await services.organisations.districts(municipalityID: context.municipalityID)
        let texts = CouplingTexts(renderer: renderer, language: language,
                                  districtNames: Dictionary(uniqueKeysWithValues: districts.map { ($0.id.uuidString, $0.name) }))
        let volunteer = try await services.users.user(id: coupling.volunteerID, municipalityID: context.municipalityID)
        let details = try await repository.volunteerDetails(userIDs: [coupling.volunteerID])[coupling.volunteerID]
        let goals = try await services.trajectories.goals(trajectory.id).filter { coupling.goalIDs.contains($0.id) }
        let checkIns = try await repository.checkIns(couplingIDs: [coupling.id])[coupling.id] ?? []
        let backups = try await repository.backupRequests(couplingIDs: [coupling.id])
        let isCoordinator = AccessPolicy.decide(context.user.actor, .coordinateVolunteers).isAllowed
        let page = CouplingPage(
            back: isCoordinator ? .init(label: texts.t("coupling_back_waiting"), route: .waitingList)
                : .init(label: renderer.text("coupling_back_trajectory", language, person.name), route: .trajectory(trajectory.id)),
            problem: request.problemNotice.flatMap { ["akkoord", "ritme", "einde", "reden"].contains(String($0)) ? texts.t("coupling_error_\($0)") : nil },
            status: texts.t("coupling_status_\(coupling.status.rawValue)"), ended: endedLine(coupling, texts: texts),
            person: person.name, personHref: Route.trajectory(trajectory.id).href, volunteer: volunteer?.name ?? "—",
            volunteerContact: [details?.phone ?? "", volunteer?.email ?? ""].filter { !$0.isEmpty }.joined(separator: " · "),
            facts: facts(coupling, texts: texts), score: String(format: "%.0f", coupling.score), reasons: coupling.reasons.map(texts.reason),
            goals: goals.map(\.description),
            backups: backups.map { backup in
                .init(at: DateText.short(backup.askedAt, language), note: backup.note, open: backup.resolvedAt == nil,
                      action: Route.couplingBackupResolved(coupling.id, backup: backup.id).href)
            },
            checkIns: checkIns.map { .init(date: DateText.short($0.onDate, language), how: texts.t("mood_\($0.how.rawValue)"), what: $0.what) },
            csrf: context.csrfToken, awaitsPerson: coupling.status == .proposed && coupling.personAgreedOn == nil,
            agreeAction: Route.couplingPersonAgrees(coupling.id).href, isCoordinator: isCoordinator,
            rhythmAction: Route.couplingRhythm(coupling.id).href, periodMonths: String(coupling.periodMonths),
            checkinDays: String(coupling.checkinDays), proposed: coupling.status == .proposed,
            withdrawAction: Route.couplingWithdraw(coupling.id).href, active: coupling.status == .active,
            endAction: Route.couplingEnd(coupling.id).href,
            endKinds: CouplingEnd.allCases.map { .init(value: $0.rawValue, label: texts.t("coupling_end_\($0.rawValue)")) },
            endReasons: Self.endReasons.map { .init(value: $0, label: texts.t("coupling_end_reason_\($0)")) })
        return renderer.page(page, title: renderer.text("coupling_title", language, person.name, volunteer?.name ?? "—"),
                             context: context, request: request)
    }

    /// The dates and terms of a coupling, as terms and values.
    func facts(_ coupling: Coupling, texts: CouplingTexts) -> [CouplingPage.Fact] {
        let language = texts.language
        let date = { (day: CivilDate?) in day.map { DateText.long($0, language) } }
        return [
            .init(term: texts.t("coupling_proposed_on"), value: DateText.long(coupling.proposedOn, language)),
            .init(term: texts.t("coupling_person_agreed"), value: date(coupling.personAgreedOn) ?? texts.t("not_yet")),
            .init(term: texts.t("coupling_volunteer_agreed"), value: date(coupling.volunteerAgreedOn) ?? texts.t("not_yet")),
            .init(term: texts.t("coupling_start"), value: date(coupling.startOn) ?? "—"),
            .init(term: texts.t("coupling_period"), value: renderer.count("coupling_period_value", coupling.periodMonths, language,
                                                                        date(coupling.startOn?.adding(months: coupling.periodMonths)) ?? "—")),
            .init(term: texts.t("coupling_rhythm"), value: renderer.count("coupling_rhythm_value", coupling.checkinDays, language)),
        ]
    }

    /// "Ended on … — how — why" for an ended coupling; nothing otherwise.
    func endedLine(_ coupling: Coupling, texts: CouplingTexts) -> String? {
        guard coupling.status == .ended else { return nil }
        let language = texts.language
        return renderer.text("coupling_ended_line", language, coupling.endedOn.map { DateText.long($0, language) } ?? "—",
                             texts.t("coupling_end_\(coupling.endKind?.rawValue ?? "planned")"),
                             coupling.endReason.map { texts.t("coupling_end_reason_\($0)") } ?? "")
    }

    @Sendable func personAgrees(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let (coupling, trajectory, _) = try await load(context)
        let form = try await request.form()
        guard form["agreed"] == "on" else { return redirect(to: .coupling(coupling.id), .problem("akkoord")) }
        let today = services.clock.today
        try await services.unitOfWork { work in
            try await work.couplings.agree(couplingID: coupling.id, person: true, by: context.user.account.id, on: today)
            try await work.trajectories.event(trajectory.id, on: today, kind: "coupling_agreed", text: "", by: context.user.account.id)
            try await work.audit.record(.update, "coupling", id: coupling.id.uuidString, detail: "person agreed", context: context)
        }
        return redirect(to: .coupling(coupling.id))
    }

    @Sendable func withdraw(_ request: Request, context: StaffRequestContext) async throws -> Response {
        try requireCoordinator(context)
        let (coupling, _, _) = try await load(context)
        try await services.unitOfWork { work in
            try await work.couplings.withdraw(couplingID: coupling.id)
            try await work.audit.record(.update, "coupling", id: coupling.id.uuidString, detail: "withdrawn", context: context)
        }
        return redirect(to: .waitingList)
    }

    @Sendable func setRhythm(_ request: Request, context: StaffRequestContext) async throws -> Response {
        try requireCoordinator(context)
        let (coupling, _, _) = try await load(context)
        let form = try await request.form()
        guard let days = Int(form["checkin_days"]), (1...90).contains(days),
              let months = Int(form["period_months"]), (6...24).contains(months) else { return redirect(to: .coupling(coupling.id), .problem("ritme")) }
        try await services.unitOfWork { work in
            try await work.couplings.setTerms(periodMonths: months, checkinDays: days, couplingID: coupling.id)
            try await work.audit.record(.update, "coupling", id: coupling.id.uuidString, detail: "\(months) months, check-in every \(days) days",
                                        context: context)
        }
        return redirect(to: .coupling(coupling.id))
    }

    @Sendable func resolveBackup(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let (coupling, _, _) = try await load(context)
        let backupID = try context.uuidParameter("backup")
        let now = services.clock.now()
        try await services.unitOfWork { work in
            try await work.couplings.resolveBackup(id: backupID, couplingID: coupling.id, by: context.user.account.id, at: now)
            try await work.audit.record(.update, "coupling", id: coupling.id.uuidString, detail: "backup resolved", context: context)
        }
        return redirect(to: .coupling(coupling.id))
    }

    @Sendable func end(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let (coupling, trajectory, _) = try await load(context)
        let form = try await request.form()
        guard coupling.status == .active, let kind = CouplingEnd(rawValue: form["end_kind"]) else {
            return redirect(to: .coupling(coupling.id), .problem("einde"))
        }
        let reason = kind == .early ? form["end_reason"].nonEmpty.flatMap { Self.endReasons.contains($0) ? $0 : nil } : nil
        if kind == .early && reason == nil { return redirect(to: .coupling(coupling.id), .problem("reden")) }
        let today = services.clock.today
        try await services.unitOfWork { work in
            try await work.couplings.end(couplingID: coupling.id, on: today, kind: kind, reason: reason, note: form["end_note"])
            try await work.trajectories.event(trajectory.id, on: today, kind: "coupling_ended", text: kind.rawValue, by: context.user.account.id)
            try await work.audit.record(.update, "coupling", id: coupling.id.uuidString, detail: "ended \(kind.rawValue)", context: context)
        }
        return redirect(to: .coupling(coupling.id))
    }
}
