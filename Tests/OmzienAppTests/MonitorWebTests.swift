import Foundation
import Hummingbird
import HummingbirdTesting
import OmzienCore
import Testing
@testable import OmzienApp

@Suite struct MonitorWebTests {
    static func microdata() -> String {
        var text = "id,gewicht,stratum,wijk,leeftijd," + (1...11).map { "q\($0)" }.joined(separator: ",") + "\n"
        var index = 0
        for (district, count) in [("Noord", 80), ("Zuid", 70)] {
            for band in ["18-64", "65+"] {
                let size = band == "65+" && district == "Zuid" ? 6 : count
                for person in 0..<size {
                    let lonely = person % 3 == 0 ? 6 : 1
                    let answers = (1...11).map { item -> String in
                        let positive = DJGItem.item(item).isPositive
                        return item <= lonely ? (positive ? "nee" : "ja") : (positive ? "ja" : "nee")
                    }
                    text += "p\(index),\(1 + Double(person % 4) * 0.5),S\(person % 5),\(district),\(band)," + answers.joined(separator: ",") + "\n"
                    index += 1
                }
            }
        }
        return text
    }

    static func multipart(fields: [(String, String)], file: String, boundary: String = "omzienboundary") -> ByteBuffer {
        var body = ""
        for (name, value) in fields {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"data\"; filename=\"monitor.csv\"\r\nContent-Type: text/csv\r\n\r\n\(file)\r\n--\(boundary)--\r\n"
        return ByteBuffer(string: body)
    }

    static let layout = [("weight", "gewicht"), ("strata", "stratum"), ("items", "q1..q11")]

    static func metadata(source: String = "GGD Gezondheidsmonitor", year: Int = 2024, minimumAge: String = "18", mode: String = "mixed") -> [(String, String)] {
        [("source", source), ("year", String(year)), ("population_min", minimumAge), ("population_max", ""), ("mode", mode)]
    }

    static func upload(
        _ browser: Browser, metadata: [(String, String)] = metadata(), by: String = "wijk,leeftijd", indicator: String = "lonely",
        minN: String = "10", data: String = microdata()
    ) async throws -> Browser.Page {
        try await browser.postMultipart(
            "/monitor", metadata + layout + [("by", by), ("indicator", indicator), ("min_n", minN)],
            file: ("data", "monitor.csv", data), tokenFrom: "/monitor")
    }

    @Test func anAnalystUploadsMicrodataAndSeesTheCrossTableWithSuppressedCellsAndAChart() async throws {
        try await TestApp.withBrowser { app, browser in
            try await browser.login("analyst@lindewaard.example")
            let form = try await browser.get("/monitor")
            #expect(form.contains(#"enctype="multipart/form-data""#))
            let response = try await Self.upload(browser)
            #expect(response.status == .seeOther)
            let location = try #require(response.location)
            #expect(location.hasPrefix("/monitor/") && location.contains("#tabel-"))
            let page = try await browser.get(String(location.split(separator: "#")[0])).body
            #expect(page.contains("<th scope=\"col\">wijk</th><th scope=\"col\">18-64</th><th scope=\"col\">65+</th>"))
            #expect(page.contains("<td class=\"suppressed\">onderdrukt (n=6)</td>"))
            #expect(page.contains("<svg") && page.contains("-title\">"))
            #expect(page.contains("4 cellen, waarvan 1 onderdrukt"))
            // The metadata are shown with the table.
            #expect(page.contains("<dd>GGD Gezondheidsmonitor</dd>") && page.contains("<dd>18+</dd>") && page.contains("<dd>schriftelijk of online</dd>"))
            // The same numbers as the core estimator, the overall figure too.
            let data = Data(Self.microdata().utf8)
            let options = PrevalenceCSV.Options(weight: "gewicht", strata: "stratum", by: ["wijk", "leeftijd"], indicator: .lonely,
                                                items: PrevalenceCSV.itemColumns("q1..q11"), minN: 10)
            let rows = try PrevalenceCSV.estimate(data, options: options)
            let noord = try #require(rows.first { $0.domain == ["Noord", "18-64"] })
            #expect(page.contains("<td>\(MonitorFormat.percent(noord.estimate.estimate, .nl))%"))
            var overallOptions = options
            overallOptions.by = []
            let overall = try #require(try PrevalenceCSV.estimate(data, options: overallOptions).first)
            #expect(page.contains("Totaal: \(MonitorFormat.percent(overall.estimate.estimate, .nl))%"))
            #expect(page.contains("(n = \(overall.estimate.n))"))
            // Stored: the dataset is listed on the overview, and the table survives a restart of the page.
            let list = try await browser.get("/monitor")
            #expect(list.contains(#">2024</a>"#) && list.contains("GGD Gezondheidsmonitor"))
            let stored = try await app.services.monitor.datasets(municipalityID: try await app.municipality("GM9901").id)
            #expect(stored.count == 1)
            #expect(stored.first?.microdataKeptUntil != nil, "kept for the default 30 days")
            // The small cell's estimate is never stored.
            let tables = try await app.services.monitor.tables(datasetIDs: stored.map(\.id))
            let small = try #require(tables.first?.cells.first { $0.domain == ["Zuid", "65+"] })
            #expect(small.suppressed && small.estimate == nil && small.lower == nil && small.n == 6)
        }
    }

    @Test func theTableDownloadsAsTheSameCSVAsTheCommandLine() async throws {
        try await TestApp.withBrowser { _, browser in
            try await browser.login("analyst@lindewaard.example")
            let datasetPath = String(try #require(try await Self.upload(browser).location).split(separator: "#")[0])
            let page = try await browser.get(datasetPath)
            let href = try #require(page.body.firstMatch(of: /href="(\/monitor\/[^"]+\/csv)"/).map { String($0.1) })
            let csv = try await browser.get(href)
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let rows = try PrevalenceCSV.estimate(Data(Self.microdata().utf8), options: .init(
                weight: "gewicht", strata: "stratum", by: ["wijk", "leeftijd"], indicator: .lonely, items: PrevalenceCSV.itemColumns("q1..q11"), minN: 10))
            #expect(csv.body == PrevalenceCSV.csv(rows, by: ["wijk", "leeftijd"]))
        }
    }

    @Test func anotherTableIsComputedFromTheKeptMicrodataUntilTheyExpire() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_790_000_000))
        try await TestApp.withBrowser(configure: { $0.monitorMicrodataDays = 10 }, clock: clock.clock) { app, browser in
            try await browser.login("analyst@lindewaard.example")
            let datasetPath = String(try #require(try await Self.upload(browser).location).split(separator: "#")[0])
            let another = try await browser.post(datasetPath + "/tabellen", [("by", "wijk"), ("indicator", "stronglyLonely"), ("items", "q1..q11"), ("min_n", "10")],
                                                 tokenFrom: datasetPath)
            #expect(another.status == .unprocessableContent, "unknown indicator value")
            #expect(another.contains(#"value="wijk""#), "input kept")
            let added = try await browser.post(datasetPath + "/tabellen", [("by", "wijk"), ("indicator", "strongly-lonely"), ("items", "q1..q11"), ("min_n", "10")],
                                               tokenFrom: datasetPath)
            #expect(added.status == .seeOther)
            let page = try await browser.get(datasetPath)
            #expect(page.contains("Sterk eenzaam") || page.contains("sterk eenzaam"))
            #expect(page.body.components(separatedBy: "class=\"prevalence\"").count == 3, "two tables")
            // After ten days the retention job removes the microdata; the tables stay, no new tables can be made.
            clock.advance(days: 11)
            #expect(try await app.services.monitor.deleteExpiredMicrodata(now: app.services.clock.now()) == 1)
            try await browser.login("analyst@lindewaard.example")  // the earlier login has ended by now
            let later = try await browser.get(datasetPath)
            #expect(later.contains("niet bewaard; alleen de tabellen"))
            #expect(!later.contains("/tabellen\" method"), "no form for another table")
            #expect(later.body.components(separatedBy: "class=\"prevalence\"").count == 3)
            let refused = try await browser.post(datasetPath + "/tabellen", [("by", ""), ("indicator", "lonely"), ("items", "q1..q11"), ("min_n", "10")],
                                                 tokenFrom: "/monitor")
            #expect(refused.status == .unprocessableContent)
            #expect(refused.contains("niet meer bewaard"))
        }
    }

    @Test func withRetentionZeroNothingOfTheFileIsStored() async throws {
        try await TestApp.withBrowser(configure: { $0.monitorMicrodataDays = 0 }) { app, browser in
            try await browser.login("analyst@lindewaard.example")
            let response = try await Self.upload(browser)
            #expect(response.status == .seeOther)
            let datasets = try await app.services.monitor.datasets(municipalityID: try await app.municipality("GM9901").id)
            #expect(datasets.first?.microdataKeptUntil == nil)
            #expect(try await app.services.monitor.microdata(datasetID: try #require(datasets.first?.id)) == nil)
        }
    }

    @Test func trendsJoinOnlyComparableDatasetsAndShowTheOthersApart() async throws {
        try await TestApp.withBrowser { _, browser in
            try await browser.login("analyst@lindewaard.example")
            for year in [2020, 2022, 2024] { _ = try await Self.upload(browser, metadata: Self.metadata(source: year == 2022 ? "ggd  gezondheidsmonitor" : "GGD Gezondheidsmonitor", year: year), by: "wijk") }
            _ = try await Self.upload(browser, metadata: Self.metadata(year: 2023, mode: "online"), by: "wijk")
            _ = try await Self.upload(browser, metadata: Self.metadata(year: 2023, minimumAge: "65"), by: "wijk")
            let page = try await browser.get("/monitor")
            let trends = page.body.components(separatedBy: "<article class=\"trend\">").dropFirst()
            #expect(trends.count == 3, "one line for the three comparable years, two apart")
            let first = try #require(trends.first)
            #expect(first.contains("GGD Gezondheidsmonitor · DJG-11 (3–11) · 18+ · schriftelijk of online"))
            #expect(first.components(separatedBy: "<circle").count == 4 && first.contains("<polyline"))
            #expect(["2020", "2022", "2024"].allSatisfy { first.contains("<th scope=\"row\">\($0)</th>") })
            #expect(trends.contains { $0.contains("alleen online") && $0.contains("andere afnamewijze") && !$0.contains("<polyline") })
            #expect(trends.contains { $0.contains(" · 65+ · ") && $0.contains("andere leeftijdsgroep") })
        }
    }

    @Test func datasetsBelongToTheirMunicipalityAndDeletingIsAudited() async throws {
        try await TestApp.withBrowser { app, browser in
            try await browser.login("analyst@lindewaard.example")
            let datasetPath = String(try #require(try await Self.upload(browser).location).split(separator: "#")[0])
            try await browser.logout()
            // An analyst of another municipality does not find it.
            try await app.addUser("analyst@beekdal.example", role: .analyst, municipality: "GM9902")
            try await browser.login("analyst@beekdal.example")
            #expect(try await browser.get(datasetPath).status == .notFound)
            #expect(try await browser.post(datasetPath + "/verwijderen", tokenFrom: "/monitor").status == .notFound)
            #expect(!(try await browser.get("/monitor").contains(datasetPath)))
            try await browser.logout()
            try await browser.login("analyst@lindewaard.example")
            let deleted = try await browser.post(datasetPath + "/verwijderen", tokenFrom: datasetPath)
            #expect(deleted.status == .seeOther)
            #expect(try await browser.get(datasetPath).status == .notFound)
            let trail = try await app.services.auditTrail.entries(AuditQuery(municipalityID: try await app.municipality("GM9901").id))
            #expect(trail.contains { $0.action == .delete && $0.recordType == "monitor_dataset" })
            #expect(trail.contains { $0.action == .create && $0.recordType == "monitor_dataset" })
        }
    }

    @Test func aFileOnTheServerCanBeChosenOnlyFromTheConfiguredDirectory() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("omzien-import-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(Self.microdata().utf8).write(to: directory.appendingPathComponent("gm2024.csv"))
        try await TestApp.withBrowser(configure: { $0.monitorImportDirectory = directory.path }) { _, browser in
            try await browser.login("analyst@lindewaard.example")
            let form = try await browser.get("/monitor")
            #expect(form.contains(#"<option value="gm2024.csv""#))
            let fields = Self.metadata() + Self.layout + [("by", "wijk"), ("indicator", "lonely"), ("min_n", "10")]
            let escape = try await browser.postMultipart("/monitor", fields + [("server_file", "../etc/passwd")], file: nil, tokenFrom: "/monitor")
            #expect(escape.status == .unprocessableContent)
            #expect(escape.contains("Kies een bestand uit de lijst."))
            let chosen = try await browser.postMultipart("/monitor", fields + [("server_file", "gm2024.csv")], file: nil, tokenFrom: "/monitor")
            #expect(chosen.status == .seeOther)
            let page = try await browser.get(String(try #require(chosen.location).split(separator: "#")[0]))
            #expect(page.contains("gm2024.csv"))
        }
    }

    @Test func badUploadsKeepTheSettingsAndSayWhatIsWrong() async throws {
        try await TestApp.withBrowser { _, browser in
            try await browser.login("analyst@lindewaard.example")
            let response = try await browser.postMultipart(
                "/monitor", Self.metadata() + [("weight", "gewichtje"), ("by", "wijk"), ("indicator", "lonely"), ("items", "q1..q11"), ("min_n", "10")],
                file: ("data", "monitor.csv", Self.microdata()), tokenFrom: "/monitor")
            #expect(response.status == .unprocessableContent)
            #expect(response.contains("column &quot;gewichtje&quot; is missing"))
            #expect(response.contains(#"value="gewichtje""#))
            #expect(response.contains(#"value="wijk""#))
            #expect(response.contains(#"value="GGD Gezondheidsmonitor""#))
            // Metadata are required and checked before the file is read.
            let missing = try await browser.postMultipart(
                "/monitor", [("source", ""), ("year", "1850"), ("population_min", "70"), ("population_max", "60"), ("mode", "radio")] + Self.layout
                    + [("indicator", "lonely6"), ("min_n", "10")],
                file: ("data", "monitor.csv", Self.microdata()), tokenFrom: "/monitor")
            #expect(missing.status == .unprocessableContent)
            for text in ["Vul de bron in", "Vul een jaar in tussen 1980", "Vul een leeftijd in", "Kies hoe de vragenlijst", "Deze indicator heeft 6 antwoordkolommen nodig; u gaf er 11.", "Kies het bestand opnieuw"] {
                #expect(missing.contains(text), "\(text)")
            }
            // Without the CSRF token in the multipart body the upload is refused.
            let cookies = browser.cookieSnapshot.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            let forged = try await browser.client.execute(
                uri: "/monitor", method: .post,
                headers: [.contentType: "multipart/form-data; boundary=omzienboundary", .cookie: cookies],
                body: Self.multipart(fields: [("weight", "gewicht")], file: "id\n"))
            #expect(forged.status == .forbidden)
        }
    }
}
