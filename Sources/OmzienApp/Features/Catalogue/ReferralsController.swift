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

    func rows(_ referrals: [Referral], context: StaffRequestContext, showPerson: Bool) async throws -> [[String: Any]] {
        let language = context.language
        let activities = Dictionary(uniqueKeysWithValues: try await services.catalogue.activities(municipalityID: context.municipalityID)
            .map { ($0.activity.id, $0.activity.name) })
        let today = services.clock.today
        return referrals.map { referral -> [String: Any] in
            // An anonymised referral has nothing left to open: its row names no one and links nowhere.
            [
                "href": Route.referral(referral.id).href, "anonymised": referral.personName.isEmpty,
                "person": showPerson ? personLabel(referral, language) : "",
                "activity": activities[referral.activityID.uuidString] ?? "—", "sent": referral.sentOn.description,
                "status": renderer.text("referral_status_\(referral.status.rawValue)", language),
                "overdue": ReferralRules.isOverdue(status: referral.status, sentOn: referral.sentOn, today: today, answerDays: answerDays),
            ]
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
        let page: [String: Any] = ["rows": try await rows(referrals, context: context, showPerson: true), "hasRows": !referrals.isEmpty, "own": true]
        return renderer.page(.referrals, title: renderer.text("referrals_own_title", context.language), page: page, context: context, request: request)
    }

    @Sendable func received(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let coordinator = context.user.account.role == .coordinator
        let organisation = context.user.account.organisationID
        let referrals = coordinator
            ? try await repository.referrals(municipalityID: context.municipalityID)
            : try await repository.referrals(municipalityID: context.municipalityID, .init(organisationID: organisation ?? UUID()))
        try await services.audit.record(.list, "referral", detail: "received: \(referrals.count)", context: context)
        let rows = try await rows(referrals, context: context, showPerson: true)
        let overdue = rows.filter { $0["overdue"] as? Bool == true }.count
        let page: [String: Any] = ["rows": rows, "hasRows": !rows.isEmpty,
                                   "overdueLine": renderer.text("referrals_overdue_count", context.language, String(overdue), String(answerDays))]
        return renderer.page(.referrals, title: renderer.text("referrals_received_title", context.language), page: page, context: context, request: request)
    }

    // MARK: Referring

    func renderNew(form: FormData?, errors: FieldErrors, context: StaffRequestContext, request: Request,
                   status: HTTPResponse.Status = .ok) async throws -> Response {
        let language = context.language
        let t = { (key: String) in renderer.text(key, language) }
        let query = request.uri.queryParameters
        let activityID = form?["activity"] ?? query["activiteit"].map(String.init) ?? ""
        let trajectoryID = form?["trajectory"] ?? query["traject"].map(String.init) ?? ""
        var values = form ?? FormData()
        if form == nil, let (_, person) = try await trajectory(trajectoryID, context: context) {
            values = FormData(["person_name": [person.name], "person_phone": [person.phone ?? ""], "birth_year": [person.birthYear.map(String.init) ?? ""]])
        }
        let activities = try await services.catalogue.activities(municipalityID: context.municipalityID).map(\.activity).filter { $0.status == .active }
        let view = FormView(action: .referrals, submitLabel: t("referral_submit"), fields: [
            FieldView(name: "activity", label: t("referral_field_activity"), kind: .select, error: errors["activity"],
                      options: FieldView.options([("", t("option_choose"))] + activities.map { ($0.id, $0.name) }, selected: [activityID])),
            FieldView(name: "person_name", label: t("referral_field_name"), value: values["person_name"], error: errors["person_name"]),
            FieldView(name: "person_phone", label: t("referral_field_phone"), kind: .tel, value: values["person_phone"], error: errors["person_phone"]),
            FieldView(name: "birth_year", label: t("referral_field_birth_year"), kind: .number, value: values["birth_year"], error: errors["birth_year"],
                      required: false),
            FieldView(name: "request", label: t("referral_field_request"), kind: .textarea, value: values["request"],
                      hint: t("referral_field_request_hint"), error: errors["request"]),
            FieldView(name: "consent_form", label: t("referral_field_consent_form"), kind: .radios, error: errors["consent_form"],
                      options: FieldView.options(ConsentForm.allCases.map { ($0.rawValue, t("consent_form_\($0.rawValue)")) }, selected: [values["consent_form"]])),
            FieldView(name: "consent", label: t("referral_field_consent"), kind: .checkbox, value: values["consent"], error: errors["consent"]),
            FieldView(name: "feedback_consent", label: t("referral_field_feedback_consent"), kind: .checkbox, value: values["feedback_consent"],
                      required: false),
        ] + (AccessPolicy.decide(context.user.actor, .overrideConsent).isAllowed ? [
            FieldView(name: "override_reason", label: t("referral_field_override"), kind: .textarea, value: values["override_reason"],
                      hint: t("referral_field_override_hint"), required: false),
        ] : []), csrf: context.csrfToken, intro: t("referral_intro"), hidden: trajectoryID.isEmpty ? [] : [.init(name: "trajectory", value: trajectoryID)])
        return renderer.page(.formPage, title: t("referral_new_title"), page: ["form": view], context: context, request: request, status: status)
    }

    /// A trajectory the user may work on, when one is named.
    func trajectory(_ text: String, context: StaffRequestContext) async throws -> (Trajectory, Person)? {
        guard let id = UUID(uuidString: text),
              let trajectory = try await services.trajectories.trajectory(id: id, municipalityID: context.municipalityID),
              AccessPolicy.decide(context.user.actor, .workOnTrajectories, on: trajectory.scope).isAllowed,
              let person = try await services.signals.person(id: trajectory.personID, municipalityID: context.municipalityID)
        else { return nil }
        return (trajectory, person)
    }

    @Sendable func create(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let form = try await request.form()
        let t = { (key: String) in renderer.text(key, context.language) }
        var errors = FieldErrors()
        let stored = try await UUID(uuidString: form["activity"]).asyncMap { try await services.catalogue.activity(id: $0, municipalityID: context.municipalityID) } ?? nil
        if stored == nil || stored?.activity.status != .active { errors.add("activity", t("referral_error_activity")) }
        if form["person_name"].isEmpty { errors.add("person_name", t("referral_error_name")) }
        if form["person_phone"].isEmpty { errors.add("person_phone", t("referral_error_phone")) }
        let birthYear = form["birth_year"].isEmpty ? nil : Int(form["birth_year"])
        if !form["birth_year"].isEmpty, !(1900...services.clock.today.year).contains(birthYear ?? 0) { errors.add("birth_year", t("signal_error_birth_year")) }
        if form["request"].isEmpty { errors.add("request", t("referral_error_request")) }
        // The server refuses a referral without the person's recorded consent to share it with the provider.
        let consentForm = ConsentForm(rawValue: form["consent_form"])
        // Without consent only a coordinator may refer, in an emergency, with a reason that is audited.
        let overridden = form["consent"] != "on" && !form["override_reason"].isEmpty
            && AccessPolicy.decide(context.user.actor, .overrideConsent).isAllowed
        if !overridden && (form["consent"] != "on" || consentForm == nil) { errors.add("consent", t("referral_error_consent")) }
        let linked = try await trajectory(form["trajectory"], context: context)
        if !form["trajectory"].isEmpty && linked == nil { throw AppError.forbidden }
        guard errors.isEmpty, let activity = stored?.activity, let consentForm = consentForm ?? (overridden ? .verbal : nil) else {
            return try await renderNew(form: form, errors: errors, context: context, request: request, status: .unprocessableContent)
        }
        let new = NewReferral(
            activity: activity, trajectoryID: linked?.0.id, referrerID: context.user.account.id, personName: form["person_name"],
            personPhone: form["person_phone"], personBirthYear: birthYear, request: form["request"], consentForm: consentForm, overridden: overridden,
            feedbackConsent: form["feedback_consent"] == "on")
        let id = try await services.unitOfWork { work in
            try await store(new, overrideReason: form["override_reason"], linked: linked, in: work, context: context)
        }
        return redirect(to: .referral(id), .sent)
    }

    /// Stores a referral in one unit of work: the referral, its consents in the registry, the timeline event
    /// and the audit entries are stored together or not at all.
    func store(_ new: NewReferral, overrideReason: String, linked: (Trajectory, Person)?, in work: UnitOfWork,
               context: StaffRequestContext) async throws -> UUID {
        let today = services.clock.today
        let activity = new.activity
        let id = try await work.referrals.create(new, municipalityID: context.municipalityID, on: today)
        if new.overridden {
            try await work.audit.record(.create, "consent_override", id: id.uuidString, detail: "reason: \(overrideReason)", context: context)
        }
        if !new.overridden, let (trajectory, person) = linked {
            // From a trajectory the consent goes into the person's registry too, where it can be withdrawn.
            try await work.consents.record(personID: person.id, purpose: .shareWithProvider, recipient: UUID(uuidString: activity.organisationID),
                                           form: new.consentForm, on: today, expiresOn: nil, by: context.user.account.id)
            if new.feedbackConsent {
                try await work.consents.record(personID: person.id, purpose: .feedbackToReferrer, recipient: nil, form: new.consentForm,
                                               on: today, expiresOn: nil, by: context.user.account.id)
            }
            try await work.trajectories.event(trajectory.id, on: today, kind: "referral", text: activity.name, by: context.user.account.id)
        }
        try await work.audit.record(.create, "referral", id: id.uuidString, detail: "to \(activity.organisationID)", context: context)
        return id
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
        try await services.unitOfWork { work in
            try await work.referrals.move(referral.id, to: next, reason: reason, feedback: form["feedback"], on: today)
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
        var facts: [[String: String]] = [
            ["term": t("referral_field_activity"), "value": activity?.name ?? "—"],
            ["term": t("col_status"), "value": t("referral_status_\(referral.status.rawValue)")],
            ["term": t("referral_sent_on"), "value": referral.sentOn.description],
        ]
        if let answered = referral.answeredOn { facts.append(["term": t("referral_answered_on"), "value": answered.description]) }
        if let started = referral.startedOn { facts.append(["term": t("referral_started_on"), "value": started.description]) }
        if let completed = referral.completedOn { facts.append(["term": t("referral_completed_on"), "value": completed.description]) }
        if let reason = referral.declineReason ?? referral.outcomeReason { facts.append(["term": t("referral_reason"), "value": t("referral_reason_\(reason.rawValue)")]) }
        // The referrer sees the status; the provider's own words only with the person's consent to feedback.
        let showFeedback = side != .referrer ? true : try await feedbackAllowed(referral)
        if !referral.feedback.isEmpty, showFeedback {
            facts.append(["term": t("referral_feedback"), "value": referral.feedback])
        } else if side == .referrer, !referral.feedback.isEmpty {
            facts.append(["term": t("referral_feedback"), "value": t("referral_feedback_no_consent")])
        }
        // The receiver sees what the referral shares, and only while consent stands.
        var shared: [[String: String]] = []
        if consent || side == .referrer {
            shared = [["term": t("referral_field_name"), "value": personLabel(referral, language)], ["term": t("referral_field_phone"), "value": referral.personPhone],
                      ["term": t("referral_field_birth_year"), "value": referral.personBirthYear.map(String.init) ?? "—"],
                      ["term": t("referral_field_request"), "value": referral.request]]
        }
        var page: [String: Any] = ["facts": facts, "shared": shared, "hasShared": !shared.isEmpty, "csrf": context.csrfToken,
                                   "action": Route.referralStatus(referral.id).href,
                                   "overdue": ReferralRules.isOverdue(status: referral.status, sentOn: referral.sentOn, today: services.clock.today, answerDays: answerDays)]
        if !consent { page["consentWithdrawn"] = t("referral_consent_missing") }
        if side != .referrer && consent {
            page["steps"] = ReferralStatus.allCases.filter { referral.status.canMove(to: $0, by: .receiver) }
                .map { ["value": $0.rawValue, "label": t("referral_step_\($0.rawValue)"), "needsReason": $0 == .declined || $0 == .unsuccessful] }
            page["reasons"] = ReferralReason.allCases.map {
                ["value": $0.rawValue, "label": t("referral_reason_\($0.rawValue)"), "selected": $0.rawValue == form["reason"]] as [String: Any]
            }
            page["canAnswer"] = referral.status.isOpen
        }
        if (side == .referrer || side == .coordinator) && referral.status.canMove(to: .withdrawn, by: .referrer) {
            page["withdrawAction"] = Route.referralWithdraw(referral.id).href
        }
        if request.has(.sent) { page["notice"] = t("referral_sent_notice") }
        if let problem { page["problem"] = t(problem) }
        page["feedback"] = form["feedback"]
        page["chosenReason"] = form["reason"]
        page["back"] = side == .referrer ? ["href": Route.referrals.href, "label": t("referrals_back_own")] : ["href": Route.referralsReceived.href, "label": t("referrals_back_received")]
        return renderer.page(.referral, title: renderer.text("referral_title", language, side == .referrer || consent ? personLabel(referral, language) : "—"),
                             page: page, context: context, request: request, status: problem == nil ? .ok : .unprocessableContent)
    }
}
