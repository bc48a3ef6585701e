import Foundation
import HTTPTypes
import Testing
@testable import OmzienApp

/// Return paths after login and the language switch stay on this site, whatever the encoding tricks.
@Suite struct OpenRedirectTests {
    /// Known ways to make a "local" path leave the site (as the query parameter arrives, already decoded once).
    static let bypasses = [
        "//evil.example", "/\\evil.example", "\\\\evil.example", "/\t/evil.example/", "/\n/evil.example", "/\r\n/evil.example",
        "/%09/evil.example/", "/%2F/evil.example", "%2F%2Fevil.example", "/%2f%2fevil.example", "/%5Cevil.example", "/%5cevil.example",
        "/%0d%0aLocation: https://evil.example", "/\r\nLocation: https://evil.example", "https://evil.example", "http:/evil.example",
        "javascript:alert(1)", "evil.example", "", "/", " /start", "/ /evil.example", "/%20/evil.example", "/%252F/evil.example",
        "/%25252F%25252Fevil.example", "/start\\..\\evil", "/%E2%80%8B/evil.example", "/\u{200B}/evil.example", "/\u{7F}/evil.example",
        "/%", "/%zz",
    ]

    @Test(arguments: bypasses) func aBypassIsRefused(_ value: String) {
        #expect(AccountsController.safeReturnPath(value) == nil)
    }

    @Test(arguments: ["/start", "/beheer/gebruikers", "/beheer/audit?van=2026-01-01&tot=2026-01-31", "/signalen/abc#contact", "/a"])
    func aLocalPathIsKept(_ value: String) {
        #expect(AccountsController.safeReturnPath(value) == value)
    }

    @Test func theLanguageSwitchDoesNotFollowATabbedPath() async throws {
        try await TestApp.withBrowser { _, browser in
            let page = try await browser.get("/taal/nl?terug=/%09/evil.example/")
            #expect(page.status == .seeOther)
            #expect(page.location?.contains("evil") == false)
            #expect(try await browser.get("/taal/en?terug=%2Fmelden").location == "/melden")
        }
    }
}
