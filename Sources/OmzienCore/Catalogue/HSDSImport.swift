import Foundation

/// Reads HSDS tables into the catalogue. Each table's rows are validated (required fields, UUIDs, enum
/// values, unique ids), then mapped in id order; a bad row is skipped and reported, the rest of the file
/// is imported. Whatever is read but has no place in the catalogue is kept in `preservedFields`.
///
/// Leniency, on purpose: organization.description and the address parts the standard requires
/// (address_1, city, state_province, postal_code, country, address_type) may be empty, because our own
/// catalogue allows that (a description equal to the name reads as empty: the export writes the name
/// for a missing description); an empty schedule freq reads as WEEKLY; enum values match in any case.
/// Services from other systems without our taxonomy get form group, type social activation, preventive,
/// evidence not assessed and join route direct; their own terms are kept in preservedFields.
struct HSDSImporter {
    typealias Problem = HSDSImportResult.Problem

    var tables: [String: [HSDSInputTable]] = [:]
    var others: [HSDSInputTable] = []
    var problems: [Problem] = []
    var preserved: [String: [String: [String: String]]] = [:]
    /// Per file, the standard columns we do not map that held a value somewhere.
    var usedUnmapped: [String: Set<String>] = [:]

    /// By lowercased id: UUIDs match in any case (Foundation writes them uppercase, many systems lowercase).
    var organisations: [String: CatalogueOrganisation] = [:]
    var activities: [String: CatalogueActivity] = [:]
    var districts: [String: String] = [:]
    var province = ""
    /// Classifications already set on a service, to report a second value of a single-valued one.
    var assigned: [String: Set<HSDSClassification>] = [:]
    /// Our free-text and re-identified terms: term id (lowercase) → (classification, code or text).
    var terms: [String: (HSDSClassification, String)] = [:]
    /// Eligibility texts to compare with ours once the attributes are in.
    var eligibility: [(row: HSDSInputRow, id: String)] = []

    /// The columns each mapped table reads (or regenerates exactly); anything else in a row is kept.
    static let mapped: [String: Set<String>] = [
        "organization": ["id", "name", "description", "email", "website"],
        "service": ["id", "organization_id", "name", "description", "url", "email", "status", "application_process",
                    "fees_description", "accreditations", "eligibility_description", "minimum_age", "maximum_age", "assured_date"],
        "phone": ["id", "service_id", "organization_id", "number"],
        "location": ["id", "location_type", "organization_id", "name"],
        "address": ["id", "location_id", "address_1", "city", "state_province", "postal_code", "country", "address_type"],
        "service_at_location": ["id", "service_id", "location_id"],
        "schedule": ["id", "service_id", "freq", "interval", "byday", "opens_at", "closes_at"],
        "language": ["id", "service_id", "name", "code"],
        "service_area": ["id", "service_id", "name", "uri"],
        "cost_option": ["id", "service_id", "currency", "amount", "amount_description"],
        "attribute": ["id", "link_id", "taxonomy_term_id", "link_entity", "value"],
        "taxonomy_term": ["id", "code", "name", "description", "taxonomy", "language", "taxonomy_id"],
        "taxonomy": ["id", "name", "description", "version"],
    ]

    init(tables input: [HSDSInputTable]) {
        for table in input {
            if let schema = table.schema, Self.mapped[schema.name] != nil {
                tables[schema.name, default: []].append(table)
            } else {
                others.append(table)
            }
        }
    }

    mutating func run() -> HSDSImportResult {
        let unknownTables = keepUnknownTables()
        readOrganisations()
        readServices()
        readTaxonomies()
        readAttributes()
        readLocations()
        readSchedules()
        readLanguages()
        readServiceAreas()
        readCostOptions()
        readPhones()
        compareEligibility()
        let catalogue = HSDSCatalogue(
            organisations: organisations.values.sorted { HSDSExport.precedes($0.id, $1.id) },
            activities: activities.values.sorted { HSDSExport.precedes($0.id, $1.id) },
            districts: districts, province: province)
        let sorted = problems.enumerated().sorted { a, b in
            (a.element.file, a.element.row, a.offset) < (b.element.file, b.element.row, b.offset)
        }.map(\.element)
        return HSDSImportResult(catalogue: catalogue, problems: sorted, unknownColumns: unknownColumns(),
                                preservedFields: preserved, unknownTables: unknownTables)
    }

    // MARK: Organisations and services

    mutating func readOrganisations() {
        for row in validRows("organization", required: ["id", "name"], uuids: ["id"]) {
            let id = row.trimmed("id")
            // The export writes the name when there is no description (3.0 requires one).
            let description = row["description"] == row["name"] ? "" : row["description"]
            organisations[id.lowercased()] = CatalogueOrganisation(id: id, name: row["name"], description: description,
                                                      email: checkedEmail(row, "email"), website: checkedWebAddress(row, "website"))
            keepUnmapped(row, table: "organization", id: id)
        }
    }

    mutating func readServices() {
        let rows = validRows("service", required: ["id", "organization_id", "name", "status"],
                             uuids: ["id", "organization_id"], enums: ["status"])
        for row in rows {
            let id = row.trimmed("id")
            // The organisation's own spelling of its id, so the catalogue's references compare equal.
            guard let organisationID = organisations[row.trimmed("organization_id").lowercased()]?.id else {
                report(row, "unknown organization_id \(row.trimmed("organization_id"))")
                continue
            }
            guard let minimum = wholeNumber(row, "minimum_age"), let maximum = wholeNumber(row, "maximum_age"),
                  let checked = date(row, "assured_date") else { continue }
            var activity = CatalogueActivity(id: id, organisationID: organisationID, name: row["name"],
                                             description: row["description"], form: .group,
                                             interventionType: .socialActivation, preventive: true)
            activity.status = ActivityStatus(rawValue: row.trimmed("status").lowercased()) ?? .active
            activity.website = checkedWebAddress(row, "url")
            activity.contactEmail = checkedEmail(row, "email")
            activity.howToJoin = row["application_process"]
            activity.costDescription = row["fees_description"]
            activity.evidenceSource = row["accreditations"]
            activity.minimumAge = minimum
            activity.maximumAge = maximum
            activity.checkedOn = checked
            activities[id.lowercased()] = activity
            eligibility.append((row, id))
            keepUnmapped(row, table: "service", id: id)
        }
    }

    /// The eligibility sentence is written from structured fields; another system's own text is kept.
    mutating func compareEligibility() {
        for (row, id) in eligibility {
            guard let activity = activities[id.lowercased()] else { continue }
            keepIfDiffers(row, id: id, column: "eligibility_description", expected: HSDSEligibility.sentence(activity))
        }
    }

    // MARK: Taxonomies and attributes

    mutating func readTaxonomies() {
        for row in validRows("taxonomy", required: ["id", "name"], uuids: ["id"]) {
            let id = row.trimmed("id")
            if HSDSClassification.withTaxonomy(id: id) == nil { keepRow(row, id: id) }
        }
        for row in validRows("taxonomy_term", required: ["id", "name"], uuids: ["id"]) {
            let id = row.trimmed("id").lowercased()
            guard HSDSClassification.fixedTermsByID[id] == nil else { continue }
            guard let classification = HSDSClassification.withTaxonomy(id: row.trimmed("taxonomy_id")) else {
                keepRow(row, id: row.trimmed("id"))
                continue
            }
            let key = classification.isFreeText ? row["name"] : row.trimmed("code")
            guard classification.isFreeText || classification.term(code: key) != nil else {
                report(row, "code \(key) is not a term of \(classification.rawValue); kept")
                keepRow(row, id: row.trimmed("id"))
                continue
            }
            terms[id] = (classification, key)
        }
    }

    /// Our term for an id: a fixed term, or a term of the package in one of our taxonomies.
    func term(_ id: String) -> (HSDSClassification, String)? {
        let key = id.lowercased()
        if let (classification, term) = HSDSClassification.fixedTermsByID[key] { return (classification, term.code) }
        return terms[key]
    }

    mutating func readAttributes() {
        let rows = validRows("attribute", required: ["id", "link_id", "taxonomy_term_id", "link_entity"],
                             uuids: ["id", "link_id", "taxonomy_term_id"])
        for row in rows {
            let id = row.trimmed("id"), serviceID = row.trimmed("link_id").lowercased()
            guard row.trimmed("link_entity").lowercased() == "service" else {
                keepRow(row, id: id)
                continue
            }
            guard activities[serviceID] != nil else {
                report(row, "unknown service \(serviceID) in link_id")
                continue
            }
            guard let (classification, key) = term(row.trimmed("taxonomy_term_id")) else {
                keepRow(row, id: id) // another system's term: kept with the term row
                continue
            }
            if let reason = apply(classification, key, value: row.trimmed("value"), to: serviceID) {
                report(row, reason)
                keepRow(row, id: id)
            } else {
                keepUnmapped(row, table: "attribute", id: id)
            }
        }
    }

    /// Sets one classification on a service; the reason when it cannot.
    mutating func apply(_ classification: HSDSClassification, _ key: String, value: String, to serviceID: String) -> String? {
        guard var activity = activities[serviceID] else { return "unknown service" }
        defer { activities[serviceID] = activity }
        let single: Set<HSDSClassification> = [.activityForm, .interventionType, .evidenceLevel, .joinRoute, .approach]
        if single.contains(classification) {
            guard assigned[serviceID, default: []].insert(classification).inserted else {
                return "a second \(classification.rawValue) for the service; the first is kept"
            }
        }
        switch classification {
        case .activityForm: activity.form = ActivityForm(rawValue: key) ?? activity.form
        case .interventionType: activity.interventionType = InterventionType(rawValue: key) ?? activity.interventionType
        case .evidenceLevel: activity.evidence = EvidenceLevel(rawValue: key) ?? activity.evidence
        case .joinRoute: activity.joinRoute = JoinRoute(rawValue: key) ?? activity.joinRoute
        case .approach: activity.preventive = key == "preventive"
        case .lonelinessForm: LonelinessForm(rawValue: key).map { _ = activity.lonelinessForms.insert($0) }
        case .interventionProfile: InterventionProfile(rawValue: key).map { _ = activity.profiles.insert($0) }
        case .targetGroup: activity.targetGroups.append(key)
        case .condition: activity.conditions.append(key)
        case .lifeEvent: activity.lifeEvents.append(key)
        case .capacity:
            guard let number = Self.whole(value) else { return "\(key) value \"\(value)\" is not a whole number" }
            if key == "capacity" { activity.capacity = number } else { activity.waitingList = number }
        }
        return nil
    }

    // MARK: Locations

    mutating func readLocations() {
        var locations: [String: HSDSInputRow] = [:]
        for row in validRows("location", required: ["id", "location_type"], uuids: ["id"], enums: ["location_type"]) {
            locations[row.trimmed("id").lowercased()] = row
        }
        var addresses: [String: [HSDSInputRow]] = [:]
        for row in validRows("address", required: ["id", "location_id"], uuids: ["id", "location_id"], enums: ["address_type"]) {
            guard locations[row.trimmed("location_id").lowercased()] != nil else {
                report(row, "unknown location_id \(row.trimmed("location_id"))")
                continue
            }
            addresses[row.trimmed("location_id").lowercased(), default: []].append(row)
        }
        var usedLocations: [String: String] = [:] // location id → organisation of its first service
        var usedAddresses: Set<String> = []
        for row in validRows("service_at_location", required: ["id", "service_id", "location_id"],
                             uuids: ["id", "service_id", "location_id"]) {
            let serviceID = row.trimmed("service_id").lowercased(), locationID = row.trimmed("location_id").lowercased()
            guard var activity = activities[serviceID] else { report(row, "unknown service_id \(row.trimmed("service_id"))"); continue }
            guard let location = locations[locationID] else { report(row, "unknown location_id \(row.trimmed("location_id"))"); continue }
            guard activity.location == nil else {
                report(row, "the service already has a location (we keep one); kept")
                keepRow(row, id: row.trimmed("id"))
                continue
            }
            let address = (addresses[locationID] ?? []).first { $0.trimmed("address_type").lowercased() == "physical" }
                ?? addresses[locationID]?.first
            activity.location = ActivityLocation(name: location["name"], address: address?["address_1"] ?? "",
                                                 postcode: address?["postal_code"] ?? "", city: address?["city"] ?? "")
            activities[serviceID] = activity
            if usedLocations[locationID] == nil { usedLocations[locationID] = activity.organisationID }
            if let address { usedAddresses.insert(address.trimmed("id")) }
            keepUnmapped(row, table: "service_at_location", id: row.trimmed("id"))
        }
        keepLocations(locations, used: usedLocations)
        keepAddresses(addresses.values.flatMap { $0 }.sorted { HSDSExport.precedes($0.trimmed("id"), $1.trimmed("id")) },
                      used: usedAddresses)
    }

    /// Locations no service uses are kept whole; used ones keep what we do not write back.
    mutating func keepLocations(_ locations: [String: HSDSInputRow], used: [String: String]) {
        for (key, row) in locations {
            let id = row.trimmed("id")
            guard let organisationID = used[key] else { keepRow(row, id: id); continue }
            keepUnmapped(row, table: "location", id: id)
            keepIfDiffers(row, id: id, column: "location_type", expected: HSDSExport.Defaults.locationType)
            keepIfDiffers(row, id: id, column: "organization_id", expected: organisationID)
        }
    }

    mutating func keepAddresses(_ addresses: [HSDSInputRow], used: Set<String>) {
        for row in addresses {
            let id = row.trimmed("id")
            guard used.contains(id) else { keepRow(row, id: id); continue }
            if province.isEmpty { province = row["state_province"] }
            keepUnmapped(row, table: "address", id: id)
            keepIfDiffers(row, id: id, column: "state_province", expected: province)
            keepIfDiffers(row, id: id, column: "country", expected: HSDSExport.Defaults.country)
            keepIfDiffers(row, id: id, column: "address_type", expected: HSDSExport.Defaults.addressType)
        }
    }

    // MARK: Schedules, languages, areas, costs, phones

    mutating func readSchedules() {
        for row in validRows("schedule", required: ["id"], uuids: ["id", "service_id"], enums: ["freq"]) {
            let id = row.trimmed("id")
            guard let serviceID = serviceOf(row) else { continue }
            let interval = row.trimmed("interval").isEmpty ? 1 : Self.whole(row.trimmed("interval")) ?? 0
            guard interval >= 1 else { report(row, "interval \"\(row["interval"])\" is not a whole number of at least 1"); continue }
            guard let days = weekdays(row) else { continue }
            guard let opens = clock(row, "opens_at"), let closes = clock(row, "closes_at") else { continue }
            let frequency = ActivitySchedule.Frequency(rawValue: row.trimmed("freq").uppercased()) ?? .weekly
            activities[serviceID]?.schedules += days.map {
                ActivitySchedule(frequency: frequency, interval: interval, weekday: $0, opensAt: opens, closesAt: closes)
            }
            keepUnmapped(row, table: "schedule", id: id)
            if days.count == 1 { keepIfDiffers(row, id: id, column: "byday", expected: ActivitySchedule.dayCodes[days[0] - 1]) }
            else { keepIfDiffers(row, id: id, column: "byday", expected: "") }
            keepIfDiffers(row, id: id, column: "opens_at", expected: HSDSExport.clockTime(opens))
            keepIfDiffers(row, id: id, column: "closes_at", expected: HSDSExport.clockTime(closes))
        }
    }

    /// RFC 5545 BYDAY ("MO", "TH,FR", "2MO", "-1FR") as ISO weekdays; the ordinal has no place in our model.
    mutating func weekdays(_ row: HSDSInputRow) -> [Int]? {
        let items = row.trimmed("byday").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
        guard !items.isEmpty else {
            report(row, "no byday: our schedules are on a weekday; kept")
            keepRow(row, id: row.trimmed("id"))
            return nil
        }
        var days: [Int] = []
        for item in items {
            let code = String(item.suffix(2)), ordinal = item.dropLast(2)
            guard let index = ActivitySchedule.dayCodes.firstIndex(of: code),
                  ordinal.isEmpty || Int(ordinal) != nil else {
                report(row, "byday \"\(row["byday"])\" is not a list of RFC 5545 weekdays")
                return nil
            }
            days.append(index + 1)
        }
        return days
    }

    /// "HH:MM", "HH:MM:SS", with or without a zone, as "HH:MM"; empty stays empty.
    mutating func clock(_ row: HSDSInputRow, _ column: String) -> String? {
        let text = row.trimmed(column)
        guard !text.isEmpty else { return "" }
        let time = text.prefix { $0 != "Z" && $0 != "+" && $0 != "-" }
        let parts = time.split(separator: ":", omittingEmptySubsequences: false)
        let hourMinute = parts.prefix(2).joined(separator: ":")
        guard (2...3).contains(parts.count), HSDSValues.isHourMinute(hourMinute),
              parts.count == 2 || (parts[2].count == 2 && Int(parts[2]).map { (0...59).contains($0) } == true) else {
            report(row, "\(column) \"\(text)\" is not a time (HH:MM)")
            return nil
        }
        return hourMinute
    }

    mutating func readLanguages() {
        for row in validRows("language", required: ["id"], uuids: ["id", "service_id"]) {
            let id = row.trimmed("id")
            guard let serviceID = serviceOf(row) else { continue }
            let code = row.trimmed("code").isEmpty ? row["name"].trimmingCharacters(in: .whitespaces) : row.trimmed("code")
            guard !code.isEmpty else { report(row, "a language needs a code or a name"); continue }
            activities[serviceID]?.languages.append(code)
            keepUnmapped(row, table: "language", id: id)
            keepIfDiffers(row, id: id, column: "name", expected: HSDSLanguages.dutchName(code) ?? "")
        }
    }

    mutating func readServiceAreas() {
        for row in validRows("service_area", required: ["id"], uuids: ["id", "service_id"]) {
            let id = row.trimmed("id"), name = row["name"], uri = row.trimmed("uri")
            guard let serviceID = serviceOf(row) else { continue }
            let prefix = HSDSExport.Ids.districtURIPrefix
            let district: String
            if uri.lowercased().hasPrefix(prefix), HSDSIdentifier.isUUID(String(uri.dropFirst(prefix.count))) {
                district = String(uri.dropFirst(prefix.count))
            } else if !name.isEmpty {
                district = HSDSExport.Ids.district(named: name) // another system's area: matched later by name
            } else {
                report(row, "a service area needs a uri (urn:uuid:…) or a name")
                continue
            }
            if !name.isEmpty, districts[district] == nil { districts[district] = name }
            let served = activities[serviceID]?.districtIDs ?? []
            activities[serviceID]?.districtIDs = served.union([district])
            keepUnmapped(row, table: "service_area", id: id)
            keepIfDiffers(row, id: id, column: "name", expected: districts[district] ?? "")
            keepIfDiffers(row, id: id, column: "uri", expected: prefix + district)
        }
    }

    mutating func readCostOptions() {
        for row in validRows("cost_option", required: ["id", "service_id"], uuids: ["id", "service_id"]) {
            let id = row.trimmed("id")
            guard let serviceID = serviceOf(row) else { continue }
            guard !row.trimmed("amount").isEmpty else { keepRow(row, id: id); continue }
            guard let cents = Self.cents(row.trimmed("amount")) else {
                report(row, "amount \"\(row["amount"])\" is not an amount of money")
                continue
            }
            guard activities[serviceID]?.costCents == nil else {
                report(row, "the service already has a cost (we keep one); kept")
                keepRow(row, id: id)
                continue
            }
            activities[serviceID]?.costCents = cents
            keepUnmapped(row, table: "cost_option", id: id)
            keepIfDiffers(row, id: id, column: "currency", expected: HSDSExport.Defaults.currency)
            keepIfDiffers(row, id: id, column: "amount_description", expected: HSDSExport.Defaults.amountDescription)
        }
    }

    /// "12", "12.5", "12,50" → 1250; nil for anything else (negative, text, more than two decimals).
    static func cents(_ text: String) -> Int? {
        let parts = text.replacingOccurrences(of: ",", with: ".").split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy(isDigits), parts[0].count < 10, let euros = Int(parts[0]) else {
            return nil
        }
        let fraction = parts.count == 2 ? String(parts[1]) : "0"
        guard fraction.count <= 2 || fraction.dropFirst(2).allSatisfy({ $0 == "0" }),
              let cents = Int((fraction + "00").prefix(2)) else { return nil }
        return euros * 100 + cents
    }

    mutating func readPhones() {
        for row in validRows("phone", required: ["id", "number"], uuids: ["id", "service_id", "organization_id"]) {
            let id = row.trimmed("id")
            let serviceID = row.trimmed("service_id").lowercased(), organisationID = row.trimmed("organization_id").lowercased()
            if !serviceID.isEmpty {
                guard let activity = activities[serviceID] else { report(row, "unknown service_id \(row.trimmed("service_id"))"); continue }
                guard activity.contactPhone.isEmpty else {
                    report(row, "the service already has a phone (we keep one); kept")
                    keepRow(row, id: id)
                    continue
                }
                activities[serviceID]?.contactPhone = row["number"]
            } else if !organisationID.isEmpty {
                guard let organisation = organisations[organisationID] else {
                    report(row, "unknown organization_id \(row.trimmed("organization_id"))")
                    continue
                }
                guard organisation.phone.isEmpty else {
                    report(row, "the organization already has a phone (we keep one); kept")
                    keepRow(row, id: id)
                    continue
                }
                organisations[organisationID]?.phone = row["number"]
            } else {
                keepRow(row, id: id) // a location's or contact's phone
                continue
            }
            keepUnmapped(row, table: "phone", id: id)
        }
    }

    /// The service a row belongs to; rows of a location only are kept, unknown services reported.
    mutating func serviceOf(_ row: HSDSInputRow) -> String? {
        let serviceID = row.trimmed("service_id").lowercased()
        guard !serviceID.isEmpty else {
            keepRow(row, id: row.trimmed("id"))
            return nil
        }
        guard activities[serviceID] != nil else {
            report(row, "unknown service_id \(row.trimmed("service_id"))")
            return nil
        }
        return serviceID
    }
}

// MARK: - Validation and keeping

extension HSDSImporter {
    /// The rows of a table that pass the checks, sorted by id (then row), so results do not depend on
    /// row order and ordered lists come back in the order their sequenced ids give.
    mutating func validRows(_ table: String, required: [String], uuids: [String], enums: [String] = []) -> [HSDSInputRow] {
        guard let schema = tables[table]?.first?.schema else { return [] }
        let rows = (tables[table] ?? []).flatMap(\.rows).map { ($0.trimmed("id"), $0) }.sorted { a, b in
            a.0 == b.0 ? (a.1.file, a.1.number) < (b.1.file, b.1.number) : HSDSExport.precedes(a.0, b.0)
        }.map(\.1)
        var seen: Set<String> = []
        var valid: [HSDSInputRow] = []
        for row in rows {
            if let reason = Self.check(row, schema: schema, required: required, uuids: uuids, enums: enums) {
                report(row, reason)
            } else if !seen.insert(row.trimmed("id").lowercased()).inserted {
                report(row, "duplicate id \(row.trimmed("id")); the first row is kept")
            } else {
                valid.append(row)
            }
        }
        return valid
    }

    static func check(_ row: HSDSInputRow, schema: HSDSSchema.Table, required: [String], uuids: [String], enums: [String]) -> String? {
        if let missing = required.first(where: { row.trimmed($0).isEmpty }) { return "missing required field \(missing)" }
        if let bad = uuids.first(where: { !row.trimmed($0).isEmpty && !HSDSIdentifier.isUUID(row.trimmed($0)) }) {
            return "malformed UUID in \(bad): \"\(row[bad])\""
        }
        for column in enums {
            let value = row.trimmed(column)
            guard !value.isEmpty, let allowed = schema.field(column)?.enumValues else { continue }
            if !allowed.contains(where: { $0.caseInsensitiveCompare(value) == .orderedSame }) {
                return "\(column) \"\(value)\" is not one of \(allowed.joined(separator: ", "))"
            }
        }
        return nil
    }

    /// A whole number (ages); `.some(nil)` when empty, nil (reported) when not a whole number.
    mutating func wholeNumber(_ row: HSDSInputRow, _ column: String) -> Int?? {
        let text = row.trimmed(column)
        guard !text.isEmpty else { return .some(nil) }
        guard let number = Self.whole(text) else {
            report(row, "\(column) \"\(text)\" is not a whole number")
            return nil
        }
        return .some(number)
    }

    /// A whole number ≥ 0: "12", or "12.0" as a JSON number may write it; nil otherwise.
    static func whole(_ text: String) -> Int? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts[0].count < 10, parts.allSatisfy(Self.isDigits),
              parts.count == 1 || parts[1].allSatisfy({ $0 == "0" }) else { return nil }
        return Int(parts[0])
    }

    /// One or more ASCII digits.
    static func isDigits(_ text: Substring) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// An ISO date (YYYY-MM-DD); `.some(nil)` when empty, nil (reported) when not a date.
    mutating func date(_ row: HSDSInputRow, _ column: String) -> CivilDate?? {
        let text = row.trimmed(column)
        guard !text.isEmpty else { return .some(nil) }
        let shape = text.count == 10 && text.enumerated().allSatisfy { index, character in
            index == 4 || index == 7 ? character == "-" : character.isASCII && character.isNumber
        }
        guard shape, let date = CivilDate(text) else {
            report(row, "\(column) \"\(text)\" is not a date (YYYY-MM-DD)")
            return nil
        }
        return .some(date)
    }

    /// The row's web address, or "" with a problem when it is not `http`/`https` (consumers render it as a link).
    mutating func checkedWebAddress(_ row: HSDSInputRow, _ column: String) -> String {
        checked(row, column, ContactRules.isWebAddress, "an http or https address")
    }

    /// The row's e-mail address, or "" with a problem when it is not one.
    mutating func checkedEmail(_ row: HSDSInputRow, _ column: String) -> String {
        checked(row, column, ContactRules.isEmailAddress, "an e-mail address")
    }

    /// The row's value in `column` when empty or `isValid`; otherwise "" and a problem saying it is not `what`.
    private mutating func checked(_ row: HSDSInputRow, _ column: String, _ isValid: (String) -> Bool, _ what: String) -> String {
        let value = row.trimmed(column)
        guard value.isEmpty || isValid(value) else {
            report(row, "\(column) \"\(value.prefix(80))\" is not \(what); left out")
            return ""
        }
        return value
    }

    mutating func report(_ row: HSDSInputRow, _ reason: String) {
        problems.append(Problem(file: row.origin, row: row.number, reason: reason))
    }

    static func key(_ row: HSDSInputRow, id: String) -> String { id.isEmpty ? "row \(row.number)" : id }

    /// Keeps every filled cell of a row the catalogue has no room for.
    mutating func keepRow(_ row: HSDSInputRow, id: String) {
        for (column, value) in row.values where !value.isEmpty {
            preserved[row.file, default: [:]][Self.key(row, id: id), default: [:]][column] = value
        }
    }

    /// Keeps the filled cells of the columns we do not map.
    mutating func keepUnmapped(_ row: HSDSInputRow, table: String, id: String) {
        let mapped = Self.mapped[table] ?? []
        for (column, value) in row.values where !value.isEmpty && !mapped.contains(column) {
            preserved[row.file, default: [:]][Self.key(row, id: id), default: [:]][column] = value
            usedUnmapped[row.file, default: []].insert(column)
        }
    }

    /// Keeps a mapped value that an export would not write back as it was (another country, a second
    /// byday, a foreign eligibility text).
    mutating func keepIfDiffers(_ row: HSDSInputRow, id: String, column: String, expected: String) {
        let value = row[column]
        guard !value.isEmpty, value != expected else { return }
        preserved[row.file, default: [:]][Self.key(row, id: id), default: [:]][column] = value
    }

    /// Tables we do not map: every row is kept. Returns the files that had rows.
    mutating func keepUnknownTables() -> [String] {
        var files: [String] = []
        for table in others where !table.rows.isEmpty {
            for row in table.rows { keepRow(row, id: row.trimmed("id")) }
            if !files.contains(table.file) { files.append(table.file) }
        }
        return files.sorted()
    }

    /// Per file: columns outside the 3.0 table always, standard columns we do not map when they held a
    /// value, and every column of a table we do not map.
    func unknownColumns() -> [String: [String]] {
        var result: [String: [String]] = [:]
        // Header-only tables we do not map (our own empty programs.csv) hold nothing to report.
        for table in tables.values.flatMap({ $0 }) + others.filter({ !$0.rows.isEmpty }) {
            var columns = table.columns
            if let schema = table.schema, let mapped = Self.mapped[schema.name] {
                let known = Set(schema.fieldNames), used = usedUnmapped[table.file] ?? []
                columns = columns.filter { !known.contains($0) || (!mapped.contains($0) && used.contains($0)) }
            }
            var seen: Set<String> = []
            columns = columns.filter { seen.insert($0).inserted }
            if !columns.isEmpty { result[table.file] = columns }
        }
        return result
    }
}
