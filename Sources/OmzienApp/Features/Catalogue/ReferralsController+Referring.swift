import Foundation
import Hummingbird
import OmzienCore

/// The consent a referral from a trajectory can lean on: what the person's registry already holds for the
/// receiving organisation and for feedback to the referrer. The form shows it instead of asking again.
struct RegistryConsent {
    /// The current, valid consent to share with the provider (for that organisation or for any provider).
    var share: ConsentEntry?
    /// Whether a current, valid consent to report back to the referrer is on record.
    var feedback: Bool
    /// The organisations (ids) a current, valid consent names for sharing, whichever activity is chosen.
    var sharedWith: [String] = []

    static let none = RegistryConsent(share: nil, feedback: false)

    init(share: ConsentEntry?, feedback: Bool) {
        self.share = share
        self.feedback = feedback
    }

    /// Reads the registry of `personID` for a referral to `organisationID` on `date`.
    init(entries: [ConsentEntry], organisationID: String?, on date: CivilDate) {
        let grants = entries.map(\.grant)
        share = organisationID.flatMap { organisation in
            entries.first { entry in
                entry.grant.isCurrent && ConsentRules.permits([entry.grant], .shareWithProvider, recipient: organisation, on: date)
            }
        }
        feedback = ConsentRules.permits(grants, .feedbackToReferrer, on: date)
        sharedWith = grants.filter { $0.isCurrent && $0.purpose == .shareWithProvider && $0.isValid(on: date) }.compactMap(\.recipient)
    }
}

extension ReferralsController {
    // MARK: Referring

    /// The registry's consent for a referral of the trajectory's person to the activity's organisation.
    func registryConsent(_ linked: (Trajectory, Person)?, activity: CatalogueActivity?) async throws -> RegistryConsent {
        guard let (_, person) = linked else { return .none }
        return RegistryConsent(entries: try await services.consents.entries(personID: person.id), organisationID: activity?.organisationID,
                               on: services.clock.today)
    }

    func renderNew(form: FormData?, errors: FieldErrors, context: StaffRequestContext, request: Request,
                   status: HTTPResponse.Status = .ok) async throws -> Response {
        let language = context.language
        let t = { (key: String) in renderer.text(key, language) }
        let query = request.uri.queryParameters
        let activityID = form?["activity"] ?? query["activiteit"].map(String.init) ?? ""
        let trajectoryID = form?["trajectory"] ?? query["traject"].map(String.init) ?? ""
        let linked = try await trajectory(trajectoryID, context: context)
        var values = form ?? FormData()
        if form == nil, let (_, person) = linked {
            values = FormData(["person_name": [person.name], "person_phone": [person.phone ?? ""], "birth_year": [person.birthYear.map(String.init) ?? ""]])
        }
        let activities = try await services.catalogue.activities(municipalityID: context.municipalityID).map(\.activity).filter { $0.status == .active }
        let chosen = activities.first { $0.id == activityID }
        let registry = try await registryConsent(linked, activity: chosen)
        // Reading the person's consent registry to show it is a read of personal data like any other.
        if let (_, person) = linked { try await services.audit.record(.read, "consent", id: person.id.uuidString, detail: "referral form", context: context) }
        var intro = [t("referral_intro")]
        if let share = registry.share, let chosen {
            let organisation = try await services.organisations.organisation(id: UUID(uuidString: chosen.organisationID) ?? UUID(),
                                                                           municipalityID: context.municipalityID)
            intro.append(renderer.text("referral_consent_on_record", language, organisation?.name ?? "—", t("consent_form_\(share.form)"),
                                       DateText.long(share.grant.recordedOn, language)))
        }
        if registry.share == nil && !registry.sharedWith.isEmpty {
            // No activity chosen yet (or one of another provider): name the providers the person already agreed to.
            let names = Dictionary(uniqueKeysWithValues: try await services.organisations.organisations(municipalityID: context.municipalityID)
                .map { ($0.id.uuidString.lowercased(), $0.name) })
            let listed = registry.sharedWith.compactMap { names[$0.lowercased()] }.sorted()
            if !listed.isEmpty { intro.append(renderer.text("referral_consent_on_record_for", language, listed.joined(separator: ", "))) }
        }
        if registry.feedback { intro.append(t("referral_feedback_on_record")) }
        // Consent already in the registry is shown, not asked again; without it the person's word is asked here.
        let consentFields = registry.share != nil ? [] : [
            FieldView(name: "consent_form", label: t("referral_field_consent_form"), kind: .radios, error: errors["consent_form"],
                      options: FieldView.options(ConsentForm.allCases.map { ($0.rawValue, t("consent_form_\($0.rawValue)")) }, selected: [values["consent_form"]])),
            FieldView(name: "consent", label: t("referral_field_consent"), kind: .checkbox, value: values["consent"],
                      hint: linked == nil ? nil : t("referral_consent_registry_hint"), error: errors["consent"]),
        ]
        // From a file: which goal of the plan the referral serves, so its outcome can propose the goal's result.
        let openGoals = try await linked.asyncMap { try await services.trajectories.goals($0.0.id).filter { $0.status == .open } } ?? []
        let goalFields = openGoals.isEmpty ? [] : [
            FieldView(name: "goal", label: t("referral_field_goal"), kind: .select, hint: t("referral_field_goal_hint"),
                      options: FieldView.options([("", t("referral_goal_none"))] + openGoals.map { ($0.id.uuidString, $0.description) },
                                                 selected: [values["goal"].nonEmpty ?? query["doel"].map(String.init) ?? ""]), required: false),
        ]
        let feedbackFields = registry.feedback ? [] : [
            FieldView(name: "feedback_consent", label: t("referral_field_feedback_consent"), kind: .checkbox, value: values["feedback_consent"],
                      required: false),
        ]
        let overrideFields = AccessPolicy.decide(context.user.actor, .overrideConsent).isAllowed && registry.share == nil ? [
            FieldView(name: "override_reason", label: t("referral_field_override"), kind: .textarea, value: values["override_reason"],
                      hint: t("referral_field_override_hint"), required: false),
        ] : []
        let view = FormView(action: .referrals, submitLabel: t("referral_submit"), fields: [
            FieldView(name: "activity", label: t("referral_field_activity"), kind: .select, error: errors["activity"],
                      options: FieldView.options([("", t("option_choose"))] + activities.map { ($0.id, $0.name) }, selected: [activityID])),
            FieldView(name: "person_name", label: t("referral_field_name"), value: values["person_name"], error: errors["person_name"]),
            FieldView(name: "person_phone", label: t("referral_field_phone"), kind: .tel, value: values["person_phone"], error: errors["person_phone"]),
            FieldView(name: "birth_year", label: t("referral_field_birth_year"), kind: .number, value: values["birth_year"], error: errors["birth_year"],
                      required: false),
            FieldView(name: "request", label: t("referral_field_request"), kind: .textarea, value: values["request"],
                      hint: t("referral_field_request_hint"), error: errors["request"]),
        ] + goalFields + consentFields + feedbackFields + overrideFields, csrf: context.csrfToken, intro: intro.joined(separator: " "),
            hidden: trajectoryID.isEmpty ? [] : [.init(name: "trajectory", value: trajectoryID)])
        return renderer.page(FormPage(form: view), title: t("referral_new_title"), context: context, request: request, status: status)
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
        let linked = try await trajectory(form["trajectory"], context: context)
        if !form["trajectory"].isEmpty && linked == nil { throw AppError.forbidden }
        // The server refuses a referral without the person's consent to share it with the provider: given here,
        // or already current in the person's registry (then it is not asked, nor stored, a second time).
        let registry = try await registryConsent(linked, activity: stored?.activity)
        let asked = form["consent"] == "on" ? ConsentForm(rawValue: form["consent_form"]) : nil
        let onRecord = registry.share.flatMap { ConsentForm(rawValue: $0.form) }
        // Without consent only a coordinator may refer, in an emergency, with a reason that is audited.
        let overridden = asked == nil && onRecord == nil && !form["override_reason"].isEmpty
            && AccessPolicy.decide(context.user.actor, .overrideConsent).isAllowed
        if asked == nil && onRecord == nil && !overridden { errors.add("consent", t("referral_error_consent")) }
        guard errors.isEmpty, let activity = stored?.activity, let consentForm = asked ?? onRecord ?? (overridden ? .verbal : nil) else {
            return try await renderNew(form: form, errors: errors, context: context, request: request, status: .unprocessableContent)
        }
        let new = NewReferral(
            activity: activity, trajectoryID: linked?.0.id, referrerID: context.user.account.id, personName: form["person_name"],
            personPhone: form["person_phone"], personBirthYear: birthYear, request: form["request"], consentForm: consentForm, overridden: overridden,
            feedbackConsent: form["feedback_consent"] == "on" || registry.feedback,
            goalID: try await goal(form["goal"], of: linked))
        let consents = Consents(share: asked != nil, feedback: form["feedback_consent"] == "on" && !registry.feedback)
        let id = try await services.unitOfWorkRetryingOnConflict { work in
            try await store(new, consents: consents, overrideReason: form["override_reason"], linked: linked, in: work, context: context)
        }
        return redirect(to: .referral(id), .sent)
    }

    /// The named goal, when it is an open goal of the linked trajectory's plan (anything else is ignored).
    func goal(_ text: String, of linked: (Trajectory, Person)?) async throws -> UUID? {
        guard let id = UUID(uuidString: text), let (trajectory, _) = linked else { return nil }
        return try await services.trajectories.goals(trajectory.id).contains { $0.id == id && $0.status == .open } ? id : nil
    }

    /// Which consents the referral form asked for (and so go into the registry); consents already current there are not stored again.
    struct Consents {
        var share: Bool
        var feedback: Bool
    }

    /// Stores a referral in one unit of work: the referral, the consents newly given for it in the registry,
    /// the timeline event and the audit entries are stored together or not at all.
    func store(_ new: NewReferral, consents: Consents, overrideReason: String, linked: (Trajectory, Person)?, in work: UnitOfWork,
               context: StaffRequestContext) async throws -> UUID {
        let today = services.clock.today
        let activity = new.activity
        let id = try await work.referrals.create(new, municipalityID: context.municipalityID, on: today)
        if new.overridden {
            try await work.audit.record(.create, "consent_override", id: id.uuidString, detail: "reason: \(overrideReason)", context: context)
        }
        if !new.overridden, let (trajectory, person) = linked {
            // From a trajectory the consent goes into the person's registry, where it can be withdrawn. One current
            // consent per provider: a second referral to the same provider adds no second row.
            if consents.share {
                try await work.consents.record(personID: person.id, purpose: .shareWithProvider, recipient: UUID(uuidString: activity.organisationID),
                                               form: new.consentForm, on: today, expiresOn: nil, by: context.user.account.id)
            }
            if consents.feedback {
                try await work.consents.record(personID: person.id, purpose: .feedbackToReferrer, recipient: nil, form: new.consentForm,
                                               on: today, expiresOn: nil, by: context.user.account.id)
            }
            try await work.trajectories.event(trajectory.id, on: today, kind: "referral", text: activity.name, by: context.user.account.id)
        }
        try await work.audit.record(.create, "referral", id: id.uuidString, detail: "to \(activity.organisationID)", context: context)
        return id
    }
}
