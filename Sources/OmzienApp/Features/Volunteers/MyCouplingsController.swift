import Foundation
import Hummingbird
import OmzienCore

/// The volunteer's own couplings: only what they need — the person's first name and phone, the agreed
/// goals and the professional to call — never the trajectory file. Check-ins and "I need backup".
struct MyCouplingsController {
    let services: AppServices
    var renderer: Renderer { services.renderer }
    var repository: CouplingRepository { services.couplings }

    func addRoutes(to group: RouterGroup<StaffRequestContext>) {
        group.get(.myCouplings, use: list)
        group.get(.myCoupling(.routeKey)) { request, context in
            try await show(form: FormData(), errors: FieldErrors(), context: context, request: request)
        }
        group.post(.myCouplingAgree(.routeKey), use: agree)
        group.post(.myCouplingCheckIn(.routeKey), use: checkIn)
        group.post(.myCouplingBackup(.routeKey), use: askBackup)
    }

    /// Only the volunteer's own coupling; anyone else's is "not found" (and the attempt audited).
    func load(_ context: StaffRequestContext) async throws -> Coupling {
        let id = try context.uuidParameter("id")
        guard let coupling = try await repository.coupling(id: id, municipalityID: context.municipalityID),
              coupling.volunteerID == context.user.account.id, coupling.status != .cancelled
        else {
            try await services.audit.record(.accessDenied, "coupling", id: id.uuidString, detail: "not the volunteer's own", context: context)
            throw AppError.notFound
        }
        return coupling
    }

    @Sendable func list(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let language = context.language
        let couplings = try await repository.couplings(municipalityID: context.municipalityID, volunteerID: context.user.account.id,
                                                       statuses: [.proposed, .active, .ended])
        try await services.audit.record(.list, "coupling", detail: "own: \(couplings.count)", context: context)
        var rows: [MyCouplingsPage.Row] = []
        for coupling in couplings {
            let view = try await summary(coupling, context: context)
            rows.append(.init(href: Route.myCoupling(coupling.id).href, name: view.firstName,
                              status: renderer.text("coupling_status_\(coupling.status.rawValue)", language)))
        }
        return renderer.page(MyCouplingsPage(rows: rows), title: renderer.text("my_couplings_title", language),
                             context: context, request: request)
    }

    struct Summary {
        let firstName: String
        let phone: String
        let district: String
        let goals: [String]
        let professional: String
        let professionalContact: String
        var consentWithdrawn = false
    }

    /// The need-to-know view of the person and the backup, gathered here so the page cannot reach more.
    func summary(_ coupling: Coupling, context: StaffRequestContext) async throws -> Summary {
        let municipalityID = context.municipalityID
        guard let trajectory = try await services.trajectories.trajectory(id: coupling.trajectoryID, municipalityID: municipalityID),
              let person = try await services.signals.person(id: trajectory.personID, municipalityID: municipalityID)
        else { throw AppError.notFound }
        // Every disclosure asks the registry: after a withdrawal the volunteer sees nothing of the person.
        guard ConsentRules.permits(try await services.consents.grants(personID: person.id), .coupling, on: services.clock.today) else {
            return Summary(firstName: "—", phone: "", district: "—", goals: [], professional: "—", professionalContact: "", consentWithdrawn: true)
        }
        let district = try await services.signalService.district(forPostcode: person.postcode, in: [municipalityID])
        let goals = try await services.trajectories.goals(trajectory.id).filter { coupling.goalIDs.contains($0.id) }.map(\.description)
        let professional = try await trajectory.professionalID.asyncMap { try await services.users.user(id: $0, municipalityID: municipalityID) } ?? nil
        // How to reach the person only while the coupling runs: both sides have agreed, and it has not ended.
        return Summary(
            firstName: String(person.name.split(separator: " ").first ?? ""), phone: coupling.status == .active ? (person.phone ?? "—") : "",
            district: district?.name ?? "—", goals: goals, professional: professional?.name ?? "—", professionalContact: professional?.email ?? "")
    }

    func show(form: FormData, errors: FieldErrors, context: StaffRequestContext, request: Request, status: HTTPResponse.Status = .ok) async throws -> Response {
        let coupling = try await load(context)
        let summary = try await summary(coupling, context: context)
        try await services.audit.record(.read, "coupling", id: coupling.id.uuidString, detail: "volunteer view", context: context)
        let language = context.language
        let t = { (key: String) in renderer.text(key, language) }
        let checkIns = try await repository.checkIns(couplingIDs: [coupling.id])[coupling.id] ?? []
        let backups = try await repository.backupRequests(couplingIDs: [coupling.id], openOnly: true)
        var notice: String?
        if request.has(.backupAsked) { notice = t("backup_sent") }
        if request.has(.saved) { notice = t("checkin_saved") }
        let problem = request.problemNotice == "hulp" ? t("backup_error_note") : summary.consentWithdrawn ? t("coupling_consent_withdrawn") : nil
        let page = MyCouplingPage(
            notice: notice, problem: problem, status: t("coupling_status_\(coupling.status.rawValue)"), firstName: summary.firstName,
            phone: summary.phone, district: summary.district, professional: summary.professional,
            professionalContact: summary.professionalContact, goals: summary.goals, csrf: context.csrfToken,
            mustAgree: coupling.status == .proposed && coupling.volunteerAgreedOn == nil, agreeAction: Route.myCouplingAgree(coupling.id).href,
            waitingForPerson: coupling.status == .proposed && coupling.volunteerAgreedOn != nil,
            form: coupling.status == .active ? checkInForm(form, errors: errors, coupling: coupling, context: context) : nil,
            canAskBackup: coupling.status == .active || coupling.status == .proposed, openBackup: !backups.isEmpty,
            backupAction: Route.myCouplingBackup(coupling.id).href,
            checkIns: checkIns.map { .init(date: DateText.short($0.onDate, language), how: t("mood_\($0.how.rawValue)"), what: $0.what) })
        return renderer.page(page, title: renderer.text("my_coupling_title", language, summary.firstName),
                             context: context, request: request, status: status)
    }

    /// The form for a new check-in: the date (today by default), what was done and how it went.
    func checkInForm(_ form: FormData, errors: FieldErrors, coupling: Coupling, context: StaffRequestContext) -> FormView {
        let t = { (key: String) in renderer.text(key, context.language) }
        return FormView(action: .myCouplingCheckIn(coupling.id), submitLabel: t("checkin_submit"), fields: [
            FieldView(name: "on_date", label: t("contact_field_on_date"), value: form["on_date"].nonEmpty ?? DateText.input(services.clock.today),
                      hint: t("contact_field_on_date_hint"), error: errors["on_date"]),
            FieldView(name: "what", label: t("checkin_field_what"), kind: .textarea, value: form["what"], error: errors["what"]),
            FieldView(name: "how", label: t("checkin_field_how"), kind: .radios, error: errors["how"],
                      options: FieldView.options(CheckInMood.allCases.map { ($0.rawValue, t("mood_\($0.rawValue)")) }, selected: [form["how"]])),
        ], csrf: context.csrfToken)
    }

    @Sendable func agree(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let coupling = try await load(context)
        try await repository.agree(couplingID: coupling.id, person: false, by: context.user.account.id, on: services.clock.today)
        try await services.audit.record(.update, "coupling", id: coupling.id.uuidString, detail: "volunteer agreed", context: context)
        return redirect(to: .myCoupling(coupling.id))
    }

    @Sendable func checkIn(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let coupling = try await load(context)
        guard coupling.status == .active else { throw AppError.notFound }
        let form = try await request.form()
        var errors = FieldErrors()
        let t = { (key: String) in renderer.text(key, context.language) }
        let date = CivilDate.fromInput(form["on_date"])
        if date == nil || date! > services.clock.today { errors.add("on_date", t("error_date_not_future")) }
        if form["what"].isEmpty { errors.add("what", t("checkin_error_what")) }
        let how = CheckInMood(rawValue: form["how"])
        if how == nil { errors.add("how", t("checkin_error_how")) }
        guard errors.isEmpty, let date, let how else {
            return try await show(form: form, errors: errors, context: context, request: request, status: .unprocessableContent)
        }
        try await repository.addCheckIn(CouplingCheckIn(onDate: date, what: form["what"], how: how, byUser: context.user.account.id), couplingID: coupling.id)
        try await services.audit.record(.create, "coupling_checkin", id: coupling.id.uuidString, context: context)
        return redirect(to: .myCoupling(coupling.id), .saved)
    }

    @Sendable func askBackup(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let coupling = try await load(context)
        guard coupling.status == .active || coupling.status == .proposed else { throw AppError.notFound }
        let form = try await request.form()
        guard !form["note"].isEmpty else { return redirect(to: .myCoupling(coupling.id), .problem("hulp"), fragment: "hulp-kop") }
        try await repository.askBackup(couplingID: coupling.id, note: form["note"], at: services.clock.now())
        try await services.audit.record(.create, "coupling_backup", id: coupling.id.uuidString, context: context)
        return redirect(to: .myCoupling(coupling.id), .backupAsked)
    }
}
