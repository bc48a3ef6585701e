import Foundation

/// Builds the nested JSON of the HSDA API from the package's rows (so the API and the CSV files agree).
/// Keys follow the standard's field order, then the nested lists in the order of the 3.0 compiled
/// schema; a nested object leaves out the column that points to its parent (as the standard's examples
/// do). Empty optional values are left out; required ones are always present.
struct HSDSNesting {
    let rows: [String: [HSDSRecord]]
    /// Table → id → row, for the lookups of nested objects.
    let byID: [String: [String: HSDSRecord]]

    /// Rows of `catalogue`; pass only the organisations and activities the answer needs.
    init(_ catalogue: HSDSCatalogue) {
        rows = HSDSExport.records(catalogue, allTerms: false)
        byID = rows.mapValues { records in
            Dictionary(records.map { ($0["id"] ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    // MARK: Objects

    func service(_ id: String, withOrganization: Bool) -> HSDSJSON {
        guard let record = row("service", id) else { return .null }
        var members = Self.members(record, table: "service")
        members.append(list("phones", children("phone", "service_id", id)))
        members.append(list("schedules", children("schedule", "service_id", id)))
        members.append(list("service_areas", children("service_area", "service_id", id)))
        members.append(.init("service_at_locations", .array(rows(of: "service_at_location", where: "service_id", is: id).map {
            serviceAtLocation($0, dropping: ["service_id"], withService: false)
        })))
        members.append(list("languages", children("language", "service_id", id)))
        if withOrganization, let organisationID = record["organization_id"] {
            members.append(.init("organization", organization(organisationID, withServices: false)))
        }
        members.append(list("cost_options", children("cost_option", "service_id", id)))
        members.append(.init("attributes", .array(rows(of: "attribute", where: "link_id", is: id).map(attribute))))
        return .object(members)
    }

    func organization(_ id: String, withServices: Bool) -> HSDSJSON {
        guard let record = row("organization", id) else { return .null }
        var members = Self.members(record, table: "organization")
        members.append(list("phones", children("phone", "organization_id", id)))
        if withServices {
            let services = rows(of: "service", where: "organization_id", is: id).compactMap { $0["id"] }
            members.append(.init("services", .array(services.map { service($0, withOrganization: false) })))
        }
        return .object(members)
    }

    /// The service-at-location entry of a service, with its location and its service.
    func serviceAtLocation(of serviceID: String) -> HSDSJSON? {
        rows(of: "service_at_location", where: "service_id", is: serviceID).first.map {
            serviceAtLocation($0, dropping: [], withService: true)
        }
    }

    func serviceAtLocation(_ record: HSDSRecord, dropping: Set<String>, withService: Bool) -> HSDSJSON {
        var members = Self.members(record, table: "service_at_location", dropping: dropping)
        if let locationID = record["location_id"], let location = row("location", locationID) {
            var nested = Self.members(location, table: "location")
            nested.append(list("addresses", children("address", "location_id", locationID)))
            members.append(.init("location", .object(nested)))
        }
        if withService, let serviceID = record["service_id"], let service = row("service", serviceID) {
            var nested = Self.members(service, table: "service")
            if let organisationID = service["organization_id"], let organisation = row("organization", organisationID) {
                nested.append(.init("organization", .object(Self.members(organisation, table: "organization"))))
            }
            members.append(.init("service", .object(nested)))
        }
        return .object(members)
    }

    func attribute(_ record: HSDSRecord) -> HSDSJSON {
        var members = Self.members(record, table: "attribute", dropping: ["link_id"])
        if let termID = record["taxonomy_term_id"], let term = row("taxonomy_term", termID) {
            members.append(.init("taxonomy_term", Self.term(term)))
        }
        return .object(members)
    }

    static func taxonomy(_ taxonomy: HSDSTaxonomy) -> HSDSJSON {
        .object(members(HSDSExport.taxonomyRecord(taxonomy), table: "taxonomy"))
    }

    static func taxonomyTerm(_ term: HSDSTaxonomyTerm) -> HSDSJSON {
        self.term(HSDSExport.termRecord(term))
    }

    /// A term with its taxonomy_detail placed after `taxonomy`, as in the standard's examples.
    static func term(_ record: HSDSRecord) -> HSDSJSON {
        var members = self.members(record, table: "taxonomy_term")
        if let taxonomyID = record["taxonomy_id"], let classification = HSDSClassification.withTaxonomy(id: taxonomyID) {
            let detail = Member("taxonomy_detail", taxonomy(classification.taxonomy))
            let position = (members.firstIndex { $0.key == "taxonomy" }).map { $0 + 1 } ?? members.count
            members.insert(detail, at: position)
        }
        return .object(members)
    }

    typealias Member = HSDSJSON.Member

    // MARK: Rows

    func row(_ table: String, _ id: String) -> HSDSRecord? {
        byID[table]?[id]
    }

    func rows(of table: String, where column: String, is value: String) -> [HSDSRecord] {
        rows[table]?.filter { $0[column] == value } ?? []
    }

    /// The child rows of a parent as JSON objects, without the column pointing to the parent.
    func children(_ table: String, _ column: String, _ parentID: String) -> [HSDSJSON] {
        rows(of: table, where: column, is: parentID).map { .object(Self.members($0, table: table, dropping: [column])) }
    }

    func list(_ key: String, _ items: [HSDSJSON]) -> Member { Member(key, .array(items)) }

    /// The columns of a row as typed JSON members in the standard's order.
    static func members(_ record: HSDSRecord, table name: String, dropping: Set<String> = []) -> [Member] {
        HSDSSchema.table(name).fields.compactMap { field -> Member? in
            guard !dropping.contains(field.name) else { return nil }
            let text = record[field.name] ?? ""
            if text.isEmpty { return field.required ? Member(field.name, .string("")) : nil }
            if field.type == "number", isJSONNumber(text) { return Member(field.name, .number(text)) }
            return Member(field.name, .string(text))
        }
    }

    /// Whether `text` is a JSON number literal (Double() also takes "inf", "0x1p3" and the like).
    static func isJSONNumber(_ text: String) -> Bool {
        let allowed = Set("-+.0123456789eE")
        guard Double(text) != nil, text.allSatisfy(allowed.contains), let first = text.first else { return false }
        return first == "-" || first.isNumber
    }
}
