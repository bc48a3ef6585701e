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

    @Test func anAnalystUploadsMicrodataAndSeesTheCrossTableWithSuppressedCellsAndAChart() async throws {
        try await TestApp.withBrowser { app, browser in
            try await browser.login("analyst@lindewaard.example")
            let form = try await browser.get("/monitor")
            #expect(form.contains(#"enctype="multipart/form-data""#))
            let token = try #require(form.csrfToken)
            let cookies = browser.cookieSnapshot.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            let fields = [("_csrf", token), ("weight", "gewicht"), ("strata", "stratum"), ("by", "wijk,leeftijd"),
                          ("indicator", "lonely"), ("items", "q1..q11"), ("min_n", "10")]
            let response = try await browser.client.execute(
                uri: "/monitor", method: .post,
                headers: [.contentType: "multipart/form-data; boundary=omzienboundary", .cookie: cookies],
                body: Self.multipart(fields: fields, file: Self.microdata()))
            let page = String(buffer: response.body)
            #expect(response.status == .ok)
            #expect(page.contains("<th scope=\"col\">wijk</th><th scope=\"col\">18-64</th><th scope=\"col\">65+</th>"))
            #expect(page.contains("<td class=\"suppressed\">onderdrukt (n=6)</td>"))

            #expect(page.contains("<svg") && page.contains("<title id=\"chart-title\">"))
            #expect(page.contains("4 cellen, waarvan 1 onderdrukt"))
            // The same numbers as the core estimator.
            let rows = try PrevalenceCSV.estimate(Data(Self.microdata().utf8), options: .init(
                weight: "gewicht", strata: "stratum", by: ["wijk", "leeftijd"], indicator: .lonely, items: PrevalenceCSV.itemColumns("q1..q11"), minN: 10))
            let noord = try #require(rows.first { $0.domain == ["Noord", "18-64"] })
            let shown = String(format: "%.1f", noord.estimate.estimate * 100).replacingOccurrences(of: ".", with: ",")
            #expect(page.contains("<td>\(shown)%"))
            _ = app
        }
    }

    @Test func badUploadsKeepTheSettingsAndSayWhatIsWrong() async throws {
        try await TestApp.withBrowser { _, browser in
            try await browser.login("analyst@lindewaard.example")
            let form = try await browser.get("/monitor")
            let token = try #require(form.csrfToken)
            let cookies = browser.cookieSnapshot.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            let response = try await browser.client.execute(
                uri: "/monitor", method: .post,
                headers: [.contentType: "multipart/form-data; boundary=omzienboundary", .cookie: cookies],
                body: Self.multipart(fields: [("_csrf", token), ("weight", "gewichtje"), ("by", "wijk"), ("indicator", "lonely"),
                                              ("items", "q1..q11"), ("min_n", "10")], file: Self.microdata()))
            let page = String(buffer: response.body)
            #expect(response.status == .unprocessableContent)
            #expect(page.contains("column &quot;gewichtje&quot; is missing"))
            #expect(page.contains(#"value="gewichtje""#))
            #expect(page.contains(#"value="wijk""#))
            // Without the CSRF token in the multipart body the upload is refused.
            let forged = try await browser.client.execute(
                uri: "/monitor", method: .post,
                headers: [.contentType: "multipart/form-data; boundary=omzienboundary", .cookie: cookies],
                body: Self.multipart(fields: [("weight", "gewicht")], file: "id\n"))
            #expect(forged.status == .forbidden)
        }
    }
}
