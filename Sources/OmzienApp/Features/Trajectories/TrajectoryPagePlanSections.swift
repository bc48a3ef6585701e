import Foundation
import OmzienCore

// Sections of the trajectory page (see `TrajectoryPage`). Each one is a typed view model that draws its own
// part of the page; the ones that need data load it themselves (`load`).

/// The plan: the goals in Kanteling order, marking them done or dropped, adding one.
struct PlanSection {
    let goals: [TrajectoryPage.Item]
    /// A goal asks for a volunteer: the link to the buddy request and its coupling.
    let buddyLink: String?
    /// The activities and volunteers that fit the person's wishes.
    let suggestionsLink: String
    let goalForm: FormView?
    /// The stored goals (the review counts them).
    let planned: [Goal]

    static func load(_ page: TrajectoryPageInput, repository: TrajectoryRepository, proposals: [UUID: String] = [:]) async throws -> PlanSection {
        PlanSection(page, goals: try await repository.goals(page.id), proposals: proposals)
    }

    /// `proposals`: for an open goal, what a referral or coupling serving it proposes ("Verwijzing gelukt: zet op bereikt").
    init(_ page: TrajectoryPageInput, goals: [Goal], proposals: [UUID: String] = [:]) {
        let (id, open, csrf, t) = (page.id, page.open, page.csrf, page.t)
        self.goals = goals.map { goal in
            TrajectoryPage.Item(
                text: "\(goal.description) — \(t("resource_\(goal.resource.rawValue)"))" + (goal.dueOn.map { ", \(t("goal_due")) \($0)" } ?? "")
                    + " — " + t("goal_status_\(goal.status.rawValue)")
                    + (goal.status == .open ? proposals[goal.id].map { " — " + $0 } ?? "" : ""),
                actions: open && goal.status == .open ? [GoalStatus.done, .dropped].map { status in
                    ActionButton(action: .trajectoryGoal(id, goal: goal.id, status: status), label: t("goal_mark_\(status.rawValue)"),
                                 csrf: csrf, danger: false)
                } : [])
        }
        buddyLink = goals.contains { $0.resource == .volunteer } ? Route.trajectoryBuddy(id).href : nil
        suggestionsLink = Route.trajectorySuggestions(id).href
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
}

extension PlanSection {
    /// Acting: the goals (or that there are none yet), the links to a buddy and to suggestions, adding a goal.
    func html(_ t: Texts) -> HTML {
        """
        <h3 id="plan">\(t["plan_title"])</h3>
        \(if: goals.isEmpty, "<p>\(t["plan_empty"])</p>")
        <ol class="items goals">\(each: goals, { $0.html })</ol>
        \(nonEmpty: buddyLink, { "<p><a class=\"button secondary\" href=\"\($0)\" id=\"maatje-link\">\(t["coupling_buddy_link"])</a></p>" })
        <p><a class="button secondary" href="\(suggestionsLink)" id="suggesties-link">\(t["suggestions_link"])</a></p>
        \(goalForm, { "<h3>\(t["goal_add"])</h3>\($0.html(t))" })
        """
    }
}

/// Reviewing: what changed between the first and last measurement, the goals reached, and the decision
/// to go on, adjust the plan or close.
struct ReviewSection {
    let reviewLines: [String]
    let decisions: [ActionButton]
    let closeForm: FormView?

    init(_ page: TrajectoryPageInput, measurements: [Measurement], goals: [Goal], referrals: [(activity: String, status: ReferralStatus)] = []) {
        let (phase, form, errors, id, open, csrf, t) = (page.phase, page.form, page.errors, page.id, page.open, page.csrf, page.t)
        reviewLines = Self.lines(page, measurements: measurements, goals: goals)
            + referrals.map { page.renderer.text("review_referral", page.language, $0.activity, t("referral_status_\($0.status.rawValue)")) }
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
                // The De Jong Gierveld score counts lonely answers, so a fall is the good direction; say so in words.
                let (before, after) = (first.score.total.map(String.init) ?? "?", last.score.total.map(String.init) ?? "?")
                let points = renderer.count("count_points", abs(delta), language)
                reviewLines.append(delta == 0 ? renderer.text("review_change_same", language, before, after)
                                   : renderer.text(delta < 0 ? "review_change_lower" : "review_change_higher", language, before, after, points))
            }
        } else {
            reviewLines.append(page.t("review_needs_second"))
        }
        reviewLines.append(renderer.text("review_goals", language, String(goals.filter { $0.status == .done }.count), String(goals.count)))
        return reviewLines
    }
}

extension ReviewSection {
    /// What changed between the measurements, the goals reached and the referrals' outcomes.
    func summary(_ t: Texts) -> HTML {
        """
        <h3>\(t["review_title"])</h3>
        <ul class="review">\(each: reviewLines, TrajectoryPage.line)</ul>
        """
    }

    /// Going on, adjusting the plan, or closing the trajectory.
    func decision(_ t: Texts) -> HTML {
        """
        \(if: !decisions.isEmpty, "<h3>\(t["decision_title"])</h3><div class=\"actions\">\(each: decisions, { $0.html })</div>")
        \(closeForm, { "<h3>\(t["close_title"])</h3>\($0.html(t))" })
        """
    }
}

/// For each open goal, what the referrals and couplings serving it propose, in words (`GoalProposal`).
enum GoalProposals {
    static func of(referrals: [Referral], couplings: [Coupling], page: TrajectoryPageInput) -> [UUID: String] {
        var result: [UUID: String] = [:]
        for referral in referrals.sorted(by: { $0.sentOn < $1.sentOn }) {
            guard let goal = referral.goalID, let proposal = GoalProposal.after(referral: referral.status) else { continue }
            result[goal] = page.t("goal_proposal_referral_\(proposal.rawValue)")
        }
        for coupling in couplings where coupling.status == .ended {
            let proposal = GoalProposal.afterCoupling(endedAsPlanned: coupling.endKind != .early)
            for goal in coupling.goalIDs { result[goal] = page.t("goal_proposal_coupling_\(proposal.rawValue)") }
        }
        return result
    }
}
