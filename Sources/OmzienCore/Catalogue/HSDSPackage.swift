import Foundation

/// What the social map exchanges with other systems: the organisations, their activities and the names
/// of the districts the activities serve.
public struct HSDSCatalogue: Sendable, Equatable {
    public var organisations: [CatalogueOrganisation]
    public var activities: [CatalogueActivity]
    /// District id → name, published as HSDS service areas.
    public var districts: [String: String]
    /// The province for `address.state_province`, which HSDS 3.0 requires but our addresses do not hold
    /// (e.g. "Utrecht"). Empty leaves the column empty.
    public var province: String

    public init(organisations: [CatalogueOrganisation] = [], activities: [CatalogueActivity] = [],
                districts: [String: String] = [:], province: String = "") {
        self.organisations = organisations
        self.activities = activities
        self.districts = districts
        self.province = province
    }
}

/// The outcome of reading a package or HSDS JSON: what could be imported, and everything that could not
/// be, so nothing is lost silently.
public struct HSDSImportResult: Sendable, Equatable {
    /// A row that was skipped (or only partly used), with the reason.
    public struct Problem: Equatable, Sendable, CustomStringConvertible {
        /// The file in the package; for JSON, the path of the object (e.g. `contents[2].schedules[0]`).
        public let file: String
        /// 1-based data row; the header is row 0. For JSON, the 1-based position of the service.
        public let row: Int
        public let reason: String

        public init(file: String, row: Int, reason: String) {
            self.file = file
            self.row = row
            self.reason = reason
        }

        public var description: String { "\(file) row \(row): \(reason)" }
    }

    /// Organisations and activities sorted by id.
    public var catalogue: HSDSCatalogue
    public var problems: [Problem]
    /// File → columns we do not map (in header order): columns outside the 3.0 schema always, and
    /// standard columns we have no place for when at least one row fills them.
    public var unknownColumns: [String: [String]]
    /// File → row id → column → value of everything read but not stored in the catalogue: unmapped
    /// columns, rows of unknown tables, foreign taxonomy terms, rows our model has no room for.
    /// Rows without an id are keyed "row N".
    public var preservedFields: [String: [String: [String: String]]]
    /// Files with rows of tables we do not map (program, contact, funding, …, or not HSDS at all).
    public var unknownTables: [String]

    public init(catalogue: HSDSCatalogue = HSDSCatalogue(), problems: [Problem] = [], unknownColumns: [String: [String]] = [:],
                preservedFields: [String: [String: [String: String]]] = [:], unknownTables: [String] = []) {
        self.catalogue = catalogue
        self.problems = problems
        self.unknownColumns = unknownColumns
        self.preservedFields = preservedFields
        self.unknownTables = unknownTables
    }
}

/// Open Referral HSDS 3.0: the tabular data package (one CSV per table plus `datapackage.json`) and the
/// JSON of the HSDA API, written from and read into the catalogue. Pure and deterministic: the same
/// catalogue always gives the same bytes, so export → import → export is byte-identical.
///
/// Mapping (details and what is lossy: `HSDSExport`; reading back: `HSDSImporter`):
/// organisation → organization (+ phone); activity → service, with location → location + address +
/// service_at_location, schedules → schedule, languages → language, districts → service_area,
/// cost → cost_option, contact phone → phone, and our classifications → attribute rows pointing at
/// the taxonomy terms of `HSDSClassification`.
public enum HSDSPackage {
    /// The title written into `datapackage.json`.
    public static let title = "Omzien: sociale kaart"

    /// File name → bytes of the whole package: all 21 tables of HSDS 3.0 (a header row even when a table
    /// is empty) and `datapackage.json`.
    public static func export(_ catalogue: HSDSCatalogue) -> [String: Data] {
        let records = HSDSExport.records(catalogue)
        var files: [String: Data] = [:]
        for table in HSDSSchema.tables {
            files[table.path] = HSDSExport.csv(table, records[table.name] ?? [])
        }
        files["datapackage.json"] = HSDSSchema.datapackage(title: title).data(pretty: true)
        return files
    }

    /// Reads a package (any subset of its files; `datapackage.json` optional, used to find the tables when
    /// given). Invalid rows are skipped and reported; the rest of every file is imported.
    public static func importPackage(_ files: [String: Data]) -> HSDSImportResult {
        var problems: [HSDSImportResult.Problem] = []
        let tables = HSDSInput.tables(fromPackage: files, problems: &problems)
        var importer = HSDSImporter(tables: tables)
        importer.problems.insert(contentsOf: problems, at: 0)
        return importer.run()
    }

    /// Reads HSDS JSON: one service object, an array of services, or an HSDA page (`{"contents": [...]}`),
    /// with nested organization, phones, schedules, service_at_locations (location, addresses), languages,
    /// service_areas, cost_options and attributes (taxonomy_term), as in the 3.0 compiled service schema.
    public static func importJSON(_ data: Data) -> HSDSImportResult {
        let document: HSDSJSON
        do {
            document = try HSDSJSON.parse(data)
        } catch {
            return HSDSImportResult(problems: [.init(file: "json", row: 0, reason: "not valid JSON: \(error)")])
        }
        var importer = HSDSImporter(tables: HSDSInput.tables(fromJSON: document))
        return importer.run()
    }

    // MARK: JSON for the HSDA API

    /// One service as the 3.0 compiled service schema nests it: organization, phones, schedules,
    /// service_areas, service_at_locations (location with addresses), languages, cost_options and
    /// attributes with their taxonomy_term and taxonomy_detail.
    public static func serviceJSON(_ activity: CatalogueActivity, in catalogue: HSDSCatalogue) -> HSDSJSON {
        HSDSNesting(scoped(catalogue, to: activity)).service(activity.id, withOrganization: true)
    }

    /// An organisation with its phones; with `services`, also its services (without the organisation
    /// nested again), for `GET /organizations/{id}`.
    public static func organizationJSON(_ organisation: CatalogueOrganisation, in catalogue: HSDSCatalogue,
                                        services: Bool = false) -> HSDSJSON {
        var scoped = catalogue
        scoped.organisations = [organisation]
        scoped.activities = services ? catalogue.activities.filter { $0.organisationID == organisation.id } : []
        return HSDSNesting(scoped).organization(organisation.id, withServices: services)
    }

    /// The service-at-location entry of an activity with a location: its location (with addresses) and
    /// the service (with its organization); nil when the activity has no location.
    public static func serviceAtLocationJSON(_ activity: CatalogueActivity, in catalogue: HSDSCatalogue) -> HSDSJSON? {
        HSDSNesting(scoped(catalogue, to: activity)).serviceAtLocation(of: activity.id)
    }

    /// The catalogue cut down to one activity and its organisation, so a single answer stays cheap.
    static func scoped(_ catalogue: HSDSCatalogue, to activity: CatalogueActivity) -> HSDSCatalogue {
        var scoped = catalogue
        scoped.organisations = catalogue.organisations.filter { $0.id == activity.organisationID }
        scoped.activities = [activity]
        return scoped
    }

    public static func taxonomyJSON(_ taxonomy: HSDSTaxonomy) -> HSDSJSON {
        HSDSNesting.taxonomy(taxonomy)
    }

    /// A term with its taxonomy_detail, as `GET /taxonomy_terms/{id}` returns it.
    public static func taxonomyTermJSON(_ term: HSDSTaxonomyTerm) -> HSDSJSON {
        HSDSNesting.taxonomyTerm(term)
    }

    /// Every taxonomy we publish, sorted by id.
    public static func taxonomies() -> [HSDSTaxonomy] {
        HSDSClassification.allCases.map(\.taxonomy).sorted { HSDSExport.precedes($0.id, $1.id) }
    }

    /// Every term a package of `catalogue` contains: all fixed terms and the free-text terms in use, sorted by id.
    public static func taxonomyTerms(for catalogue: HSDSCatalogue) -> [HSDSTaxonomyTerm] {
        HSDSExport.terms(catalogue)
    }

    /// An HSDA list page around `contents` (already the items of page `page`, 1-based).
    public static func page(_ contents: [HSDSJSON], totalItems: Int, page: Int, perPage: Int) -> HSDSJSON {
        let size = max(perPage, 1)
        let totalPages = max((totalItems + size - 1) / size, 1)
        return .record([
            ("total_items", .int(totalItems)),
            ("total_pages", .int(totalPages)),
            ("page_number", .int(page)),
            ("size", .int(contents.count)),
            ("first_page", .bool(page <= 1)),
            ("last_page", .bool(page >= totalPages)),
            ("empty", .bool(contents.isEmpty)),
            ("contents", .array(contents)),
        ])
    }
}
