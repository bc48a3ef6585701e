import Foundation
import OmzienCore

/// The person page of a trajectory: the phase cycle, the selected phase's aids, the timeline.
/// What was typed comes back in `form` after a validation error, so nothing is lost.
struct TrajectoryPage {
    struct PhaseLink { let label: String; let href: String; let current: Bool; let selected: Bool }
    struct Row { let cells: [String] }
    struct Item { let text: String; let actions: [ActionButton] }

    let title: String
    let subtitle: String
    let isOpen: Bool
    let closedText: String?
    let notice: String?
    let phases: [PhaseLink]
    let selectedLabel: String
    let selectedHelp: String
    let moveForm: FormView?
    let gpPrompt: Bool
    let isRecognise: Bool, isListen: Bool, isWishes: Bool, isCollaborate: Bool, isAct: Bool, isReview: Bool
    let signalLines: [String]
    let tips: [String]
    let notesForm: FormView?
    let listenForm: FormView?
    let measurementForm: FormView?
    let otherScaleLink: String?
    let measurements: [Row]
    let assessmentLines: [String]
    let network: [Item]
    let networkLines: [String]
    let memberForm: FormView?
    let goals: [Item]
    /// A goal asks for a volunteer: the link to the buddy request and its coupling.
    let buddyLink: String?
    let suggestionsLink: String
    /// Coordinators see who viewed or changed the file.
    let auditLink: String?
    let consentLink: String
    let goalForm: FormView?
    let reviewLines: [String]
    let decisions: [ActionButton]
    let closeForm: FormView?
    let contactForm: FormView?
    let reminderForm: FormView?
    let transferForm: FormView?
    let reminders: [String]
    let timeline: [Row]

    // swiftlint:disable:next function_body_length
    static func make(
        trajectory: Trajectory, person: Person, phase: Phase, version: DJGVersion, form: FormData, errors: FieldErrors, notice: String?,
        services: AppServices, context: StaffRequestContext
    ) async throws -> TrajectoryPage {
        let renderer = services.renderer
        let language = context.language
        let t = { (key: String) in renderer.text(key, language) }
        let repository = services.trajectories
        let id = trajectory.id
        let csrf = context.csrfToken
        let open = trajectory.isOpen
        let signal = try await trajectory.signalID.asyncMap { try await services.signals.signal(id: $0, municipalityID: trajectory.municipalityID) } ?? nil
        let measurements = try await repository.measurements(id)
        let members = try await repository.network(id)
        let map = NetworkMap(members: members.map(\.1))
        let goals = try await repository.goals(id)
        let users = try await services.users.users(municipalityID: trajectory.municipalityID)
        let a = trajectory.assessment
        let value = { (name: String, stored: String) in form.fields[name] != nil ? form[name] : stored }
        let hidden = { (section: Phase) in [FormView.Hidden(name: "section", value: String(section.rawValue))] }
        let options = { (pairs: [(String, String)], selected: Set<String>) in FieldView.options(pairs, selected: selected) }
        let textarea = { (name: String, stored: String, required: Bool) in
            FieldView(name: name, label: t("trajectory_field_\(name)"), kind: .textarea, value: value(name, stored),
                      error: errors[name], required: required)
        }

        // The phase cycle.
        let phases = Phase.allCases.map { p in
            PhaseLink(label: "\(p.rawValue). " + t("phase_\(p.rawValue)"), href: "/trajecten/\(id)?fase=\(p.rawValue)",
                      current: p == trajectory.phase, selected: p == phase)
        }
        let moveForm = open && phase != trajectory.phase ? FormView(
            action: "/trajecten/\(id)/fase", submitLabel: renderer.text("phase_move", language, t("phase_\(phase.rawValue)")), fields: [],
            csrf: csrf, hidden: [.init(name: "phase", value: String(phase.rawValue))]) : nil

        // GP prompt: signals that also fit dementia or depression, or a strongly lonely measurement.
        let gpPrompt = open && (signal?.indicators.contains(where: \.suggestsGP) ?? false)
            || measurements.contains { ($0.score.level == .strong || $0.score.level == .veryStrong) }

        // Recognise and discuss.
        let signalLines = signal.map { s in [s.concern] + s.indicators.map { t("signal_indicator_\($0.rawValue)") } } ?? [t("trajectory_no_signal")]
        let selectedHurdles = form.fields["hurdles_present"] != nil ? Set(form.all("hurdles")) : Set(a.hurdles.map(\.rawValue))
        let notesFields: [FieldView]
        switch phase {
        case .recognise, .discuss:
            notesFields = [
                FieldView(name: "hurdles", label: t("trajectory_field_hurdles"), kind: .checkboxes,
                          options: options(Hurdle.allCases.map { ($0.rawValue, t("hurdle_\($0.rawValue)")) }, selectedHurdles), required: false),
                textarea("resistance_notes", a.resistanceNotes, false),
            ]
        case .wishes:
            notesFields = [textarea("wishes", a.wishes, false), textarea("talents", a.talents, false),
                           textarea("interests", a.interests, false), textarea("always_liked", a.alwaysLiked, false)]
        case .collaborate:
            notesFields = [textarea("partners_involved", a.partnersInvolved, false)]
        case .review:
            notesFields = [textarea("look_back", a.lookBack, false)]
        case .listen, .act:
            notesFields = []
        }
        let notesForm = open && !notesFields.isEmpty ? FormView(
            action: "/trajecten/\(id)/notities", submitLabel: t("save"), fields: notesFields, csrf: csrf,
            intro: phase == .wishes ? t("wishes_questions") : nil,
            hidden: hidden(phase) + (phase == .recognise || phase == .discuss ? [.init(name: "hurdles_present", value: "1")] : [])) : nil
        let tips = phase == .recognise || phase == .discuss ? (1...5).map { t("resistance_tip_\($0)") } : []

        // Listening: situation, causes, duration, motivation, coping, readiness, forms.
        let latest = measurements.last?.score
        let suggested = latest.map { ($0.version == .six ? FormSuggestion.six : FormSuggestion.eleven).forms(for: $0) } ?? []
        let pick = { (name: String, stored: String?) -> Set<String> in form.fields[name] != nil ? [form[name]] : [stored ?? ""] }
        let picks = { (name: String, stored: [String]) -> Set<String> in form.fields["situation"] != nil ? Set(form.all(name)) : Set(stored) }
        let readiness = a.readiness.map { r in [r.knows ? "knows" : nil, r.wants ? "wants" : nil, r.able ? "able" : nil].compactMap { $0 } } ?? []
        let listenForm = open && phase == .listen ? FormView(
            action: "/trajecten/\(id)/luisteren", submitLabel: t("save"),
            fields: [
                textarea("situation", a.situation, false),
                FieldView(name: "causes", label: t("trajectory_field_causes"), kind: .checkboxes,
                          options: options(CauseGroup.allCases.map { ($0.rawValue, t("cause_\($0.rawValue)")) }, picks("causes", a.causeGroups.map(\.rawValue))),
                          required: false),
                textarea("cause_notes", a.causeNotes, false),
                FieldView(name: "duration", label: t("trajectory_field_duration"), kind: .radios,
                          options: options(LonelinessDuration.allCases.map { ($0.rawValue, t("duration_\($0.rawValue)")) }, pick("duration", a.duration?.rawValue)),
                          required: false),
                FieldView(name: "motivation", label: t("trajectory_field_motivation"), kind: .radios,
                          options: options(Motivation.allCases.map { ($0.rawValue, t("motivation_\($0.rawValue)")) }, pick("motivation", a.motivation?.rawValue)),
                          required: false),
                FieldView(name: "coping", label: t("trajectory_field_coping"), kind: .radios,
                          options: options(Coping.allCases.map { ($0.rawValue, t("coping_\($0.rawValue)")) }, pick("coping", a.coping?.rawValue)),
                          required: false),
                FieldView(name: "readiness", label: t("trajectory_field_readiness"), kind: .checkboxes, hint: t("trajectory_field_readiness_hint"),
                          options: options(["knows", "wants", "able"].map { ($0, t("readiness_\($0)")) }, picks("readiness", readiness)), required: false),
                FieldView(name: "forms", label: t("trajectory_field_forms"), kind: .checkboxes,
                          hint: suggested.isEmpty ? t("trajectory_field_forms_hint")
                              : renderer.text("forms_suggested", language, suggested.map { t("form_\($0.rawValue)") }.sorted().joined(separator: ", ")),
                          options: options(LonelinessForm.allCases.map { ($0.rawValue, t("form_\($0.rawValue)")) }, picks("forms", a.forms.map(\.rawValue))),
                          required: false),
            ],
            csrf: csrf) : nil

        // Measurement (listening and reviewing).
        let answerOptions: [(String, String)] = [DJGAnswer.yes, .moreOrLess, .no].map { ($0.rawValue, t("answer_\($0 == .moreOrLess ? "neutral" : $0.rawValue)")) }
        let measurementForm = open && (phase == .listen || phase == .review) ? FormView(
            action: "/trajecten/\(id)/meting", submitLabel: t("measurement_save"),
            fields: version.items.map { item in
                FieldView(name: "q\(item)", label: "\(item). " + (language == .nl ? DJGItem.item(item).dutch : DJGItem.item(item).english),
                          kind: .radios, error: errors["q\(item)"], options: options(answerOptions, [form["q\(item)"]]))
            },
            csrf: csrf, intro: t("measurement_intro"),
            hidden: hidden(phase) + [.init(name: "version", value: version.rawValue)]) : nil
        let otherScaleLink = measurementForm == nil ? nil
            : "/trajecten/\(id)?fase=\(phase.rawValue)&schaal=\(version == .eleven ? DJGVersion.six.rawValue : DJGVersion.eleven.rawValue)"
        let measurementRows = measurements.map { m in
            Row(cells: [m.onDate.description, m.score.version == .eleven ? "DJG-11" : "DJG-6", m.score.total.map(String.init) ?? "—",
                        m.score.emotional.map(String.init) ?? "—", m.score.social.map(String.init) ?? "—",
                        m.score.level.map { t("level_\($0.rawValue)") } ?? "—"])
        }
        var assessmentLines: [String] = []
        if let profile = a.profile { assessmentLines.append(t("trajectory_profile") + ": " + t("profile_\(profile.rawValue)")) }
        if let lonely = latest?.isLonely, map.size > 0 {
            let type = NetworkType.classify(networkSize: map.goodContacts, lonely: lonely)
            assessmentLines.append(t("trajectory_network_type") + ": " + t("network_type_\(type.rawValue)")
                                   + " (" + renderer.text("network_good_contacts", language, String(map.goodContacts)) + ")")
        }
        if let gap = a.readiness?.firstGap { assessmentLines.append(renderer.text("readiness_gap", language, t("readiness_\(gap)"))) }

        // Network map.
        let network = members.map { memberID, member in
            Item(text: "\(member.name) — \(t("relation_\(member.relation.rawValue)")), \(t("circle_\(member.circle)")), \(t("frequency_\(member.frequency.rawValue)"))"
                     + (member.support.isEmpty ? "" : "; " + NetworkMap.Support.allCases.filter(member.support.contains).map { t("support_\($0.rawValue)") }.joined(separator: ", ")),
                 actions: open ? [ActionButton(action: "/trajecten/\(id)/netwerk/\(memberID)/verwijderen", label: t("remove"), csrf: csrf, danger: false)] : [])
        }
        var networkLines = [renderer.text("network_figures", language, String(map.size), String(map.goodContacts), String(map.variety))]
        if !map.supportGaps.isEmpty {
            networkLines.append(t("network_gaps") + ": " + NetworkMap.Support.allCases.filter(map.supportGaps.contains).map { t("support_\($0.rawValue)") }.joined(separator: ", "))
        }
        if map.familyOnly { networkLines.append(t("network_family_only")) }
        let memberForm = open && phase == .collaborate ? FormView(
            action: "/trajecten/\(id)/netwerk", submitLabel: t("network_add"),
            fields: [
                FieldView(name: "member_name", label: t("network_field_name"), value: form["member_name"], hint: t("network_field_name_hint"), error: errors["member_name"]),
                FieldView(name: "relation", label: t("network_field_relation"), kind: .select, error: errors["relation"],
                          options: options([("", t("option_choose"))] + NetworkMap.Relation.allCases.map { ($0.rawValue, t("relation_\($0.rawValue)")) }, [form["relation"]])),
                FieldView(name: "circle", label: t("network_field_circle"), kind: .radios, error: errors["circle"],
                          options: options((1...3).map { (String($0), t("circle_\($0)")) }, [form["circle"]])),
                FieldView(name: "frequency", label: t("network_field_frequency"), kind: .radios, error: errors["frequency"],
                          options: options(NetworkMap.Frequency.allCases.map { ($0.rawValue, t("frequency_\($0.rawValue)")) }, [form["frequency"]])),
                FieldView(name: "support", label: t("network_field_support"), kind: .checkboxes,
                          options: options(NetworkMap.Support.allCases.map { ($0.rawValue, t("support_\($0.rawValue)")) }, Set(form.all("support"))), required: false),
            ],
            csrf: csrf) : nil

        // Plan.
        let goalItems = goals.map { goal in
            Item(text: "\(goal.description) — \(t("resource_\(goal.resource.rawValue)"))" + (goal.dueOn.map { ", \(t("goal_due")) \($0)" } ?? "")
                     + " — " + t("goal_status_\(goal.status.rawValue)"),
                 actions: open && goal.status == .open ? [GoalStatus.done, .dropped].map { status in
                     ActionButton(action: "/trajecten/\(id)/doelen/\(goal.id)?status=\(status.rawValue)", label: t("goal_mark_\(status.rawValue)"),
                                  csrf: csrf, danger: false)
                 } : [])
        }
        let goalForm = open && phase == .act ? FormView(
            action: "/trajecten/\(id)/doelen", submitLabel: t("goal_add"),
            fields: [
                FieldView(name: "goal", label: t("goal_field_goal"), value: form["goal"], hint: t("goal_field_goal_hint"), error: errors["goal"]),
                FieldView(name: "resource", label: t("goal_field_resource"), kind: .radios, hint: t("goal_field_resource_hint"), error: errors["resource"],
                          options: options(GoalResource.allCases.map { ($0.rawValue, t("resource_\($0.rawValue)")) }, [form["resource"]])),
                FieldView(name: "due_on", label: t("goal_field_due"), value: form["due_on"], hint: t("contact_field_on_date_hint"), error: errors["due_on"], required: false),
                FieldView(name: "agreed", label: t("goal_field_agreed"), kind: .checkbox, value: form["agreed"], error: errors["agreed"]),
            ],
            csrf: csrf) : nil

        // Review.
        var reviewLines: [String] = []
        if let first = measurements.first, let last = measurements.last, measurements.count >= 2 {
            let change = MeasurementChange(before: first.score, after: last.score)
            if let delta = change.change {
                reviewLines.append(renderer.text("review_change", language, first.score.total.map(String.init) ?? "?",
                                                 last.score.total.map(String.init) ?? "?", delta > 0 ? "+\(delta)" : String(delta)))
            }
        } else {
            reviewLines.append(t("review_needs_second"))
        }
        reviewLines.append(renderer.text("review_goals", language, String(goals.filter { $0.status == .done }.count), String(goals.count)))
        let decisions = open && phase == .review ? [
            ActionButton(action: "/trajecten/\(id)/fase?phase=3", label: t("decision_continue"), csrf: csrf, danger: false),
            ActionButton(action: "/trajecten/\(id)/fase?phase=6", label: t("decision_adjust"), csrf: csrf, danger: false),
        ] : []
        let closeForm = open && phase == .review ? FormView(
            action: "/trajecten/\(id)/afsluiten", submitLabel: t("close_submit"),
            fields: [
                FieldView(name: "close_reason", label: t("close_field_reason"), kind: .radios, error: errors["close_reason"],
                          options: options(CloseReason.allCases.map { ($0.rawValue, t("close_reason_\($0.rawValue)")) }, [form["close_reason"]])),
                FieldView(name: "no_measurement_reason", label: t("close_field_no_measurement"), value: form["no_measurement_reason"],
                          hint: t("close_field_no_measurement_hint"), error: errors["no_measurement_reason"], required: false),
                FieldView(name: "close_note", label: t("close_field_note"), kind: .textarea, value: form["close_note"], error: errors["close_note"], required: false),
            ],
            csrf: csrf) : nil

        // Always available: contact log, reminder, transfer.
        let today = services.clock.today
        let contactForm = open ? FormView(
            action: "/trajecten/\(id)/contact", submitLabel: t("case_contact_add"),
            fields: [
                FieldView(name: "contact_on", label: t("contact_field_on_date"), value: form["contact_on"].nonEmpty ?? today.description, error: errors["contact_on"]),
                FieldView(name: "contact_kind", label: t("case_contact_kind"), kind: .select, error: errors["contact_kind"],
                          options: options(CaseContactKind.allCases.map { ($0.rawValue, t("case_contact_\($0.rawValue)")) }, [form["contact_kind"].nonEmpty ?? "visit"])),
                FieldView(name: "minutes", label: t("case_contact_minutes"), kind: .number, value: form["minutes"], error: errors["minutes"], required: false),
                FieldView(name: "contact_note", label: t("contact_field_note"), kind: .textarea, value: form["contact_note"], error: errors["contact_note"], required: false),
            ],
            csrf: csrf, hidden: hidden(phase)) : nil
        let reminderForm = open ? FormView(
            action: "/trajecten/\(id)/herinnering", submitLabel: t("reminder_add"),
            fields: [
                FieldView(name: "remind_on", label: t("reminder_field_date"), value: form["remind_on"], hint: t("contact_field_on_date_hint"), error: errors["remind_on"]),
                FieldView(name: "remind_note", label: t("reminder_field_note"), value: form["remind_note"], required: false),
            ],
            csrf: csrf, intro: t("reminder_intro"), hidden: hidden(phase)) : nil
        let colleagues = users.filter { ($0.role == .professional || $0.role == .coordinator) && $0.active && $0.id != trajectory.professionalID }
        let transferForm = open ? FormView(
            action: "/trajecten/\(id)/overdragen", submitLabel: t("transfer_submit"),
            fields: [
                FieldView(name: "colleague", label: t("transfer_field_colleague"), kind: .select, error: errors["colleague"],
                          options: options([("", t("option_choose"))] + colleagues.map { ($0.id.uuidString, $0.name) }, [form["colleague"]])),
                FieldView(name: "transfer_note", label: t("transfer_field_note"), kind: .textarea, value: form["transfer_note"], required: false),
            ],
            csrf: csrf) : nil
        let reminders = try await repository.reminders(id).filter { !$0.done }.map { "\($0.onDate) — \($0.note)" }
        var timeline = try await repository.timeline(id).map { event in
            Row(cells: [event.onDate.description, TrajectoryPage.describe(event, t: t, renderer: renderer, language: language),
                        users.first { $0.id == event.byUser }?.name ?? "—"])
        }
        // What happened before the trajectory: the signal and the attempts to reach the person.
        if let signal {
            let attempts = try await services.signals.attempts(signalID: signal.id).reversed().map { attempt in
                Row(cells: [attempt.onDate.description, t("event_contact_attempt") + ": " + t("contact_outcome_\(attempt.outcome.rawValue)"),
                            users.first { $0.id == attempt.recordedBy }?.name ?? "—"])
            }
            timeline += attempts + [Row(cells: [DateText.of(signal.receivedAt),
                                                t("event_signal_received") + " (" + t("signal_source_\(signal.source.rawValue)") + ")", "—"])]
        }

        let professional = users.first { $0.id == trajectory.professionalID }?.name ?? "—"
        return TrajectoryPage(
            title: PersonLabels(renderer: renderer, language: language).label(person),
            subtitle: renderer.text("trajectory_subtitle", language, trajectory.startedOn.description, professional),
            isOpen: open,
            closedText: trajectory.closeReason.map { renderer.text("trajectory_closed", language, trajectory.closedOn?.description ?? "", t("close_reason_\($0.rawValue)")) },
            notice: notice, phases: phases, selectedLabel: "\(phase.rawValue). " + t("phase_\(phase.rawValue)"),
            selectedHelp: t("phase_help_\(phase.rawValue)"), moveForm: moveForm, gpPrompt: gpPrompt,
            isRecognise: phase == .recognise || phase == .discuss, isListen: phase == .listen, isWishes: phase == .wishes,
            isCollaborate: phase == .collaborate, isAct: phase == .act, isReview: phase == .review,
            signalLines: signalLines, tips: tips, notesForm: notesForm, listenForm: listenForm, measurementForm: measurementForm,
            otherScaleLink: otherScaleLink, measurements: measurementRows, assessmentLines: assessmentLines,
            network: network, networkLines: networkLines, memberForm: memberForm, goals: goalItems,
            buddyLink: goals.contains { $0.resource == .volunteer } ? "/trajecten/\(id)/maatje" : nil,
            suggestionsLink: "/trajecten/\(id)/suggesties",
            auditLink: context.user.account.role == .coordinator ? "/trajecten/\(id)/inzage" : nil,
            consentLink: "/trajecten/\(id)/toestemming", goalForm: goalForm,
            reviewLines: reviewLines, decisions: decisions, closeForm: closeForm, contactForm: contactForm, reminderForm: reminderForm,
            transferForm: transferForm, reminders: reminders, timeline: timeline)
    }

    /// "djg11 7" → "Meting DJG-11: 7 (matig eenzaam)".
    static func describeMeasurement(_ text: String, renderer: Renderer, language: Language) -> String {
        let parts = text.split(separator: " ")
        guard parts.count == 2, let version = DJGVersion(rawValue: String(parts[0])), let total = Int(parts[1]) else { return text }
        return renderer.text("event_measurement_text", language, version == .eleven ? "DJG-11" : "DJG-6", String(total),
                             renderer.text("level_\(LonelinessLevel.of(total: total, version: version).rawValue)", language))
    }

    static func describe(_ event: TimelineEvent, t: (String) -> String, renderer: Renderer, language: Language) -> String {
        switch event.kind {
        case "started": t(event.text == "direct" ? "event_started_direct" : "event_started_signal")
        case "notes": renderer.text("event_notes_in", language, t("phase_\(event.text)"))
        case "phase": renderer.text("event_phase", language, t("phase_\(event.text)"))
        case "measurement":
            TrajectoryPage.describeMeasurement(event.text, renderer: renderer, language: language)
        case "goal":
            renderer.text("event_goal_added", language, String(event.text.split(separator: "|", maxSplits: 1).last ?? ""),
                          t("resource_\(event.text.split(separator: "|").first ?? "")"))
        case "closed": renderer.text("event_closed", language, t("close_reason_\(event.text)"))
        case "coupling_ended": renderer.text("event_coupling_ended", language, t("coupling_end_\(event.text)"))
        case "goal_status":
            renderer.text("event_goal_\(event.text.split(separator: "|").first ?? "")", language,
                          String(event.text.split(separator: "|", maxSplits: 1).last ?? ""))
        default: t("event_\(event.kind)") + (event.text.isEmpty ? "" : ": " + event.text)
        }
    }
}
