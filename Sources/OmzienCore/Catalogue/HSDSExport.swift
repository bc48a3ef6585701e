import Foundation

/// Column → text of one row of an HSDS table.
typealias HSDSRecord = [String: String]

/// Writes the catalogue as HSDS 3.0 rows. The CSV files and the API's JSON are both made from these rows,
/// so the two can never disagree.
///
/// Where things go (and what is lossy):
/// - organisation → organization (id, name, description, email, website; an empty description is written
///   as the name because 3.0 requires one); its phone → phone(organization_id).
/// - activity → service: name, description, status, url = website, email = contactEmail,
///   application_process = howToJoin, fees_description = costDescription, accreditations = evidenceSource
///   (the databank's recognition is an accreditation), minimum_age, maximum_age, assured_date = checkedOn,
///   eligibility_description = a Dutch sentence made from target groups, ages, conditions and life events
///   (written only: the structured values travel as attributes).
/// - contactPhone → phone(service_id). location → a physical location (shared by activities of one
///   organisation at the same place), an address (country NL, state_province = the catalogue's province)
///   when any address part is filled, and service_at_location.
/// - schedules → schedule (freq, interval, byday, opens_at/closes_at as HH:MM:SS; no dtstart, so an
///   interval above 1 has no anchor date). languages → language (code, Dutch name).
/// - districtIDs → one service_area per district (name from `districts`, uri `urn:uuid:<district id>`);
///   nil (the whole municipality) and an empty set both write no rows.
/// - costCents → cost_option (amount in euros with two decimals, currency EUR, "per keer").
/// - classifications → attribute rows (link_entity "service") pointing at `HSDSClassification` terms;
///   capacity and waitingList (> 0) are attributes of the capacity taxonomy with the number as value,
///   because 3.0 has no service_capacity table.
enum HSDSExport {
    /// Every row of the package, by table name; rows of one table are unique by id. `allTerms` false
    /// leaves out the terms no activity uses (the API nests only the terms it points to).
    static func records(_ catalogue: HSDSCatalogue, allTerms: Bool = true) -> [String: [HSDSRecord]] {
        var rows = Rows()
        for organisation in catalogue.organisations { addOrganisation(organisation, to: &rows) }
        for activity in catalogue.activities { addService(activity, catalogue: catalogue, to: &rows) }
        for classification in HSDSClassification.allCases { rows.add("taxonomy", taxonomyRecord(classification.taxonomy)) }
        for term in terms(catalogue, fixed: allTerms) { rows.add("taxonomy_term", termRecord(term)) }
        return rows.sorted()
    }

    /// The CSV of one table: the 3.0 header and the rows sorted by id.
    static func csv(_ table: HSDSSchema.Table, _ records: [HSDSRecord]) -> Data {
        let names = table.fieldNames
        let rows = records.map { record -> [String] in
            assert(Set(record.keys).isSubset(of: names), "\(table.name) has no column \(Set(record.keys).subtracting(names))")
            return names.map { record[$0] ?? "" }
        }
        return HSDSCSV.write(header: names, rows: rows)
    }

    /// Byte order of UTF-8, the order rows are written in (locale-free, the same everywhere).
    static func precedes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    /// All fixed terms (unless `fixed` is false) plus the terms the activities use, sorted by id.
    static func terms(_ catalogue: HSDSCatalogue, fixed: Bool = true) -> [HSDSTaxonomyTerm] {
        var byID: [String: HSDSTaxonomyTerm] = [:]
        for classification in HSDSClassification.allCases where fixed {
            for term in classification.terms { byID[term.id] = term }
        }
        for activity in catalogue.activities {
            for tag in tags(activity) { byID[tag.term.id] = tag.term }
        }
        return byID.values.sorted { precedes($0.id, $1.id) }
    }

    /// Rows collected per table and id.
    struct Rows {
        var tables: [String: [String: HSDSRecord]] = [:]

        /// Adds a row; a second row with the same id (a shared location) is the same row and is ignored.
        mutating func add(_ table: String, _ record: HSDSRecord) {
            let id = record["id"] ?? ""
            if tables[table]?[id] == nil { tables[table, default: [:]][id] = record }
        }

        func sorted() -> [String: [HSDSRecord]] {
            tables.mapValues { rows in rows.keys.sorted(by: precedes).compactMap { rows[$0] } }
        }
    }

    // MARK: Organisations

    static func addOrganisation(_ organisation: CatalogueOrganisation, to rows: inout Rows) {
        // organization.description is required: an empty one is written as the name (and read back as empty).
        let description = organisation.description.isEmpty ? organisation.name : organisation.description
        rows.add("organization", [
            "id": organisation.id, "name": organisation.name, "description": description,
            "email": organisation.email, "website": organisation.website,
        ])
        if !organisation.phone.isEmpty {
            rows.add("phone", ["id": Ids.organisationPhone(organisation.id), "organization_id": organisation.id,
                               "number": organisation.phone])
        }
    }

    // MARK: Services

    static func addService(_ activity: CatalogueActivity, catalogue: HSDSCatalogue, to rows: inout Rows) {
        rows.add("service", serviceRecord(activity))
        if !activity.contactPhone.isEmpty {
            rows.add("phone", ["id": Ids.servicePhone(activity.id), "service_id": activity.id, "number": activity.contactPhone])
        }
        if let location = activity.location { addLocation(location, of: activity, province: catalogue.province, to: &rows) }
        for (position, schedule) in activity.schedules.enumerated() {
            rows.add("schedule", scheduleRecord(schedule, id: Ids.schedule(activity.id, position), serviceID: activity.id))
        }
        for (position, code) in activity.languages.enumerated() {
            rows.add("language", ["id": Ids.language(activity.id, position), "service_id": activity.id,
                                  "name": HSDSLanguages.dutchName(code) ?? "", "code": code])
        }
        for district in (activity.districtIDs ?? []).sorted(by: precedes) {
            rows.add("service_area", ["id": Ids.serviceArea(activity.id, district), "service_id": activity.id,
                                      "name": catalogue.districts[district] ?? "", "uri": Ids.districtURIPrefix + district])
        }
        if let cents = activity.costCents {
            rows.add("cost_option", ["id": Ids.costOption(activity.id), "service_id": activity.id, "currency": Defaults.currency,
                                     "amount": euros(cents), "amount_description": Defaults.amountDescription])
        }
        for tag in tags(activity) {
            rows.add("attribute", ["id": tag.id, "link_id": activity.id, "taxonomy_term_id": tag.term.id,
                                   "link_entity": "service", "value": tag.value])
        }
    }

    static func serviceRecord(_ activity: CatalogueActivity) -> HSDSRecord {
        [
            "id": activity.id, "organization_id": activity.organisationID, "name": activity.name,
            "description": activity.description, "url": activity.website, "email": activity.contactEmail,
            "status": activity.status.rawValue, "application_process": activity.howToJoin,
            "fees_description": activity.costDescription, "accreditations": activity.evidenceSource,
            "eligibility_description": HSDSEligibility.sentence(activity),
            "minimum_age": activity.minimumAge.map(String.init) ?? "", "maximum_age": activity.maximumAge.map(String.init) ?? "",
            "assured_date": activity.checkedOn?.description ?? "",
        ]
    }

    static func addLocation(_ location: ActivityLocation, of activity: CatalogueActivity, province: String, to rows: inout Rows) {
        let locationID = Ids.location(activity.organisationID, location)
        rows.add("location", ["id": locationID, "location_type": Defaults.locationType,
                              "organization_id": activity.organisationID, "name": location.name])
        if !(location.address.isEmpty && location.postcode.isEmpty && location.city.isEmpty) {
            rows.add("address", [
                "id": Ids.address(locationID), "location_id": locationID, "address_1": location.address,
                "city": location.city, "state_province": province, "postal_code": location.postcode,
                "country": Defaults.country, "address_type": Defaults.addressType,
            ])
        }
        rows.add("service_at_location", ["id": Ids.serviceAtLocation(activity.id), "service_id": activity.id,
                                         "location_id": locationID])
    }

    static func scheduleRecord(_ schedule: ActivitySchedule, id: String, serviceID: String) -> HSDSRecord {
        [
            "id": id, "service_id": serviceID, "freq": schedule.frequency.rawValue, "interval": String(schedule.interval),
            "byday": (1...7).contains(schedule.weekday) ? schedule.byDay : "",
            "opens_at": clockTime(schedule.opensAt), "closes_at": clockTime(schedule.closesAt),
        ]
    }

    /// "HH:MM" → "HH:MM:00": Frictionless `time` is HH:MM:SS (and so is the standard's example).
    static func clockTime(_ text: String) -> String {
        HSDSValues.isHourMinute(text) ? text + ":00" : text
    }

    /// Cents as euros with two decimals ("0.00", "12.50").
    static func euros(_ cents: Int) -> String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let fraction = String(magnitude % 100)
        return sign + String(magnitude / 100) + "." + (fraction.count == 1 ? "0" + fraction : fraction)
    }

    // MARK: Taxonomies

    static func taxonomyRecord(_ taxonomy: HSDSTaxonomy) -> HSDSRecord {
        ["id": taxonomy.id, "name": taxonomy.name, "description": taxonomy.description, "version": taxonomy.version]
    }

    static func termRecord(_ term: HSDSTaxonomyTerm) -> HSDSRecord {
        let taxonomyName = HSDSClassification.withTaxonomy(id: term.taxonomyID)?.taxonomy.name ?? ""
        return ["id": term.id, "code": term.code, "name": term.name, "description": term.description,
                "taxonomy": taxonomyName, "language": Defaults.termLanguage, "taxonomy_id": term.taxonomyID]
    }

    /// One attribute of a service: which term, with which value, under which id.
    struct Tag: Equatable {
        let id: String
        let term: HSDSTaxonomyTerm
        let value: String
    }

    /// Every classification of the activity as attributes. Single values and sets get an id per term;
    /// the free-text lists get sequenced ids so their order survives sorting by id.
    static func tags(_ activity: CatalogueActivity) -> [Tag] {
        var fixed: [(HSDSClassification, String, String)] = [
            (.activityForm, activity.form.rawValue, ""),
            (.interventionType, activity.interventionType.rawValue, ""),
            (.evidenceLevel, activity.evidence.rawValue, ""),
            (.joinRoute, activity.joinRoute.rawValue, ""),
            (.approach, activity.preventive ? "preventive" : "curative", ""),
        ]
        fixed += activity.lonelinessForms.map { (.lonelinessForm, $0.rawValue, "") }
        fixed += activity.profiles.map { (.interventionProfile, $0.rawValue, "") }
        if let capacity = activity.capacity { fixed.append((.capacity, "capacity", String(capacity))) }
        if activity.waitingList != 0 { fixed.append((.capacity, "waiting_list", String(activity.waitingList))) }
        var tags = fixed.compactMap { classification, code, value in
            classification.term(code: code).map { Tag(id: Ids.attribute(activity.id, $0.id), term: $0, value: value) }
        }
        let lists: [(HSDSClassification, [String])] = [
            (.targetGroup, activity.targetGroups), (.condition, activity.conditions), (.lifeEvent, activity.lifeEvents),
        ]
        for (classification, texts) in lists {
            for (position, text) in texts.enumerated() {
                tags.append(Tag(id: Ids.listAttribute(activity.id, classification, position),
                                term: classification.term(text: text), value: ""))
            }
        }
        return tags
    }

    // MARK: Identifiers and constants

    /// The derived ids of rows our model has no id for. Changing a name here changes every export.
    enum Ids {
        static let districtURIPrefix = "urn:uuid:"
        static func organisationPhone(_ id: String) -> String { HSDSIdentifier.nameBased("omzien:phone:organization:\(id)") }
        static func servicePhone(_ id: String) -> String { HSDSIdentifier.nameBased("omzien:phone:service:\(id)") }
        static func schedule(_ id: String, _ position: Int) -> String {
            HSDSIdentifier.sequenced("omzien:schedule:\(id)", position: position)
        }
        static func language(_ id: String, _ position: Int) -> String {
            HSDSIdentifier.sequenced("omzien:language:\(id)", position: position)
        }
        static func serviceArea(_ id: String, _ district: String) -> String {
            HSDSIdentifier.nameBased("omzien:service_area:\(id):\(district)")
        }
        static func costOption(_ id: String) -> String { HSDSIdentifier.nameBased("omzien:cost_option:\(id)") }
        static func serviceAtLocation(_ id: String) -> String { HSDSIdentifier.nameBased("omzien:service_at_location:\(id)") }
        /// One location per organisation and place (unit separators keep the parts apart).
        static func location(_ organisationID: String, _ location: ActivityLocation) -> String {
            let parts = [organisationID, location.name, location.address, location.postcode, location.city]
            return HSDSIdentifier.nameBased("omzien:location:" + parts.joined(separator: "\u{1F}"))
        }
        static func address(_ locationID: String) -> String { HSDSIdentifier.nameBased("omzien:address:\(locationID)") }
        static func attribute(_ serviceID: String, _ termID: String) -> String {
            HSDSIdentifier.nameBased("omzien:attribute:\(serviceID):\(termID)")
        }
        static func listAttribute(_ serviceID: String, _ classification: HSDSClassification, _ position: Int) -> String {
            HSDSIdentifier.sequenced("omzien:attribute:\(serviceID):\(classification.rawValue)", position: position)
        }
        /// A district known only by name (from another system's service_area).
        static func district(named name: String) -> String { HSDSIdentifier.nameBased("omzien:district:\(name)") }
    }

    /// Values the export writes that our model does not hold.
    enum Defaults {
        static let locationType = "physical", addressType = "physical", country = "NL"
        static let currency = "EUR", amountDescription = "per keer", termLanguage = "nl"
    }
}

/// The readable eligibility sentence of a service (Dutch), e.g. "Voor ouderen en mantelzorgers, van 65
/// tot en met 99 jaar, met dementie of visueel beperkt, levensgebeurtenis: partner overleden."
/// Conditions and life events read "or": one of them is enough (ActivityMatching).
enum HSDSEligibility {
    static func sentence(_ activity: CatalogueActivity) -> String {
        var parts: [String] = []
        if !activity.targetGroups.isEmpty { parts.append("voor " + list(activity.targetGroups, conjunction: "en")) }
        switch (activity.minimumAge, activity.maximumAge) {
        case let (minimum?, maximum?): parts.append("van \(minimum) tot en met \(maximum) jaar")
        case let (minimum?, nil): parts.append("vanaf \(minimum) jaar")
        case let (nil, maximum?): parts.append("tot en met \(maximum) jaar")
        case (nil, nil): break
        }
        if !activity.conditions.isEmpty { parts.append("met " + list(activity.conditions, conjunction: "of")) }
        if !activity.lifeEvents.isEmpty { parts.append("levensgebeurtenis: " + list(activity.lifeEvents, conjunction: "of")) }
        guard let first = parts.first else { return "" }
        parts[0] = first.prefix(1).uppercased() + first.dropFirst()
        return parts.joined(separator: ", ") + "."
    }

    /// "a", "a en b", "a, b en c".
    static func list(_ items: [String], conjunction: String) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items[items.count - 1]
    }
}

/// Dutch names of the languages a social map usually lists (ISO 639-1, or 639-3 where 639-1 has none).
enum HSDSLanguages {
    static func dutchName(_ code: String) -> String? { names[code.lowercased()] }

    static let names: [String: String] = [
        "nl": "Nederlands", "en": "Engels", "de": "Duits", "fr": "Frans", "es": "Spaans", "pt": "Portugees",
        "it": "Italiaans", "pl": "Pools", "ro": "Roemeens", "bg": "Bulgaars", "tr": "Turks", "ar": "Arabisch",
        "zgh": "Tamazight", "ber": "Berbers", "ti": "Tigrinya", "so": "Somalisch", "fa": "Perzisch", "prs": "Dari",
        "ps": "Pasjtoe", "uk": "Oekraïens", "ru": "Russisch", "zh": "Chinees", "hi": "Hindi", "pap": "Papiaments",
        "srn": "Sranantongo", "fy": "Fries", "dse": "Nederlandse Gebarentaal", "ku": "Koerdisch", "am": "Amhaars",
    ]
}

/// Small value checks shared by export and import.
enum HSDSValues {
    /// "HH:MM" with a valid hour and minute.
    static func isHourMinute(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let hour = Int(parts[0]), let minute = Int(parts[1]) else { return false }
        return (0...23).contains(hour) && (0...59).contains(minute)
    }
}
