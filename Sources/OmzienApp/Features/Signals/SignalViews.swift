import Foundation
import OmzienCore

/// Everything the signal page shows: the person, the report, the contact history, possible
/// duplicates and the forms to act, with what was typed kept on a validation error.
struct SignalDetailPage {
    struct Fact { let label: String; let value: String }
    struct Attempt { let date: String; let channel: String; let outcome: String; let note: String }
    struct Duplicate { let label: String; let reason: String; let href: String; let targetID: String }

    let title: String
    let status: String
    let facts: [Fact]
    let concern: String
    let indicators: [String]
    let suggestGP: Bool
    let attempts: [Attempt]
    let otherSignals: [Fact]
    let duplicates: [Duplicate]
    let contactForm: FormView?
    let knownForm: FormView
    let teamForm: FormView?
    let csrf: String
    let signalID: String
    let notice: String?
    let consented: Bool
    /// A consented signal: where its trajectory is, or the form to start it.
    let trajectoryLink: String?
    /// Where the "start trajectory" and "merge" buttons post.
    let startTrajectoryAction: String
    let mergeAction: String

    static func make(
        signal: Signal, person: Person, form: FormData, errors: FieldErrors, notice: String?,
        services: AppServices, context: StaffRequestContext
    ) async throws -> SignalDetailPage {
        let renderer = services.renderer
        let language = context.language
        let t = { (key: String) in renderer.text(key, language) }
        let teams = try await services.organisations.teams(municipalityID: context.municipalityID)
        let districts = try await services.organisations.districts(municipalityID: context.municipalityID)
        let today = services.clock.today
        let canAssign = AccessPolicy.decide(context.user.actor, .assignSignals).isAllowed
        return SignalDetailPage(
            title: PersonLabels(renderer: renderer, language: language).label(person),
            status: t("signal_status_\(signal.status.rawValue)"),
            facts: facts(signal, person, teams: teams, districts: districts, today: today, language: language, t: t), concern: signal.concern,
            indicators: signal.indicators.map { t("signal_indicator_\($0.rawValue)") },
            suggestGP: signal.indicators.contains(where: \.suggestsGP),
            attempts: try await attempts(signal, repository: services.signals, language: language, t: t),
            otherSignals: try await otherSignals(signal, person, repository: services.signals, language: language, t: t),
            duplicates: try await duplicates(signal, person, repository: services.signals, labels: PersonLabels(renderer: renderer, language: language), t: t),
            contactForm: contactForm(signal, form: form, errors: errors, today: today, csrf: context.csrfToken, t: t),
            knownForm: knownForm(signal, person, csrf: context.csrfToken, t: t),
            teamForm: canAssign ? teamForm(signal, teams: teams, csrf: context.csrfToken, t: t) : nil, csrf: context.csrfToken,
            signalID: signal.id.uuidString, notice: notice, consented: signal.status == .consented,
            trajectoryLink: try await services.trajectories.trajectory(signalID: signal.id).map { Route.trajectory($0.id).href },
            startTrajectoryAction: Route.signalStartTrajectory(signal.id).href, mergeAction: Route.signalMerge(signal.id).href)
    }

    /// The facts list: status, dates, where from, who reported and whether a partner knows the person.
    static func facts(_ signal: Signal, _ person: Person, teams: [Team], districts: [District], today: CivilDate,
                      language: Language, t: (String) -> String) -> [Fact] {
        let overdue = signal.status.awaitsFirstContact && signal.contactDue < today
        var facts = [
            Fact(label: t("col_status"), value: t("signal_status_\(signal.status.rawValue)")),
            Fact(label: t("col_received"), value: DateText.long(signal.receivedAt, language)),
            Fact(label: t("col_source"), value: t("signal_source_\(signal.source.rawValue)")),
            Fact(label: t("col_reference"), value: signal.referenceCode),
            Fact(label: t("col_district"), value: districts.first { $0.id == signal.districtID }?.name ?? "—"),
            Fact(label: t("col_team"), value: teams.first { $0.id == signal.teamID }?.name ?? t("no_team")),
            Fact(label: t("signal_field_age_band"), value: t("signal_age_band_\(person.ageBand.rawValue)")
                 + (person.birthYear.map { " (\($0))" } ?? "")),
        ]
        if signal.status.awaitsFirstContact {
            facts.append(Fact(label: t("col_contact_due"), value: DateText.long(signal.contactDue, language) + (overdue ? " — " + t("overdue") : "")))
        }
        if let followUp = signal.followUpOn { facts.append(Fact(label: t("contact_field_follow_up_on"), value: DateText.long(followUp, language))) }
        if let phone = person.phone { facts.append(Fact(label: t("signal_field_person_phone"), value: phone)) }
        let reporter = signal.reporterName.map { name in
            [name, signal.reporterEmail, signal.reporterPhone].compactMap { $0 }.joined(separator: ", ")
        } ?? t("summary_anonymous")
        // A home visitor did not know the person through their work, they met them at the visit.
        let relation = signal.source == .outreach ? t("signal_relation_home_visit") : t("signal_relation_\(signal.reporterRelation.rawValue)")
        facts.append(Fact(label: t("col_reporter"), value: "\(reporter) (\(relation))"))
        facts.append(Fact(label: t("col_known"), value: t(person.knownToPartner.map { $0 ? "known_yes" : "known_no" } ?? "known_unset")))
        return facts
    }

    /// The attempts to reach the person, oldest first.
    static func attempts(_ signal: Signal, repository: SignalRepository, language: Language, t: (String) -> String) async throws -> [Attempt] {
        try await repository.attempts(signalID: signal.id).map { attempt in
            Attempt(date: DateText.long(attempt.onDate, language), channel: t("contact_channel_\(attempt.channel.rawValue)"),
                    outcome: t("contact_outcome_\(attempt.outcome.rawValue)")
                        + (attempt.consentForm.map { " — \(t("consent_form_\($0.rawValue)"))" } ?? "")
                        + (attempt.declineReason.map { ": \($0)" } ?? ""),
                    note: attempt.note)
        }
    }

    /// Earlier and later signals about the same person.
    static func otherSignals(_ signal: Signal, _ person: Person, repository: SignalRepository, language: Language, t: (String) -> String) async throws -> [Fact] {
        try await repository.signals(personID: person.id).filter { $0.id != signal.id }.map {
            Fact(label: DateText.long($0.receivedAt, language), value: t("signal_status_\($0.status.rawValue)") + " — " + String($0.concern.prefix(120)))
        }
    }

    /// Open signals about probably the same person, to merge with (none once this one is merged).
    static func duplicates(_ signal: Signal, _ person: Person, repository: SignalRepository, labels: PersonLabels,
                           t: (String) -> String) async throws -> [Duplicate] {
        signal.status == .merged ? [] : try await repository.duplicates(of: person, excluding: signal.id).map { match in
            Duplicate(
                label: labels.label(match.person)
                    + " — " + DateText.long(match.signal.receivedAt, labels.language)
                    + " — " + t("signal_status_\(match.signal.status.rawValue)"),
                reason: t("duplicate_\(match.reason.rawValue)"), href: Route.signal(match.signal.id).href, targetID: match.signal.id.uuidString)
        }
    }

    /// Recording a contact attempt, while the signal still awaits consent.
    static func contactForm(_ signal: Signal, form: FormData, errors: FieldErrors, today: CivilDate, csrf: String,
                            t: (String) -> String) -> FormView? {
        let channelOptions = ContactChannel.allCases.map { ($0.rawValue, t("contact_channel_\($0.rawValue)")) }
        let outcomeOptions = ContactOutcome.allCases.map { ($0.rawValue, t("contact_outcome_\($0.rawValue)")) }
        let consentOptions = ConsentForm.allCases.map { ($0.rawValue, t("consent_form_\($0.rawValue)")) }
        let canContact = signal.status != .merged && signal.status != .anonymised && signal.status != .consented
        return canContact ? FormView(
            action: .signalContact(signal.id), submitLabel: t("contact_submit"),
            fields: [
                FieldView(name: "on_date", label: t("contact_field_on_date"), value: form["on_date"].nonEmpty ?? DateText.input(today),
                          hint: t("contact_field_on_date_hint"), error: errors["on_date"]),
                FieldView(name: "channel", label: t("contact_field_channel"), kind: .radios, error: errors["channel"],
                          options: FieldView.options(channelOptions, selected: [form["channel"].nonEmpty ?? "phone"])),
                FieldView(name: "outcome", label: t("contact_field_outcome"), kind: .radios, error: errors["outcome"],
                          options: FieldView.options(outcomeOptions, selected: [form["outcome"]])),
                FieldView(name: "consent_form", label: t("contact_field_consent_form"), kind: .radios,
                          hint: t("contact_field_consent_form_hint"), error: errors["consent_form"],
                          options: FieldView.options(consentOptions, selected: [form["consent_form"]]), required: false),
                FieldView(name: "decline_reason", label: t("contact_field_decline_reason"), value: form["decline_reason"],
                          error: errors["decline_reason"], required: false),
                FieldView(name: "follow_up_on", label: t("contact_field_follow_up_on"), value: form["follow_up_on"],
                          hint: t("contact_field_follow_up_on_hint"), error: errors["follow_up_on"], required: false),
                FieldView(name: "note", label: t("contact_field_note"), kind: .textarea, value: form["note"], error: errors["note"], required: false),
            ],
            csrf: csrf) : nil
    }

    /// Whether a partner already knows the person.
    static func knownForm(_ signal: Signal, _ person: Person, csrf: String, t: (String) -> String) -> FormView {
        FormView(
            action: .signalKnownToPartner(signal.id), submitLabel: t("save"),
            fields: [FieldView(name: "known", label: t("col_known"), kind: .radios, hint: t("known_hint"),
                               options: FieldView.options([("yes", t("known_yes")), ("no", t("known_no")), ("", t("known_unset"))],
                                                          selected: [person.knownToPartner.map { $0 ? "yes" : "no" } ?? ""]), required: false)],
            csrf: csrf)
    }

    /// Giving the signal to another team (coordinators).
    static func teamForm(_ signal: Signal, teams: [Team], csrf: String, t: (String) -> String) -> FormView {
        FormView(
            action: .signalTeam(signal.id), submitLabel: t("assign_submit"),
            fields: [FieldView(name: "team", label: t("col_team"), kind: .select,
                               options: FieldView.options([("", t("no_team"))] + teams.map { ($0.id.uuidString, $0.name) },
                                                          selected: [signal.teamID?.uuidString ?? ""]), required: false)],
            csrf: csrf)
    }
}

/// What a professional should do today: follow-ups that are due and first contacts that are late.
struct AgendaPage {
    struct Item { let date: String; let label: String; let href: String; let kind: String }
    let today: String
    let due: [Item]
    let upcoming: [Item]
    let overdue: [Item]

    static func make(services: AppServices, context: StaffRequestContext) async throws -> AgendaPage {
        let renderer = services.renderer
        let language = context.language
        let today = services.clock.today
        let team = context.user.account.role == .coordinator ? nil : context.user.account.teamID
        let declined = try await services.signals.followUps(municipalityID: context.municipalityID, teamID: team, through: today.adding(days: 14))
        let open = try await services.signals.signals(municipalityID: context.municipalityID, teamID: team, statuses: [.new, .contacting])
        let item = { (signal: Signal, person: Person, date: CivilDate, kind: String) in
            Item(date: DateText.long(date, language), label: PersonLabels(renderer: renderer, language: language).label(person),
                 href: Route.signal(signal.id).href, kind: renderer.text(kind, language))
        }
        // "Keep an eye" reminders of the user's own open trajectories.
        var reminderItems: [(Item, CivilDate)] = []
        for (trajectory, person) in try await services.trajectories.trajectories(
            municipalityID: context.municipalityID, professionalID: context.user.account.id) {
            for reminder in try await services.trajectories.reminders(trajectory.id) where !reminder.done && reminder.onDate <= today.adding(days: 14) {
                reminderItems.append((Item(date: DateText.long(reminder.onDate, language),
                                           label: PersonLabels(renderer: renderer, language: language).label(person)
                                               + (reminder.note.isEmpty ? "" : " — \(reminder.note)"),
                                           href: Route.trajectory(trajectory.id).href, kind: renderer.text("agenda_reminder", language)), reminder.onDate))
            }
        }
        return AgendaPage(
            today: DateText.long(today, language),
            due: declined.filter { $0.0.followUpOn! <= today }.map { item($0.0, $0.1, $0.0.followUpOn!, "agenda_follow_up") }
                + reminderItems.filter { $0.1 <= today }.map(\.0),
            upcoming: declined.filter { $0.0.followUpOn! > today }.map { item($0.0, $0.1, $0.0.followUpOn!, "agenda_follow_up") }
                + reminderItems.filter { $0.1 > today }.map(\.0),
            overdue: open.filter { $0.0.contactDue < today }.map { item($0.0, $0.1, $0.0.contactDue, "agenda_first_contact") })
    }
}

/// In-app notifications, derived from the state of the signals so they are never out of date.
/// A notification is a value with a kind, a text and a link; a future mail channel can deliver the
/// same values (see `NotificationChannel`).
struct AppNotification: Equatable {
    enum Kind: String {
        case newSignal = "new_signal", overdueFirstContact = "overdue", followUpToday = "follow_up_today"
        case backupRequested = "backup_requested"
        /// The person consented but no trajectory has started yet.
        case startTrajectory = "start_trajectory"
    }
    let kind: Kind
    let href: String
    let label: String

    init(kind: Kind, signalID: UUID, label: String) {
        self.init(kind: kind, href: Route.signal(signalID).href, label: label)
    }

    init(kind: Kind, href: String, label: String) {
        self.kind = kind
        self.href = href
        self.label = label
    }

    struct View { let text: String; let href: String }
    func view(renderer: Renderer, language: Language) -> View {
        View(text: renderer.text("notification_\(kind.rawValue)", language, label), href: href)
    }
}

/// A way to deliver notifications. In-app is the page itself; mail can be added by another conformer.
protocol NotificationChannel: Sendable {
    func deliver(_ notifications: [AppNotification], to user: UserAccount) async throws
}

struct NotificationCenter {
    let services: AppServices

    func notifications(for user: CurrentUser) async throws -> [AppNotification] {
        guard AccessPolicy.decide(user.actor, .handleSignals).isAllowed else { return [] }
        let team = user.account.role == .coordinator ? nil : user.account.teamID
        if user.account.role != .coordinator && team == nil { return [] }
        let today = services.clock.today
        let open = try await services.signals.signals(municipalityID: user.municipality.id, teamID: team, statuses: [.new, .contacting, .inConversation, .declined])
        var result: [AppNotification] = []
        for (signal, person) in open {
            let label = person.name.isEmpty ? (person.postcode ?? "?") : person.name
            if signal.status == .new && signal.contactDue >= today { result.append(.init(kind: .newSignal, signalID: signal.id, label: label)) }
            if signal.status.awaitsFirstContact && signal.contactDue < today {
                result.append(.init(kind: .overdueFirstContact, signalID: signal.id, label: label))
            }
            if signal.status.hasFollowUp && signal.followUpOn == today { result.append(.init(kind: .followUpToday, signalID: signal.id, label: label)) }
        }
        for (signal, person) in try await services.signals.consentedWithoutTrajectory(municipalityID: user.municipality.id, teamID: team) {
            result.append(.init(kind: .startTrajectory, signalID: signal.id, label: person.name.isEmpty ? (person.postcode ?? "?") : person.name))
        }
        return result + (try await backupRequests(for: user))
    }

    /// Volunteers asking for backup: the person's professional is told, and the coordinators.
    func backupRequests(for user: CurrentUser) async throws -> [AppNotification] {
        let municipalityID = user.municipality.id
        // Ended couplings too: a call for help made just before the end must still reach someone.
        let couplings = try await services.couplings.couplings(municipalityID: municipalityID, statuses: [.proposed, .active, .ended])
        let open = try await services.couplings.backupRequests(couplingIDs: couplings.map(\.id), openOnly: true)
        var result: [AppNotification] = []
        for coupling in couplings where open.contains(where: { $0.couplingID == coupling.id }) {
            guard let trajectory = try await services.trajectories.trajectory(id: coupling.trajectoryID, municipalityID: municipalityID),
                  user.account.role == .coordinator || trajectory.professionalID == user.account.id,
                  let person = try await services.signals.person(id: trajectory.personID, municipalityID: municipalityID)
            else { continue }
            result.append(.init(kind: .backupRequested, href: Route.coupling(coupling.id).href, label: person.name))
        }
        return result
    }
}
