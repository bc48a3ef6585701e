import Foundation
import Hummingbird
import OmzienCore

/// Closed-loop referrals (Welzijn op Recept): a GP, practice nurse or professional refers a person with
/// recorded consent; the receiving organisation answers and reports the outcome; the referrer sees the
/// feedback on their own referrals and nothing more. Unanswered referrals become overdue.
struct ReferralsController {
    let services: AppServices
    var renderer: Renderer { services.renderer }
    var repository: ReferralRepository { services.referrals }

    func addReferrerRoutes(to group: RouterGroup<StaffRequestContext>) {
        group.get(.referrals, use: own)
        group.get(.newReferral()) { request, context in
            try await renderNew(form: nil, errors: FieldErrors(), context: context, request: request)
        }
        group.post(.referrals, use: create)
        group.post(.referralWithdraw(.routeKey), use: withdraw)
    }

    func addReceiverRoutes(to group: RouterGroup<StaffRequestContext>) {
        group.get(.referralsReceived, use: received)
        group.post(.referralStatus(.routeKey), use: move)
    }

    func addDetailRoutes(to group: RouterGroup<StaffRequestContext>) {
        group.get(.referral(.routeKey)) { request, context in try await show(request, context: context) }
    }

    // MARK: Who sees what

    enum Side { case referrer, receiver, coordinator }

    /// The user's side of this referral; nil = none (then the referral is "not found" for them).
    func side(of referral: Referral, context: StaffRequestContext) -> Side? {
        let account = context.user.account
        if account.role == .coordinator { return .coordinator }
        if referral.referrerID == account.id { return .referrer }
        if AccessPolicy.decide(context.user.actor, .answerReferrals).isAllowed, account.organisationID == referral.organisationID { return .receiver }
        return nil
    }

    func load(_ context: StaffRequestContext) async throws -> (Referral, Side) {
        let id = try context.uuidParameter("id")
        guard let referral = try await repository.referral(id: id, municipalityID: context.municipalityID) else { throw AppError.notFound }
        guard let side = side(of: referral, context: context) else {
            try await services.audit.record(.accessDenied, "referral", id: id.uuidString, detail: "not a party", context: context)
            throw AppError.notFound
        }
        return (referral, side)
    }

    var answerDays: Int { services.configuration.referralAnswerDays }

    /// Whether the provider's feedback may go to the referrer: the person agreed with the referral and, from a
    /// trajectory, has not withdrawn it in the registry since.
    func feedbackAllowed(_ referral: Referral) async throws -> Bool {
        guard referral.feedbackConsent else { return false }
        guard let trajectoryID = referral.trajectoryID,
              let trajectory = try await services.trajectories.trajectory(id: trajectoryID, municipalityID: referral.municipalityID) else { return true }
        return ConsentRules.permits(try await services.consents.grants(personID: trajectory.personID), .feedbackToReferrer, on: services.clock.today)
    }

    /// The consent behind a disclosure to the receiving organisation: the one recorded with the referral and,
    /// for a referral from a trajectory, the person's registry (a withdrawal there stops it at once).
    func consentStands(_ referral: Referral) async throws -> Bool {
        guard try await repository.hasConsent(referralID: referral.id) else { return false }
        if try await repository.isOverride(referralID: referral.id) { return true }
        guard let trajectoryID = referral.trajectoryID,
              let trajectory = try await services.trajectories.trajectory(id: trajectoryID, municipalityID: referral.municipalityID) else { return true }
        return ConsentRules.permits(try await services.consents.grants(personID: trajectory.personID), .shareWithProvider,
                                    recipient: referral.organisationID.uuidString, on: services.clock.today)
    }

    // MARK: Lists

    /// The list rows. `consentChecked`: the person's name shows only while the consent behind the referral
    /// stands (the provider's list, like its detail page, shows nothing of a person who withdrew).
    func rows(_ referrals: [Referral], context: StaffRequestContext, showPerson: Bool, consentChecked: Bool = false) async throws -> [ReferralsPage.Row] {
        let language = context.language
        let activities = Dictionary(uniqueKeysWithValues: try await services.catalogue.activities(municipalityID: context.municipalityID)
            .map { ($0.activity.id, $0.activity.name) })
        let today = services.clock.today
        var withoutConsent: Set<UUID> = []
        for referral in referrals where showPerson && consentChecked {
            if try await !consentStands(referral) { withoutConsent.insert(referral.id) }
        }
        return referrals.map { referral in
            // An anonymised referral has nothing left to open: its row names no one and links nowhere.
            ReferralsPage.Row(
                href: Route.referral(referral.id).href, anonymised: referral.personName.isEmpty,
                person: !showPerson ? "" : withoutConsent.contains(referral.id) ? renderer.text("referral_person_hidden", language)
                    : personLabel(referral, language),
                activity: activities[referral.activityID.uuidString] ?? "—", sent: DateText.short(referral.sentOn, language),
                status: renderer.text("referral_status_\(referral.status.rawValue)", language),
                overdue: ReferralRules.isOverdue(status: referral.status, sentOn: referral.sentOn, today: today, answerDays: answerDays))
        }
    }

    /// The person's name as shown. The retention rules empty it; then the page says the record was anonymised
    /// rather than showing nothing.
    func personLabel(_ referral: Referral, _ language: Language) -> String {
        referral.personName.isEmpty ? renderer.text("person_anonymised", language) : referral.personName
    }

    @Sendable func own(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let referrals = try await repository.referrals(municipalityID: context.municipalityID, .init(referrerID: context.user.account.id))
        try await services.audit.record(.list, "referral", detail: "own: \(referrals.count)", context: context)
        let page = ReferralsPage(rows: try await rows(referrals, context: context, showPerson: true), own: true, overdueLine: nil)
        return renderer.page(page, title: renderer.text("referrals_own_title", context.language), context: context, request: request)
    }

    @Sendable func received(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let coordinator = context.user.account.role == .coordinator
        let organisation = context.user.account.organisationID
        let referrals = coordinator
            ? try await repository.referrals(municipalityID: context.municipalityID)
            : try await repository.referrals(municipalityID: context.municipalityID, .init(organisationID: organisation ?? UUID()))
        try await services.audit.record(.list, "referral", detail: "received: \(referrals.count)", context: context)
        let rows = try await rows(referrals, context: context, showPerson: true, consentChecked: !coordinator)
        let overdue = rows.filter(\.overdue).count
        let page = ReferralsPage(rows: rows, own: false,
                                 overdueLine: renderer.count("referrals_overdue_count", overdue, context.language,
                                                             renderer.count("count_days", answerDays, context.language)))
        return renderer.page(page, title: renderer.text("referrals_received_title", context.language), context: context, request: request)
    }

    @Sendable func withdraw(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let (referral, side) = try await load(context)
        guard side == .referrer || side == .coordinator, referral.status.canMove(to: .withdrawn, by: .referrer) else { throw AppError.forbidden }
        let today = services.clock.today
        try await services.unitOfWork { work in
            try await work.referrals.move(referral.id, to: .withdrawn, reason: nil, feedback: "", on: today)
            try await work.audit.record(.update, "referral", id: referral.id.uuidString, detail: "withdrawn", context: context)
        }
        return redirect(to: .referral(referral.id))
    }

    // MARK: Answering

    @Sendable func move(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let (referral, side) = try await load(context)
        let form = try await request.form()
        guard side == .receiver || side == .coordinator, try await consentStands(referral) else { throw AppError.forbidden }
        // A missing choice is a form error (the typed feedback stays); a step the loop does not allow is refused.
        guard let next = ReferralStatus(rawValue: form["status"]) else {
            return try await show(request, context: context, problem: "referral_error_step", form: form)
        }
        guard referral.status.canMove(to: next, by: .receiver) else { throw AppError.forbidden }
        let reason = ReferralReason(rawValue: form["reason"])
        if (next == .declined || next == .unsuccessful) && reason == nil {
            return try await show(request, context: context, problem: "referral_error_reason", form: form)
        }
        let today = services.clock.today
        let activity = try await services.catalogue.activity(id: referral.activityID, municipalityID: context.municipalityID)?.activity
        try await services.unitOfWork { work in
            try await work.referrals.move(referral.id, to: next, reason: reason, feedback: form["feedback"], on: today)
            // The person's file learns each step of the loop (the provider's own words stay on the referral page).
            if let trajectoryID = referral.trajectoryID {
                try await work.trajectories.event(trajectoryID, on: today, kind: "referral_step", text: "\(next.rawValue)|\(activity?.name ?? "")",
                                                  by: context.user.account.id)
            }
            try await work.audit.record(.update, "referral", id: referral.id.uuidString, detail: next.rawValue, context: context)
        }
        return redirect(to: .referral(referral.id))
    }

    func show(_ request: Request, context: StaffRequestContext, problem: String? = nil, form: FormData = FormData()) async throws -> Response {
        let (referral, side) = try await load(context)
        let language = context.language
        let t = { (key: String) in renderer.text(key, language) }
        let activity = try await services.catalogue.activity(id: referral.activityID, municipalityID: context.municipalityID)?.activity
        let consent = try await consentStands(referral)
        try await services.audit.record(.read, "referral", id: referral.id.uuidString, detail: "\(side)", context: context)
        var facts: [ReferralPage.Fact] = [
            ReferralPage.Fact(term: t("referral_field_activity"), value: activity?.name ?? "—"),
            ReferralPage.Fact(term: t("col_status"), value: t("referral_status_\(referral.status.rawValue)")),
            ReferralPage.Fact(term: t("referral_sent_on"), value: DateText.long(referral.sentOn, language)),
        ]
        if let answered = referral.answeredOn { facts.append(ReferralPage.Fact(term: t("referral_answered_on"), value: DateText.long(answered, language))) }
        if let started = referral.startedOn { facts.append(ReferralPage.Fact(term: t("referral_started_on"), value: DateText.long(started, language))) }
        if let completed = referral.completedOn { facts.append(ReferralPage.Fact(term: t("referral_completed_on"), value: DateText.long(completed, language))) }
        if let reason = referral.declineReason ?? referral.outcomeReason { facts.append(ReferralPage.Fact(term: t("referral_reason"), value: t("referral_reason_\(reason.rawValue)"))) }
        // The receiving side sees who referred and how to reach them (a question about the referral goes to that person).
        if side != .referrer, let referrer = try await services.users.user(id: referral.referrerID, municipalityID: context.municipalityID) {
            let organisation = try await referrer.organisationID.asyncMap {
                try await services.organisations.organisation(id: $0, municipalityID: context.municipalityID)?.name
            } ?? nil
            facts.append(ReferralPage.Fact(term: t("referral_referred_by"),
                                           value: [referrer.name, organisation, referrer.email].compactMap { $0 }.joined(separator: " · ")))
        }
        // The referrer sees the status; the provider's own words only with the person's consent to feedback.
        let showFeedback = side != .referrer ? true : try await feedbackAllowed(referral)
        if !referral.feedback.isEmpty, showFeedback {
            facts.append(ReferralPage.Fact(term: t("referral_feedback"), value: referral.feedback))
        } else if side == .referrer, !referral.feedback.isEmpty {
            facts.append(ReferralPage.Fact(term: t("referral_feedback"), value: t("referral_feedback_no_consent")))
        }
        // The receiver sees what the referral shares, and only while consent stands.
        var shared: [ReferralPage.Fact] = []
        if consent || side == .referrer {
            shared = [ReferralPage.Fact(term: t("referral_field_name"), value: personLabel(referral, language)),
                      ReferralPage.Fact(term: t("referral_field_phone"), value: referral.personPhone),
                      ReferralPage.Fact(term: t("referral_field_birth_year"), value: referral.personBirthYear.map(String.init) ?? "—"),
                      ReferralPage.Fact(term: t("referral_field_request"), value: referral.request)]
        }
        // The referrer (or coordinator) goes back to the person's file, when the referral came from one they may open.
        var personLink: Chrome.Link?
        if side != .receiver, let trajectoryID = referral.trajectoryID,
           try await trajectory(trajectoryID.uuidString, context: context) != nil {
            personLink = Chrome.Link(label: renderer.text("referral_person_link", language, personLabel(referral, language)), route: .trajectory(trajectoryID))
        }
        let page = ReferralPage(
            back: side == .referrer ? Chrome.Link(label: t("referrals_back_own"), route: .referrals)
                : Chrome.Link(label: t("referrals_back_received"), route: .referralsReceived),
            notice: request.has(.sent) ? t("referral_sent_notice") : nil, problem: problem.map(t),
            consentWithdrawn: consent ? nil : t("referral_consent_missing"),
            overdue: ReferralRules.isOverdue(status: referral.status, sentOn: referral.sentOn, today: services.clock.today, answerDays: answerDays),
            personLink: personLink, facts: facts, shared: shared,
            answer: side != .referrer && consent && referral.status.isOpen ? answer(referral, form: form, language) : nil,
            withdrawAction: (side == .referrer || side == .coordinator) && referral.status.canMove(to: .withdrawn, by: .referrer)
                ? Route.referralWithdraw(referral.id).href : nil,
            csrf: context.csrfToken)
        return renderer.page(page, title: renderer.text("referral_title", language, side == .referrer || consent ? personLabel(referral, language) : "—"),
                             context: context, request: request, status: problem == nil ? .ok : .unprocessableContent)
    }

    /// The receiving side's answer form: the steps the loop allows from here, the reasons, the feedback typed so far.
    func answer(_ referral: Referral, form: FormData, _ language: Language) -> ReferralPage.Answer {
        let t = { (key: String) in renderer.text(key, language) }
        return ReferralPage.Answer(
            action: Route.referralStatus(referral.id).href,
            steps: ReferralStatus.allCases.filter { referral.status.canMove(to: $0, by: .receiver) }
                .map { ReferralPage.Answer.Step(value: $0.rawValue, label: t("referral_step_\($0.rawValue)")) },
            reasons: ReferralReason.allCases.map {
                FieldView.Option(value: $0.rawValue, label: t("referral_reason_\($0.rawValue)"), selected: $0.rawValue == form["reason"])
            },
            feedback: form["feedback"])
    }
}
