import Foundation
import Testing
@testable import OmzienCore

/// Websites and e-mail addresses in the catalogue: only http(s) links and real addresses get in.
@Suite struct ContactRulesTests {
    @Test(arguments: ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<b>x</b>", "ftp://files.example", "//evil.example",
                      "https://", "http:/voorbeeld.nl", "voorbeeld.nl", "https://voor beeld.nl", "https://voorbeeld.nl/\n", " javascript:alert(1)"])
    func aNonWebAddressIsRefused(_ text: String) {
        #expect(!ContactRules.isWebAddress(text))
    }

    @Test(arguments: ["https://www.voorbeeld.nl", "http://voorbeeld.nl/aanbod?x=1", "HTTPS://Voorbeeld.nl/pad#anker"])
    func aWebAddressIsAccepted(_ text: String) {
        #expect(ContactRules.isWebAddress(text))
    }

    @Test func emailAddressesAreCheckedLikeLogins() {
        #expect(ContactRules.isEmailAddress("info@buurthuis.nl"))
        #expect(!ContactRules.isEmailAddress("info@"))
        #expect(!ContactRules.isEmailAddress("<script>@x.nl"))
        #expect(!ContactRules.isEmailAddress("geen adres"))
    }

    @Test func theImporterLeavesOutAJavascriptURLAndABadEmailWithAProblemEach() throws {
        var catalogue = HSDSFixtures.rich
        catalogue.activities[0].website = "javascript:alert(1)"
        catalogue.activities[0].contactEmail = "niet-een-adres"
        let result = HSDSPackage.importPackage(HSDSPackage.export(catalogue))
        let imported = try #require(result.catalogue.activities.first { $0.id == catalogue.activities[0].id })
        #expect(imported.website == "")
        #expect(imported.contactEmail == "")
        #expect(result.problems.contains { $0.reason.contains("not an http or https address") })
        #expect(result.problems.contains { $0.reason.contains("is not an e-mail address") })
    }
}
