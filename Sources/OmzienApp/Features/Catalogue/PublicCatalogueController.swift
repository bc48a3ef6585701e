import Foundation
import Hummingbird
import OmzienCore

/// The public social map for residents: no login, plain Dutch, filters in the URL (works without
/// JavaScript and can be bookmarked), a shareable page per activity. Public wording speaks of
/// "ontmoeting en contact", not of loneliness.
struct PublicCatalogueController {
    let services: AppServices
    var renderer: Renderer { services.renderer }

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get(.activities(), use: search)
        router.get(.activity(""), use: show)
    }

    /// One activity as a card or a page: every value already in words.
    struct ActivityView {
        let href: String
        let name: String
        let organisation: String
        let description: String
        let form: String
        let when: [String]
        let place: String
        /// The place, or where to ask for it: a "Waar" row is never left empty.
        let whereText: String
        let cost: String
        let forWhom: String
        let join: String
        let contact: [ContactLink]
        let districts: String
    }

    /// A way to reach the organisation, as a link a phone or mail program opens: `tel:` for a phone number
    /// (its digits and a leading +), `mailto:` for an address, the website as it is (the catalogue accepts
    /// only http and https there).
    struct ContactLink: Equatable {
        let text: String
        let href: String

        static func phone(_ number: String) -> ContactLink {
            let digits = number.enumerated().filter { index, character in character.isNumber || (index == 0 && character == "+") }.map(\.element)
            return ContactLink(text: number, href: "tel:" + String(digits))
        }
        static func email(_ address: String) -> ContactLink { ContactLink(text: address, href: "mailto:" + address) }
        static func website(_ url: String) -> ContactLink { ContactLink(text: url, href: url) }
    }

    func view(_ a: CatalogueActivity, organisations: [String: String], districts: [String: String], language: Language) -> ActivityView {
        let t = { (key: String) in renderer.text(key, language) }
        let when = a.schedules.map { schedule -> String in
            let every = schedule.frequency == .monthly ? t("schedule_monthly") + " " : schedule.interval > 1
                ? renderer.count("schedule_every_weeks", schedule.interval, language) + " " : t("schedule_every") + " "
            return every + t("weekday_\(schedule.weekday)") + " " + renderer.text("schedule_time", language, schedule.opensAt, schedule.closesAt)
        }
        let cost = a.costCents.map { $0 == 0 ? t("cost_free") : renderer.text("cost_amount", language, CatalogueForms.euros($0)) } ?? t("cost_unknown")
        var forWhom = a.targetGroups
        switch (a.minimumAge, a.maximumAge) {
        case let (low?, high?): forWhom.append(renderer.text("age_between", language, String(low), String(high)))
        case let (low?, nil): forWhom.append(renderer.text("age_from", language, String(low)))
        case let (nil, high?): forWhom.append(renderer.text("age_until", language, String(high)))
        default: break
        }
        let place = a.location.map { [$0.name, $0.address, [$0.postcode, $0.city].filter { !$0.isEmpty }.joined(separator: " ")]
            .filter { !$0.isEmpty }.joined(separator: ", ") } ?? ""
        return ActivityView(
            href: Route.activity(a.id).href, name: a.name, organisation: organisations[a.organisationID] ?? "", description: a.description,
            form: t("activity_form_public_\(a.form.rawValue)"), when: when, place: place, whereText: place.nonEmpty ?? t("activity_where_ask"), cost: cost + (a.costDescription.isEmpty ? "" : " (\(a.costDescription))"),
            forWhom: forWhom.isEmpty ? t("for_everyone") : forWhom.joined(separator: ", "),
            join: a.howToJoin.isEmpty ? t("join_route_public_\(a.joinRoute.rawValue)") : a.howToJoin,
            contact: [a.contactPhone.nonEmpty.map(ContactLink.phone), a.contactEmail.nonEmpty.map(ContactLink.email),
                      a.website.nonEmpty.map(ContactLink.website)].compactMap { $0 },
            districts: a.districtIDs.map { ids in ids.compactMap { districts[$0] }.sorted().joined(separator: ", ") } ?? t("whole_municipality"))
    }

    /// The municipality a visitor looks at: chosen in the filter, else the first one.
    func municipality(_ request: Request) async throws -> (Municipality, [Municipality]) {
        let all = try await services.organisations.municipalities().sorted { $0.name < $1.name }
        let code = request.uri.queryParameters["gemeente"].map(String.init)
        if let chosen = all.first(where: { $0.code == code }) { return (chosen, all) }
        // Without a choice: the first municipality that has a social map at all.
        for municipality in all where try await !services.catalogue.activities(municipalityID: municipality.id).isEmpty {
            return (municipality, all)
        }
        guard let first = all.first else { throw AppError.notFound }
        return (first, all)
    }

    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = context.language
        let t = { (key: String) in renderer.text(key, language) }
        let (municipality, municipalities) = try await municipality(request)
        let query = request.uri.queryParameters
        let district = query["wijk"].map(String.init) ?? "", day = query["dag"].flatMap { Int(String($0)) }
        let form = query["vorm"].flatMap { ActivityForm(rawValue: String($0)) }, freeOnly = query["kosten"] == "gratis"
        let words = (query["zoek"].map(String.init) ?? "").lowercased().trimmingCharacters(in: .whitespaces)
        let forWhom = query["voor"].map(String.init) ?? ""
        let districts = try await services.organisations.districts(municipalityID: municipality.id)
        let organisations = Dictionary(uniqueKeysWithValues: try await services.catalogue.organisations(municipalityID: municipality.id).map { ($0.id, $0.name) })
        let everything = try await services.catalogue.activities(municipalityID: municipality.id).map(\.activity)
        let groups = Array(Set(everything.filter { $0.status == .active }.flatMap(\.targetGroups))).sorted()
        let found = everything.filter { a in
            a.status == .active
                && (forWhom.isEmpty || a.targetGroups.contains(forWhom))
                && (district.isEmpty || a.districtIDs == nil || a.districtIDs!.contains(district))
                && (day == nil || a.schedules.contains { $0.weekday == day })
                && (form == nil || a.form == form)
                && (!freeOnly || a.isFree)
                && (words.isEmpty || [a.name, a.description, a.targetGroups.joined(separator: " ")].joined(separator: " ").lowercased().contains(words))
        }
        let districtNames = Dictionary(uniqueKeysWithValues: districts.map { ($0.id.uuidString, $0.name) })
        let option = { (value: String, label: String, selected: Bool) in FieldView.Option(value: value, label: label, selected: selected) }
        let page = PublicCataloguePage(
            results: found.map { view($0, organisations: organisations, districts: districtNames, language: language) },
            count: renderer.count("public_catalogue_count", found.count, language), words: words,
            municipalities: municipalities.map { option($0.code, $0.name, $0.id == municipality.id) },
            districts: [option("", t("filter_any_district"), district.isEmpty)]
                + districts.map { option($0.id.uuidString, $0.name, $0.id.uuidString == district) },
            days: [option("", t("filter_any_day"), day == nil)] + (1...7).map { option(String($0), t("weekday_\($0)"), $0 == day) },
            forms: [option("", t("filter_any_form"), form == nil)]
                + ActivityForm.allCases.map { option($0.rawValue, t("activity_form_public_\($0.rawValue)"), $0 == form) },
            groups: [option("", t("filter_any_group"), forWhom.isEmpty)] + groups.map { option($0, $0, $0 == forWhom) },
            freeOnly: freeOnly)
        return renderer.page(page, title: renderer.text("public_catalogue_title", language, municipality.name),
                             context: context, request: request)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw AppError.notFound }
        for municipality in try await services.organisations.municipalities() {
            guard let stored = try await services.catalogue.activity(id: id, municipalityID: municipality.id), stored.activity.status != .defunct else { continue }
            let districts = try await services.organisations.districts(municipalityID: municipality.id)
            let organisations = Dictionary(uniqueKeysWithValues: try await services.catalogue.organisations(municipalityID: municipality.id).map { ($0.id, $0.name) })
            let activity = view(stored.activity, organisations: organisations,
                                districts: Dictionary(uniqueKeysWithValues: districts.map { ($0.id.uuidString, $0.name) }), language: context.language)
            let closed = stored.activity.status == .active ? nil
                : renderer.text("activity_status_\(stored.activity.status.rawValue.replacingOccurrences(of: " ", with: "_"))", context.language)
            let page = PublicActivityPage(activity: activity, back: Route.activities(municipality: municipality.code).href, closed: closed)
            return renderer.page(page, title: stored.activity.name, context: context, request: request)
        }
        throw AppError.notFound
    }
}
