import Foundation
import Hummingbird
import HummingbirdTesting
import OmzienCore
import HTTPTypes
import Testing
@testable import OmzienApp

/// Issue 15, item 8: a form post cannot make the server show or keep more than the form's own choices,
/// and every step of the public form counts against the per-address limit.
@Suite struct FormAmplificationTests {
    // MARK: Reading repeated fields

    @Test func aCheckboxGroupKeepsOnlyKnownChoicesEachOnceInTheOrderSent() {
        let form = FormData(["indicators": ["withdrawn", "bogus", "withdrawn", "curtains_closed", "", "withdrawn"]])
        #expect(form.chosen("indicators", among: ["curtains_closed", "withdrawn", "neglect"]) == ["withdrawn", "curtains_closed"])
        #expect(form.chosen("indicators", as: SignalIndicator.self) == [.withdrawn, .curtainsClosed])
        #expect(form.chosen("missing", as: SignalIndicator.self).isEmpty)
    }

    @Test func theParserKeepsABoundedNumberOfValuesPerNameAndOfFields() {
        let repeated = Array(repeating: "a=x", count: FormData.maxValuesPerName + 50).joined(separator: "&")
        #expect(FormData(urlEncoded: repeated + "&b=1").fields["a"]?.count == FormData.maxValuesPerName)
        #expect(FormData(urlEncoded: repeated + "&b=1")["b"] == "1")
        let many = (0..<(FormData.maxFields + 10)).map { "f\($0)=1" }.joined(separator: "&")
        #expect(FormData(urlEncoded: many).fields.count == FormData.maxFields)
    }

    /// A typed form with a list field: the decoder keeps the declared choices only.
    struct Wishes: TypedForm {
        enum Field: String, CodingKey, CaseIterable, Sendable { case days }
        typealias CodingKeys = Field
        let days: [String]
        static func spec(_ field: Field, today: CivilDate) -> FieldSpec {
            FieldSpec(kind: .checkboxes, label: "wishes_days", choices: ["mon", "tue"])
        }
    }

    @Test func aTypedListFieldDecodesToItsKnownChoicesOnly() throws {
        let wishes = try Wishes.decode(FormData(["days": ["tue", "sun", "tue", "mon", "tue"]]))
        #expect(wishes.days == ["tue", "mon"])
    }

    // MARK: The public form

    /// The step-3 page a browser gets after steps 1 and 2, and the fields it carries.
    static func stepThree(_ browser: Browser) async throws -> Browser.Page {
        var page = try await browser.get("/melden")
        for step in [PublicSignalFormTests.step1, PublicSignalFormTests.step2] {
            page = try await browser.post("/melden", PublicSignalFormTests.hiddenFields(page.body) + step, csrf: page.csrfToken)
        }
        #expect(page.status == .ok)
        return page
    }

    @Test func fiftyThousandRepeatedTicksGiveANormalPageAndOnlyKnownDistinctChoices() async throws {
        try await TestApp.withBrowser { app, browser in
            let three = try await Self.stepThree(browser)
            let carried = PublicSignalFormTests.hiddenFields(three.body)
            let normal = try await browser.post("/melden", carried + PublicSignalFormTests.step3, csrf: three.csrfToken)
            #expect(normal.contains("Controleer uw melding"))

            let values = ["withdrawn", "curtains_closed", "x", "y"]
            let flood = (0..<50_000).map { ("indicators", values[$0 % values.count]) }
            let started = Date()
            let flooded = try await browser.post(
                "/melden", carried.filter { $0.0 != "indicators" } + flood + PublicSignalFormTests.step3, csrf: three.csrfToken)
            let seconds = Date().timeIntervalSince(started)
            #expect(flooded.status == .ok)
            #expect(flooded.contains("Controleer uw melding"))
            #expect(Double(flooded.body.utf8.count) <= 1.5 * Double(normal.body.utf8.count),
                    "\(flooded.body.utf8.count) bytes against \(normal.body.utf8.count) for a normal check page")
            #expect(seconds < 5, "took \(seconds) s")
            let echoed = PublicSignalFormTests.hiddenFields(flooded.body).filter { $0.0 == "indicators" }.map(\.1)
            #expect(echoed == ["withdrawn", "curtains_closed"])

            let done = try await browser.post("/melden", PublicSignalFormTests.hiddenFields(flooded.body), csrf: flooded.csrfToken)
            #expect(done.status == .created)
            let code = try #require(done.body.firstMatch(of: /id="kenmerk">([A-Z0-9-]+)</).map { String($0.1) })
            let reference = try #require(ReferenceCode(code))
            let signal = try #require(try await app.services.signals.signal(code: reference))
            #expect(signal.indicators == [.withdrawn, .curtainsClosed])
        }
    }

    @Test func everyStepPostCountsAndAResidentWhoCorrectsAMistakeStaysWithinTheBudget() async throws {
        // One report an hour allows ten posts of the steps.
        try await TestApp.withBrowser(configure: { $0.publicFormsPerHour = 1 }) { app, browser in
            #expect(AppConfiguration.publicFormPostsPerReport == 10)
            var page = try await browser.get("/melden")
            let token = page.csrfToken
            // A resident: a mistake in step 1, the three steps, back to step 3 and on again, then send: seven posts.
            #expect(try await browser.post("/melden", [("stap", "1"), ("concern", "")], csrf: token).status == .unprocessableContent)
            for step in [PublicSignalFormTests.step1, PublicSignalFormTests.step2, PublicSignalFormTests.step3] {
                page = try await browser.post("/melden", PublicSignalFormTests.hiddenFields(page.body) + step, csrf: token)
                #expect(page.status == .ok)
            }
            let back = try await browser.post("/melden", PublicSignalFormTests.hiddenFields(page.body) + [("terug", "1")], csrf: token)
            #expect(back.status == .ok)
            // Step 3 comes back with what was typed in its fields; the browser sends them again.
            page = try await browser.post("/melden", PublicSignalFormTests.hiddenFields(back.body) + PublicSignalFormTests.step3, csrf: token)
            #expect(page.contains("Controleer uw melding"))
            #expect(try await browser.post("/melden", PublicSignalFormTests.hiddenFields(page.body), csrf: token).status == .created)
            // Someone who keeps posting steps is stopped once the ten posts are used, whatever the step.
            for _ in 0..<3 {
                #expect(try await browser.post("/melden", PublicSignalFormTests.step1 + [("stap", "1")], csrf: token).status == .ok)
            }
            #expect(try await browser.post("/melden", PublicSignalFormTests.step1 + [("stap", "1")], csrf: token).status == .tooManyRequests)
            #expect(try await browser.post("/melden", [("stap", "2"), ("terug", "1")], csrf: token).status == .tooManyRequests)
            let stored = try await app.services.signals.signals(municipalityID: try await app.municipality("GM9901").id, statuses: SignalStatus.allCases)
            #expect(stored.count == 1)
        }
    }
}
