import Foundation
import Hummingbird
import OmzienCore

/// The person's consent registry on their file: what they consented to, for whom, how and until when;
/// recording a new consent; withdrawing one, which stops the next disclosure at once.
struct ConsentController {
    let services: AppServices
    var renderer: Renderer { services.renderer }

    func addRoutes(to group: RouterGroup<StaffRequestContext>) {
        group.get(.trajectoryConsents(.routeKey)) { request, context in
            try await render(form: FormData(["form": ["verbal"]]), errors: FieldErrors(), context: context, request: request)
        }
        group.post(.trajectoryConsents(.routeKey), use: record)
        group.post(.trajectoryConsentWithdraw(.routeKey, consent: ""), use: withdraw)
    }

    @Sendable func record(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let (trajectory, person) = try await TrajectoryAccess(services: services).load(context)
        let form = try await request.form()
        let t = { (key: String) in renderer.text(key, context.language) }
        var errors = FieldErrors()
        let purpose = ConsentPurpose(rawValue: form["purpose"])
        if purpose == nil { errors.add("purpose", t("consent_error_purpose")) }
        let consentForm = ConsentForm(rawValue: form["form"])
        if consentForm == nil { errors.add("form", t("contact_error_consent")) }
        let expires = form["expires_on"].isEmpty ? nil : CivilDate.fromInput(form["expires_on"])
        if !form["expires_on"].isEmpty && (expires == nil || expires! < services.clock.today) { errors.add("expires_on", t("consent_error_expiry")) }
        let recipient = UUID(uuidString: form["recipient"])
        if purpose == .shareWithProvider && recipient == nil { errors.add("recipient", t("consent_error_recipient")) }
        guard errors.isEmpty, let purpose, let consentForm else {
            return try await render(form: form, errors: errors, context: context, request: request, status: .unprocessableContent)
        }
        let today = services.clock.today
        // One current consent per purpose and recipient: a second word replaces the first, the same word twice
        // changes nothing (also when two people record it at the same moment).
        try await services.unitOfWorkRetryingOnConflict { work in
            let recording = try await work.consents.record(personID: person.id, purpose: purpose, recipient: recipient, form: consentForm,
                                                           on: today, expiresOn: expires, by: context.user.account.id)
            try await work.audit.record(.create, "consent", id: person.id.uuidString, detail: "\(purpose.rawValue): \(recording.auditWord)",
                                        context: context)
        }
        return redirect(to: .trajectoryConsents(trajectory.id), .saved)
    }

    @Sendable func withdraw(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let (trajectory, person) = try await TrajectoryAccess(services: services).load(context)
        let consentID = try context.uuidParameter("consent")
        let today = services.clock.today
        // The withdrawal of every consent the person's words cover, its timeline event and the audit entry:
        // together or not at all.
        let ended = try await services.unitOfWork { work in
            let ended = try await work.consents.withdraw(consentID: consentID, personID: person.id, on: today)
            guard !ended.isEmpty else { return ended }
            let purposes = Set(ended.map(\.purpose.rawValue)).sorted().joined(separator: ", ")
            try await work.trajectories.event(trajectory.id, on: today, kind: "consent_withdrawn", text: "", by: context.user.account.id)
            try await work.audit.record(.update, "consent", id: person.id.uuidString, detail: "withdrawn \(ended.count): \(purposes)", context: context)
            return ended
        }
        return redirect(to: .trajectoryConsents(trajectory.id), .withdrawn(alsoEnded: ended.count > 1))
    }

    /// What the page says after a redirect: saved, or withdrawn (with others that permitted the same).
    func notice(_ request: Request, _ language: Language) -> String? {
        if let withdrawn = request.noticeValue(.withdrawn(alsoEnded: false)) {
            let also = Notice.withdrawn(alsoEnded: true).value
            return renderer.text("consent_withdrawn_notice", language) + (withdrawn == also ? " " + renderer.text("consent_withdrawn_notice_more", language) : "")
        }
        return request.has(.saved) ? renderer.text("consent_saved_notice", language) : nil
    }

    func render(form: FormData, errors: FieldErrors, context: StaffRequestContext, request: Request, status: HTTPResponse.Status = .ok) async throws -> Response {
        let (trajectory, person) = try await TrajectoryAccess(services: services).load(context)
        let language = context.language
        let t = { (key: String) in renderer.text(key, language) }
        let entries = try await services.consents.entries(personID: person.id)
        let organisations = try await services.organisations.organisations(municipalityID: context.municipalityID)
        let names = Dictionary(uniqueKeysWithValues: organisations.map { ($0.id.uuidString, $0.name) })
        let users = Dictionary(uniqueKeysWithValues: try await services.users.users(municipalityID: context.municipalityID).map { ($0.id, $0.name) })
        try await services.audit.record(.read, "consent", id: person.id.uuidString, context: context)
        let today = services.clock.today
        let rows = entries.map { entry in
            let grant = entry.grant
            let state: ConsentsPage.State = if let withdrawn = grant.withdrawnOn {
                .withdrawn(DateText.long(withdrawn, language))
            } else if let superseded = grant.supersededOn {
                .superseded(DateText.long(superseded, language))
            } else {
                .current(withdrawAction: Route.trajectoryConsentWithdraw(trajectory.id, consent: grant.id).href)
            }
            return ConsentsPage.Row(
                purpose: t("consent_purpose_\(grant.purpose.rawValue)"), recipient: grant.recipient.flatMap { names[$0] } ?? t("consent_any_recipient"),
                form: t("consent_form_\(entry.form)"), by: users[entry.recordedBy] ?? "—", on: DateText.short(grant.recordedOn, language),
                expires: grant.expiresOn.map { DateText.short($0, language) } ?? "—", valid: grant.isValid(on: today), code: grant.purpose.rawValue,
                state: state)
        }
        let view = FormView(action: .trajectoryConsents(trajectory.id), submitLabel: t("consent_record"), fields: [
            FieldView(name: "purpose", label: t("consent_field_purpose"), kind: .select, error: errors["purpose"],
                      options: FieldView.options([("", t("option_choose"))] + ConsentPurpose.allCases.map { ($0.rawValue, t("consent_purpose_\($0.rawValue)")) },
                                                 selected: [form["purpose"]])),
            FieldView(name: "recipient", label: t("consent_field_recipient"), kind: .select, hint: t("consent_field_recipient_hint"), error: errors["recipient"],
                      options: FieldView.options([("", t("consent_any_recipient"))] + organisations.map { ($0.id.uuidString, $0.name) },
                                                 selected: [form["recipient"]]), required: false),
            FieldView(name: "form", label: t("referral_field_consent_form"), kind: .radios, error: errors["form"],
                      options: FieldView.options(ConsentForm.allCases.map { ($0.rawValue, t("consent_form_\($0.rawValue)")) }, selected: [form["form"]])),
            FieldView(name: "expires_on", label: t("consent_field_expires"), value: form["expires_on"], hint: t("contact_field_on_date_hint"),
                      error: errors["expires_on"], required: false),
        ], csrf: context.csrfToken)
        let page = ConsentsPage(
            back: Chrome.Link(label: renderer.text("coupling_back_trajectory", language, person.name), route: .trajectory(trajectory.id)),
            notice: notice(request, language), rows: rows, form: view, csrf: context.csrfToken)
        return renderer.page(page, title: renderer.text("consent_title", language, person.name), context: context, request: request, status: status)
    }
}
