import Foundation
import OmzienCore

// The sections of the trajectory page. Each one is a view model whose stored properties are the
// template's keys; the ones that need data load it themselves (`load`).

/// The phase cycle at the top, the chosen phase and the button that moves the trajectory there.
struct PhaseCycleSection: TemplateValues {
    let phases: [TrajectoryPage.PhaseLink]
    let selectedLabel: String
    let selectedHelp: String
    let moveForm: FormView?
    let isRecognise: Bool, isListen: Bool, isWishes: Bool, isCollaborate: Bool, isAct: Bool, isReview: Bool

    init(_ page: TrajectoryPageInput) {
        let (trajectory, phase, id, open, csrf, t) = (page.trajectory, page.phase, page.id, page.open, page.csrf, page.t)
        phases = Phase.allCases.map { p in
            TrajectoryPage.PhaseLink(label: "\(p.rawValue). " + t("phase_\(p.rawValue)"), href: Route.trajectory(id, phase: p).href,
                                     current: p == trajectory.phase, selected: p == phase)
        }
        moveForm = open && phase != trajectory.phase ? FormView(
            action: .trajectoryPhase(id), submitLabel: page.renderer.text("phase_move", page.language, t("phase_\(phase.rawValue)")), fields: [],
            csrf: csrf, hidden: [.init(name: Route.phaseKey, value: String(phase.rawValue))]) : nil
        selectedLabel = "\(phase.rawValue). " + t("phase_\(phase.rawValue)")
        selectedHelp = t("phase_help_\(phase.rawValue)")
        isRecognise = phase == .recognise || phase == .discuss
        isListen = phase == .listen
        isWishes = phase == .wishes
        isCollaborate = phase == .collaborate
        isAct = phase == .act
        isReview = phase == .review
    }

    func computed(_ name: String) -> Any? { nil }
}

/// Recognising and discussing (the signal, tips on resistance) and the free-text notes of each phase.
struct NotesSection: TemplateValues {
    let signalLines: [String]
    let tips: [String]
    let notesForm: FormView?

    init(_ page: TrajectoryPageInput, signal: Signal?) {
        let (phase, id, open, csrf, t) = (page.phase, page.id, page.open, page.csrf, page.t)
        signalLines = signal.map { s in [s.concern] + s.indicators.map { t("signal_indicator_\($0.rawValue)") } } ?? [t("trajectory_no_signal")]
        let notesFields = Self.fields(page)
        notesForm = open && !notesFields.isEmpty ? FormView(
            action: .trajectoryNotes(id), submitLabel: t("save"), fields: notesFields, csrf: csrf,
            intro: phase == .wishes ? t("wishes_questions") : nil,
            hidden: page.hidden(phase) + (phase == .recognise || phase == .discuss ? [.init(name: "hurdles_present", value: "1")] : [])) : nil
        tips = phase == .recognise || phase == .discuss ? (1...5).map { t("resistance_tip_\($0)") } : []
    }

    /// The notes the chosen phase asks for (none in listening and acting, which have forms of their own).
    static func fields(_ page: TrajectoryPageInput) -> [FieldView] {
        let (form, a, t, textarea) = (page.form, page.trajectory.assessment, page.t, page.textarea)
        let selectedHurdles = form.fields["hurdles_present"] != nil ? Set(form.all("hurdles")) : Set(a.hurdles.map(\.rawValue))
        switch page.phase {
        case .recognise, .discuss:
            return [
                FieldView(name: "hurdles", label: t("trajectory_field_hurdles"), kind: .checkboxes,
                          options: page.options(Hurdle.allCases.map { ($0.rawValue, t("hurdle_\($0.rawValue)")) }, selectedHurdles), required: false),
                textarea("resistance_notes", a.resistanceNotes, false),
            ]
        case .wishes:
            return [textarea("wishes", a.wishes, false), textarea("talents", a.talents, false),
                    textarea("interests", a.interests, false), textarea("always_liked", a.alwaysLiked, false)]
        case .collaborate:
            return [textarea("partners_involved", a.partnersInvolved, false)]
        case .review:
            return [textarea("look_back", a.lookBack, false)]
        case .listen, .act:
            return []
        }
    }

    func computed(_ name: String) -> Any? { nil }
}

/// Listening: situation, causes, duration, motivation, coping, readiness, forms.
struct ListenSection: TemplateValues {
    let listenForm: FormView?

    init(_ page: TrajectoryPageInput, latest: DJGScore?) {
        let (id, t) = (page.id, page.t)
        listenForm = page.open && page.phase == .listen ? FormView(
            action: .trajectoryListening(id), submitLabel: t("save"), fields: Self.fields(page, latest: latest), csrf: page.csrf) : nil
    }

    static func fields(_ page: TrajectoryPageInput, latest: DJGScore?) -> [FieldView] {
        let (form, a, t, options, textarea) = (page.form, page.trajectory.assessment, page.t, page.options, page.textarea)
        let suggested = latest.map { ($0.version == .six ? FormSuggestion.six : FormSuggestion.eleven).forms(for: $0) } ?? []
        let pick = { (name: String, stored: String?) -> Set<String> in form.fields[name] != nil ? [form[name]] : [stored ?? ""] }
        let picks = { (name: String, stored: [String]) -> Set<String> in form.fields["situation"] != nil ? Set(form.all(name)) : Set(stored) }
        let readiness = a.readiness.map { r in [r.knows ? "knows" : nil, r.wants ? "wants" : nil, r.able ? "able" : nil].compactMap { $0 } } ?? []
        return [
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
                          : page.renderer.text("forms_suggested", page.language, suggested.map { t("form_\($0.rawValue)") }.sorted().joined(separator: ", ")),
                      options: options(LonelinessForm.allCases.map { ($0.rawValue, t("form_\($0.rawValue)")) }, picks("forms", a.forms.map(\.rawValue))),
                      required: false),
        ]
    }

    func computed(_ name: String) -> Any? { nil }
}

/// Measurements with the De Jong Gierveld scale (listening and reviewing) and what they say.
struct MeasurementSection: TemplateValues {
    let measurementForm: FormView?
    let otherScaleLink: String?
    let measurements: [TrajectoryPage.Row]
    let assessmentLines: [String]
    /// The stored measurements, oldest first (the review and the GP prompt use them too).
    let scores: [Measurement]

    static func load(_ page: TrajectoryPageInput, map: NetworkMap, repository: TrajectoryRepository) async throws -> MeasurementSection {
        MeasurementSection(page, scores: try await repository.measurements(page.id), map: map)
    }

    init(_ page: TrajectoryPageInput, scores: [Measurement], map: NetworkMap) {
        let (phase, version, id, t) = (page.phase, page.version, page.id, page.t)
        let form = Self.form(page)
        measurementForm = form
        otherScaleLink = form == nil ? nil
            : Route.trajectory(id, phase: phase, scale: version == .eleven ? .six : .eleven).href
        measurements = scores.map { m in
            TrajectoryPage.Row(cells: [m.onDate.description, m.score.version == .eleven ? "DJG-11" : "DJG-6", m.score.total.map(String.init) ?? "—",
                                       m.score.emotional.map(String.init) ?? "—", m.score.social.map(String.init) ?? "—",
                                       m.score.level.map { t("level_\($0.rawValue)") } ?? "—"])
        }
        assessmentLines = Self.assessmentLines(page, latest: scores.last?.score, map: map)
        self.scores = scores
    }

    /// The scale's questions, in listening and reviewing only.
    static func form(_ page: TrajectoryPageInput) -> FormView? {
        let (phase, version, form, errors, id, t, language) = (page.phase, page.version, page.form, page.errors, page.id, page.t, page.language)
        let answerOptions: [(String, String)] = [DJGAnswer.yes, .moreOrLess, .no].map { ($0.rawValue, t("answer_\($0 == .moreOrLess ? "neutral" : $0.rawValue)")) }
        return page.open && (phase == .listen || phase == .review) ? FormView(
            action: .trajectoryMeasurement(id), submitLabel: t("measurement_save"),
            fields: version.items.map { item in
                FieldView(name: "q\(item)", label: "\(item). " + (language == .nl ? DJGItem.item(item).dutch : DJGItem.item(item).english),
                          kind: .radios, error: errors["q\(item)"], options: page.options(answerOptions, [form["q\(item)"]]))
            },
            csrf: page.csrf, intro: t("measurement_intro"),
            hidden: page.hidden(phase) + [.init(name: "version", value: version.rawValue)]) : nil
    }

    /// The profile, the network type (from the latest measurement and the network map) and the first readiness gap.
    static func assessmentLines(_ page: TrajectoryPageInput, latest: DJGScore?, map: NetworkMap) -> [String] {
        let (a, t, renderer, language) = (page.trajectory.assessment, page.t, page.renderer, page.language)
        var assessmentLines: [String] = []
        if let profile = a.profile { assessmentLines.append(t("trajectory_profile") + ": " + t("profile_\(profile.rawValue)")) }
        if let lonely = latest?.isLonely, map.size > 0 {
            let type = NetworkType.classify(networkSize: map.goodContacts, lonely: lonely)
            assessmentLines.append(t("trajectory_network_type") + ": " + t("network_type_\(type.rawValue)")
                                   + " (" + renderer.text("network_good_contacts", language, String(map.goodContacts)) + ")")
        }
        if let gap = a.readiness?.firstGap { assessmentLines.append(renderer.text("readiness_gap", language, t("readiness_\(gap)"))) }
        return assessmentLines
    }

    func computed(_ name: String) -> Any? {
        switch name {
        case "hasAssessment": !assessmentLines.isEmpty
        case "hasMeasurements": !measurements.isEmpty
        default: nil
        }
    }
}

/// The network map: the people around the person, what it adds up to, and adding someone.
struct NetworkSection: TemplateValues {
    let network: [TrajectoryPage.Item]
    let networkLines: [String]
    let memberForm: FormView?
    let map: NetworkMap

    static func load(_ page: TrajectoryPageInput, repository: TrajectoryRepository) async throws -> NetworkSection {
        NetworkSection(page, members: try await repository.network(page.id))
    }

    init(_ page: TrajectoryPageInput, members: [(UUID, NetworkMap.Member)]) {
        let (id, open, csrf, t, renderer, language) = (page.id, page.open, page.csrf, page.t, page.renderer, page.language)
        let map = NetworkMap(members: members.map(\.1))
        network = members.map { memberID, member in
            TrajectoryPage.Item(
                text: "\(member.name) — \(t("relation_\(member.relation.rawValue)")), \(t("circle_\(member.circle)")), \(t("frequency_\(member.frequency.rawValue)"))"
                    + (member.support.isEmpty ? "" : "; " + NetworkMap.Support.allCases.filter(member.support.contains).map { t("support_\($0.rawValue)") }.joined(separator: ", ")),
                actions: open ? [ActionButton(action: .trajectoryNetworkRemove(id, member: memberID), label: t("remove"), csrf: csrf, danger: false)] : [])
        }
        var networkLines = [renderer.text("network_figures", language, String(map.size), String(map.goodContacts), String(map.variety))]
        if !map.supportGaps.isEmpty {
            networkLines.append(t("network_gaps") + ": " + NetworkMap.Support.allCases.filter(map.supportGaps.contains).map { t("support_\($0.rawValue)") }.joined(separator: ", "))
        }
        if map.familyOnly { networkLines.append(t("network_family_only")) }
        self.networkLines = networkLines
        memberForm = Self.form(page)
        self.map = map
    }

    /// Adding someone to the map, while collaborating.
    static func form(_ page: TrajectoryPageInput) -> FormView? {
        let (form, errors, id, t, options) = (page.form, page.errors, page.id, page.t, page.options)
        return page.open && page.phase == .collaborate ? FormView(
            action: .trajectoryNetwork(id), submitLabel: t("network_add"),
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
            csrf: page.csrf) : nil
    }

    func computed(_ name: String) -> Any? { nil }
}

/// The plan: the goals in Kanteling order, marking them done or dropped, adding one.
struct PlanSection: TemplateValues {
    let goals: [TrajectoryPage.Item]
    /// A goal asks for a volunteer: the link to the buddy request and its coupling.
    let buddyLink: String?
    let goalForm: FormView?
    /// The stored goals (the review counts them).
    let planned: [Goal]

    static func load(_ page: TrajectoryPageInput, repository: TrajectoryRepository) async throws -> PlanSection {
        PlanSection(page, goals: try await repository.goals(page.id))
    }

    init(_ page: TrajectoryPageInput, goals: [Goal]) {
        let (id, open, csrf, t) = (page.id, page.open, page.csrf, page.t)
        self.goals = goals.map { goal in
            TrajectoryPage.Item(
                text: "\(goal.description) — \(t("resource_\(goal.resource.rawValue)"))" + (goal.dueOn.map { ", \(t("goal_due")) \($0)" } ?? "")
                    + " — " + t("goal_status_\(goal.status.rawValue)"),
                actions: open && goal.status == .open ? [GoalStatus.done, .dropped].map { status in
                    ActionButton(action: .trajectoryGoal(id, goal: goal.id, status: status), label: t("goal_mark_\(status.rawValue)"),
                                 csrf: csrf, danger: false)
                } : [])
        }
        buddyLink = goals.contains { $0.resource == .volunteer } ? Route.trajectoryBuddy(id).href : nil
        goalForm = Self.form(page)
        planned = goals
    }

    /// Adding a goal, while acting; only with the person's agreement.
    static func form(_ page: TrajectoryPageInput) -> FormView? {
        let (form, errors, id, t) = (page.form, page.errors, page.id, page.t)
        return page.open && page.phase == .act ? FormView(
            action: .trajectoryGoals(id), submitLabel: t("goal_add"),
            fields: [
                FieldView(name: "goal", label: t("goal_field_goal"), value: form["goal"], hint: t("goal_field_goal_hint"), error: errors["goal"]),
                FieldView(name: "resource", label: t("goal_field_resource"), kind: .radios, hint: t("goal_field_resource_hint"), error: errors["resource"],
                          options: page.options(GoalResource.allCases.map { ($0.rawValue, t("resource_\($0.rawValue)")) }, [form["resource"]])),
                FieldView(name: "due_on", label: t("goal_field_due"), value: form["due_on"], hint: t("contact_field_on_date_hint"), error: errors["due_on"], required: false),
                FieldView(name: "agreed", label: t("goal_field_agreed"), kind: .checkbox, value: form["agreed"], error: errors["agreed"]),
            ],
            csrf: page.csrf) : nil
    }

    func computed(_ name: String) -> Any? { name == "hasGoals" ? !goals.isEmpty : nil }
}

/// Reviewing: what changed between the first and last measurement, the goals reached, and the decision
/// to go on, adjust the plan or close.
struct ReviewSection: TemplateValues {
    let reviewLines: [String]
    let decisions: [ActionButton]
    let closeForm: FormView?

    init(_ page: TrajectoryPageInput, measurements: [Measurement], goals: [Goal]) {
        let (phase, form, errors, id, open, csrf, t) = (page.phase, page.form, page.errors, page.id, page.open, page.csrf, page.t)
        reviewLines = Self.lines(page, measurements: measurements, goals: goals)
        decisions = open && phase == .review ? [
            ActionButton(action: .trajectoryPhase(id, to: .listen), label: t("decision_continue"), csrf: csrf, danger: false),
            ActionButton(action: .trajectoryPhase(id, to: .act), label: t("decision_adjust"), csrf: csrf, danger: false),
        ] : []
        closeForm = open && phase == .review ? FormView(
            action: .trajectoryClose(id), submitLabel: t("close_submit"),
            fields: [
                FieldView(name: "close_reason", label: t("close_field_reason"), kind: .radios, error: errors["close_reason"],
                          options: page.options(CloseReason.allCases.map { ($0.rawValue, t("close_reason_\($0.rawValue)")) }, [form["close_reason"]])),
                FieldView(name: "no_measurement_reason", label: t("close_field_no_measurement"), value: form["no_measurement_reason"],
                          hint: t("close_field_no_measurement_hint"), error: errors["no_measurement_reason"], required: false),
                FieldView(name: "close_note", label: t("close_field_note"), kind: .textarea, value: form["close_note"], error: errors["close_note"], required: false),
            ],
            csrf: csrf) : nil
    }

    static func lines(_ page: TrajectoryPageInput, measurements: [Measurement], goals: [Goal]) -> [String] {
        let (renderer, language) = (page.renderer, page.language)
        var reviewLines: [String] = []
        if let first = measurements.first, let last = measurements.last, measurements.count >= 2 {
            let change = MeasurementChange(before: first.score, after: last.score)
            if let delta = change.change {
                reviewLines.append(renderer.text("review_change", language, first.score.total.map(String.init) ?? "?",
                                                 last.score.total.map(String.init) ?? "?", delta > 0 ? "+\(delta)" : String(delta)))
            }
        } else {
            reviewLines.append(page.t("review_needs_second"))
        }
        reviewLines.append(renderer.text("review_goals", language, String(goals.filter { $0.status == .done }.count), String(goals.count)))
        return reviewLines
    }

    func computed(_ name: String) -> Any? { name == "hasDecisions" ? !decisions.isEmpty : nil }
}

/// Always available on an open trajectory: the contact log, reminders and the transfer to a colleague.
struct CaseworkSection: TemplateValues {
    let contactForm: FormView?
    let reminderForm: FormView?
    let transferForm: FormView?
    let reminders: [String]

    static func load(_ page: TrajectoryPageInput, users: [UserAccount], today: CivilDate,
                     repository: TrajectoryRepository) async throws -> CaseworkSection {
        let reminders = try await repository.reminders(page.id).filter { !$0.done }.map { "\($0.onDate) — \($0.note)" }
        return CaseworkSection(page, users: users, today: today, reminders: reminders)
    }

    init(_ page: TrajectoryPageInput, users: [UserAccount], today: CivilDate, reminders: [String]) {
        let (phase, form, errors, id, open, csrf, t, options) = (page.phase, page.form, page.errors, page.id, page.open, page.csrf, page.t, page.options)
        contactForm = open ? FormView(
            action: .trajectoryContact(id), submitLabel: t("case_contact_add"),
            fields: [
                FieldView(name: "contact_on", label: t("contact_field_on_date"), value: form["contact_on"].nonEmpty ?? today.description, error: errors["contact_on"]),
                FieldView(name: "contact_kind", label: t("case_contact_kind"), kind: .select, error: errors["contact_kind"],
                          options: options(CaseContactKind.allCases.map { ($0.rawValue, t("case_contact_\($0.rawValue)")) }, [form["contact_kind"].nonEmpty ?? "visit"])),
                FieldView(name: "minutes", label: t("case_contact_minutes"), kind: .number, value: form["minutes"], error: errors["minutes"], required: false),
                FieldView(name: "contact_note", label: t("contact_field_note"), kind: .textarea, value: form["contact_note"], error: errors["contact_note"], required: false),
            ],
            csrf: csrf, hidden: page.hidden(phase)) : nil
        reminderForm = open ? FormView(
            action: .trajectoryReminder(id), submitLabel: t("reminder_add"),
            fields: [
                FieldView(name: "remind_on", label: t("reminder_field_date"), value: form["remind_on"], hint: t("contact_field_on_date_hint"), error: errors["remind_on"]),
                FieldView(name: "remind_note", label: t("reminder_field_note"), value: form["remind_note"], required: false),
            ],
            csrf: csrf, intro: t("reminder_intro"), hidden: page.hidden(phase)) : nil
        transferForm = Self.transferForm(page, users: users)
        self.reminders = reminders
    }

    /// Handing the trajectory to an active colleague.
    static func transferForm(_ page: TrajectoryPageInput, users: [UserAccount]) -> FormView? {
        let (form, errors, id, t) = (page.form, page.errors, page.id, page.t)
        let colleagues = users.filter { ($0.role == .professional || $0.role == .coordinator) && $0.active && $0.id != page.trajectory.professionalID }
        return page.open ? FormView(
            action: .trajectoryTransfer(id), submitLabel: t("transfer_submit"),
            fields: [
                FieldView(name: "colleague", label: t("transfer_field_colleague"), kind: .select, error: errors["colleague"],
                          options: page.options([("", t("option_choose"))] + colleagues.map { ($0.id.uuidString, $0.name) }, [form["colleague"]])),
                FieldView(name: "transfer_note", label: t("transfer_field_note"), kind: .textarea, value: form["transfer_note"], required: false),
            ],
            csrf: page.csrf) : nil
    }

    func computed(_ name: String) -> Any? { name == "hasReminders" ? !reminders.isEmpty : nil }
}

/// The timeline, newest first, and before it what led to the trajectory: the signal and the attempts
/// to reach the person.
struct TimelineSection: TemplateValues {
    let timeline: [TrajectoryPage.Row]

    static func load(_ page: TrajectoryPageInput, signal: Signal?, users: [UserAccount], services: AppServices) async throws -> TimelineSection {
        let (t, renderer, language) = (page.t, page.renderer, page.language)
        var timeline = try await services.trajectories.timeline(page.id).map { event in
            TrajectoryPage.Row(cells: [event.onDate.description, TrajectoryPage.describe(event, t: t, renderer: renderer, language: language),
                                       users.first { $0.id == event.byUser }?.name ?? "—"])
        }
        // What happened before the trajectory: the signal and the attempts to reach the person.
        if let signal {
            let attempts = try await services.signals.attempts(signalID: signal.id).reversed().map { attempt in
                TrajectoryPage.Row(cells: [attempt.onDate.description, t("event_contact_attempt") + ": " + t("contact_outcome_\(attempt.outcome.rawValue)"),
                                           users.first { $0.id == attempt.recordedBy }?.name ?? "—"])
            }
            timeline += attempts + [TrajectoryPage.Row(cells: [DateText.of(signal.receivedAt),
                                                               t("event_signal_received") + " (" + t("signal_source_\(signal.source.rawValue)") + ")", "—"])]
        }
        return TimelineSection(timeline: timeline)
    }

    func computed(_ name: String) -> Any? { nil }
}
