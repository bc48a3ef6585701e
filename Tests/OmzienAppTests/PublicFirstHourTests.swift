import Foundation
import Hummingbird
import HummingbirdTesting
import OmzienCore
import Testing
@testable import OmzienApp

/// Issue 16, the public pages in a resident's first hour: the danger question answered before anything
/// else, a home page that leads to the activities, a "Waar" that is never empty, step texts that do not
/// contradict their errors, and sign labels that describe what one sees instead of judging the person.
@Suite struct PublicFirstHourTests {
    /// The label text of one field on a form page, from `<label for="veld-…">` up to its end.
    static func label(_ field: String, in html: String) -> String? {
        guard let start = html.range(of: #"<label for="veld-\#(field)">"#),
              let end = html.range(of: "</label>", range: start.upperBound..<html.endIndex) else { return nil }
        return String(html[start.upperBound..<end.lowerBound])
    }

    @Test func dangerIsAskedFirstAndYesLeadsToTheEmergencyNumbersWithoutAnyOtherAnswer() async throws {
        try await TestApp.withBrowser { app, browser in
            let first = try await browser.get(Route.report.href)
            let danger = try #require(first.body.range(of: #"name="danger""#))
            let concern = try #require(first.body.range(of: #"name="concern""#))
            #expect(danger.lowerBound < concern.lowerBound, "the danger question comes before 'Wat ziet of merkt u?'")

            // Nothing else filled in: no validation errors, straight to 112/113.
            let page = try await browser.post(Route.report.href, [("stap", "1"), ("danger", "yes")], csrf: first.csrfToken)
            #expect(page.status == .ok)
            #expect(!page.contains("Vertel wat u ziet of merkt."))
            #expect(page.contains(#"href="tel:112""#))
            #expect(page.contains(#"href="tel:08000113""#))
            #expect(page.contains(#"href="tel:09008844""#))
            #expect(page.contains("niet opgeslagen"))
            #expect(try await app.services.signals.signals(municipalityID: try await app.municipality("GM9901").id, statuses: SignalStatus.allCases).isEmpty)
        }
    }

    @Test func theHomePageLeadsToTheActivitySearch() async throws {
        try await TestApp.withBrowser { _, browser in
            let home = try await browser.get(Route.landing.href)
            #expect(home.contains(#"href="\#(Route.activities().href)""#))
            #expect(home.contains("Activiteiten zoeken"))
        }
    }

    @Test func whereIsNeverEmptyOnACardOrAnActivityPage() async throws {
        try await TestApp.withBrowser { app, browser in
            let activities = try await CatalogueWebTests.seeded(app)
            let list = try await browser.get(Route.activities().href)
            #expect(list.status == .ok)
            #expect(!list.contains("<dd></dd>"), "an activity without a place says where to ask instead of an empty 'Waar'")
            let placeless = try #require(activities.first { $0.location == nil }, "the demo has one-to-one activities without a place")
            let page = try await browser.get(Route.activity(placeless.id).href)
            #expect(page.contains("<dt>Waar</dt><dd>Vraag het de organisatie.</dd>"))
        }
    }

    @Test func anActivitysPhoneAndMailOpenThePhoneAndMailProgram() async throws {
        try await TestApp.withBrowser { app, browser in
            let activities = try await CatalogueWebTests.seeded(app)
            let withPhone = try #require(activities.first { !$0.contactPhone.isEmpty && $0.status == .active }, "the demo has activities with a phone number")
            let page = try await browser.get(Route.activity(withPhone.id).href)
            let digits = String(withPhone.contactPhone.filter { $0.isNumber })
            #expect(page.contains(#"href="tel:\#(digits)">\#(withPhone.contactPhone)</a>"#), "a tap calls the number")
        }
        #expect(PublicCatalogueController.ContactLink.phone("+31 (0)590-12 34 56").href == "tel:+310590123456")
        #expect(PublicCatalogueController.ContactLink.phone("0590-123456").href == "tel:0590123456")
        #expect(PublicCatalogueController.ContactLink.email("info@example.nl").href == "mailto:info@example.nl")
    }

    @Test func stepTwoDoesNotCallTheNameOptionalAndAnEmptyStepThreeDoesNotMentionAPostcode() async throws {
        try await TestApp.withBrowser { _, browser in
            let first = try await browser.get(Route.report.href)
            let two = try await browser.post(Route.report.href, PublicSignalFormTests.step1, csrf: first.csrfToken)
            let nameLabel = try #require(Self.label("reporter_name", in: two.body))
            #expect(!nameLabel.contains("niet verplicht"), "the name is needed unless one stays anonymous: \(nameLabel)")
            #expect(two.contains("Niet nodig als u anoniem wilt blijven."))

            let three = try await browser.post(Route.report.href, PublicSignalFormTests.hiddenFields(two.body) + PublicSignalFormTests.step2,
                                               csrf: two.csrfToken)
            let empty = try await browser.post(Route.report.href, PublicSignalFormTests.hiddenFields(three.body), csrf: three.csrfToken)
            #expect(empty.status == .unprocessableContent)
            #expect(!empty.contains("bij deze postcode"), "no postcode was typed")
            #expect(empty.contains("Kies de gemeente waar de persoon woont, of vul de postcode in."))
        }
    }

    @Test func theSignsDescribeWhatOneSeesAndTheCautionSpeaksPlainDutch() async throws {
        try await TestApp.withBrowser { _, browser in
            let first = try await browser.get(Route.report.href)
            for judging in ["Praat vooral over zichzelf", "klaagt veel", "verwaarloosd", "dezelfde signalen"] {
                #expect(!first.contains(judging), "step 1 still says '\(judging)'")
            }
            #expect(first.contains("Kleren of haar minder verzorgd dan vroeger"))
            #expect(first.contains("Let op: wat u ziet, kan ook komen door beginnende dementie of een depressie."))
        }
    }

    /// The stored codes stay: only the words shown change.
    @Test func theIndicatorCodesAreUnchanged() {
        #expect(SignalIndicator(rawValue: "neglect") != nil)
        #expect(SignalIndicator(rawValue: "talks_only_about_self") != nil)
        #expect(SignalIndicator(rawValue: "neglected_house") != nil)
    }
}
