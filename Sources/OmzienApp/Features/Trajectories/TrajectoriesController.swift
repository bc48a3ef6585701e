import Foundation
import Hummingbird
import OmzienCore

/// Casework: the person page with the seven phases, measurements, network map, plan, contacts,
/// reminders, transfer and closing; the caseload lists.
struct TrajectoriesController {
    let services: AppServices
    var renderer: Renderer { services.renderer }
    var repository: TrajectoryRepository { services.trajectories }

    func addRoutes(to group: RouterGroup<StaffRequestContext>) {
        group.get(.trajectories(), use: caseload)
        group.get(.newTrajectory) { request, context in
            try await renderNew(FormData(), errors: FieldErrors(), context: context, request: request)
        }
        group.post(.trajectories(), use: startDirect)
        group.post(.signalStartTrajectory(.routeKey), use: startFromSignal)
        group.get(.trajectory(.routeKey), use: show)
        group.post(.trajectoryPhase(.routeKey), use: movePhase)
        group.post(.trajectoryNotes(.routeKey), use: saveNotes)
        group.post(.trajectoryListening(.routeKey), use: saveListening)
        group.post(.trajectoryMeasurement(.routeKey), use: addMeasurement)
        group.post(.trajectoryNetwork(.routeKey), use: addMember)
        group.post(.trajectoryNetworkRemove(.routeKey, member: .routeKey), use: removeMember)
        group.post(.trajectoryGoals(.routeKey), use: addGoal)
        group.post(.trajectoryGoal(.routeKey, goal: .routeKey), use: setGoalStatus)
        group.post(.trajectoryContact(.routeKey), use: addContact)
        group.post(.trajectoryReminder(.routeKey), use: addReminder)
        group.post(.trajectoryTransfer(.routeKey), use: transfer)
        group.post(.trajectoryClose(.routeKey), use: close)
        group.post(.trajectoryReopen(.routeKey), use: reopen)
    }

    // MARK: Loading with authorization

    /// A trajectory the user may work on (the check is `TrajectoryAccess`'s).
    func load(_ context: StaffRequestContext) async throws -> (Trajectory, Person) {
        try await TrajectoryAccess(services: services).load(context)
    }

    var today: CivilDate { services.clock.today }

    /// Writes a change of `trajectory` as one unit of work: the change, its timeline event and its audit
    /// entry are stored together or not at all.
    func write(_ trajectory: Trajectory, audit detail: String, context: StaffRequestContext,
               _ change: @escaping @Sendable (TrajectoryRepository) async throws -> Void) async throws {
        // A closed trajectory is read-only (its page shows no forms, and the server refuses what a stale page sends).
        guard trajectory.isOpen else { throw AppError.conflict(.closed) }
        try await services.unitOfWork { work in
            try await change(work.trajectories)
            try await work.audit.record(.update, "trajectory", id: trajectory.id.uuidString, detail: detail, context: context)
        }
    }

    /// Back to the page, at the part that was just saved (long phase pages should not jump to the top).
    func back(_ trajectory: Trajectory, phase: Phase? = nil, notice: Notice = .saved, anchor: String = "fase-titel") -> Response {
        redirect(to: .trajectory(trajectory.id, phase: phase ?? trajectory.phase), notice, fragment: anchor)
    }

    // MARK: Starting

    @Sendable func startFromSignal(_ request: Request, context: StaffRequestContext) async throws -> Response {
        guard let signal = try await services.signals.signal(id: try context.uuidParameter("id"), municipalityID: context.municipalityID) else {
            throw AppError.notFound
        }
        guard AccessPolicy.decide(context.user.actor, .workOnTrajectories, on: signal.scope).isAllowed else { throw AppError.forbidden }
        if let existing = try await repository.trajectory(signalID: signal.id) { return redirect(to: .trajectory(existing.id)) }
        // Consent comes before any plan: a trajectory starts only from a consented signal.
        guard signal.status == .consented else { throw AppError.badRequest("no consent") }
        // Two people starting at the same moment: the unique index on trajectories.signal_id lets one insert
        // win; the other transaction rolls back and that person is sent to the winner's trajectory.
        let started: Trajectory
        do {
            started = try await services.unitOfWork { work in
                if let existing = try await work.trajectories.trajectory(signalID: signal.id) { return existing }
                let trajectory = try await work.trajectories.start(
                    municipalityID: context.municipalityID, personID: signal.personID, teamID: signal.teamID ?? context.user.account.teamID,
                    professionalID: context.user.account.id, signalID: signal.id, on: today, by: context.user.account.id)
                try await work.audit.record(.create, "trajectory", id: trajectory.id.uuidString, detail: "from signal", context: context)
                return trajectory
            }
        } catch {
            guard let winner = try await repository.trajectory(signalID: signal.id) else { throw error }
            return redirect(to: .trajectory(winner.id))
        }
        return redirect(to: .trajectory(started.id, phase: .listen))
    }

    /// What a kitchen-table conversation records about the person before the trajectory starts.
    static let intakeFields: [PersonFields.Field] = [.personName, .postcode, .houseNumber, .birthYear, .personPhone]

    @Sendable func startDirect(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let form = try await request.form()
        let language = context.language
        var errors = FieldErrors()
        let person = try PersonFields.decode(form)
        if person.personName.isEmpty { errors.add("person_name", renderer.text("signal_error_own_name", language)) }
        PersonFields.validate(form, fields: Self.intakeFields, context: FormContext(today: today, renderer: renderer, language: language), into: &errors)
        if ConsentForm(rawValue: form["consent_form"]) == nil { errors.add("consent_form", renderer.text("contact_error_consent", language)) }
        guard errors.isEmpty, let consent = ConsentForm(rawValue: form["consent_form"]) else {
            return try await renderNew(form, errors: errors, context: context, request: request, status: .unprocessableContent)
        }
        // The person, their consent, the trajectory and the audit entry: all stored or none.
        let trajectory = try await services.unitOfWork { work in
            let person = try await work.signals.createPerson(
                municipalityID: context.municipalityID, teamID: context.user.account.teamID, name: person.personName, birthYear: person.birthYear,
                ageBand: person.band(in: today.year),
                postcode: person.validPostcode?.description, houseNumber: person.houseNumber.nonEmpty, phone: person.personPhone.nonEmpty,
                consent: consent, on: today, recordedBy: context.user.account.id)
            let trajectory = try await work.trajectories.start(
                municipalityID: context.municipalityID, personID: person.id, teamID: context.user.account.teamID,
                professionalID: context.user.account.id, signalID: nil, on: today, by: context.user.account.id)
            try await work.audit.record(.create, "trajectory", id: trajectory.id.uuidString, detail: "direct", context: context)
            return trajectory
        }
        return redirect(to: .trajectory(trajectory.id, phase: .listen))
    }

    func renderNew(_ form: FormData, errors: FieldErrors, context: StaffRequestContext, request: Request,
                   status: HTTPResponse.Status = .ok) async throws -> Response {
        let language = context.language
        var all = PersonFields.views(form, errors: errors, fields: Self.intakeFields,
                                     context: FormContext(today: today, renderer: renderer, language: language))
        all[0].label = renderer.text("field_name", language)
        all[0].hint = nil
        all[0].required = true
        all.append(FieldView(name: "consent_form", label: renderer.text("trajectory_consent", language), kind: .radios,
                             hint: renderer.text("trajectory_consent_hint", language), error: errors["consent_form"],
                             options: FieldView.options(ConsentForm.allCases.map { ($0.rawValue, renderer.text("consent_form_\($0.rawValue)", language)) },
                                                        selected: [form["consent_form"]])))
        let view = FormView(action: .trajectories(), submitLabel: renderer.text("trajectory_start", language), fields: all,
                            csrf: context.csrfToken, intro: renderer.text("trajectory_new_intro", language))
        return renderer.page(FormPage(form: view), title: renderer.text("trajectory_new_title", language),
                             context: context, request: request, status: status)
    }

    // MARK: Caseload

    @Sendable func caseload(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let language = context.language
        let isCoordinator = context.user.account.role == .coordinator
        let teamFilter = isCoordinator ? request.uri.queryParameters.get("team").flatMap(UUID.init(uuidString:)) : nil
        let mine = !isCoordinator || request.uri.queryParameters.get("mijn") == "1"
        // Closed trajectories stay findable (read-only, to be reopened), in a list of their own.
        let closed = request.uri.queryParameters.get("afgesloten") == "1"
        var rows = try await repository.trajectories(
            municipalityID: context.municipalityID, teamID: isCoordinator ? teamFilter : context.user.account.teamID,
            professionalID: mine ? context.user.account.id : nil, openOnly: !closed).filter { $0.0.isOpen != closed }
        if !isCoordinator, context.user.account.teamID == nil { rows = [] }
        var entries: [(Trajectory, Person, CivilDate?)] = []
        for (trajectory, person) in rows {
            entries.append((trajectory, person, try await nextAction(trajectory)))
        }
        // Running: the next action first. Closed: the most recently closed first.
        if closed {
            entries.sort { ($0.0.closedOn?.dayNumber ?? 0) > ($1.0.closedOn?.dayNumber ?? 0) }
        } else {
            entries.sort { ($0.2?.dayNumber ?? Int.max) < ($1.2?.dayNumber ?? Int.max) }
        }
        let users = try await services.users.users(municipalityID: context.municipalityID)
        try await services.audit.record(.list, "trajectory", detail: "\(entries.count) trajectories", context: context)
        let table = TableView(
            caption: renderer.text("caseload_title", language),
            headers: ["col_person", "trajectory_phase", closed ? "caseload_col_closed" : "trajectory_next_action", "trajectory_professional"]
                .map { renderer.text($0, language) },
            rows: entries.map { trajectory, person, next in
                TableView.Row(cells: [
                    .init(text: PersonLabels(renderer: renderer, language: language).label(person), href: .trajectory(trajectory.id)),
                    .init(text: "\(trajectory.phase.rawValue). " + renderer.text("phase_\(trajectory.phase.rawValue)", language), href: nil),
                    .init(text: closed ? renderer.text("caseload_closed_on", language, trajectory.closedOn.map { DateText.long($0, language) } ?? "—")
                          : next.map { DateText.short($0, language) + ($0 < today ? " — " + renderer.text("overdue", language) : "") } ?? "—", href: nil),
                    .init(text: users.first { $0.id == trajectory.professionalID }?.name ?? "—", href: nil),
                ])
            },
            emptyText: renderer.text(closed ? "caseload_closed_empty" : "caseload_empty", language))
        let teams = try await services.organisations.teams(municipalityID: context.municipalityID)
        let filters = CaseloadFilters(isCoordinator: isCoordinator, mine: mine, closed: closed,
                                      openLink: Route.trajectories(team: teamFilter, mine: isCoordinator && mine).href,
                                      closedLink: Route.trajectories(team: teamFilter, mine: isCoordinator && mine, closed: true).href,
                                      teams: FieldView.options([("", renderer.text("option_all", language))] + teams.map { ($0.id.uuidString, $0.name) },
                                                               selected: [teamFilter?.uuidString ?? ""]))
        let page = CaseloadPage(table: table, newLink: closed ? nil : .init(label: renderer.text("trajectory_new_title", language), route: .newTrajectory),
                                filters: filters)
        return renderer.page(page, title: table.caption, context: context, request: request)
    }

    /// The next thing to do: the earliest open reminder or open goal due date.
    func nextAction(_ trajectory: Trajectory) async throws -> CivilDate? {
        let reminders = try await repository.reminders(trajectory.id).filter { !$0.done }.map(\.onDate)
        let goals = try await repository.goals(trajectory.id).filter { $0.status == .open }.compactMap(\.dueOn)
        return (reminders + goals + [trajectory.nextActionOn].compactMap { $0 }).min()
    }

    // MARK: Person page

    @Sendable func show(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let (trajectory, person) = try await load(context)
        try await services.audit.record(.read, "trajectory", id: trajectory.id.uuidString, context: context)
        let query = request.uri.queryParameters
        let phase = query.get(Route.phaseKey).flatMap(Int.init).flatMap(Phase.init(rawValue:)) ?? trajectory.phase
        let version = query.get("schaal").flatMap(DJGVersion.init(rawValue:)) ?? .eleven
        let notice = request.has(.saved) ? renderer.text("saved", context.language) : nil
        return try await render(trajectory, person, phase: phase, version: version, form: FormData(), errors: FieldErrors(),
                                notice: notice, context: context, request: request)
    }

    func render(
        _ trajectory: Trajectory, _ person: Person, phase: Phase, version: DJGVersion = .eleven, form: FormData, errors: FieldErrors,
        notice: String?, context: StaffRequestContext, request: Request, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let page = try await TrajectoryPage.make(
            trajectory: trajectory, person: person, phase: phase, version: version, form: form, errors: errors, notice: notice,
            services: services, context: context)
        return renderer.page(page, title: page.title, context: context, request: request, status: status)
    }

    func invalid(_ trajectory: Trajectory, _ person: Person, phase: Phase, form: FormData, errors: FieldErrors,
                 context: StaffRequestContext, request: Request) async throws -> Response {
        let version = DJGVersion(rawValue: form["version"]) ?? .eleven
        return try await render(trajectory, person, phase: phase, version: version, form: form, errors: errors, notice: nil,
                                context: context, request: request, status: .unprocessableContent)
    }

    // MARK: Phases and notes

    @Sendable func movePhase(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let (trajectory, _) = try await load(context)
        let chosen = try await request.form()[Route.phaseKey].nonEmpty ?? request.uri.queryParameters.get(Route.phaseKey) ?? ""
        guard trajectory.isOpen, let phase = Int(chosen).flatMap(Phase.init(rawValue:)) else {
            throw AppError.badRequest("phase")
        }
        try await write(trajectory, audit: "phase \(phase.rawValue)", context: context) { trajectories in
            try await trajectories.update(trajectory.id, on: today, kind: "phase", text: "\(phase.rawValue)", by: context.user.account.id) { $0.phase = phase }
        }
        return back(trajectory, phase: phase)
    }

    /// Free-text notes of any phase; only the fields that were on the submitted form change.
    @Sendable func saveNotes(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let (trajectory, person) = try await load(context)
        let form = try await request.form()
        let phase = Int(form["section"]).flatMap(Phase.init(rawValue:)) ?? trajectory.phase
        let fields: [(String, WritableKeyPath<Assessment, String>)] = [
            ("resistance_notes", \.resistanceNotes), ("wishes", \.wishes), ("talents", \.talents), ("interests", \.interests),
            ("always_liked", \.alwaysLiked), ("partners_involved", \.partnersInvolved), ("look_back", \.lookBack),
        ]
        var errors = FieldErrors()
        for (name, _) in fields where form[name].count > 4000 { errors.add(name, renderer.text("error_too_long", context.language)) }
        guard errors.isEmpty else { return try await invalid(trajectory, person, phase: phase, form: form, errors: errors, context: context, request: request) }
        let present = fields.filter { form.fields[$0.0] != nil }
        let hurdles = form["hurdles_present"] == "1" ? Set(form.chosen("hurdles", as: Hurdle.self)) : nil
        try await write(trajectory, audit: "notes phase \(phase.rawValue)", context: context) { trajectories in
            try await trajectories.update(trajectory.id, on: today, kind: "notes", text: "\(phase.rawValue)", by: context.user.account.id) { record in
                for (name, path) in present { record.assessment[keyPath: path] = form[name] }
                if let hurdles { record.assessment.hurdles = hurdles }
            }
        }
        return back(trajectory, phase: phase)
    }

    @Sendable func saveListening(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let (trajectory, person) = try await load(context)
        let form = try await request.form()
        var errors = FieldErrors()
        if form["situation"].count > 4000 { errors.add("situation", renderer.text("error_too_long", context.language)) }
        if form["cause_notes"].count > 4000 { errors.add("cause_notes", renderer.text("error_too_long", context.language)) }
        guard errors.isEmpty else { return try await invalid(trajectory, person, phase: .listen, form: form, errors: errors, context: context, request: request) }
        try await write(trajectory, audit: "listen", context: context) { trajectories in
            try await trajectories.update(trajectory.id, on: today, kind: "listen", text: "", by: context.user.account.id) { record in
                Self.applyListening(form, to: &record.assessment)
            }
        }
        return back(trajectory, phase: .listen)
    }

    /// The listening form's answers, written into the assessment.
    static func applyListening(_ form: FormData, to assessment: inout Assessment) {
        var a = assessment
        a.situation = form["situation"]
        a.causeGroups = Set(form.chosen("causes", as: CauseGroup.self))
        a.causeNotes = form["cause_notes"]
        a.duration = LonelinessDuration(rawValue: form["duration"])
        a.motivation = Motivation(rawValue: form["motivation"])
        a.coping = Coping(rawValue: form["coping"])
        a.forms = Set(form.chosen("forms", as: LonelinessForm.self))
        a.lifeEvents = Set(form.chosen("life_events", as: LifeEvent.self))
        a.groups = Set(form.chosen("groups", among: Coverage.riskGroups.map(\.key)))
        let ready = Set(form.chosen("readiness", among: ["knows", "wants", "able"]))
        a.readiness = Readiness(knows: ready.contains("knows"), wants: ready.contains("wants"), able: ready.contains("able"))
        assessment = a
    }
}
