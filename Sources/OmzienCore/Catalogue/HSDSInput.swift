import Foundation

/// One row as read, before mapping.
struct HSDSInputRow: Sendable {
    /// Column → text (empty = null, as in Frictionless CSV).
    var values: [String: String]
    /// The table's file, the key of `preservedFields` and `unknownColumns`.
    let file: String
    /// Where to point a problem: the CSV file, or the JSON path of the object.
    let origin: String
    /// 1-based data row of the CSV, or the 1-based position of the JSON service.
    let number: Int

    subscript(column: String) -> String { values[column] ?? "" }

    /// The value without surrounding spaces, for ids, codes, numbers and dates. Most values have none,
    /// and Foundation's trimming is slow on Linux, so it only runs when an end is a space.
    func trimmed(_ column: String) -> String {
        let value = self[column]
        guard let first = value.unicodeScalars.first, let last = value.unicodeScalars.last,
              first.properties.isWhitespace || last.properties.isWhitespace else { return value }
        return value.trimmingCharacters(in: .whitespaces)
    }
}

/// One table as read: which HSDS table it is (nil for anything else), its columns and rows.
struct HSDSInputTable: Sendable {
    let file: String
    let schema: HSDSSchema.Table?
    var columns: [String]
    var rows: [HSDSInputRow]
}

/// Turns a package's files or an HSDS JSON document into input tables for `HSDSImporter`.
enum HSDSInput {
    typealias Problem = HSDSImportResult.Problem

    // MARK: Package

    static func tables(fromPackage files: [String: Data], problems: inout [Problem]) -> [HSDSInputTable] {
        let declared = declaredTables(files, problems: &problems)
        var tables: [HSDSInputTable] = []
        for file in files.keys.sorted() where lastComponent(file) != "datapackage.json" {
            let name = declared[file] ?? declared[lastComponent(file)] ?? defaultTable(lastComponent(file))
            guard name != nil || file.lowercased().hasSuffix(".csv") else {
                problems.append(Problem(file: file, row: 0, reason: "not a CSV file of the package; ignored"))
                continue
            }
            let schema = name.flatMap { name in HSDSSchema.tables.first { $0.name == name } }
            if let table = csvTable(file, files[file]!, schema: schema, problems: &problems) { tables.append(table) }
        }
        return tables
    }

    /// File path → table name from `datapackage.json`, when it is there and readable.
    static func declaredTables(_ files: [String: Data], problems: inout [Problem]) -> [String: String] {
        guard let (file, data) = files.first(where: { lastComponent($0.key) == "datapackage.json" }) else { return [:] }
        let descriptor: HSDSJSON
        do {
            descriptor = try HSDSJSON.parse(data)
        } catch {
            problems.append(Problem(file: file, row: 0, reason: "not valid JSON (\(error)); tables found by file name"))
            return [:]
        }
        var paths: [String: String] = [:]
        for resource in descriptor["resources"]?.arrayValue ?? [] {
            if let name = resource["name"]?.stringValue, let path = resource["path"]?.stringValue { paths[path] = name }
        }
        return paths
    }

    /// The table a file holds by its name: the 3.0 path ("services.csv") or the table name ("service.csv").
    static func defaultTable(_ fileName: String) -> String? {
        let lower = fileName.lowercased()
        return HSDSSchema.tables.first { $0.path == lower || $0.name + ".csv" == lower }?.name
    }

    static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// A CSV file as a table; rows with the wrong number of cells are reported and left out.
    static func csvTable(_ file: String, _ data: Data, schema: HSDSSchema.Table?, problems: inout [Problem]) -> HSDSInputTable? {
        let parsed = HSDSCSV.read(data)
        guard !parsed.header.isEmpty || !parsed.records.isEmpty else { return nil }
        var seen: Set<String> = []
        for column in parsed.header where !seen.insert(column).inserted {
            problems.append(Problem(file: file, row: 0, reason: "column \(column) appears twice; the first is used"))
        }
        var rows: [HSDSInputRow] = []
        for record in parsed.records {
            guard record.cells.count == parsed.header.count else {
                problems.append(Problem(file: file, row: record.number,
                                        reason: "expected \(parsed.header.count) cells, found \(record.cells.count)"))
                continue
            }
            var values: [String: String] = [:]
            for (column, cell) in zip(parsed.header, record.cells) where values[column] == nil { values[column] = cell }
            rows.append(HSDSInputRow(values: values, file: file, origin: file, number: record.number))
        }
        if let number = parsed.unterminatedRecord {
            problems.append(Problem(file: file, row: number, reason: "a quoted cell is never closed; the rest of the file is unreadable"))
        }
        return HSDSInputTable(file: file, schema: schema, columns: parsed.header, rows: rows)
    }

    // MARK: JSON

    /// The services of a document (one service, an array, or an HSDA page), flattened into tables.
    static func tables(fromJSON document: HSDSJSON) -> [HSDSInputTable] {
        let (items, label): ([HSDSJSON], String?) = switch document {
        case .array(let items): (items, "services")
        case .object where document["contents"]?.arrayValue != nil: (document["contents"]?.arrayValue ?? [], "contents")
        default: ([document], nil)
        }
        var flattener = HSDSFlattener()
        for (index, item) in items.enumerated() {
            let origin = label.map { "\($0)[\(index)]" } ?? "service"
            flattener.add(item, table: "service", origin: origin, number: index + 1, link: nil)
        }
        return flattener.tables()
    }
}

/// Flattens nested HSDS JSON into rows per table, filling in the columns that link a nested object to
/// its parent (as the tabular form has them). An object met twice with the same content (an organisation
/// nested in every service) becomes one row.
struct HSDSFlattener {
    /// How a nested key relates to its parent.
    enum Link {
        /// The child holds the parent's id in this column (phones → service_id).
        case child(String)
        /// A single child whose id the parent holds in this column (organization → organization_id).
        case parent(String)
        /// An attribute: link_id = parent id, link_entity = parent table.
        case attribute
        /// A metadata entry: resource_id = parent id, resource_type = parent table.
        case metadata
    }

    /// (table, key) → (child table, link), from the 3.0 compiled schemas.
    static let relations: [String: [String: (String, Link)]] = [
        "service": [
            "phones": ("phone", .child("service_id")), "schedules": ("schedule", .child("service_id")),
            "service_areas": ("service_area", .child("service_id")),
            "service_at_locations": ("service_at_location", .child("service_id")),
            "languages": ("language", .child("service_id")), "organization": ("organization", .parent("organization_id")),
            "funding": ("funding", .child("service_id")), "cost_options": ("cost_option", .child("service_id")),
            "program": ("program", .parent("program_id")), "required_documents": ("required_document", .child("service_id")),
            "contacts": ("contact", .child("service_id")),
        ],
        "service_at_location": [
            "location": ("location", .parent("location_id")), "service": ("service", .parent("service_id")),
            "contacts": ("contact", .child("service_at_location_id")), "phones": ("phone", .child("service_at_location_id")),
            "schedules": ("schedule", .child("service_at_location_id")),
        ],
        "location": [
            "addresses": ("address", .child("location_id")), "phones": ("phone", .child("location_id")),
            "schedules": ("schedule", .child("location_id")), "languages": ("language", .child("location_id")),
            "contacts": ("contact", .child("location_id")), "accessibility": ("accessibility", .child("location_id")),
        ],
        "organization": [
            "phones": ("phone", .child("organization_id")), "funding": ("funding", .child("organization_id")),
            "contacts": ("contact", .child("organization_id")), "locations": ("location", .child("organization_id")),
            "programs": ("program", .child("organization_id")), "services": ("service", .child("organization_id")),
            "organization_identifiers": ("organization_identifier", .child("organization_id")),
        ],
        "phone": ["languages": ("language", .child("phone_id"))],
        "contact": ["phones": ("phone", .child("contact_id"))],
        "attribute": ["taxonomy_term": ("taxonomy_term", .parent("taxonomy_term_id"))],
        "taxonomy_term": ["taxonomy_detail": ("taxonomy", .parent("taxonomy_id"))],
    ]

    static func relation(_ table: String, _ key: String) -> (String, Link)? {
        switch key {
        case "attributes": ("attribute", .attribute)
        case "metadata": ("metadata", .metadata)
        default: relations[table]?[key]
        }
    }

    var columns: [String: [String]] = [:]
    var rows: [String: [HSDSInputRow]] = [:]
    var seen: [String: [String: [String: String]]] = [:]

    /// Adds one object (and everything nested in it) as a row of `table`; returns its id.
    @discardableResult
    mutating func add(_ value: HSDSJSON, table: String, origin: String, number: Int,
                      link: (column: String, value: String)?) -> String {
        guard let members = value.members else {
            record(["id": ""], table: table, origin: origin, number: number)
            return ""
        }
        var values: [String: String] = [:]
        var nested: [(String, HSDSJSON, String, Link)] = []
        for member in members where values[member.key] == nil {
            if let (child, relation) = Self.relation(table, member.key), member.value.members != nil || member.value.arrayValue != nil {
                nested.append((member.key, member.value, child, relation))
            } else {
                values[member.key] = Self.text(member.value)
            }
        }
        if let link, (values[link.column] ?? "").isEmpty { values[link.column] = link.value }
        // Single children first: the parent row needs their ids.
        for (key, child, childTable, relation) in nested {
            if case .parent(let column) = relation {
                let id = add(child, table: childTable, origin: "\(origin).\(key)", number: number, link: nil)
                if (values[column] ?? "").isEmpty { values[column] = id }
            }
        }
        let id = values["id"] ?? ""
        record(values, table: table, origin: origin, number: number)
        for (key, child, childTable, relation) in nested {
            let items = child.arrayValue ?? [child]
            for (index, item) in items.enumerated() {
                let path = "\(origin).\(key)[\(index)]"
                switch relation {
                case .parent: break
                case .child(let column):
                    add(item, table: childTable, origin: path, number: number, link: (column, id))
                case .attribute:
                    addLinked(item, table: childTable, origin: path, number: number, id: id,
                              columns: ("link_id", "link_entity"), entity: table)
                case .metadata:
                    addLinked(item, table: childTable, origin: path, number: number, id: id,
                              columns: ("resource_id", "resource_type"), entity: table)
                }
            }
        }
        return id
    }

    /// An attribute or metadata entry: it points to its parent by id and table name.
    mutating func addLinked(_ item: HSDSJSON, table: String, origin: String, number: Int, id: String,
                            columns: (id: String, entity: String), entity: String) {
        var item = item
        if case .object(var members) = item, !members.contains(where: { $0.key == columns.entity && $0.value != .null }) {
            members.append(.init(columns.entity, .string(entity)))
            item = .object(members)
        }
        add(item, table: table, origin: origin, number: number, link: (columns.id, id))
    }

    /// Adds a row unless the same object was already added.
    mutating func record(_ values: [String: String], table: String, origin: String, number: Int) {
        let id = values["id"] ?? ""
        if !id.isEmpty {
            if seen[table]?[id] == values { return }
            seen[table, default: [:]][id] = values
        }
        for key in values.keys.sorted() where !(columns[table] ?? []).contains(key) { columns[table, default: []].append(key) }
        let file = HSDSSchema.tables.first { $0.name == table }?.path ?? table
        rows[table, default: []].append(HSDSInputRow(values: values, file: file, origin: origin, number: number))
    }

    /// A JSON value as cell text; objects and arrays under keys we do not know are kept as JSON text.
    static func text(_ value: HSDSJSON) -> String {
        switch value {
        case .null: ""
        case .bool(let flag): flag ? "true" : "false"
        case .number(let literal): literal
        case .string(let text): text
        case .array, .object: String(decoding: value.data(), as: UTF8.self)
        }
    }

    func tables() -> [HSDSInputTable] {
        rows.keys.sorted().map { name in
            let schema = HSDSSchema.tables.first { $0.name == name }
            return HSDSInputTable(file: schema?.path ?? name, schema: schema, columns: columns[name] ?? [], rows: rows[name] ?? [])
        }
    }
}
