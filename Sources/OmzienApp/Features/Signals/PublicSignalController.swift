import Logging
import Foundation
import HTTPTypes
import Hummingbird
import OmzienCore

/// The public signal point: three short steps, a check page and a confirmation with a reference code.
/// Earlier answers travel as hidden fields, so the form works without JavaScript and without a session.
struct PublicSignalController {
    let services: AppServices
    var renderer: Renderer { services.renderer }

    enum Step: Int { case concern = 1, reporter, person, check }

    static let stepFields: [Step: [String]] = [
        .concern: ["concern", "indicators", "duration", "danger"],
        .reporter: ["relation", "anonymous", "reporter_name", "reporter_email", "reporter_phone"],
        .person: PersonFields.fieldNames + ["municipality"],
    ]
    /// The checkbox groups of the form and their known values: only these travel on, are shown and are stored.
    static let choiceFields: [String: [String]] = ["indicators": SignalIndicator.allCases.map(\.rawValue)]
    static let maxConcernLength = 4000
    static let maxShortLength = PersonFields.maxShortLength

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(.report) { request, context in
            try await render(.concern, form: FormData(), errors: FieldErrors(), context: context, request: request)
        }
        router.post(.report, use: submit)
        router.get(.reportStatus) { request, context in statusPage(code: "", result: nil, context: context, request: request) }
        router.post(.reportStatus, use: lookUpStatus)
    }

    // MARK: Steps

    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        // Every step renders a page, so every post counts, before the body is even read (the send counts again below).
        guard await services.publicStepLimiter.allow("signal-step:\(clientKey(request, context))", now: services.clock.now()) else {
            throw AppError.tooManyRequests
        }
        let form = try await request.form(limit: services.configuration.maxBodyBytes)
        // Robots fill every field, people never see this one: answer as if all went well, store nothing.
        if !form["website"].isEmpty {
            context.logger.notice("Honeypot filled on the public signal form")
            return confirmation(code: ReferenceCode.random(), canFollow: false, context: context, request: request)
        }
        let step = Step(rawValue: Int(form["stap"]) ?? 1) ?? .concern
        if form["terug"] == "1", let previous = Step(rawValue: step.rawValue - 1) {
            return try await render(previous, form: form, errors: FieldErrors(), context: context, request: request)
        }
        // Acute danger comes before everything else: someone in danger must not first be asked to fix the form.
        if step == .concern, form["danger"] == "yes" {
            return emergency(context: context, request: request)
        }
        let municipalities = try await services.organisations.municipalities()
        let errors = try await validate(step, form, municipalities: municipalities, language: context.language)
        guard errors.isEmpty else {
            return try await render(step, form: form, errors: errors, context: context, request: request, status: .unprocessableContent)
        }
        guard step == .check else {
            return try await render(Step(rawValue: step.rawValue + 1)!, form: form, errors: FieldErrors(), context: context, request: request)
        }
        // Everything is checked again: hidden fields come back from the browser and can be changed.
        var all = FieldErrors()
        for earlier in [Step.concern, .reporter, .person] {
            for (field, message) in try await validate(earlier, form, municipalities: municipalities, language: context.language).messages {
                all.add(field, message)
            }
        }
        guard all.isEmpty else {
            let first = [Step.concern, .reporter, .person].first { Self.stepFields[$0]!.contains(where: { all[$0] != nil }) } ?? .concern
            return try await render(first, form: form, errors: all, context: context, request: request, status: .unprocessableContent)
        }
        guard await services.publicFormLimiter.allow("signal:\(clientKey(request, context))", now: services.clock.now()) else {
            throw AppError.tooManyRequests
        }
        let (draft, municipalityID, districtID) = try await Self.draft(from: form, services: services, municipalities: municipalities)
        let signal = try await services.signalService.receive(draft, municipalityID: municipalityID, districtID: districtID)
        try await services.audit.record(
            .create, "signal", id: signal.id.uuidString, detail: "public form, source=\(draft.source.rawValue)",
            municipalityID: municipalityID, actorID: nil, actorLabel: "anoniem", sessionReference: nil, requestID: context.id)
        return confirmation(code: ReferenceCode(signal.referenceCode)!, canFollow: signal.reporterCanFollow, context: context, request: request)
    }

    /// Checks one step; returns the problems per field.
    func validate(_ step: Step, _ form: FormData, municipalities: [Municipality], language: Language) async throws -> FieldErrors {
        var errors = FieldErrors()
        let t = { (key: String) in renderer.text(key, language) }
        switch step {
        case .concern:
            if form["concern"].isEmpty { errors.add("concern", t("signal_error_concern")) }
            if form["concern"].count > Self.maxConcernLength { errors.add("concern", renderer.count("signal_error_too_long", Self.maxConcernLength, language)) }
            if ConcernDuration(rawValue: form["duration"]) == nil { errors.add("duration", t("signal_error_duration")) }
            if !["yes", "no"].contains(form["danger"]) { errors.add("danger", t("signal_error_danger")) }
        case .reporter:
            let relation = ReporterRelation(rawValue: form["relation"])
            if relation == nil { errors.add("relation", t("signal_error_relation")) }
            let anonymous = form["anonymous"] == "on" && relation != .myself
            if !anonymous, relation != .myself {
                if form["reporter_name"].isEmpty { errors.add("reporter_name", t("signal_error_reporter_name")) }
                if form["reporter_email"].isEmpty && form["reporter_phone"].isEmpty {
                    errors.add("reporter_email", t("signal_error_reporter_contact"))
                }
            }
            if !form["reporter_email"].isEmpty, !anonymous, EmailAddress(form["reporter_email"]) == nil {
                errors.add("reporter_email", t("error_email"))
            }
            if !form["reporter_phone"].isEmpty, !anonymous, !Self.isPhone(form["reporter_phone"]) {
                errors.add("reporter_phone", t("signal_error_phone"))
            }
            for field in ["reporter_name", "reporter_email", "reporter_phone"] where form[field].count > Self.maxShortLength {
                errors.add(field, t("error_too_long"))
            }
        case .person:
            // Who the person is: a name, or an address where someone can go; one's own contact details when reporting about oneself.
            let myself = form["relation"] == ReporterRelation.myself.rawValue
            let person = try PersonFields.decode(form)
            if person.personName.isEmpty && (myself || !person.hasAddress) {
                errors.add("person_name", t(myself ? "signal_error_own_name" : "signal_error_person"))
            }
            if myself, !person.hasAddress, person.personPhone.isEmpty {
                errors.add("person_phone", t("signal_error_own_contact"))
            }
            PersonFields.validate(form, context: FormContext(today: services.clock.today, renderer: renderer, language: language), into: &errors)
            if municipalities.count > 1,
               try await services.signalService.district(forPostcode: form["postcode"], in: municipalities.map(\.id)) == nil,
               !municipalities.contains(where: { $0.code == form["municipality"] }) {
                // Only speak of "this postcode" when one was typed.
                errors.add("municipality", t(form["postcode"].isEmpty ? "signal_error_municipality_choose" : "signal_error_municipality"))
            }
        case .check:
            break
        }
        return errors
    }

    /// The address to count submissions against. Behind a proxy the proxy appends the real client as
    /// the last X-Forwarded-For entry; earlier entries come from the client and cannot be trusted.
    func clientKey(_ request: Request, _ context: AppRequestContext) -> String {
        services.clientKey(request, channelAddress: context.clientAddress)
    }

    static func isPhone(_ text: String) -> Bool { PersonFields.isPhone(text) }

    /// Builds the signal from a fully checked form.
    static func draft(from form: FormData, services: AppServices, municipalities: [Municipality]) async throws -> (SignalDraft, UUID, UUID?) {
        let relation = ReporterRelation(rawValue: form["relation"]) ?? .neighbour
        let myself = relation == .myself
        let anonymous = form["anonymous"] == "on" && !myself
        let nonEmpty: (String) -> String? = { form[$0].isEmpty ? nil : form[$0] }
        let person = try PersonFields.decode(form)
        let district = try await services.signalService.district(forPostcode: form["postcode"], in: municipalities.map(\.id))
        let municipalityID = district?.municipalityID
            ?? municipalities.first(where: { $0.code == form["municipality"] })?.id
            ?? municipalities.first!.id
        let draft = SignalDraft(
            source: myself ? .selfReport : .resident, reporterRelation: relation,
            reporterName: anonymous ? nil : (myself ? person.personName.nonEmpty : nonEmpty("reporter_name")),
            reporterEmail: anonymous ? nil : nonEmpty("reporter_email").flatMap { EmailAddress($0)?.value },
            reporterPhone: anonymous ? nil : (nonEmpty("reporter_phone") ?? (myself ? person.personPhone.nonEmpty : nil)),
            reporterUserID: nil, reporterOrganisationID: nil,
            concern: form["concern"], indicators: form.chosen("indicators", as: SignalIndicator.self),
            duration: ConcernDuration(rawValue: form["duration"]) ?? .unknown,
            personName: person.personName, birthYear: person.birthYear, ageBand: person.band(in: services.clock.today.year),
            postcode: person.validPostcode?.description, houseNumber: person.houseNumber.nonEmpty, street: person.street.nonEmpty,
            phone: person.personPhone.nonEmpty)
        return (draft, municipalityID, district?.id)
    }

    // MARK: Rendering

    func render(
        _ step: Step, form: FormData, errors: FieldErrors, context: AppRequestContext, request: Request, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let language = context.language
        let carried = Self.stepFields.filter { $0.key != step }.values.flatMap { $0 }
        let hidden = carried.flatMap { name in Self.carriedValues(name, form).map { FormView.Hidden(name: name, value: $0) } }
            + [FormView.Hidden(name: "stap", value: String(step.rawValue))]
        let fields = try await SignalForm(renderer: renderer, language: language, form: form, errors: errors, today: services.clock.today)
            .fields(for: step, municipalities: services.organisations.municipalities())
        let view = FormView(
            action: .report, submitLabel: renderer.text(step == .check ? "signal_send" : "signal_next", language), fields: fields,
            csrf: context.csrfToken, intro: renderer.text("signal_step\(step.rawValue)_intro", language), hidden: hidden,
            backLabel: step == .concern ? nil : renderer.text("signal_back", language), honeypot: true)
        var page = SignalStepPage(step: step, form: view,
                                  stepLine: renderer.text("signal_step_of", language, String(min(step.rawValue, 3)), "3"))
        if step == .check {
            page.summary = SignalSummary(form: form, renderer: renderer, language: language,
                                         municipalities: try await services.organisations.municipalities()).rows
            page.suggestGP = form.chosen("indicators", as: SignalIndicator.self).contains(where: \.suggestsGP)
        }
        let title = renderer.text(step == .check ? "signal_check_title" : "signal_step\(step.rawValue)_title", language)
        return renderer.page(page, title: title, context: context, request: request, status: status)
    }

    /// What an earlier step's field carries to the next page: a checkbox group its known ticked values, each
    /// once; any other field its first value (the only one ever read), so a post cannot make the page grow.
    static func carriedValues(_ name: String, _ form: FormData) -> [String] {
        if let choices = choiceFields[name] { return form.chosen(name, among: choices) }
        return form.fields[name]?.first.map { [$0] } ?? []
    }

    func emergency(context: AppRequestContext, request: Request) -> Response {
        renderer.page(EmergencyPage(), title: renderer.text("emergency_title", context.language), context: context, request: request)
    }

    func confirmation(code: ReferenceCode, canFollow: Bool, context: AppRequestContext, request: Request) -> Response {
        renderer.page(SignalDonePage(code: code.value, canFollow: canFollow), title: renderer.text("signal_done_title", context.language),
                      context: context, request: request, status: .created)
    }

    // MARK: Status

    @Sendable func lookUpStatus(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard await services.publicFormLimiter.allow("status:\(clientKey(request, context))", now: services.clock.now()) else {
            throw AppError.tooManyRequests
        }
        let typed = try await request.form()["code"]
        // Unknown codes and reports without contact details get the same answer: nothing to learn by guessing.
        var result = renderer.text("status_unknown", context.language)
        if let code = ReferenceCode(typed), let signal = try await services.signals.signal(code: code), signal.reporterCanFollow {
            result = renderer.text("status_\(signal.status.publicStatus.rawValue)", context.language)
        }
        return statusPage(code: typed, result: result, context: context, request: request)
    }

    func statusPage(code: String, result: String?, context: AppRequestContext, request: Request) -> Response {
        let language = context.language
        let form = FormView(
            action: .reportStatus, submitLabel: renderer.text("status_submit", language),
            fields: [FieldView(name: "code", label: renderer.text("status_code", language), value: code,
                               hint: renderer.text("status_code_hint", language), autocomplete: "off")],
            csrf: context.csrfToken)
        return renderer.page(SignalStatusPage(form: form, result: result), title: renderer.text("status_title", language),
                             context: context, request: request)
    }
}

/// The fields of each step, filled with what was typed.
struct SignalForm {
    let renderer: Renderer
    let language: Language
    let form: FormData
    let errors: FieldErrors
    let today: CivilDate

    func text(_ key: String) -> String { renderer.text(key, language) }

    func field(_ name: String, _ kind: FieldView.Kind, required: Bool = true, hint: Bool = false, autocomplete: String = "off") -> FieldView {
        FieldView(name: name, label: text("signal_field_\(name)"), kind: kind, value: form[name],
                  hint: hint ? text("signal_field_\(name)_hint") : nil, error: errors[name], autocomplete: autocomplete, required: required)
    }

    func choice(_ name: String, _ values: [String], kind: FieldView.Kind = .radios, required: Bool = true, hint: Bool = false) -> FieldView {
        var view = field(name, kind, required: required, hint: hint)
        view.options = FieldView.options(values.map { ($0, text("signal_\(name)_\($0)")) }, selected: Set(form.chosen(name, among: values)))
        return view
    }

    func fields(for step: PublicSignalController.Step, municipalities: [Municipality]) -> [FieldView] {
        switch step {
        case .concern:
            var indicators = field("indicators", .checkboxes, required: false, hint: true)
            let ticked = Set(form.chosen("indicators", among: PublicSignalController.choiceFields["indicators"]!))
            indicators.groups = SignalCategory.allCases.map { category in
                FieldView.OptionGroup(
                    label: text("signal_category_\(category.rawValue)"),
                    options: SignalIndicator.allCases.filter { $0.category == category }.map {
                        .init(value: $0.rawValue, label: text("signal_indicator_\($0.rawValue)"), selected: ticked.contains($0.rawValue))
                    })
            }
            // The danger question first: answering "yes" leads straight to the emergency numbers.
            return [
                choice("danger", ["no", "yes"], hint: true),
                field("concern", .textarea, hint: true), indicators,
                choice("duration", ConcernDuration.allCases.map(\.rawValue)),
            ]
        case .reporter:
            var anonymous = field("anonymous", .checkbox, required: false, hint: true)
            anonymous.value = form["anonymous"]
            return [
                choice("relation", ReporterRelation.allCases.map(\.rawValue)),
                anonymous,
                // Needed unless one stays anonymous: the hint says so, rather than "(niet verplicht)" and then an error.
                field("reporter_name", .text, hint: true, autocomplete: "name"),
                field("reporter_email", .email, required: false, autocomplete: "email"),
                field("reporter_phone", .tel, required: false, hint: true, autocomplete: "tel"),
            ]
        case .person:
            let myself = form["relation"] == ReporterRelation.myself.rawValue
            var fields = PersonFields.views(form, errors: errors, context: FormContext(today: today, renderer: renderer, language: language))
            // Reporting about oneself: one's own name is needed, and the browser may fill in the address.
            if myself {
                fields[0].label = text("signal_field_own_name")
                fields[0].hint = nil
                fields[0].required = true
                fields[1].autocomplete = "postal-code"
            }
            if municipalities.count > 1 {
                var municipality = field("municipality", .select, required: false, hint: true)
                municipality.options = FieldView.options([("", text("option_choose"))] + municipalities.map { ($0.code, $0.name) },
                                                         selected: [form["municipality"]])
                fields.append(municipality)
            }
            return fields
        case .check:
            return []
        }
    }
}

/// The answers as a definition list on the check page.
struct SignalSummary {
    struct Row { let label: String; let value: String }
    let rows: [Row]

    init(form: FormData, renderer: Renderer, language: Language, municipalities: [Municipality]) {
        let t = { (key: String) in renderer.text(key, language) }
        let none = t("summary_none")
        let relation = form["relation"]
        let anonymous = form["anonymous"] == "on" && relation != ReporterRelation.myself.rawValue
        var rows = [
            Row(label: t("signal_field_concern"), value: form["concern"]),
            Row(label: t("signal_field_indicators"), value: form.chosen("indicators", as: SignalIndicator.self).map { t("signal_indicator_\($0.rawValue)") }.joined(separator: ", ").nonEmpty ?? none),
            Row(label: t("signal_field_duration"), value: t("signal_duration_\(form["duration"])")),
            Row(label: t("signal_field_relation"), value: t("signal_relation_\(relation)")),
        ]
        if anonymous {
            rows.append(Row(label: t("signal_field_reporter_name"), value: t("summary_anonymous")))
        } else if relation != ReporterRelation.myself.rawValue {
            rows.append(Row(label: t("signal_field_reporter_name"), value: form["reporter_name"]))
            rows.append(Row(label: t("summary_contact"), value: [form["reporter_email"], form["reporter_phone"]].filter { !$0.isEmpty }.joined(separator: ", ")))
        }
        let address = Address.text(street: form["street"].nonEmpty, number: form["house_number"].nonEmpty,
                                   postcode: Postcode(form["postcode"])?.description, numberWord: t("house_number_short"))
        rows.append(Row(label: t("summary_person"), value: [form["person_name"], address].filter { !$0.isEmpty }.joined(separator: ", ")))
        if let band = AgeBand(rawValue: form["age_band"]), band != .unknown {
            rows.append(Row(label: t("signal_field_age_band"), value: t("signal_age_band_\(band.rawValue)")))
        }
        if !form["birth_year"].isEmpty { rows.append(Row(label: t("signal_field_birth_year"), value: form["birth_year"])) }
        if !form["person_phone"].isEmpty { rows.append(Row(label: t("signal_field_person_phone"), value: form["person_phone"])) }
        if let municipality = municipalities.first(where: { $0.code == form["municipality"] }) {
            rows.append(Row(label: t("signal_field_municipality"), value: municipality.name))
        }
        self.rows = rows
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
