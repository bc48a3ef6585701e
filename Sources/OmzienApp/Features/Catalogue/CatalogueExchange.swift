import Foundation
import OmzienCore

/// Moves a municipality's social map in and out as Open Referral HSDS 3.0: builds the core's
/// `HSDSCatalogue` from the database and stores an import, giving records new ids where another
/// municipality already uses theirs, and matching service areas to districts by name.
public struct CatalogueExchange: Sendable {
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    /// The municipality's map as HSDS sees it: the organisations that offer something, their activities,
    /// and the district names of the service areas.
    public func catalogue(municipalityID: UUID) async throws -> (HSDSCatalogue, [CatalogueRepository.Stored]) {
        let stored = try await services.catalogue.activities(municipalityID: municipalityID)
        let offering = Set(stored.map(\.activity.organisationID))
        let organisations = try await services.catalogue.organisations(municipalityID: municipalityID).filter { offering.contains($0.id) }
        let districts = try await services.organisations.districts(municipalityID: municipalityID)
        let province = try await services.organisations.municipality(id: municipalityID)?.province ?? ""
        let catalogue = HSDSCatalogue(organisations: organisations, activities: stored.map(\.activity),
                                      districts: Dictionary(uniqueKeysWithValues: districts.map { ($0.id.uuidString, $0.name) }), province: province)
        return (catalogue, stored)
    }

    /// What an import did, for the command line and the log.
    public struct Report: Sendable {
        public var organisations = 0
        public var activities = 0
        public var renumbered = 0
        public var problems: [String] = []
    }

    /// Stores an import into the municipality. Rows the reader refused are in `result.problems`; this adds
    /// what could not be placed here (an unknown district), never dropping it silently.
    public func store(_ result: HSDSImportResult, municipalityID: UUID) async throws -> Report {
        var report = Report()
        report.problems = result.problems.map(\.description)
        for (file, columns) in result.unknownColumns.sorted(by: { $0.key < $1.key }) where !columns.isEmpty {
            report.problems.append("\(file): columns kept but not used: \(columns.joined(separator: ", "))")
        }
        for table in result.unknownTables { report.problems.append("\(table): table kept but not used") }
        let catalogue = result.catalogue
        // Ids are global in the database: a record whose id belongs to another municipality gets a new one.
        let ids = (catalogue.organisations.map(\.id) + catalogue.activities.map(\.id)).compactMap(UUID.init(uuidString:))
        let taken = try await services.catalogue.idsTakenElsewhere(ids, municipalityID: municipalityID)
        var renamed: [String: String] = [:]
        for id in taken { renamed[id.uuidString.lowercased()] = UUID().uuidString }
        let newID = { (id: String) in renamed[id.lowercased()] ?? id }
        // An organisation already on this map under another id (same name) is the same organisation.
        let existing = try await services.catalogue.organisations(municipalityID: municipalityID)
        for organisation in catalogue.organisations {
            if let known = existing.first(where: { $0.name.lowercased() == organisation.name.lowercased() }), known.id.lowercased() != organisation.id.lowercased() {
                renamed[organisation.id.lowercased()] = known.id
            }
        }
        report.renumbered = renamed.count
        for var organisation in catalogue.organisations {
            organisation.id = newID(organisation.id)
            try await services.catalogue.saveOrganisation(organisation, municipalityID: municipalityID)
            report.organisations += 1
        }
        let localDistricts = Dictionary(
            try await services.organisations.districts(municipalityID: municipalityID).map { ($0.name.lowercased(), $0.id.uuidString) },
            uniquingKeysWith: { first, _ in first })
        for var activity in catalogue.activities {
            activity.id = newID(activity.id)
            activity.organisationID = newID(activity.organisationID)
            if let served = activity.districtIDs {
                var local: Set<String> = []
                for id in served.sorted() {
                    let name = catalogue.districts[id] ?? id
                    if let match = localDistricts[name.lowercased()] {
                        local.insert(match)
                    } else {
                        report.problems.append("\(activity.name): service area \"\(name)\" is not a district here; left out")
                    }
                }
                activity.districtIDs = local
            }
            try await services.catalogue.save(activity, municipalityID: municipalityID)
            report.activities += 1
        }
        return report
    }

    /// Reads a package directory (CSV files and `datapackage.json`) or one HSDS JSON file.
    public static func read(path: String) throws -> HSDSImportResult {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        guard isDirectory.boolValue else { return HSDSPackage.importJSON(try Data(contentsOf: URL(fileURLWithPath: path))) }
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: path) where name.hasSuffix(".csv") || name.hasSuffix(".json") {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: path).appendingPathComponent(name))
        }
        return HSDSPackage.importPackage(files)
    }
}
