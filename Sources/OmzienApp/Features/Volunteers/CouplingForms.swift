import Foundation
import OmzienCore

/// The registry form of a volunteer and the wishes form of a person: reading, validating, drawing.
/// Both keep every value on a validation error.
enum CouplingForms {
    // MARK: Volunteer registry

    static func formData(_ details: VolunteerDetails?) -> FormData {
        guard let details else { return FormData(["languages": ["nl"], "max_couplings": ["1"], "travel": ["bike"]]) }
        var fields: [String: [String]] = [
            "intake_on": [details.intakeOn.map(DateText.input) ?? ""], "vog_on": [details.vogOn.map(DateText.input) ?? ""],
            "vog_expires_on": [details.vogExpiresOn.map(DateText.input) ?? ""], "interests": details.interests.map(\.rawValue),
            "languages": Array(details.languages), "availability": details.availability.map(\.code),
            "districts": details.districts.map { $0.map(\.uuidString) } ?? [], "gender": [details.gender?.rawValue ?? ""],
            "preferred_gender": [details.preferredGender?.rawValue ?? ""], "max_couplings": [String(details.maxCouplings)],
            "travel": [details.travel.rawValue], "phone": [details.phone],
            "preferred_age_min": [details.preferredAge.map { String($0.lowerBound) } ?? ""],
            "preferred_age_max": [details.preferredAge.map { String($0.upperBound) } ?? ""],
        ]
        if details.trainingDone { fields["training_done"] = ["on"] }
        return FormData(fields)
    }

    static func volunteer(_ form: FormData, errors: inout FieldErrors, texts: CouplingTexts) -> VolunteerDetails? {
        var details = VolunteerDetails()
        func date(_ name: String) -> CivilDate? {
            guard !form[name].isEmpty else { return nil }
            guard let date = CivilDate.fromInput(form[name]) else { errors.add(name, texts.t("error_date")); return nil }
            return date
        }
        details.intakeOn = date("intake_on")
        details.vogOn = date("vog_on")
        details.vogExpiresOn = date("vog_expires_on")
        details.trainingDone = form["training_done"] == "on"
        details.interests = Set(form.chosen("interests", as: Interest.self))
        details.languages = Set(form.chosen("languages", among: CouplingTexts.languages))
        if details.languages.isEmpty { errors.add("languages", texts.t("coupling_error_languages")) }
        details.availability = Slot.set(form.chosen("availability", among: Slot.all.map(\.code)))
        // Only the municipality's own districts (the texts know them by id).
        let districts = Set(form.chosen("districts", among: texts.districtNames.keys).compactMap(UUID.init(uuidString:)))
        details.districts = districts.isEmpty ? nil : districts
        details.gender = Gender(rawValue: form["gender"])
        details.preferredGender = Gender(rawValue: form["preferred_gender"])
        let low = Int(form["preferred_age_min"]), high = Int(form["preferred_age_max"])
        if form["preferred_age_min"].isEmpty && form["preferred_age_max"].isEmpty {
            details.preferredAge = nil
        } else if let low, let high, low >= 0, low <= high, high <= 120 {
            details.preferredAge = low...high
        } else {
            errors.add("preferred_age_min", texts.t("coupling_error_age_range"))
        }
        if let maximum = Int(form["max_couplings"]), (1...10).contains(maximum) { details.maxCouplings = maximum } else {
            errors.add("max_couplings", texts.t("coupling_error_max"))
        }
        details.travel = Travel(rawValue: form["travel"]) ?? .bike
        details.phone = form["phone"]
        return errors.isEmpty ? details : nil
    }

    static func volunteerForm(_ form: FormData, errors: FieldErrors, action: Route, csrf: String, texts: CouplingTexts, districts: [District]) -> FormView {
        let t = texts.t
        let genders = [("", t("gender_unknown"))] + Gender.allCases.map { ($0.rawValue, t("gender_\($0.rawValue)")) }
        return FormView(action: action, submitLabel: t("save"), fields: [
            FieldView(name: "phone", label: t("volunteer_field_phone"), kind: .tel, value: form["phone"], required: false),
            FieldView(name: "intake_on", label: t("volunteer_field_intake"), value: form["intake_on"], hint: t("contact_field_on_date_hint"),
                      error: errors["intake_on"], required: false),
            FieldView(name: "vog_on", label: t("volunteer_field_vog"), value: form["vog_on"], hint: t("contact_field_on_date_hint"),
                      error: errors["vog_on"], required: false),
            FieldView(name: "vog_expires_on", label: t("volunteer_field_vog_expires"), value: form["vog_expires_on"],
                      hint: t("volunteer_field_vog_expires_hint"), error: errors["vog_expires_on"], required: false),
            FieldView(name: "training_done", label: t("volunteer_field_training"), kind: .checkbox, value: form["training_done"], required: false),
            FieldView(name: "interests", label: t("coupling_field_interests"), kind: .checkboxes, options: texts.checkboxOptions(Interest.allCases, selected: Set(form.chosen("interests", as: Interest.self).map(\.rawValue)), value: \.rawValue, label: texts.interest), required: false),
            FieldView(name: "languages", label: t("coupling_field_languages"), kind: .checkboxes, error: errors["languages"],
                      options: texts.checkboxOptions(CouplingTexts.languages, selected: Set(form.chosen("languages", among: CouplingTexts.languages)), value: { $0 }, label: texts.languageName)),
            slotField(form, texts: texts, label: t("volunteer_field_availability")),
            FieldView(name: "districts", label: t("volunteer_field_districts"), kind: .checkboxes, hint: t("volunteer_field_districts_hint"), options: texts.checkboxOptions(districts, selected: Set(form.chosen("districts", among: districts.map(\.id.uuidString))), value: \.id.uuidString, label: \.name), required: false),
            FieldView(name: "gender", label: t("volunteer_field_gender"), kind: .select, options: FieldView.options(genders, selected: [form["gender"]]), required: false),
            FieldView(name: "preferred_gender", label: t("volunteer_field_preferred_gender"), kind: .select, options: FieldView.options([("", t("no_preference"))] + genders.dropFirst(), selected: [form["preferred_gender"]]), required: false),
            FieldView(name: "preferred_age_min", label: t("volunteer_field_age_min"), kind: .number, value: form["preferred_age_min"],
                      hint: t("volunteer_field_age_hint"), error: errors["preferred_age_min"], required: false),
            FieldView(name: "preferred_age_max", label: t("volunteer_field_age_max"), kind: .number, value: form["preferred_age_max"], required: false),
            FieldView(name: "max_couplings", label: t("volunteer_field_max"), kind: .number, value: form["max_couplings"], error: errors["max_couplings"]),
            FieldView(name: "travel", label: t("volunteer_field_travel"), kind: .select,
                      options: FieldView.options(Travel.allCases.map { ($0.rawValue, t("travel_\($0.rawValue)")) }, selected: [form["travel"]])),
        ], csrf: csrf)
    }

    static func slotField(_ form: FormData, texts: CouplingTexts, label: String, error: String? = nil) -> FieldView {
        var field = FieldView(name: "availability", label: label, kind: .checkboxes, hint: texts.t("coupling_field_availability_hint"), error: error)
        field.groups = texts.slotGroups(selected: Set(form.chosen("availability", among: Slot.all.map(\.code))))
        return field
    }

    // MARK: A person's wishes

    static func wishes(_ form: FormData, errors: inout FieldErrors, texts: CouplingTexts) -> (CouplingRequest)? {
        let languages = Set(form.chosen("languages", among: CouplingTexts.languages))
        if languages.isEmpty { errors.add("languages", texts.t("coupling_error_languages")) }
        let availability = Slot.set(form.chosen("availability", among: Slot.all.map(\.code)))
        if availability.isEmpty { errors.add("availability", texts.t("coupling_error_availability")) }
        if form["consent"] != "on" { errors.add("consent", texts.t("coupling_error_consent")) }
        guard errors.isEmpty else { return nil }
        return CouplingRequest(
            id: UUID(), municipalityID: UUID(), trajectoryID: UUID(), interests: Set(form.chosen("interests", as: Interest.self)),
            languages: languages, availability: availability, gender: Gender(rawValue: form["gender"]),
            preferredVolunteerGender: Gender(rawValue: form["preferred_gender"]), prefersOtherDistrict: form["other_district"] == "on",
            excluded: [], note: form["note"], waitingSince: CivilDate(dayNumber: 0), status: .waiting)
    }

    static func wishesForm(_ form: FormData, errors: FieldErrors, action: Route, csrf: String, texts: CouplingTexts) -> FormView {
        let t = texts.t
        let genders = Gender.allCases.map { ($0.rawValue, t("gender_\($0.rawValue)")) }
        return FormView(action: action, submitLabel: t("coupling_request_submit"), fields: [
            FieldView(name: "interests", label: t("coupling_field_interests"), kind: .checkboxes, hint: t("coupling_field_interests_hint"), options: texts.checkboxOptions(Interest.allCases, selected: Set(form.chosen("interests", as: Interest.self).map(\.rawValue)), value: \.rawValue, label: texts.interest), required: false),
            FieldView(name: "languages", label: t("coupling_field_languages"), kind: .checkboxes, error: errors["languages"],
                      options: texts.checkboxOptions(CouplingTexts.languages, selected: Set(form.chosen("languages", among: CouplingTexts.languages)), value: { $0 }, label: texts.languageName)),
            slotField(form, texts: texts, label: t("coupling_field_availability"), error: errors["availability"]),
            FieldView(name: "gender", label: t("coupling_field_gender"), kind: .select, options: FieldView.options([("", t("gender_unknown"))] + genders, selected: [form["gender"]]), required: false),
            FieldView(name: "preferred_gender", label: t("coupling_field_preferred_gender"), kind: .select, options: FieldView.options([("", t("no_preference"))] + genders, selected: [form["preferred_gender"]]), required: false),
            FieldView(name: "other_district", label: t("coupling_field_other_district"), kind: .checkbox, value: form["other_district"], required: false),
            FieldView(name: "note", label: t("coupling_field_note"), kind: .textarea, value: form["note"], hint: t("coupling_field_note_hint"), required: false),
            FieldView(name: "consent", label: t("coupling_field_consent"), kind: .checkbox, value: form["consent"], error: errors["consent"]),
        ], csrf: csrf, intro: t("coupling_request_intro"))
    }
}
