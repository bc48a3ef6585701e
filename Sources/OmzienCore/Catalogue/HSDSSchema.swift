import Foundation

/// The HSDS 3.0 tabular schema: every table of the data package with its fields in the standard's order.
///
/// Source: openreferral/specification, `schema/compiled/tabular.json` of the 3.0 release (the table
/// `path`s, the field lists, `datapackage_type`, `format`, `enum`, and `required` + `tabular_required`),
/// cross-checked with the 3.0.0 `datapackage.json` and `docs/hsds/changelog.md`. 3.0 has no
/// `service_capacity`, `unit` or `url` tables and no `attribute.label` (those arrived in 3.1).
/// Array fields of the JSON schema (`phones`, `attributes`, …) are relations, not columns, so they are absent.
public enum HSDSSchema {
    /// The HSDS version the package declares.
    public static let version = "3.0.0"

    /// One column, described as a Frictionless table-schema field.
    public struct Field: Sendable, Equatable {
        public let name: String
        /// Frictionless type: string, number, date, time or datetime.
        public let type: String
        /// Frictionless string format (uuid, email, uri), when the standard gives one.
        public let format: String?
        public let required: Bool
        public let unique: Bool
        public let enumValues: [String]?

        /// The table an `…_id` column points to, for the package's foreign keys. `link_id` and
        /// `resource_id` point to several tables, so they have none.
        public var references: String? {
            guard format == "uuid", name != "id" else { return nil }
            switch name {
            case "parent_organization_id": return "organization"
            case "parent_id": return "taxonomy_term"
            case "link_id", "resource_id": return nil
            default: return name.hasSuffix("_id") ? String(name.dropLast(3)) : nil
            }
        }
    }

    /// One table: its resource name, its file in the package and its columns.
    public struct Table: Sendable, Equatable {
        public let name: String
        public let path: String
        public let fields: [Field]

        public var fieldNames: [String] { fields.map(\.name) }

        public func field(_ name: String) -> Field? { fields.first { $0.name == name } }
    }

    /// Every table in the standard's order (`datapackage_metadata.order`).
    public static let tables: [Table] = [
        Table(name: "organization", path: "organizations.csv", fields: [
            id(), text("name", required: true), text("alternate_name"), text("description", required: true),
            text("email", format: "email"), text("website", format: "uri"), text("tax_status"), text("tax_id"),
            number("year_incorporated"), text("legal_status"), text("logo"), text("uri", format: "uri"),
            uuid("parent_organization_id"),
        ]),
        Table(name: "program", path: "programs.csv", fields: [
            // The standard really marks program.organization_id unique (one program per organisation row).
            id(), uuid("organization_id", required: true, unique: true), text("name", required: true),
            text("alternate_name"), text("description", required: true),
        ]),
        Table(name: "service", path: "services.csv", fields: [
            id(), uuid("organization_id", required: true), uuid("program_id"), text("name", required: true),
            text("alternate_name"), text("description"), text("url", format: "uri"), text("email", format: "email"),
            choice("status", ["active", "inactive", "defunct", "temporarily closed"], required: true),
            text("interpretation_services"), text("application_process"), text("fees_description"), text("wait_time"),
            text("fees"), text("accreditations"), text("eligibility_description"), number("minimum_age"),
            number("maximum_age"), typed("assured_date", "date"), text("assurer_email", format: "email"),
            text("licenses"), text("alert"), typed("last_modified", "datetime"),
        ]),
        Table(name: "attribute", path: "attributes.csv", fields: [
            id(), uuid("link_id", required: true), uuid("taxonomy_term_id", required: true), text("link_type"),
            text("link_entity", required: true), text("value"),
        ]),
        Table(name: "service_at_location", path: "service_at_location.csv", fields: [
            id(), uuid("service_id", required: true), uuid("location_id", required: true), text("description"),
        ]),
        Table(name: "location", path: "locations.csv", fields: [
            id(), choice("location_type", ["physical", "postal", "virtual"], required: true), text("url", format: "uri"),
            uuid("organization_id"), text("name"), text("alternate_name"), text("description"), text("transportation"),
            number("latitude"), number("longitude"), text("external_identifier"), text("external_identifier_type"),
        ]),
        Table(name: "phone", path: "phones.csv", fields: [
            id(), uuid("location_id"), uuid("service_id"), uuid("organization_id"), uuid("contact_id"),
            uuid("service_at_location_id"), text("number", required: true), number("extension"), text("type"),
            text("description"),
        ]),
        Table(name: "contact", path: "contacts.csv", fields: [
            id(), uuid("organization_id"), uuid("service_id"), uuid("service_at_location_id"), uuid("location_id"),
            text("name"), text("title"), text("department"), text("email", format: "email"),
        ]),
        Table(name: "address", path: "addresses.csv", fields: [
            id(), uuid("location_id"), text("attention"), text("address_1", required: true), text("address_2"),
            text("city", required: true), text("region"), text("state_province", required: true),
            text("postal_code", required: true), text("country", required: true),
            choice("address_type", ["physical", "postal", "virtual"], required: true),
        ]),
        Table(name: "schedule", path: "schedules.csv", fields: [
            id(), uuid("service_id"), uuid("location_id"), uuid("service_at_location_id"), typed("valid_from", "date"),
            typed("valid_to", "date"), typed("dtstart", "date"), number("timezone"), typed("until", "date"),
            number("count"), choice("wkst", ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]),
            choice("freq", ["WEEKLY", "MONTHLY"]), number("interval"), text("byday"), text("byweekno"),
            text("bymonthday"), text("byyearday"), text("description"), typed("opens_at", "time"),
            typed("closes_at", "time"), text("schedule_link", format: "uri"), text("attending_type"), text("notes"),
        ]),
        Table(name: "funding", path: "funding.csv", fields: [
            id(), uuid("organization_id"), uuid("service_id"), text("source"),
        ]),
        Table(name: "service_area", path: "service_areas.csv", fields: [
            id(), uuid("service_id"), text("name"), text("description"), text("extent"), text("extent_type"), text("uri"),
        ]),
        Table(name: "required_document", path: "required_documents.csv", fields: [
            id(), uuid("service_id"), text("document"), text("uri", format: "uri"),
        ]),
        Table(name: "language", path: "languages.csv", fields: [
            id(), uuid("service_id"), uuid("location_id"), uuid("phone_id"), text("name"), text("code"), text("note"),
        ]),
        Table(name: "accessibility", path: "accessibility.csv", fields: [
            id(), uuid("location_id"), text("description"), text("details"), text("url", format: "uri"),
        ]),
        Table(name: "taxonomy_term", path: "taxonomy_terms.csv", fields: [
            id(), text("code", unique: true), text("name", required: true), text("description", required: true),
            uuid("parent_id"), text("taxonomy"), text("language"), uuid("taxonomy_id"), text("term_uri", format: "uri"),
        ]),
        Table(name: "metadata", path: "metadata.csv", fields: [
            id(), uuid("resource_id", required: true), text("resource_type", required: true),
            typed("last_action_date", "date", required: true), text("last_action_type", required: true),
            text("field_name", required: true), text("previous_value", required: true),
            text("replacement_value", required: true), text("updated_by", required: true),
        ]),
        Table(name: "meta_table_description", path: "meta_table_descriptions.csv", fields: [
            id(), text("name"), text("language"), text("character_set"),
        ]),
        Table(name: "cost_option", path: "cost_options.csv", fields: [
            id(), uuid("service_id", required: true), typed("valid_from", "date"), typed("valid_to", "date"),
            text("option"), text("currency"), number("amount"), text("amount_description"),
        ]),
        Table(name: "organization_identifier", path: "organization_identifiers.csv", fields: [
            id(), uuid("organization_id", required: true), text("identifier_scheme"),
            text("identifier_type", required: true), text("identifier", required: true),
        ]),
        Table(name: "taxonomy", path: "taxonomies.csv", fields: [
            id(), text("name", required: true), text("description", required: true), text("uri", format: "uri"),
            text("version"),
        ]),
    ]

    /// The table called `name` (one of the names above).
    public static func table(_ name: String) -> Table {
        guard let table = tables.first(where: { $0.name == name }) else { preconditionFailure("no HSDS table \(name)") }
        return table
    }

    // MARK: Field shorthands

    static func id() -> Field { uuid("id", required: true, unique: true) }

    static func uuid(_ name: String, required: Bool = false, unique: Bool = false) -> Field {
        Field(name: name, type: "string", format: "uuid", required: required, unique: unique, enumValues: nil)
    }

    static func text(_ name: String, required: Bool = false, unique: Bool = false, format: String? = nil) -> Field {
        Field(name: name, type: "string", format: format, required: required, unique: unique, enumValues: nil)
    }

    static func number(_ name: String) -> Field {
        Field(name: name, type: "number", format: nil, required: false, unique: false, enumValues: nil)
    }

    static func typed(_ name: String, _ type: String, required: Bool = false) -> Field {
        Field(name: name, type: type, format: nil, required: required, unique: false, enumValues: nil)
    }

    static func choice(_ name: String, _ values: [String], required: Bool = false) -> Field {
        Field(name: name, type: "string", format: nil, required: required, unique: false, enumValues: values)
    }

    // MARK: datapackage.json

    /// The Frictionless descriptor of the package: every table as a tabular-data-resource with its
    /// fields, constraints, primary key and foreign keys, as the standard's own datapackage.json has them.
    static func datapackage(title: String) -> HSDSJSON {
        .record([
            ("name", .string("human_services_data")),
            ("title", .string(title)),
            ("profile", .string("tabular-data-package")),
            ("version", .string(version)),
            ("resources", .array(tables.map(resource))),
        ])
    }

    static func resource(_ table: Table) -> HSDSJSON {
        let foreignKeys = table.fields.compactMap { field in
            field.references.map { target in
                HSDSJSON.record([
                    ("fields", .string(field.name)),
                    ("reference", .record([("resource", .string(target)), ("fields", .string("id"))])),
                ])
            }
        }
        return .record([
            ("name", .string(table.name)),
            ("path", .string(table.path)),
            ("format", .string("csv")),
            ("mediatype", .string("text/csv")),
            ("encoding", .string("utf-8")),
            ("profile", .string("tabular-data-resource")),
            ("schema", .record([
                ("primaryKey", .string("id")),
                ("fields", .array(table.fields.map(descriptor))),
                ("foreignKeys", foreignKeys.isEmpty ? nil : .array(foreignKeys)),
            ])),
        ])
    }

    static func descriptor(_ field: Field) -> HSDSJSON {
        .record([
            ("name", .string(field.name)),
            ("type", .string(field.type)),
            ("format", field.format.map { .string($0) }),
            ("constraints", .record([
                ("required", .bool(field.required)),
                ("unique", .bool(field.unique)),
                ("enum", field.enumValues.map { .array($0.map { .string($0) }) }),
            ])),
        ])
    }
}
