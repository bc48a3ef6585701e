import Foundation
import Hummingbird
import HummingbirdTesting
import OmzienCore
import Testing
@testable import OmzienApp

@Suite struct HSDSExchangeTests {
    static func export(_ app: TestApp, code: String = "GM9901") async throws -> [String: Data] {
        let municipality = try await app.municipality(code)
        let (catalogue, _) = try await CatalogueExchange(services: app.services).catalogue(municipalityID: municipality.id)
        return HSDSPackage.export(catalogue)
    }

    @Test func exportImportIntoAnEmptyMunicipalityAndExportAgainGivesTheSameFiles() async throws {
        let source = try await TestApp.make()
        let target = try await TestApp.make()
        do {
            try await DemoCatalogue.seed(into: source.services, municipalityID: try await source.municipality("GM9901").id)
            let first = try await Self.export(source)
            #expect(first.keys.contains("datapackage.json") && first.count > 10)
            // Another installation, an empty municipality there: same district names, other ids.
            let empty = try await target.services.organisations.createMunicipality(name: "Gemeente Lindewaard", code: "GM9903", province: "Drenthe")
            for district in try await source.services.organisations.districts(municipalityID: try await source.municipality("GM9901").id) {
                try await target.services.organisations.saveDistrict(municipalityID: empty.id, name: district.name, postcodeRanges: district.postcodeRanges)
            }
            let result = HSDSPackage.importPackage(first)
            #expect(result.problems.isEmpty, "\(result.problems)")
            let report = try await CatalogueExchange(services: target.services).store(result, municipalityID: empty.id)
            #expect(report.activities == DemoCatalogue.entries.count && report.renumbered == 0 && report.problems.isEmpty, "\(report.problems)")
            let second = try await Self.export(target, code: "GM9903")
            #expect(Set(second.keys) == Set(first.keys))
            for name in first.keys.sorted() where name != "service_areas.csv" {
                #expect(first[name] == second[name], "\(name) differs after the round trip")
            }
            // Service areas point at each installation's own district ids; the names are the same.
            let names = { (data: Data?) in String(decoding: data ?? Data(), as: UTF8.self).split(separator: "\r\n").map { $0.split(separator: ",").count } }
            #expect(names(first["service_areas.csv"]) == names(second["service_areas.csv"]))
            // The imported map works like a local one: search, suggestions, the provider's entries.
            let beweegtuin = try #require(try await target.services.catalogue.activities(municipalityID: empty.id)
                .first { $0.activity.name == "Beweegtuin" })
            let zuid = try #require(try await target.services.organisations.districts(municipalityID: empty.id).first { $0.name == "Zuid" })
            #expect(beweegtuin.activity.districtIDs == [zuid.id.uuidString])
        } catch {
            try? await source.close()
            try? await target.close()
            throw error
        }
        try await source.close()
        try await target.close()
    }

    @Test func aPackageWithABadRowImportsTheRestAndSaysWhichRow() async throws {
        let app = try await TestApp.make()
        do {
            try await DemoCatalogue.seed(into: app.services, municipalityID: try await app.municipality("GM9901").id)
            var files = try await Self.export(app)
            var services = String(decoding: files["services.csv"]!, as: UTF8.self).components(separatedBy: "\r\n")
            // Break the third data row: a status HSDS does not know.
            services[3] = services[3].replacingOccurrences(of: ",active,", with: ",open,")
            files["services.csv"] = Data(services.joined(separator: "\r\n").utf8)
            let result = HSDSPackage.importPackage(files)
            #expect(result.problems.contains { $0.file == "services.csv" && $0.row == 3 && $0.reason.contains("open") }, "\(result.problems)")
            // Rows of other tables that belonged to the refused service are reported too, not dropped silently.
            #expect(result.problems.filter { $0.file == "services.csv" }.count == 1)
            #expect(result.catalogue.activities.count == DemoCatalogue.entries.count - 1)
            // Into the second (empty) municipality of the same installation: ids in use get new ones, and the report says so.
            let report = try await CatalogueExchange(services: app.services).store(result, municipalityID: try await app.municipality("GM9902").id)
            #expect(report.activities == DemoCatalogue.entries.count - 1)
            #expect(report.renumbered > 0 && report.problems.contains { $0.contains("services.csv row 3") })
            #expect(report.problems.contains { $0.contains("is not a district here") }, "Beekdal has other districts: reported, not silently dropped")
        } catch {
            try? await app.close()
            throw error
        }
        try await app.close()
    }

    @Test func theHSDAEndpointsPageSearchAndFilter() async throws {
        try await TestApp.withBrowser { app, browser in
            try await DemoCatalogue.seed(into: app.services, municipalityID: try await app.municipality("GM9901").id)
            let root = try await browser.get("/hsds/gm9901")
            #expect(root.status == .ok && root.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(root.contains(#""version":"3.0""#) && root.contains("openapi_url"))
            let first = try await browser.get("/hsds/GM9901/services?per_page=5&page=2")
            #expect(first.contains(#""total_items":\#(DemoCatalogue.entries.count)"#) && first.contains(#""page_number":2"#) && first.contains(#""size":5"#))
            let search = try await browser.get("/hsds/GM9901/services?search=resto")
            #expect(search.contains(#""total_items":1"#) && search.contains("Resto VanHarte"))
            let organisations = try await browser.get("/hsds/GM9901/organizations")
            #expect(organisations.contains("Humanitas Lindewaard"))
            let terms = try await browser.get("/hsds/GM9901/taxonomy_terms?per_page=500")
            let oneToOne = try #require(terms.body.firstMatch(of: /"id":"([^"]+)","code":"one_to_one"/).map { String($0.1) })
            let filtered = try await browser.get("/hsds/GM9901/services?per_page=100&taxonomy_term_id=\(oneToOne)")
            let oneToOneCount = DemoCatalogue.entries.filter { $0.form == .oneToOne }.count
            #expect(filtered.contains(#""total_items":\#(oneToOneCount)"#), "\(filtered.body.prefix(200))")
            let service = try #require(first.body.firstMatch(of: /"contents":\[\{"id":"([^"]+)"/).map { String($0.1) })
            #expect(try await browser.get("/hsds/GM9901/services/\(service)").contains(#""id":"\#(service)""#))
            #expect(try await browser.get("/hsds/GM9901/services/\(UUID())").status == .notFound)
            #expect(try await browser.get("/hsds/GM0000/services").status == .notFound)
            let future = try await browser.get("/hsds/GM9901/services?modified_after=2099-01-01T00:00:00Z")
            #expect(future.contains(#""total_items":0"#))
            #expect(try await browser.get("/hsds/GM9901/taxonomies").contains("Omzien"))
            #expect(try await browser.get("/hsds/GM9901/service_at_locations").contains("location"))
        }
    }
}
