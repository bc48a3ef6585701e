import Foundation
import Hummingbird
import OmzienCore

/// Signals for staff: partners report and follow their own; professionals and coordinators work the
/// queue, record first contact and consent, merge duplicates and keep the agenda.
struct SignalsController {
    let services: AppServices
    var renderer: Renderer { services.renderer }

    func addReportRoutes(to group: RouterGroup<StaffRequestContext>) {
        group.get(.newSignal) { request, context in
            try await renderPartnerForm(FormData(["relation": ["professional"], "danger": ["no"], "via": [Self.viaWork]]), errors: FieldErrors(), context: context, request: request)
        }
        group.post(.signals(), use: createPartnerSignal)
    }

    func addOwnSignalRoutes(to group: RouterGroup<StaffRequestContext>) {
        group.get(.ownSignals(), use: ownSignals)
    }

    func addHandlingRoutes(to group: RouterGroup<StaffRequestContext>) {
        group.get(.signals(), use: queue)
        group.get(.signal(.routeKey), use: detail)
        group.post(.signalContact(.routeKey), use: recordContact)
        group.post(.signalMerge(.routeKey), use: merge)
        group.post(.signalKnownToPartner(.routeKey), use: knownToPartner)
        group.get(.agenda, use: agenda)
        group.get(.notifications, use: notifications)
    }

    func addAssignRoutes(to group: RouterGroup<StaffRequestContext>) {
        group.post(.signalTeam(.routeKey), use: reassign)
    }

    // MARK: Partner reporting

    /// How the reporter came across the concern: in their daily work, or at a preventive home visit (outreach).
    static let viaWork = "werk"
    static let viaHomeVisit = "huisbezoek"

    @Sendable func createPartnerSignal(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let form = try await request.form()
        let controller = PublicSignalController(services: services)
        let municipality = [context.user.municipality]
        var errors = FieldErrors()
        // Without a choice the concern came up in the reporter's work (the form's default).
        if ![Self.viaWork, Self.viaHomeVisit, ""].contains(form["via"]) {
            errors.add("via", renderer.text("partner_signal_via_missing", context.language))
        }
        for step in [PublicSignalController.Step.concern, .person] {
            for (field, message) in try await controller.validate(step, form, municipalities: municipality, language: context.language).messages {
                errors.add(field, message)
            }
        }
        guard errors.isEmpty else {
            return try await renderPartnerForm(form, errors: errors, context: context, request: request, status: .unprocessableContent)
        }
        if form["danger"] == "yes" {
            return renderer.page(EmergencyPage(), title: renderer.text("emergency_title", context.language), context: context, request: request)
        }
        var (draft, _, districtID) = try await PublicSignalController.draft(from: form, services: services, municipalities: municipality)
        let account = context.user.account
        let organisation = try await account.organisationID.asyncMap {
            try await services.organisations.organisation(id: $0, municipalityID: context.municipalityID)
        } ?? nil
        // A concern raised at a preventive home visit counts as outreach in the evaluation, whoever made the visit.
        draft.source = form["via"] == Self.viaHomeVisit ? .outreach : .partner
        draft.reporterRelation = .professional
        draft.reporterName = account.name
        draft.reporterEmail = account.email
        draft.reporterPhone = nil
        draft.reporterUserID = account.id
        draft.reporterOrganisationID = organisation?.id
        let signal = try await services.signalService.receive(draft, municipalityID: context.municipalityID, districtID: districtID,
                                                              partnerType: organisation?.type)
        try await services.audit.record(.create, "signal", id: signal.id.uuidString, detail: draft.source.rawValue, context: context)
        return redirect(to: .ownSignals(created: signal.referenceCode))
    }

    func renderPartnerForm(_ form: FormData, errors: FieldErrors, context: StaffRequestContext, request: Request,
                           status: HTTPResponse.Status = .ok) async throws -> Response {
        let language = context.language
        let fields = SignalForm(renderer: renderer, language: language, form: form, errors: errors, today: services.clock.today)
        let t = { (key: String) in self.renderer.text(key, language) }
        let via = FieldView(name: "via", label: t("partner_signal_via"), kind: .radios, error: errors["via"],
                            options: FieldView.options([(Self.viaWork, t("partner_signal_via_work")), (Self.viaHomeVisit, t("partner_signal_via_home_visit"))],
                                                       selected: [form["via"].isEmpty ? Self.viaWork : form["via"]]))
        var all = [via] + fields.fields(for: .concern, municipalities: []) + fields.fields(for: .person, municipalities: [])
        all.removeAll { $0.name == "municipality" }
        let view = FormView(action: .signals(), submitLabel: renderer.text("signal_send", language), fields: all, csrf: context.csrfToken,
                            intro: renderer.text("partner_signal_intro", language, context.user.municipality.name),
                            hidden: [.init(name: "relation", value: "professional")])
        return renderer.page(PartnerSignalPage(form: view), title: renderer.text("partner_signal_title", language),
                             context: context, request: request, status: status)
    }

    @Sendable func ownSignals(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let language = context.language
        let signals = try await services.signals.signals(reportedBy: context.user.account.id, municipalityID: context.municipalityID)
        // Partners see only the status of what they reported: no names of staff, no notes, no outcome.
        let table = TableView(
            caption: renderer.text("own_signals_title", language),
            headers: ["col_received", "col_reference", "col_status"].map { renderer.text($0, language) },
            rows: signals.map { signal in
                TableView.Row(cells: [
                    .init(text: DateText.short(signal.receivedAt, language), href: nil),
                    .init(text: signal.referenceCode, href: nil),
                    .init(text: renderer.text("status_\(signal.status.publicStatus.rawValue)", language), href: nil),
                ])
            },
            emptyText: renderer.text("own_signals_empty", language))
        let notice = request.uri.queryParameters.get("nieuw").map { renderer.text("own_signals_created", language, $0) }
        let page = ListPage(table: table, newLink: .init(label: renderer.text("partner_signal_title", language), route: .newSignal),
                            notice: notice)
        return renderer.page(page, title: table.caption, context: context, request: request)
    }

    // MARK: Queue

    /// Professionals see their own team's queue; coordinators everything, optionally filtered by team.
    @Sendable func queue(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let language = context.language
        let isCoordinator = context.user.account.role == .coordinator
        let teamFilter = isCoordinator ? request.uri.queryParameters.get("team").flatMap(UUID.init(uuidString:)) : context.user.account.teamID
        let onlyOverdue = request.uri.queryParameters.get("te_laat") == "1"
        let today = services.clock.today
        var rows = try await services.signals.signals(
            municipalityID: context.municipalityID, teamID: teamFilter, statuses: SignalStatus.allCases.filter(\.isOpen))
            + services.signals.consentedWithoutTrajectory(municipalityID: context.municipalityID, teamID: teamFilter)
        if !isCoordinator && context.user.account.teamID == nil { rows = [] }
        if onlyOverdue { rows = rows.filter { $0.0.status.awaitsFirstContact && $0.0.contactDue < today } }
        // Most urgent first: overdue, then the nearest deadline; follow-ups for later at the end.
        rows.sort { Self.urgency($0.0, today: today).rank < Self.urgency($1.0, today: today).rank
            || (Self.urgency($0.0, today: today).rank == Self.urgency($1.0, today: today).rank && $0.0.contactDue < $1.0.contactDue) }
        let teams = try await services.organisations.teams(municipalityID: context.municipalityID)
        let districts = try await services.organisations.districts(municipalityID: context.municipalityID)
        try await services.audit.record(.list, "signal", detail: "\(rows.count) signals in queue", context: context)
        let table = TableView(
            caption: renderer.text("queue_title", language),
            headers: ["col_urgency", "col_received", "col_person", "col_district", "col_team", "col_status", "col_contact_due"].map { renderer.text($0, language) },
            rows: rows.map { signal, person in
                let overdue = signal.status.awaitsFirstContact && signal.contactDue < today
                return TableView.Row(cells: [
                    .init(text: renderer.text("urgency_\(Self.urgency(signal, today: today).key)", language), href: nil),
                    .init(text: "\(DateText.short(signal.receivedAt, language)) (\(renderer.count("days_ago", today.dayNumber - AppClock.civilDate(signal.receivedAt).dayNumber, language)))", href: nil),
                    .init(text: PersonLabels(renderer: renderer, language: language).label(person), href: .signal(signal.id)),
                    .init(text: districts.first { $0.id == signal.districtID }?.name ?? "—", href: nil),
                    .init(text: teams.first { $0.id == signal.teamID }?.name ?? renderer.text("no_team", language), href: nil),
                    .init(text: renderer.text("signal_status_\(signal.status.rawValue)", language), href: nil),
                    .init(text: signal.status.awaitsFirstContact
                          ? DateText.short(signal.contactDue, language) + (overdue ? " — " + renderer.text("overdue", language) : "")
                          : "—", href: nil),
                ])
            },
            emptyText: renderer.text("queue_empty", language))
        let filters = QueueFilters(
            isCoordinator: isCoordinator,
            teams: FieldView.options([("", renderer.text("option_all", language))] + teams.map { ($0.id.uuidString, $0.name) },
                                     selected: [teamFilter?.uuidString ?? ""]),
            onlyOverdue: onlyOverdue)
        let page = ListPage(table: table, newLink: nil, notice: nil, filters: filters)
        return renderer.page(page, title: table.caption, context: context, request: request)
    }

    /// How urgent a signal is, as text key and sort rank.
    /// A consented signal without a trajectory comes right after the late first contacts: the person said yes.
    static func urgency(_ signal: Signal, today: CivilDate) -> (key: String, rank: Int) {
        if signal.status == .consented { return ("start_trajectory", 1) }
        guard signal.status.awaitsFirstContact else { return ("follow_up", 4) }
        if signal.contactDue < today { return ("overdue", 0) }
        if signal.contactDue <= WorkingDays.adding(1, to: today) { return ("soon", 2) }
        return ("on_time", 3)
    }

    struct QueueFilters {
        let isCoordinator: Bool
        let teams: [FieldView.Option]
        let onlyOverdue: Bool
    }

    // MARK: Detail

    /// Loads a signal the user may work on; another team's signal is refused, another municipality's is not found.
    func load(_ context: StaffRequestContext) async throws -> (Signal, Person) {
        guard let signal = try await services.signals.signal(id: try context.uuidParameter("id"), municipalityID: context.municipalityID),
              let person = try await services.signals.person(id: signal.personID, municipalityID: context.municipalityID)
        else { throw AppError.notFound }
        let decision = AccessPolicy.decide(context.user.actor, .handleSignals, on: signal.scope)
        guard decision.isAllowed else {
            try await services.audit.record(.accessDenied, "signal", id: signal.id.uuidString, detail: "\(decision)", context: context)
            throw AppError.forbidden
        }
        return (signal, person)
    }

    @Sendable func detail(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let (signal, person) = try await load(context)
        try await services.audit.record(.read, "signal", id: signal.id.uuidString, context: context)
        let notice = request.has(.saved) ? renderer.text("saved", context.language)
            : request.has(.merged) ? renderer.text("signal_merged", context.language) : nil
        return try await renderDetail(signal, person, form: FormData(), errors: FieldErrors(), notice: notice, context: context, request: request)
    }

    func renderDetail(
        _ signal: Signal, _ person: Person, form: FormData, errors: FieldErrors, notice: String?,
        context: StaffRequestContext, request: Request, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let page = try await SignalDetailPage.make(
            signal: signal, person: person, form: form, errors: errors, notice: notice, services: services, context: context)
        return renderer.page(page, title: page.title, context: context, request: request, status: status)
    }

    // MARK: Actions

    @Sendable func recordContact(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let (signal, person) = try await load(context)
        let form = try await request.form()
        let language = context.language
        var errors = FieldErrors()
        let today = services.clock.today
        let date = form["on_date"].isEmpty ? today : CivilDate.fromInput(form["on_date"])
        if date == nil || date! > today { errors.add("on_date", renderer.text("contact_error_date", language)) }
        let channel = ContactChannel(rawValue: form["channel"])
        if channel == nil { errors.add("channel", renderer.text("contact_error_channel", language)) }
        let outcome = ContactOutcome(rawValue: form["outcome"])
        if outcome == nil { errors.add("outcome", renderer.text("contact_error_outcome", language)) }
        let consentForm = ConsentForm(rawValue: form["consent_form"])
        if outcome == .consented, consentForm == nil { errors.add("consent_form", renderer.text("contact_error_consent", language)) }
        var followUp: CivilDate?
        if let outcome, outcome.needsFollowUp {
            // A "no for now" is asked again in three months unless a date is given; a conversation that goes on needs its date.
            let fallback = outcome == .declined ? (date ?? today).adding(months: 3) : nil
            followUp = form["follow_up_on"].isEmpty ? fallback : CivilDate.fromInput(form["follow_up_on"])
            if followUp == nil || followUp! <= today {
                errors.add("follow_up_on", renderer.text(outcome == .reached ? "contact_error_next_contact" : "contact_error_follow_up", language))
            }
        }
        if form["note"].count > 4000 { errors.add("note", renderer.text("error_too_long", language)) }
        guard errors.isEmpty, let date, let channel, let outcome else {
            return try await renderDetail(signal, person, form: form, errors: errors, notice: nil, context: context, request: request,
                                          status: .unprocessableContent)
        }
        let attempt = ContactAttempt(
            id: UUID(), onDate: date, channel: channel, outcome: outcome, note: form["note"],
            consentForm: outcome == .consented ? consentForm : nil,
            declineReason: outcome == .declined ? form["decline_reason"].nonEmpty : nil, recordedBy: context.user.account.id)
        let followUpOn = followUp
        // The attempt, the signal's new status, any consent and the audit entry: together or not at all
        // (retried once if a consent recorded at the same moment won the one-current-consent rule).
        try await services.unitOfWorkRetryingOnConflict { work in
            try await work.signals.record(attempt, signal: signal, followUpOn: followUpOn)
            try await work.audit.record(.update, "signal", id: signal.id.uuidString, detail: "contact: \(outcome.rawValue)", context: context)
        }
        return redirect(to: .signal(signal.id), .saved)
    }

    @Sendable func merge(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let (signal, person) = try await load(context)
        let targetID = UUID(uuidString: try await request.form()["target"])
        // Already merged, this way or the other way round (two people clicking at once): say so.
        let targetNow = try await targetID.asyncMap { try await services.signals.signal(id: $0, municipalityID: context.municipalityID) } ?? nil
        if signal.status == .merged || targetNow?.status == .merged { throw AppError.conflict(.merge) }
        let duplicates = try await services.signals.duplicates(of: person, excluding: signal.id)
        // Only a signal that was offered as a duplicate can be the target: no merging across the municipality at will.
        guard let targetID, let target = duplicates.first(where: { $0.signal.id == targetID })?.signal else { throw AppError.notFound }
        guard AccessPolicy.decide(context.user.actor, .handleSignals, on: target.scope).isAllowed else { throw AppError.forbidden }
        do {
            try await services.unitOfWork { work in
                try await work.signals.merge(signal, into: target)
                try await work.audit.record(.update, "signal", id: signal.id.uuidString, detail: "merged into \(target.id)", context: context)
            }
        } catch let error where !(error is AppError) {
            // A database error while the other merge committed (a lock timeout, a vanished person): the same conflict.
            for id in [signal.id, target.id] {
                if try await services.signals.signal(id: id, municipalityID: context.municipalityID)?.status == .merged {
                    throw AppError.conflict(.merge)
                }
            }
            throw error
        }
        return redirect(to: .signal(target.id), .merged)
    }

    @Sendable func knownToPartner(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let (signal, person) = try await load(context)
        let value = try await request.form()["known"]
        let known: Bool? = value == "yes" ? true : value == "no" ? false : nil
        try await services.unitOfWork { work in
            try await work.signals.setKnownToPartner(known, personID: person.id)
            try await work.audit.record(.update, "person", id: person.id.uuidString, detail: "known_to_partner=\(value)", context: context)
        }
        return redirect(to: .signal(signal.id), .saved)
    }

    @Sendable func reassign(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let (signal, _) = try await load(context)
        let teamText = try await request.form()["team"]
        let teamID = UUID(uuidString: teamText)
        if let teamID, try await services.organisations.team(id: teamID, municipalityID: context.municipalityID) == nil {
            throw AppError.notFound
        }
        // The signal and its person move team together, with the audit entry.
        try await services.unitOfWork { work in
            try await work.signals.setTeam(teamID, signalID: signal.id)
            try await work.audit.record(.update, "signal", id: signal.id.uuidString, detail: "team=\(teamText)", context: context)
        }
        return redirect(to: .signal(signal.id), .saved)
    }

    // MARK: Agenda and notifications

    @Sendable func agenda(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let page = try await AgendaPage.make(services: services, context: context)
        return renderer.page(page, title: renderer.text("agenda_title", context.language), context: context, request: request)
    }

    @Sendable func notifications(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let items = try await NotificationCenter(services: services).notifications(for: context.user)
        let page = NotificationsPage(items: items.map { $0.view(renderer: renderer, language: context.language) })
        return renderer.page(page, title: renderer.text("notifications_title", context.language), context: context, request: request)
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
