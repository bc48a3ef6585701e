import Foundation
import OmzienCore

// Sections of the trajectory page (see `TrajectoryPage`). Each one is a typed view model that draws its own
// part of the page; the ones that need data load it themselves (`load`).

/// The phase cycle at the top, the chosen phase and the button that moves the trajectory there.
struct PhaseCycleSection {
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
        // On another phase: move the trajectory there. On the current one: one click on to the next phase, which
        // then opens (no separate "open the phase, then move" round trip).
        let next = Phase(rawValue: trajectory.phase.rawValue + 1)
        let target: Phase? = phase != trajectory.phase ? phase : next
        let label = phase != trajectory.phase ? "phase_move" : "phase_next"
        moveForm = open ? target.map { target in
            FormView(action: .trajectoryPhase(id),
                     submitLabel: page.renderer.text(label, page.language, (target == phase ? "" : "\(target.rawValue). ") + t("phase_\(target.rawValue)")),
                     fields: [], csrf: csrf, hidden: [.init(name: Route.phaseKey, value: String(target.rawValue))])
        } : nil
        selectedLabel = "\(phase.rawValue). " + t("phase_\(phase.rawValue)")
        selectedHelp = t("phase_help_\(phase.rawValue)")
        isRecognise = phase == .recognise || phase == .discuss
        isListen = phase == .listen
        isWishes = phase == .wishes
        isCollaborate = phase == .collaborate
        isAct = phase == .act
        isReview = phase == .review
    }
}

extension PhaseCycleSection {
    /// The seven phases: the trajectory's current one marked, the shown one as the current step.
    func cycle(_ t: Texts) -> HTML {
        """
        <nav aria-label="\(t["phases_label"])" class="phases">
        <ol>\(each: phases, { Self.link($0, t) })</ol>
        </nav>
        """
    }

    private static func link(_ phase: TrajectoryPage.PhaseLink, _ t: Texts) -> HTML {
        "<li\(if: phase.current, " class=\"current\"")><a href=\"\(phase.href)\"\(if: phase.selected, " aria-current=\"step\"")>\(phase.label)</a>\(if: phase.current, " <span class=\"status\">\(t["phase_current"])</span>")</li>"
    }

    /// The shown phase's name and help, and the one button that moves the trajectory (no fields, so not `form.html`).
    var heading: HTML {
        """
        <h2 id="fase-titel">\(selectedLabel)</h2>
        <p class="hint">\(selectedHelp)</p>
        \(moveForm, Self.moveButton)
        """
    }

    private static func moveButton(_ form: FormView) -> HTML {
        "<form action=\"\(form.action)\" method=\"post\"><input type=\"hidden\" name=\"_csrf\" value=\"\(form.csrf)\">\(each: form.hidden, { "<input type=\"hidden\" name=\"\($0.name)\" value=\"\($0.value)\">" })<button type=\"submit\" class=\"button secondary\">\(form.submitLabel)</button></form>"
    }
}

/// Recognising and discussing (the signal, tips on resistance) and the free-text notes of each phase.
struct NotesSection {
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
        let selectedHurdles = form.fields["hurdles_present"] != nil ? Set(form.chosen("hurdles", as: Hurdle.self).map(\.rawValue)) : Set(a.hurdles.map(\.rawValue))
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
}

extension NotesSection {
    /// Recognising and discussing: what the signal said, and tips for when the person holds back.
    func recognise(_ t: Texts) -> HTML {
        """
        <h3>\(t["trajectory_signals"])</h3>
        <ul>\(each: signalLines, TrajectoryPage.line)</ul>
        <details><summary>\(t["resistance_tips_title"])</summary><ul>\(each: tips, TrajectoryPage.line)</ul></details>
        """
    }
}

/// Listening: situation, causes, duration, motivation, coping, readiness, forms.
struct ListenSection {
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
        let picks = { (name: String, choices: [String], stored: [String]) -> Set<String> in
            form.fields["situation"] != nil ? Set(form.chosen(name, among: choices)) : Set(stored)
        }
        let readiness = a.readiness.map { r in [r.knows ? "knows" : nil, r.wants ? "wants" : nil, r.able ? "able" : nil].compactMap { $0 } } ?? []
        return [
            textarea("situation", a.situation, false),
            FieldView(name: "causes", label: t("trajectory_field_causes"), kind: .checkboxes,
                      options: options(CauseGroup.allCases.map { ($0.rawValue, t("cause_\($0.rawValue)")) }, picks("causes", CauseGroup.allCases.map(\.rawValue), a.causeGroups.map(\.rawValue))),
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
                      options: options(["knows", "wants", "able"].map { ($0, t("readiness_\($0)")) }, picks("readiness", ["knows", "wants", "able"], readiness)), required: false),
            FieldView(name: "forms", label: t("trajectory_field_forms"), kind: .checkboxes,
                      hint: suggested.isEmpty ? t("trajectory_field_forms_hint")
                          : page.renderer.text("forms_suggested", page.language, suggested.map { t("form_\($0.rawValue)") }.sorted().joined(separator: ", ")),
                      options: options(LonelinessForm.allCases.map { ($0.rawValue, t("form_\($0.rawValue)")) }, picks("forms", LonelinessForm.allCases.map(\.rawValue), a.forms.map(\.rawValue))),
                      required: false),
            // Life events and groups feed the suggestions (casework.md, matching rules); groups only as the person tells them.
            FieldView(name: "life_events", label: t("trajectory_field_life_events"), kind: .checkboxes, hint: t("trajectory_field_life_events_hint"),
                      options: options(LifeEvent.allCases.map { ($0.rawValue, t("life_event_\($0.rawValue)")) },
                                       picks("life_events", LifeEvent.allCases.map(\.rawValue), (a.lifeEvents ?? []).map(\.rawValue))), required: false),
            FieldView(name: "groups", label: t("trajectory_field_groups"), kind: .checkboxes, hint: t("trajectory_field_groups_hint"),
                      options: options(Coverage.riskGroups.map { ($0.key, t("evaluation_group_\($0.key)")) }, picks("groups", Coverage.riskGroups.map(\.key), Array(a.groups ?? []))),
                      required: false),
        ]
    }
}

extension ListenSection {
    /// Listening: the form, while listening on an open trajectory.
    func html(_ t: Texts) -> HTML {
        "\(listenForm, { "<h3>\(t["listen_title"])</h3>\($0.html(t))" })"
    }
}
