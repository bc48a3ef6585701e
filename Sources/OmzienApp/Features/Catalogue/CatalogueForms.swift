import Foundation
import OmzienCore

/// The entry form of the social map, shared by providers (their own organisation) and coordinators (any).
/// Lists are typed with commas; schedules one per line ("dinsdag 10:00-12:00"). Nothing typed is lost on an error.
enum CatalogueForms {
    static func formData(_ activity: CatalogueActivity?) -> FormData {
        guard let a = activity else {
            return FormData(["status": ["active"], "form": ["group"], "intervention_type": ["social_activation"], "evidence": ["not_assessed"],
                             "join_route": ["direct"], "preventive": ["on"], "languages": ["nl"], "city": ["Lindewaard"]])
        }
        var fields: [String: [String]] = [
            "name": [a.name], "description": [a.description], "organisation": [a.organisationID], "status": [a.status.rawValue],
            "form": [a.form.rawValue], "intervention_type": [a.interventionType.rawValue], "evidence": [a.evidence.rawValue],
            "evidence_source": [a.evidenceSource], "target_groups": [a.targetGroups.joined(separator: ", ")],
            "minimum_age": [a.minimumAge.map(String.init) ?? ""], "maximum_age": [a.maximumAge.map(String.init) ?? ""],
            "conditions": [a.conditions.joined(separator: ", ")], "life_events": [a.lifeEvents.joined(separator: ", ")],
            "languages": a.languages.isEmpty ? ["nl"] : a.languages, "loneliness_forms": a.lonelinessForms.map(\.rawValue),
            "profiles": a.profiles.map(\.rawValue), "districts": a.districtIDs.map(Array.init) ?? [],
            "location_name": [a.location?.name ?? ""], "address": [a.location?.address ?? ""], "postcode": [a.location?.postcode ?? ""],
            "city": [a.location?.city ?? ""], "schedules": [a.schedules.map(\.dutch).joined(separator: "\n")],
            "cost": [a.costCents.map { Self.euros($0) } ?? ""], "cost_description": [a.costDescription],
            "capacity": [a.capacity.map(String.init) ?? ""], "waiting_list": [String(a.waitingList)], "join_route": [a.joinRoute.rawValue],
            "how_to_join": [a.howToJoin], "contact_phone": [a.contactPhone], "contact_email": [a.contactEmail], "website": [a.website],
        ]
        if a.preventive { fields["preventive"] = ["on"] }
        if a.routeInto == .welfare { fields["route_into_welfare"] = ["on"] }
        return FormData(fields)
    }

    static func euros(_ cents: Int) -> String {
        cents % 100 == 0 ? "\(cents / 100)" : String(format: "%d,%02d", cents / 100, cents % 100)
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
    }

    /// Reads the form into `activity` (which keeps its id, organisation and check date).
    /// `districts` are the ids of the municipality's districts: the only ones an activity can be limited to.
    static func read(_ form: FormData, into activity: inout CatalogueActivity, errors: inout FieldErrors, districts: [String], t: (String) -> String) {
        activity.name = form["name"]
        if activity.name.isEmpty { errors.add("name", t("catalogue_error_name")) }
        activity.description = form["description"]
        activity.status = ActivityStatus(rawValue: form["status"]) ?? .active
        activity.form = ActivityForm(rawValue: form["form"]) ?? .group
        activity.interventionType = InterventionType(rawValue: form["intervention_type"]) ?? .socialActivation
        activity.preventive = form["preventive"] == "on"
        activity.evidence = EvidenceLevel(rawValue: form["evidence"]) ?? .notAssessed
        activity.evidenceSource = form["evidence_source"]
        activity.targetGroups = list(form["target_groups"])
        func age(_ name: String) -> Int? {
            guard !form[name].isEmpty else { return nil }
            guard let value = Int(form[name]), (0...120).contains(value) else { errors.add(name, t("catalogue_error_age")); return nil }
            return value
        }
        activity.minimumAge = age("minimum_age")
        activity.maximumAge = age("maximum_age")
        if let low = activity.minimumAge, let high = activity.maximumAge, low > high { errors.add("maximum_age", t("catalogue_error_age")) }
        activity.conditions = list(form["conditions"])
        activity.lifeEvents = list(form["life_events"])
        let languages = form.chosen("languages", among: CouplingTexts.languages)
        activity.languages = languages == ["nl"] ? [] : languages.sorted()
        activity.lonelinessForms = Set(form.chosen("loneliness_forms", as: LonelinessForm.self))
        activity.profiles = Set(form.chosen("profiles", as: InterventionProfile.self))
        let chosenDistricts = form.chosen("districts", among: districts)
        activity.districtIDs = chosenDistricts.isEmpty ? nil : Set(chosenDistricts)
        let place = [form["location_name"], form["address"], form["postcode"], form["city"]]
        activity.location = place.allSatisfy(\.isEmpty) ? nil
            : ActivityLocation(name: place[0], address: place[1], postcode: Postcode(place[2])?.description ?? place[2], city: place[3])
        var schedules: [ActivitySchedule] = []
        for line in form["schedules"].split(whereSeparator: \.isNewline).map({ $0.trimmingCharacters(in: .whitespaces) }) where !line.isEmpty {
            if let schedule = ActivitySchedule(dutch: line) { schedules.append(schedule) } else { errors.add("schedules", t("catalogue_error_schedule")) }
        }
        activity.schedules = schedules
        if form["cost"].isEmpty {
            activity.costCents = nil
        } else if let value = Double(form["cost"].replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: "€", with: "")
            .trimmingCharacters(in: .whitespaces)), value.isFinite, (0...100_000).contains(value) {
            // Bounded before converting: "1e309" or twenty nines must be a form error, not a crash.
            activity.costCents = Int((value * 100).rounded())
        } else {
            errors.add("cost", t("catalogue_error_cost"))
        }
        activity.costDescription = form["cost_description"]
        activity.capacity = Int(form["capacity"])
        if !form["capacity"].isEmpty && (activity.capacity ?? -1) < 0 { errors.add("capacity", t("catalogue_error_number")) }
        activity.waitingList = max(0, Int(form["waiting_list"]) ?? 0)
        activity.joinRoute = JoinRoute(rawValue: form["join_route"]) ?? .direct
        activity.routeInto = form["route_into_welfare"] == "on" ? .welfare : nil
        activity.howToJoin = form["how_to_join"]
        activity.contactPhone = form["contact_phone"]
        activity.contactEmail = form["contact_email"]
        activity.website = form["website"]
        // Shown as links here and published over HSDA: only real web and e-mail addresses.
        if !activity.website.isEmpty, !ContactRules.isWebAddress(activity.website) { errors.add("website", t("catalogue_error_website")) }
        if !activity.contactEmail.isEmpty, !ContactRules.isEmailAddress(activity.contactEmail) {
            errors.add("contact_email", t("catalogue_error_email"))
        }
    }

    static func view(_ form: FormData, errors: FieldErrors, action: Route, csrf: String, renderer: Renderer, language: Language,
                     organisations: [CatalogueOrganisation]?, districts: [District]) -> FormView {
        let t = { (key: String) in renderer.text(key, language) }
        let texts = CouplingTexts(renderer: renderer, language: language)
        func select<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type, prefix: String) -> FieldView where T.RawValue == String {
            FieldView(name: name, label: t("catalogue_field_\(name)"), kind: .select,
                      options: FieldView.options(T.allCases.map { ($0.rawValue, t("\(prefix)_\($0.rawValue.replacingOccurrences(of: " ", with: "_"))")) },
                                                 selected: [form[name]]))
        }
        func text(_ name: String, kind: FieldView.Kind = .text, hint: Bool = false, required: Bool = false) -> FieldView {
            FieldView(name: name, label: t("catalogue_field_\(name)"), kind: kind, value: form[name], hint: hint ? t("catalogue_field_\(name)_hint") : nil,
                      error: errors[name], required: required)
        }
        var fields = [text("name", required: true), text("description", kind: .textarea)]
        if let organisations {
            fields.append(FieldView(name: "organisation", label: t("catalogue_field_organisation"), kind: .select, error: errors["organisation"],
                                    options: FieldView.options(organisations.map { ($0.id, $0.name) }, selected: [form["organisation"]])))
        }
        fields += [
            select("status", ActivityStatus.self, prefix: "activity_status"), select("form", ActivityForm.self, prefix: "activity_form"),
            select("intervention_type", InterventionType.self, prefix: "intervention_type"),
            FieldView(name: "preventive", label: t("catalogue_field_preventive"), kind: .checkbox, value: form["preventive"], required: false),
            select("evidence", EvidenceLevel.self, prefix: "evidence"), text("evidence_source", hint: true),
            text("target_groups", hint: true), text("minimum_age", kind: .number), text("maximum_age", kind: .number),
            text("conditions", hint: true), text("life_events", hint: true),
            FieldView(name: "languages", label: t("catalogue_field_languages"), kind: .checkboxes,
                      options: texts.checkboxOptions(CouplingTexts.languages, selected: Set(form.chosen("languages", among: CouplingTexts.languages)), value: { $0 }, label: texts.languageName),
                      required: false),
            FieldView(name: "loneliness_forms", label: t("catalogue_field_loneliness_forms"), kind: .checkboxes,
                      options: FieldView.options(LonelinessForm.allCases.map { ($0.rawValue, t("form_\($0.rawValue)")) },
                                                 selected: Set(form.chosen("loneliness_forms", as: LonelinessForm.self).map(\.rawValue))), required: false),
            FieldView(name: "profiles", label: t("catalogue_field_profiles"), kind: .checkboxes,
                      options: FieldView.options(InterventionProfile.allCases.map { ($0.rawValue, t("profile_\($0.rawValue)")) },
                                                 selected: Set(form.chosen("profiles", as: InterventionProfile.self).map(\.rawValue))), required: false),
            FieldView(name: "districts", label: t("catalogue_field_districts"), kind: .checkboxes, hint: t("catalogue_field_districts_hint"),
                      options: FieldView.options(districts.map { ($0.id.uuidString, $0.name) }, selected: Set(form.chosen("districts", among: districts.map(\.id.uuidString)))), required: false),
            text("location_name"), text("address"), text("postcode"), text("city"),
            text("schedules", kind: .textarea, hint: true), text("cost", hint: true), text("cost_description"),
            text("capacity", kind: .number), text("waiting_list", kind: .number), select("join_route", JoinRoute.self, prefix: "join_route"),
            FieldView(name: "route_into_welfare", label: t("catalogue_field_route_into_welfare"), kind: .checkbox, value: form["route_into_welfare"],
                      hint: t("catalogue_field_route_into_welfare_hint"), required: false),
            text("how_to_join", kind: .textarea), text("contact_phone", kind: .tel), text("contact_email"), text("website"),
        ]
        return FormView(action: action, submitLabel: t("save"), fields: fields, csrf: csrf)
    }
}
