import HTTPTypes
import OmzienCore
import HummingbirdTesting
import Foundation
import Hummingbird
import Testing
@testable import OmzienApp

@Suite struct ErrorPageTests {
    @Test func unknownRoutesGetAFriendlyDutchPageOrAProblemDocument() async throws {
        try await TestApp.withBrowser { _, browser in
            let page = try await browser.get("/bestaat-niet")
            #expect(page.status == .notFound)
            #expect(page.contains("<h1>Pagina niet gevonden</h1>"))
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            let api = try await browser.get("/api/v1/bestaat-niet")
            #expect(api.status == .notFound)
            #expect(api.headers[.contentType] == "application/problem+json")
            let problem = try JSONDecoder().decode(Problem.self, from: Data(api.body.utf8))
            #expect(problem.status == 404)
            #expect(problem.type == "about:blank")
        }
    }

    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        try await TestApp.withBrowser { _, browser in
            for path in ["/", "/inloggen", "/bestaat-niet", "/health/live", "/static/omzien.css"] {
                let page = try await browser.get(path)
                let csp = page.headers[.contentSecurityPolicy] ?? ""
                #expect(csp.contains("frame-ancestors 'none'"), "\(path)")
                #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "\(path)")
                #expect(page.headers[.xContentTypeOptions] == "nosniff", "\(path)")
                #expect(page.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin", "\(path)")
                #expect(page.headers[.strictTransportSecurity] == nil, "HSTS only over TLS")
                #expect(page.headers[HTTPField.Name("X-Request-ID")!] != nil)
            }
        }
    }

    @Test func hstsIsSentWhenServedOverTLS() async throws {
        try await TestApp.withBrowser(configure: { $0.publicURL = "https://omzien.lindewaard.nl" }) { _, browser in
            let page = try await browser.get("/")
            #expect(page.headers[.strictTransportSecurity]?.contains("max-age=") == true)
        }
    }

    @Test func unexpectedErrorsShowNoInternals() {
        struct DatabaseExploded: Error { let query = "SELECT secret FROM users" }
        #expect(ErrorMiddleware.outcome(of: DatabaseExploded()) == .page(status: .internalServerError, key: "server"))
        #expect(ErrorMiddleware.outcome(of: AppError.forbidden) == .page(status: .forbidden, key: "forbidden"))
        #expect(ErrorMiddleware.outcome(of: AppError.unauthenticated) == .redirect(.login()))
        #expect(ErrorMiddleware.outcome(of: HTTPError(.notFound)) == .page(status: .notFound, key: "not_found"))
    }

    @Test func oversizedFormsAreRefusedClearly() async throws {
        try await TestApp.withBrowser(configure: { $0.maxBodyBytes = 2048 }) { _, browser in
            let page = try await browser.post("/inloggen", [("email", String(repeating: "a", count: 5000)), ("password", "x")])
            #expect(page.status == .contentTooLarge)
            #expect(page.contains("Te veel gegevens"))
        }
    }

    @Test func theStylesheetIsServed() async throws {
        try await TestApp.withBrowser { _, browser in
            let css = try await browser.get("/static/omzien.css")
            #expect(css.status == .ok)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(css.contains(":focus-visible"))
            #expect(try await browser.get("/static/bestaat-niet.css").status == .notFound)
        }
    }

    @Test func healthAndMetricsAnswer() async throws {
        try await TestApp.withBrowser { _, browser in
            #expect(try await browser.get("/health/live").status == .ok)
            let ready = try await browser.get("/health/ready")
            #expect(ready.status == .ok)
            #expect(ready.contains(#""database":"ok""#))
            // Without a configured token there are no metrics at all.
            #expect(try await browser.get("/metrics").status == .notFound)
        }
    }

    @Test func metricsNeedTheBearerToken() async throws {
        let token = String(repeating: "k", count: 40)
        try await TestApp.withBrowser(configure: { $0.metricsToken = token }) { _, browser in
            #expect(try await browser.get("/metrics").status == .unauthorized)
            #expect(try await browser.get("/metrics", headers: [.authorization: "Bearer wrong"]).status == .unauthorized)
            #expect(try await browser.get("/metrics", headers: [.authorization: "Basic \(token)"]).status == .unauthorized)
            let metrics = try await browser.get("/metrics", headers: [.authorization: "Bearer \(token)"])
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)
        }
    }

    @Test func pagesAreAccessibleByConstruction() async throws {
        try await TestApp.withBrowser { _, browser in
            let login = try await browser.get("/inloggen")
            let body = login.body
            // The skip link is the first link on the page and targets the main landmark.
            let firstLink = try #require(body.firstMatch(of: /<a [^>]*href="([^"]+)"/))
            #expect(firstLink.1 == "#inhoud")
            #expect(body.contains(#"<main id="inhoud""#))
            #expect(body.contains(#"<label for="veld-email">"#) && body.contains(#"id="veld-email""#))
            #expect(body.contains(#"name="viewport" content="width=device-width, initial-scale=1""#))
            #expect(!body.contains("<script"))
            #expect(!body.contains("style=\""))
        }
    }
}
