import Foundation
import OmzienCore

/// The person page of a trajectory: the phase cycle, the selected phase's aids, the timeline.
/// What was typed comes back in `form` after a validation error, so nothing is lost.
///
/// The page is put together from typed sections (`TrajectoryPage*Sections.swift`), each a small view model
/// with its own query that draws its own part of the page; `main` puts the parts in page order.
struct TrajectoryPage {
    struct PhaseLink { let label: String; let href: String; let current: Bool; let selected: Bool }
    struct Row { let cells: [String] }
    struct Item { let text: String; let actions: [ActionButton] }

    /// The page's sections; each draws its own part.
    struct Sections {
        let phases: PhaseCycleSection
        let notes: NotesSection
        let listen: ListenSection
        let measurement: MeasurementSection
        let network: NetworkSection
        let plan: PlanSection
        let review: ReviewSection
        let casework: CaseworkSection
        let timeline: TimelineSection
    }

    let title: String
    let subtitle: String
    let isOpen: Bool
    let closedText: String?
    /// On a closed trajectory: the button that opens it again.
    let reopen: ActionButton?
    let notice: String?
    /// Signals that also fit dementia or depression, or a strongly lonely measurement: suggest the GP.
    let gpPrompt: Bool
    /// Coordinators see who viewed or changed the file.
    let auditLink: String?
    let consentLink: String
    let sections: Sections

    static func make(
        trajectory: Trajectory, person: Person, phase: Phase, version: DJGVersion, form: FormData, errors: FieldErrors, notice: String?,
        services: AppServices, context: StaffRequestContext
    ) async throws -> TrajectoryPage {
        let page = TrajectoryPageInput(trajectory: trajectory, phase: phase, version: version, form: form, errors: errors,
                                       renderer: services.renderer, language: context.language, csrf: context.csrfToken)
        let repository = services.trajectories
        let signal = try await trajectory.signalID.asyncMap { try await services.signals.signal(id: $0, municipalityID: trajectory.municipalityID) } ?? nil
        let users = try await services.users.users(municipalityID: trajectory.municipalityID)
        let network = try await NetworkSection.load(page, repository: repository)
        let measurement = try await MeasurementSection.load(page, map: network.map, repository: repository)
        // The referrals made from this file, with where each stands (the provider's answers reach the review).
        let activityNames = Dictionary(uniqueKeysWithValues: try await services.catalogue.activities(municipalityID: trajectory.municipalityID)
            .map { ($0.activity.id, $0.activity.name) })
        let madeReferrals = try await services.referrals.referrals(municipalityID: trajectory.municipalityID, .init(trajectoryID: trajectory.id))
        let referrals = madeReferrals.map { (activity: activityNames[$0.activityID.uuidString] ?? "—", status: $0.status) }
        let couplings = try await services.couplings.couplings(municipalityID: trajectory.municipalityID, trajectoryID: trajectory.id)
        let plan = try await PlanSection.load(page, repository: repository,
                                              proposals: GoalProposals.of(referrals: madeReferrals, couplings: couplings, page: page))
        let sections = Sections(
            phases: PhaseCycleSection(page), notes: NotesSection(page, signal: signal), listen: ListenSection(page, latest: measurement.scores.last?.score),
            measurement: measurement, network: network, plan: plan,
            review: ReviewSection(page, measurements: measurement.scores, goals: plan.planned, referrals: referrals),
            casework: try await CaseworkSection.load(page, users: users, today: services.clock.today, repository: repository),
            timeline: try await TimelineSection.load(page, signal: signal, users: users, services: services))
        return header(page, person: person, signal: signal, measurements: measurement.scores, users: users, notice: notice,
                      isCoordinator: context.user.account.role == .coordinator, sections: sections)
    }

    /// The title, the status lines and the links to the trajectory's other pages.
    static func header(
        _ page: TrajectoryPageInput, person: Person, signal: Signal?, measurements: [Measurement], users: [UserAccount], notice: String?,
        isCoordinator: Bool, sections: Sections
    ) -> TrajectoryPage {
        let (trajectory, renderer, language, id, open, t) = (page.trajectory, page.renderer, page.language, page.id, page.open, page.t)
        // GP prompt: signals that also fit dementia or depression, or a strongly lonely measurement.
        let gpPrompt = open && (signal?.indicators.contains(where: \.suggestsGP) ?? false)
            || measurements.contains { ($0.score.level == .strong || $0.score.level == .veryStrong) }
        let professional = users.first { $0.id == trajectory.professionalID }?.name ?? "—"
        return TrajectoryPage(
            title: PersonLabels(renderer: renderer, language: language).label(person),
            subtitle: renderer.text("trajectory_subtitle", language, DateText.long(trajectory.startedOn, language), professional),
            isOpen: open,
            closedText: trajectory.closeReason.map { reason in
                renderer.text("trajectory_closed", language, trajectory.closedOn.map { DateText.long($0, language) } ?? "", t("close_reason_\(reason.rawValue)"))
                    + (trajectory.closeNote?.nonEmpty.map { ". " + renderer.text("trajectory_closed_note", language, $0) } ?? "")
            },
            reopen: open ? nil : ActionButton(action: .trajectoryReopen(id), label: t("trajectory_reopen"), csrf: page.csrf, danger: false),
            notice: notice, gpPrompt: gpPrompt,
            auditLink: isCoordinator ? Route.trajectoryAudit(id).href : nil,
            consentLink: Route.trajectoryConsents(id).href, sections: sections)
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
        case "referral_step":
            renderer.text("event_referral_step", language, String(event.text.split(separator: "|", maxSplits: 1).dropFirst().first ?? ""),
                          t("referral_status_\(event.text.split(separator: "|").first ?? "")"))
        case "goal_status":
            renderer.text("event_goal_\(event.text.split(separator: "|").first ?? "")", language,
                          String(event.text.split(separator: "|", maxSplits: 1).last ?? ""))
        default: t("event_\(event.kind)") + (event.text.isEmpty ? "" : ": " + event.text)
        }
    }
}

extension TrajectoryPage: PageContent {
    /// The header, the phase cycle, the shown phase with its aids, the timeline and (when open) the casework column.
    /// Browser journeys find the parts by their ids and classes, so those stay as they are.
    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <p><a href="\(Links.shared.trajectories)">\(t["back_to_caseload"])</a></p>
        <h1>\(title)</h1>
        <p class="lead">\(subtitle)</p>
        \(Layout.notice(notice))
        \(nonEmpty: closedText, { "<p class=\"notice\" role=\"status\"><strong>\($0)</strong></p>" })
        \(reopen, { $0.html })
        \(if: gpPrompt, "<div class=\"caution\" role=\"note\"><p><strong>\(t["signal_caution_gp_staff"])</strong></p></div>")
        \(sections.phases.cycle(t))
        <section aria-labelledby="fase-titel" class="phase" data-unsaved-warning="\(t["unsaved_warning"])">
        \(sections.phases.heading)
        \(phaseAids(t))
        </section>
        \(sections.timeline.html(t, auditLink: auditLink, consentLink: consentLink))
        \(if: isOpen, sections.casework.html(t))
        <script src="\(Links.shared.script)"></script>
        """
    }

    /// What the shown phase offers, in this order: its own aids, the notes form, the measurements, listening, the decision.
    private func phaseAids(_ t: Texts) -> HTML {
        let (s, phase) = (sections, sections.phases)
        return """
        \(if: phase.isRecognise, s.notes.recognise(t))
        \(if: phase.isCollaborate, s.network.html(t))
        \(if: phase.isAct, s.plan.html(t))
        \(if: phase.isReview, s.review.summary(t))
        \(s.notes.notesForm, { $0.html(t) })
        \(s.measurement.html(t))
        \(if: phase.isListen, s.listen.html(t))
        \(if: phase.isListen, s.measurement.assessment)
        \(if: phase.isReview, s.review.decision(t))
        """
    }

    /// One line of a plain list.
    static func line(_ text: String) -> HTML { "<li>\(text)</li>" }
}

extension TrajectoryPage.Item {
    /// A network member or a goal, with its buttons inline after the text.
    var html: HTML {
        "<li>\(text) \(each: actions, Self.inlineButton)</li>"
    }

    private static func inlineButton(_ button: ActionButton) -> HTML {
        "<form action=\"\(button.action)\" method=\"post\" class=\"inline\"><input type=\"hidden\" name=\"_csrf\" value=\"\(button.csrf)\"><button type=\"submit\" class=\"button secondary\">\(button.label)</button></form>"
    }
}

/// What every section of the trajectory page starts from: the trajectory, the chosen phase and scale,
/// what was typed (after a validation error) and the language.
struct TrajectoryPageInput {
    let trajectory: Trajectory
    let phase: Phase
    let version: DJGVersion
    let form: FormData
    let errors: FieldErrors
    let renderer: Renderer
    let language: Language
    let csrf: String

    var id: UUID { trajectory.id }
    /// Only an open trajectory shows forms.
    var open: Bool { trajectory.isOpen }

    func t(_ key: String) -> String { renderer.text(key, language) }

    /// What was typed, or else what is stored.
    func value(_ name: String, _ stored: String) -> String { form.fields[name] != nil ? form[name] : stored }

    /// The hidden field that brings the user back to `section` after saving.
    func hidden(_ section: Phase) -> [FormView.Hidden] { [FormView.Hidden(name: "section", value: String(section.rawValue))] }

    func options(_ pairs: [(String, String)], _ selected: Set<String>) -> [FieldView.Option] { FieldView.options(pairs, selected: selected) }

    func textarea(_ name: String, _ stored: String, _ required: Bool) -> FieldView {
        FieldView(name: name, label: t("trajectory_field_\(name)"), kind: .textarea, value: value(name, stored),
                  error: errors[name], required: required)
    }
}
