import Foundation
import Testing
@testable import OmzienCore

/// Catalogues used by the HSDS tests: one with every field filled, one with almost nothing.
enum HSDSFixtures {
    static let orgA = "0b6f8f5e-2c1a-4d8e-9f4b-1a2b3c4d5e6f"
    static let orgB = "7C9D1E2F-3A4B-4C5D-8E6F-9A0B1C2D3E4F" // as Foundation writes UUIDs
    static let koffie = "11111111-1111-4111-8111-111111111111"
    static let maatje = "22222222-2222-4222-8222-222222222222"
    static let cursus = "33333333-3333-4333-8333-333333333333"
    static let noord = "a1a1a1a1-0000-4000-8000-000000000001"
    static let zuid = "a1a1a1a1-0000-4000-8000-000000000002"

    static var rich: HSDSCatalogue {
        let buurthuis = ActivityLocation(name: "Buurthuis De Linde", address: "Lindelaan 4", postcode: "3511 AB", city: "Utrecht")
        var koffie = CatalogueActivity(id: koffie, organisationID: orgA, name: "Koffie, taart & \"praat\"",
                                       description: "Elke week koffie, met \"gezelligheid\".\nOok voor mantelzorgers,\r\nen buren — ’s ochtends ☕",
                                       form: .group, interventionType: .socialActivation, preventive: true)
        koffie.status = .temporarilyClosed
        koffie.evidence = .wellFounded
        koffie.evidenceSource = "Databank Erkende sociale interventies, 2024"
        koffie.targetGroups = ["ouderen", "mantelzorgers"]
        koffie.minimumAge = 65
        koffie.maximumAge = 99
        koffie.conditions = ["dementie", "visueel beperkt"]
        koffie.lifeEvents = ["partner overleden", "verhuisd"]
        koffie.languages = ["nl", "ar", "xx"]
        koffie.lonelinessForms = [.social, .emotional]
        koffie.profiles = [.hoopvollen, .actieven]
        koffie.districtIDs = [noord, zuid]
        koffie.location = buurthuis
        koffie.schedules = [
            ActivitySchedule(weekday: 4, opensAt: "10:00", closesAt: "12:00"),
            ActivitySchedule(frequency: .monthly, interval: 2, weekday: 1, opensAt: "19:30", closesAt: "21:00"),
        ]
        koffie.costCents = 250
        koffie.costDescription = "€ 2,50 per keer, koffie inbegrepen"
        koffie.capacity = 12
        koffie.waitingList = 3
        koffie.joinRoute = .either
        koffie.howToJoin = "Loop binnen, of bel de buurtcoach."
        koffie.contactPhone = "030 123 45 67"
        koffie.contactEmail = "koffie@delinde.example"
        koffie.website = "https://delinde.example/koffie"
        koffie.checkedOn = CivilDate("2026-02-01")

        var maatje = CatalogueActivity(id: maatje, organisationID: orgA, name: "Maatje", description: "Een vrijwilliger komt langs.",
                                       form: .oneToOne, interventionType: .personalActivation, preventive: false)
        maatje.location = buurthuis // shared with koffie: one location row
        maatje.evidence = .promising
        maatje.joinRoute = .referral
        maatje.lonelinessForms = [.existential]
        maatje.districtIDs = [zuid]

        var cursus = CatalogueActivity(id: cursus, organisationID: orgB, name: "Vrienden maken kun je leren", description: "",
                                       form: .course, interventionType: .coursesTherapy, preventive: false)
        cursus.costCents = 0
        cursus.capacity = 0
        cursus.targetGroups = ["ouderen"]
        cursus.minimumAge = 55
        cursus.location = ActivityLocation(name: "Online", address: "", postcode: "", city: "")

        return HSDSCatalogue(
            organisations: [
                CatalogueOrganisation(id: orgA, name: "Welzijn Utrecht", description: "Welzijnsorganisatie, \"van en voor\" de wijk",
                                      email: "info@welzijn.example", website: "https://welzijn.example", phone: "030 000 00 00"),
                CatalogueOrganisation(id: orgB, name: "Humanitas"),
            ],
            activities: [koffie, maatje, cursus],
            districts: [noord: "Noord", zuid: "Zuid, oost"],
            province: "Utrecht")
    }

    static var sparse: HSDSCatalogue {
        HSDSCatalogue(
            organisations: [CatalogueOrganisation(id: orgB, name: "Humanitas")],
            activities: [CatalogueActivity(id: maatje, organisationID: orgB, name: "Maatje", description: "",
                                           form: .oneToOne, interventionType: .information, preventive: false)])
    }

    /// Files as UTF-8, for hand-made packages.
    static func files(_ texts: [String: String]) -> [String: Data] { texts.mapValues { Data($0.utf8) } }

    static func text(_ data: Data?) -> String { data.map { String(decoding: $0, as: UTF8.self) } ?? "" }
}

@Suite struct HSDSPackageTests {
    typealias Problem = HSDSImportResult.Problem

    // MARK: Round trips

    @Test(arguments: [HSDSFixtures.rich, HSDSFixtures.sparse, HSDSCatalogue()])
    func exportImportExportIsLosslessAndByteIdentical(catalogue: HSDSCatalogue) {
        let files = HSDSPackage.export(catalogue)
        let result = HSDSPackage.importPackage(files)
        #expect(result.problems == [])
        #expect(result.unknownColumns == [:])
        #expect(result.preservedFields == [:])
        #expect(result.unknownTables == [])
        #expect(result.catalogue.organisations == catalogue.organisations.sorted { $0.id < $1.id })
        #expect(result.catalogue.activities == catalogue.activities.sorted { $0.id < $1.id })
        #expect(result.catalogue.districts == catalogue.districts)
        #expect(result.catalogue.province == catalogue.province)
        #expect(HSDSPackage.export(result.catalogue) == files)
    }

    @Test func exportIsDeterministicWhateverTheInputOrder() {
        var shuffled = HSDSFixtures.rich
        shuffled.activities.reverse()
        shuffled.organisations.reverse()
        #expect(HSDSPackage.export(shuffled) == HSDSPackage.export(HSDSFixtures.rich))
    }

    @Test func sharedLocationIsOneRowAndCityWideHasNoServiceArea() {
        let files = HSDSPackage.export(HSDSFixtures.rich)
        let locations = HSDSCSV.read(files["locations.csv"]!).records
        #expect(locations.count == 2) // De Linde (shared by two services) and Online
        #expect(HSDSCSV.read(files["service_at_location.csv"]!).records.count == 3)
        #expect(HSDSCSV.read(files["addresses.csv"]!).records.count == 1) // Online has no address parts
        let areas = HSDSCSV.read(files["service_areas.csv"]!).records
        #expect(areas.count == 3) // koffie: Noord + Zuid, maatje: Zuid, cursus: whole municipality = none
        #expect(areas.allSatisfy { $0.cells[6].hasPrefix("urn:uuid:") })
    }

    @Test func serviceRowCarriesTheMappedFields() throws {
        let files = HSDSPackage.export(HSDSFixtures.rich)
        let table = HSDSCSV.read(files["services.csv"]!)
        let row = try #require(table.records.first { $0.cells[0] == HSDSFixtures.koffie })
        let service = Dictionary(uniqueKeysWithValues: zip(table.header, row.cells))
        #expect(service["status"] == "temporarily closed")
        #expect(service["application_process"] == "Loop binnen, of bel de buurtcoach.")
        #expect(service["fees_description"] == "€ 2,50 per keer, koffie inbegrepen")
        #expect(service["assured_date"] == "2026-02-01")
        #expect(service["minimum_age"] == "65")
        #expect(service["eligibility_description"]
            == "Voor ouderen en mantelzorgers, van 65 tot en met 99 jaar, met dementie of visueel beperkt, levensgebeurtenis: partner overleden of verhuisd.")
        let cost = HSDSCSV.read(files["cost_options.csv"]!)
        let amounts = cost.records.map { Dictionary(uniqueKeysWithValues: zip(cost.header, $0.cells)) }
        #expect(Set(amounts.map { $0["amount"] }) == ["2.50", "0.00"])
        #expect(amounts.allSatisfy { $0["currency"] == "EUR" })
        let address = HSDSCSV.read(files["addresses.csv"]!)
        let fields = Dictionary(uniqueKeysWithValues: zip(address.header, address.records[0].cells))
        #expect(fields["country"] == "NL" && fields["state_province"] == "Utrecht" && fields["address_type"] == "physical")
        #expect(HSDSFixtures.text(files["schedules.csv"]).contains("MONTHLY,2,MO,,,,,19:30:00,21:00:00"))
    }

    // MARK: Schema

    @Test func everyCSVHeaderIsThe30FieldList() {
        let files = HSDSPackage.export(HSDSCatalogue())
        #expect(files.count == HSDSSchema.tables.count + 1)
        for table in HSDSSchema.tables {
            let parsed = HSDSCSV.read(files[table.path]!)
            #expect(parsed.header == table.fieldNames, "\(table.path)")
            // Our taxonomies are published even when no activity uses them; every other table is empty.
            if !["taxonomy", "taxonomy_term"].contains(table.name) {
                #expect(HSDSFixtures.text(files[table.path]) == table.fieldNames.joined(separator: ",") + "\r\n")
            }
        }
        // Spot checks typed from schema/compiled/tabular.json of HSDS 3.0, independent of the table above.
        #expect(HSDSSchema.table("service").fieldNames == [
            "id", "organization_id", "program_id", "name", "alternate_name", "description", "url", "email", "status",
            "interpretation_services", "application_process", "fees_description", "wait_time", "fees", "accreditations",
            "eligibility_description", "minimum_age", "maximum_age", "assured_date", "assurer_email", "licenses", "alert",
            "last_modified",
        ])
        #expect(HSDSSchema.table("address").fieldNames == [
            "id", "location_id", "attention", "address_1", "address_2", "city", "region", "state_province", "postal_code",
            "country", "address_type",
        ])
        #expect(HSDSSchema.table("attribute").fieldNames == ["id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value"])
        #expect(HSDSSchema.table("service").field("status")?.enumValues == ["active", "inactive", "defunct", "temporarily closed"])
        #expect(HSDSSchema.table("schedule").field("freq")?.enumValues == ["WEEKLY", "MONTHLY"])
        #expect(!HSDSSchema.tables.contains { $0.name == "service_capacity" }) // 3.1, not 3.0
    }

    @Test func datapackageIsValidJSONListingEveryCSV() throws {
        let files = HSDSPackage.export(HSDSFixtures.rich)
        let object = try JSONSerialization.jsonObject(with: try #require(files["datapackage.json"]))
        let package = try #require(object as? [String: Any])
        #expect(package["profile"] as? String == "tabular-data-package")
        #expect(package["name"] as? String == "human_services_data")
        let resources = try #require(package["resources"] as? [[String: Any]])
        let paths = Set(resources.compactMap { $0["path"] as? String })
        #expect(paths == Set(files.keys.filter { $0.hasSuffix(".csv") }))
        for resource in resources {
            let path = try #require(resource["path"] as? String)
            #expect(resource["profile"] as? String == "tabular-data-resource")
            let schema = try #require(resource["schema"] as? [String: Any])
            let fields = try #require(schema["fields"] as? [[String: Any]])
            #expect(fields.compactMap { $0["name"] as? String } == HSDSCSV.read(files[path]!).header)
            #expect(fields.allSatisfy { ($0["constraints"] as? [String: Any])?["required"] is Bool })
        }
        let service = try #require(resources.first { $0["name"] as? String == "service" })
        let serviceFields = try #require((service["schema"] as? [String: Any])?["fields"] as? [[String: Any]])
        let status = try #require(serviceFields.first { $0["name"] as? String == "status" })
        let constraints = try #require(status["constraints"] as? [String: Any])
        #expect(constraints["enum"] as? [String] == ["active", "inactive", "defunct", "temporarily closed"])
        #expect(constraints["required"] as? Bool == true)
    }

    // MARK: Bad input

    @Test func malformedRowsAreReportedAndTheRestIsImported() throws {
        let org = HSDSFixtures.orgA, unknownOrg = "99999999-9999-4999-8999-999999999999"
        let header = HSDSSchema.table("service").fieldNames.joined(separator: ",")
        func service(_ id: String, _ org: String, _ name: String, _ description: String, _ status: String, minimumAge: String = "") -> String {
            // id, organization_id, program_id, name, alternate_name, description, url, email, status, … minimum_age (17th)
            ([id, org, "", name, "", description, "", "", status] + Array(repeating: "", count: 7) + [minimumAge] + Array(repeating: "", count: 6))
                .joined(separator: ",")
        }
        let multiline = "\"Koffie, thee\nen \"\"gezelligheid\"\"\r\nelke week\""
        let services = [
            header,
            service("44444444-4444-4444-8444-444444444444", org, "Goed", multiline, "active"),           // row 1
            service("55555555-5555-4555-8555-555555555555", org, "Open", "", "open"),                  // row 2: bad enum
            service("66666666-6666-4666-8666-666666666666", org, "", "", "active"),                    // row 3: no name
            service("77777777-7777-4777-8777-777777777777", unknownOrg, "Weg", "", "active"),          // row 4: unknown org
            "88888888-8888-4888-8888-888888888888,\(org),,Kort",                                        // row 5: too few cells
            service("99999999-9999-4999-8999-000000000001", org, "Oud", "", "active", minimumAge: "oud"), // row 6: age
            service("not-a-uuid", org, "Raar", "", "active"),                                           // row 7: bad id
            service("aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", org, "Ook goed", "", "Inactive"),          // row 8: case is fine
        ].joined(separator: "\r\n") + "\r\n"
        let organizations = "id,name,description\r\n\(org),Welzijn,\r\n"
        let schedules = "id,service_id,freq,byday,opens_at,closes_at\n"
            + "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb,44444444-4444-4444-8444-444444444444,DAILY,MO,10:00,11:00\n"
            + "cccccccc-cccc-4ccc-8ccc-cccccccccccc,44444444-4444-4444-8444-444444444444,WEEKLY,TU,25:00,11:00\n"
            + "dddddddd-dddd-4ddd-8ddd-dddddddddddd,44444444-4444-4444-8444-444444444444,WEEKLY,WE,10:00,11:00\n"
        let result = HSDSPackage.importPackage(HSDSFixtures.files([
            "organizations.csv": organizations, "services.csv": services, "schedules.csv": schedules,
        ]))
        #expect(result.catalogue.activities.map(\.name) == ["Goed", "Ook goed"])
        #expect(result.catalogue.activities[0].description == "Koffie, thee\nen \"gezelligheid\"\r\nelke week")
        #expect(result.catalogue.activities[1].status == .inactive)
        #expect(result.catalogue.activities[0].schedules == [ActivitySchedule(weekday: 3, opensAt: "10:00", closesAt: "11:00")])
        let reasons = Dictionary(result.problems.map { ("\($0.file):\($0.row)", $0.reason) }, uniquingKeysWith: { $0 + "; " + $1 })
        #expect(reasons["services.csv:2"]?.contains("status \"open\" is not one of") == true)
        #expect(reasons["services.csv:3"] == "missing required field name")
        #expect(reasons["services.csv:4"]?.contains("unknown organization_id") == true)
        #expect(reasons["services.csv:5"] == "expected 23 cells, found 4")
        #expect(reasons["services.csv:6"] == "minimum_age \"oud\" is not a whole number")
        #expect(reasons["services.csv:7"]?.contains("malformed UUID in id") == true)
        #expect(reasons["schedules.csv:1"]?.contains("freq \"DAILY\"") == true)
        #expect(reasons["schedules.csv:2"]?.contains("opens_at \"25:00\"") == true)
        #expect(result.problems.count == 8)
    }

    @Test func unterminatedQuoteAndDuplicateIdsAreReported() {
        let org = HSDSFixtures.orgA
        let result = HSDSPackage.importPackage(HSDSFixtures.files([
            "organizations.csv": "id,name\n\(org),Eerste\n\(org),Tweede\n\(HSDSFixtures.orgB),\"Open quote\n",
        ]))
        #expect(result.catalogue.organisations.map(\.name) == ["Eerste"])
        #expect(result.problems == [
            Problem(file: "organizations.csv", row: 2, reason: "duplicate id \(org); the first row is kept"),
            Problem(file: "organizations.csv", row: 3, reason: "a quoted cell is never closed; the rest of the file is unreadable"),
        ])
    }

    @Test func idsMatchInAnyCase() {
        let org = "ABCDEF01-2345-4678-89AB-CDEF01234567", service = "abcdef01-0000-4000-8000-000000000001"
        let result = HSDSPackage.importPackage(HSDSFixtures.files([
            "organizations.csv": "id,name,description\n\(org),Welzijn,Welzijn\n",
            "services.csv": "id,organization_id,name,status\n\(service),\(org.lowercased()),Soep,active\n",
            "phones.csv": "id,service_id,number\nabcdef01-0000-4000-8000-000000000002,\(service.uppercased()),030 1\n",
        ]))
        #expect(result.problems == [])
        #expect(result.catalogue.organisations.map(\.id) == [org]) // ids keep the case they came in
        #expect(result.catalogue.organisations.first?.description == "") // the name written for a missing description
        #expect(result.catalogue.activities.first?.organisationID == org) // the organisation's own spelling
        #expect(result.catalogue.activities.first?.contactPhone == "030 1")
    }

    // MARK: Keeping what we do not map

    @Test func unknownColumnsAndTablesAreReportedAndKept() {
        var files = HSDSPackage.export(HSDSFixtures.sparse)
        let serviceID = HSDSFixtures.maatje
        let header = (HSDSSchema.table("service").fieldNames + ["x_rating"]).joined(separator: ",")
        files["services.csv"] = Data((header + "\r\n\(serviceID),\(HSDSFixtures.orgB),,Maatje,Buddy,,,,active,,,,,,,,,,,,,,,4 sterren\r\n").utf8)
        files["programs.csv"] = Data("id,organization_id,name,description\r\nabababab-abab-4bab-8bab-abababababab,\(HSDSFixtures.orgB),Samen,Programma\r\n".utf8)
        files["extra/notes.csv"] = Data("remark\r\nhallo\r\n".utf8)
        files["README.md"] = Data("# hello".utf8)
        let result = HSDSPackage.importPackage(files)
        #expect(result.catalogue.activities.map(\.name) == ["Maatje"])
        #expect(result.unknownColumns["services.csv"] == ["alternate_name", "x_rating"])
        #expect(result.preservedFields["services.csv"]?[serviceID] == ["alternate_name": "Buddy", "x_rating": "4 sterren"])
        #expect(result.unknownTables == ["extra/notes.csv", "programs.csv"])
        #expect(result.preservedFields["programs.csv"]?["abababab-abab-4bab-8bab-abababababab"]?["name"] == "Samen")
        #expect(result.preservedFields["extra/notes.csv"]?["row 1"] == ["remark": "hallo"])
        #expect(result.problems == [Problem(file: "README.md", row: 0, reason: "not a CSV file of the package; ignored")])
    }

    @Test func foreignServiceGetsDefaultsAndKeepsItsTermsAndExtraRows() throws {
        let org = HSDSFixtures.orgA, service = HSDSFixtures.koffie
        let term = "e1e1e1e1-0000-4000-8000-000000000001", taxonomy = "e2e2e2e2-0000-4000-8000-000000000002"
        let location = "f4f4f4f4-0000-4000-8000-000000000001"
        let ours = try #require(HSDSClassification.evidenceLevel.term(code: "kansrijk"))
        let result = HSDSPackage.importPackage(HSDSFixtures.files([
            "organizations.csv": "id,name,description\n\(org),Ander systeem,\n",
            "services.csv": "id,organization_id,name,status,eligibility_description\n\(service),\(org),Soep,active,Voor iedereen in de wijk\n",
            "taxonomies.csv": "id,name,description\n\(taxonomy),AIRS,Another taxonomy\n",
            "taxonomy_terms.csv": "id,name,description,taxonomy_id,code\n\(term),Food,Food pantries,\(taxonomy),BD-1800\n",
            "attributes.csv": "id,link_id,link_entity,taxonomy_term_id,link_type\n"
                + "f1f1f1f1-0000-4000-8000-000000000001,\(service),service,\(term),category\n"
                + "f1f1f1f1-0000-4000-8000-000000000002,\(service),service,\(ours.id),\n",
            "phones.csv": "id,service_id,number\n"
                + "f2f2f2f2-0000-4000-8000-000000000001,\(service),030 1\n"
                + "f2f2f2f2-0000-4000-8000-000000000002,\(service),030 2\n",
            "addresses.csv": "id,location_id,address_1,city,postal_code,country,address_type\n"
                + "f3f3f3f3-0000-4000-8000-000000000001,\(location),Dorpsstraat 1,Gent,9000,BE,physical\n",
            "locations.csv": "id,location_type,name\n\(location),physical,Gemeenschapshuis\n",
            "service_at_location.csv": "id,service_id,location_id\nf5f5f5f5-0000-4000-8000-000000000001,\(service),\(location)\n",
        ]))
        let activity = try #require(result.catalogue.activities.first)
        #expect(activity.form == .group && activity.interventionType == .socialActivation && activity.preventive)
        #expect(activity.evidence == .promising) // our own term still applies
        #expect(activity.contactPhone == "030 1")
        #expect(activity.location == ActivityLocation(name: "Gemeenschapshuis", address: "Dorpsstraat 1", postcode: "9000", city: "Gent"))
        #expect(result.preservedFields["attributes.csv"]?["f1f1f1f1-0000-4000-8000-000000000001"]?["taxonomy_term_id"] == term)
        #expect(result.preservedFields["taxonomy_terms.csv"]?[term]?["code"] == "BD-1800")
        #expect(result.preservedFields["taxonomies.csv"]?[taxonomy]?["name"] == "AIRS")
        #expect(result.preservedFields["services.csv"]?[service]?["eligibility_description"] == "Voor iedereen in de wijk")
        #expect(result.preservedFields["addresses.csv"]?["f3f3f3f3-0000-4000-8000-000000000001"]?["country"] == "BE")
        #expect(result.preservedFields["phones.csv"]?["f2f2f2f2-0000-4000-8000-000000000002"]?["number"] == "030 2")
        #expect(result.problems == [Problem(file: "phones.csv", row: 2, reason: "the service already has a phone (we keep one); kept")])
    }

    // MARK: JSON

    @Test func nestedServiceJSONImports() throws {
        let json = """
        {
          "id": "ac148810-d857-441c-9679-408f346de14b", "name": "Community Counselling", "status": "active",
          "description": "Counselling", "minimum_age": 12, "maximum_age": 100.0, "assured_date": "2005-01-01",
          "alternate_name": "MyCity Counselling", "additional_urls": [{"url": "https://example.org"}],
          "organization": {"id": "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610", "name": "Example Org", "description": "Non-profit",
                           "website": "http://example.com", "phones": [{"id": "1554f2e2-a373-45db-a3fa-9fc48a61c15e", "number": "+44 1234"}]},
          "phones": [{"id": "2554f2e2-a373-45db-a3fa-9fc48a61c15e", "number": "+44 5678", "type": "voice"}],
          "schedules": [{"id": "48102e86-bb50-41c4-8f1e-e269368c41d1", "freq": "WEEKLY", "interval": 1, "byday": "TH,FR",
                         "opens_at": "10:00:00", "closes_at": "18:00:00"}],
          "service_at_locations": [{"id": "e94c9f38-1e8f-4564-91d4-d53501ab1765",
            "location": {"id": "3a19ff88-4620-4d17-9830-ac1d859eb5d5", "location_type": "physical", "name": "Civic Center",
                         "addresses": [{"id": "74706e55-df26-4b84-80fe-ecc30b5befb4", "address_1": "1-30 Main Street", "city": "MyCity",
                                        "state_province": "MyState", "postal_code": "ABC 1234", "country": "US", "address_type": "physical"}]}}],
          "languages": [{"id": "2989d3ed-c547-48f8-8f9d-432d81c7892e", "name": "Urdu", "code": "ur"}],
          "service_areas": [{"id": "381c64f1-a724-4884-9c21-ac96c21cca3e", "name": "MyCity"}],
          "cost_options": [{"id": "1fdf4d39-3d80-484d-9f92-a8ffa08621e7", "currency": "gbp", "amount": 35, "amount_description": "per hour"}],
          "attributes": [{"id": "ae58cc39-8b70-4ab1-8aea-786882e5ac8e",
                          "taxonomy_term": {"id": "\(try #require(HSDSClassification.activityForm.term(code: "one_to_one")).id)",
                                            "name": "Eén op één", "description": "x"}},
                         {"id": "be58cc39-8b70-4ab1-8aea-786882e5ac8e",
                          "taxonomy_term": {"id": "3f7b145d-84af-42d7-8fae-eaca714b02b2", "name": "counselling", "description": "d",
                                            "taxonomy_detail": {"id": "5c4d79d7-cc55-470e-9f1f-8cad074e4892", "name": "Other", "description": "o"}}}]
        }
        """
        let result = HSDSPackage.importJSON(Data(json.utf8))
        #expect(result.problems == [])
        let activity = try #require(result.catalogue.activities.first)
        #expect(activity.name == "Community Counselling" && activity.minimumAge == 12 && activity.maximumAge == 100)
        #expect(activity.checkedOn == CivilDate("2005-01-01"))
        #expect(activity.contactPhone == "+44 5678")
        #expect(activity.form == .oneToOne)
        #expect(activity.schedules.map(\.weekday) == [4, 5] && activity.schedules.allSatisfy { $0.opensAt == "10:00" })
        #expect(activity.location == ActivityLocation(name: "Civic Center", address: "1-30 Main Street", postcode: "ABC 1234", city: "MyCity"))
        #expect(activity.languages == ["ur"])
        #expect(activity.costCents == 3500)
        let district = try #require(activity.districtIDs?.first)
        #expect(result.catalogue.districts[district] == "MyCity")
        #expect(result.catalogue.province == "MyState")
        #expect(result.catalogue.organisations == [CatalogueOrganisation(
            id: "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610", name: "Example Org", description: "Non-profit",
            website: "http://example.com", phone: "+44 1234")])
        let kept = result.preservedFields
        #expect(kept["services.csv"]?["ac148810-d857-441c-9679-408f346de14b"]?["alternate_name"] == "MyCity Counselling")
        #expect(kept["services.csv"]?["ac148810-d857-441c-9679-408f346de14b"]?["additional_urls"] == #"[{"url":"https://example.org"}]"#)
        #expect(kept["schedules.csv"]?["48102e86-bb50-41c4-8f1e-e269368c41d1"]?["byday"] == "TH,FR")
        #expect(kept["cost_options.csv"]?["1fdf4d39-3d80-484d-9f92-a8ffa08621e7"]?["currency"] == "gbp")
        #expect(kept["taxonomy_terms.csv"]?["3f7b145d-84af-42d7-8fae-eaca714b02b2"]?["name"] == "counselling")
        #expect(kept["addresses.csv"]?["74706e55-df26-4b84-80fe-ecc30b5befb4"]?["country"] == "US")
        #expect(result.unknownColumns["services.csv"] == ["additional_urls", "alternate_name"])
    }

    @Test func serviceJSONImportsBackToTheSameCatalogue() throws {
        let catalogue = HSDSFixtures.rich
        let services = catalogue.activities.map { HSDSPackage.serviceJSON($0, in: catalogue) }
        let page = HSDSPackage.page(services, totalItems: services.count, page: 1, perPage: 50)
        for document in [HSDSJSON.array(services), page] {
            let result = HSDSPackage.importJSON(document.data())
            #expect(result.problems == [])
            #expect(result.preservedFields == [:])
            #expect(result.catalogue.activities == catalogue.activities.sorted { $0.id < $1.id })
            #expect(result.catalogue.organisations == catalogue.organisations.sorted { $0.id < $1.id })
            #expect(result.catalogue.districts == catalogue.districts)
        }
    }

    @Test func serviceJSONFollowsTheCompiledSchema() throws {
        let catalogue = HSDSFixtures.rich
        let koffie = try #require(catalogue.activities.first)
        let json = HSDSPackage.serviceJSON(koffie, in: catalogue)
        #expect(json.members?.map(\.key) == [
            "id", "organization_id", "name", "description", "url", "email", "status", "application_process",
            "fees_description", "accreditations", "eligibility_description", "minimum_age", "maximum_age", "assured_date",
            "phones", "schedules", "service_areas", "service_at_locations", "languages", "organization", "cost_options", "attributes",
        ])
        #expect(json["minimum_age"] == .number("65"))
        #expect(json["cost_options"]?.arrayValue?.first?["amount"] == .number("2.50"))
        #expect(json["organization"]?["phones"]?.arrayValue?.count == 1)
        let location = json["service_at_locations"]?.arrayValue?.first?["location"]
        #expect(location?["addresses"]?.arrayValue?.first?["postal_code"] == .string("3511 AB"))
        let attribute = try #require(json["attributes"]?.arrayValue?.first)
        #expect(attribute["link_id"] == nil && attribute["link_entity"] == .string("service"))
        #expect(attribute["taxonomy_term"]?["taxonomy_detail"]?["name"] != nil)
        // Valid JSON for Foundation too, and the same bytes every time.
        _ = try JSONSerialization.jsonObject(with: json.data())
        #expect(json.data() == HSDSPackage.serviceJSON(koffie, in: catalogue).data())

        let organisation = HSDSPackage.organizationJSON(catalogue.organisations[0], in: catalogue, services: true)
        #expect(organisation["services"]?.arrayValue?.count == 2)
        #expect(organisation["services"]?.arrayValue?.first?["organization"] == nil)
        let entry = try #require(HSDSPackage.serviceAtLocationJSON(koffie, in: catalogue))
        #expect(entry["service"]?["organization"]?["name"] == .string("Welzijn Utrecht"))
        #expect(entry["location"]?["name"] == .string("Buurthuis De Linde"))
        let term = HSDSPackage.taxonomyTermJSON(try #require(HSDSClassification.joinRoute.term(code: "either")))
        #expect(term.members?.map(\.key) == ["id", "code", "name", "description", "taxonomy", "taxonomy_detail", "language", "taxonomy_id"])
    }

    @Test func invalidJSONIsReported() {
        let result = HSDSPackage.importJSON(Data("{\"id\": ".utf8))
        #expect(result.problems.count == 1 && result.problems[0].file == "json" && result.catalogue.activities.isEmpty)
    }

    @Test func jsonValuesSurviveTheirOwnParser() throws {
        let value = HSDSJSON.record([
            ("text", .string("quote \" backslash \\ newline \n tab \t nul \u{01} é 😀")),
            ("number", .number("-12.5e3")), ("flag", .bool(false)), ("nothing", .null),
            ("list", .array([.int(1), .array([]), .object([])])),
        ])
        #expect(try HSDSJSON.parse(value.data()) == value)
        #expect(try HSDSJSON.parse(value.data(pretty: true)) == value)
        #expect(try HSDSJSON.parse(Data(#"["\ud83d\ude00", "\u00e9"]"#.utf8)) == .array([.string("😀"), .string("é")]))
        #expect(throws: HSDSJSON.ParseError.self) { try HSDSJSON.parse(Data("[1, 2".utf8)) }
        #expect(throws: HSDSJSON.ParseError.self) { try HSDSJSON.parse(Data(String(repeating: "[", count: 100).utf8)) }
    }

    @Test func problemsInAPagePointAtTheService() throws {
        let good = HSDSPackage.serviceJSON(try #require(HSDSFixtures.sparse.activities.first), in: HSDSFixtures.sparse)
        let bad = HSDSJSON.record([
            ("id", .string("12121212-1212-4212-8212-121212121212")), ("name", .string("Zonder status")),
            ("organization_id", .string(HSDSFixtures.orgB)),
            ("schedules", .array([.record([("id", .string("13131313-1313-4313-8313-131313131313")), ("byday", .string("XX"))])])),
        ])
        let page = HSDSPackage.page([good, bad], totalItems: 2, page: 1, perPage: 10)
        #expect(page["total_pages"] == .int(1) && page["last_page"] == .bool(true) && page["size"] == .int(2))
        let result = HSDSPackage.importJSON(page.data())
        #expect(result.catalogue.activities.map(\.name) == ["Maatje"])
        #expect(result.problems == [
            Problem(file: "contents[1]", row: 2, reason: "missing required field status"),
            // Rows of a skipped service cannot be placed either: reported too, at their own path.
            Problem(file: "contents[1].schedules[0]", row: 2, reason: "unknown service_id 12121212-1212-4212-8212-121212121212"),
        ])
    }

    // MARK: Identifiers and taxonomies

    @Test func sha1AndNameBasedUUIDsMatchKnownVectors() {
        func hex(_ text: String) -> String { HSDSSHA1.hash(Array(text.utf8)).map { String(format: "%02x", $0) }.joined() }
        #expect(hex("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        // RFC 4122 version 5 in the DNS namespace, as Python's uuid.uuid5 gives it.
        #expect(HSDSIdentifier.nameBased("python.org", namespace: "6ba7b810-9dad-11d1-80b4-00c04fd430c8")
            == "886313e1-3b8a-5372-9b90-0c9aee199e5d")
        #expect(HSDSIdentifier.sequenced("x", position: 10).hasSuffix("000a"))
    }

    @Test func taxonomyTermIdsAreStable() throws {
        // Fixed literals: if one of these changes, other systems lose track of our terms.
        #expect(HSDSClassification.activityForm.taxonomy.id == "4f7cc711-7459-4978-b3d5-62779bcf6f47")
        #expect(HSDSClassification.activityForm.term(code: "group")?.id == "1cea17bd-556e-4c49-b42f-1485bb348d45")
        #expect(HSDSClassification.evidenceLevel.term(code: "effectief")?.id == "ef51b563-5300-48b3-9312-52fe1644e5ec")
        #expect(HSDSClassification.capacity.term(code: "waiting_list")?.id == "e93e7a00-58f1-4860-9c77-fbfd632d31b0")
        #expect(HSDSClassification.targetGroup.term(text: "ouderen").id == HSDSClassification.targetGroup.term(text: "ouderen").id)
        #expect(HSDSClassification.targetGroup.term(text: "ouderen").id == "aa5a4630-41fa-5996-9394-f8d1ea576cf0")
        #expect(HSDSClassification.targetGroup.term(text: "ouderen").id != HSDSClassification.condition.term(text: "ouderen").id)
        // Every enum case has a term, and every id is a unique UUID.
        #expect(HSDSClassification.activityForm.terms.map(\.code) == ActivityForm.allCases.map(\.rawValue))
        #expect(HSDSClassification.interventionType.terms.map(\.code) == InterventionType.allCases.map(\.rawValue))
        #expect(HSDSClassification.evidenceLevel.terms.map(\.code) == EvidenceLevel.allCases.map(\.rawValue))
        #expect(HSDSClassification.lonelinessForm.terms.map(\.code) == LonelinessForm.allCases.map(\.rawValue))
        #expect(HSDSClassification.interventionProfile.terms.map(\.code) == InterventionProfile.allCases.map(\.rawValue))
        #expect(HSDSClassification.joinRoute.terms.map(\.code) == JoinRoute.allCases.map(\.rawValue))
        let ids = HSDSClassification.allCases.flatMap { [$0.taxonomy.id] + $0.terms.map(\.id) }
        #expect(Set(ids).count == ids.count && ids.allSatisfy(HSDSIdentifier.isUUID))
        // The same catalogue exported twice gives the same term rows.
        let first = HSDSPackage.export(HSDSFixtures.rich)["taxonomy_terms.csv"]
        #expect(first == HSDSPackage.export(HSDSFixtures.rich)["taxonomy_terms.csv"])
        #expect(HSDSFixtures.text(first).contains("aa5a4630-41fa-5996-9394-f8d1ea576cf0,,ouderen,Doelgroep: ouderen"))
    }

    // MARK: CSV

    @Test func csvReaderHandlesQuotesLineEndsAndBOM() {
        let text = "\u{FEFF}a,b,c\n\"x, y\",\"line\r\nbreak\",\"say \"\"hi\"\"\"\r\n\n1,,3\r4,5,6"
        let parsed = HSDSCSV.read(Data(text.utf8))
        #expect(parsed.header == ["a", "b", "c"])
        #expect(parsed.records == [
            HSDSCSV.Record(number: 1, cells: ["x, y", "line\r\nbreak", "say \"hi\""]),
            HSDSCSV.Record(number: 3, cells: ["1", "", "3"]),
            HSDSCSV.Record(number: 4, cells: ["4", "5", "6"]),
        ])
        let written = HSDSCSV.write(header: ["a"], rows: [["x, y"], ["plain"], ["line\nbreak \"q\""]])
        #expect(String(decoding: written, as: UTF8.self) == "a\r\n\"x, y\"\r\nplain\r\n\"line\nbreak \"\"q\"\"\"\r\n")
    }

    @Test func datapackageMapsRenamedFiles() {
        var files = HSDSPackage.export(HSDSFixtures.sparse)
        files["data/diensten.csv"] = files.removeValue(forKey: "services.csv")
        let descriptor = String(decoding: files["datapackage.json"]!, as: UTF8.self)
            .replacingOccurrences(of: "\"path\": \"services.csv\"", with: "\"path\": \"data/diensten.csv\"")
        files["datapackage.json"] = Data(descriptor.utf8)
        let result = HSDSPackage.importPackage(files)
        #expect(result.catalogue.activities == HSDSFixtures.sparse.activities)
        #expect(result.problems == [])
    }
}
