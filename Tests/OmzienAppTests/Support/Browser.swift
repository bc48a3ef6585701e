import Foundation
import Hummingbird
import HummingbirdTesting
import OmzienCore
@testable import OmzienApp

/// A minimal browser over the test client: keeps cookies, reads CSRF tokens from forms, fills forms.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]
    private let lock = NSLock()

    init(_ client: any TestClientProtocol, cookies: [String: String] = [:]) {
        self.client = client
        self.cookies = cookies
    }

    /// The same cookies in a browser talking to another app instance.
    func sharingCookies(with client: any TestClientProtocol) -> Browser { Browser(client, cookies: cookieSnapshot) }

    var cookieSnapshot: [String: String] { lock.withLock { cookies } }

    struct Page: Sendable {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: String
        var location: String? { headers[.location] }
        func contains(_ text: String) -> Bool { body.contains(text) }
        /// The value of the first `_csrf` hidden field on the page.
        var csrfToken: String? { body.firstMatch(of: /name="_csrf" value="([^"]+)"/).map { String($0.1) } }
    }

    @discardableResult
    func get(_ path: String, headers: HTTPFields = [:]) async throws -> Page {
        try await send(path, method: .get, headers: headers, body: nil)
    }

    /// Posts a form. The CSRF token is taken from `tokenFrom` (a page with a form) unless `csrf` is given;
    /// pass `csrf: ""` to send no token at all.
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)] = [], tokenFrom: String? = nil, csrf: String? = nil) async throws -> Page {
        var token = csrf
        if token == nil {
            token = try await get(tokenFrom ?? "/inloggen").csrfToken
        }
        var pairs = fields
        if let token, !token.isEmpty { pairs.append(("_csrf", token)) }
        let body = pairs.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: body))
    }

    /// Posts a multipart form with one optional file part, the CSRF token taken from `tokenFrom` like a browser would.
    @discardableResult
    func postMultipart(
        _ path: String, _ fields: [(String, String)], file: (field: String, filename: String, content: String)?, tokenFrom: String
    ) async throws -> Page {
        let boundary = "omzienboundary"
        var pairs = fields
        if let token = try await get(tokenFrom).csrfToken { pairs.insert(("_csrf", token), at: 0) }
        var body = pairs.map { "--\(boundary)\r\nContent-Disposition: form-data; name=\"\($0.0)\"\r\n\r\n\($0.1)\r\n" }.joined()
        if let file {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.filename)\"\r\n"
                + "Content-Type: text/csv\r\n\r\n\(file.content)\r\n"
        }
        body += "--\(boundary)--\r\n"
        return try await send(path, method: .post, headers: [.contentType: "multipart/form-data; boundary=\(boundary)"], body: ByteBuffer(string: body))
    }

    /// Logs in through the real form and returns the page the login redirected to.
    @discardableResult
    func login(_ email: String, password: String = DemoData.password) async throws -> Page {
        try await post("/inloggen", [("email", email), ("password", password)])
    }

    func logout() async throws {
        try await post("/uitloggen", tokenFrom: "/start")
    }

    private func send(_ path: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> Page {
        var headers = headers
        let cookieHeader = cookieSnapshot.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        if !cookieHeader.isEmpty { headers[.cookie] = cookieHeader }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body)
        for setCookie in response.headers[values: .setCookie] {
            let pair = setCookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            let expired = setCookie.lowercased().contains("max-age=0") || setCookie.contains("1970")
                || (setCookie.lowercased().contains("expires=") && Self.isPast(setCookie))
            lock.withLock { if expired || pair[1].isEmpty { cookies[pair[0]] = nil } else { cookies[pair[0]] = pair[1] } }
        }
        return Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }

    private static func isPast(_ setCookie: String) -> Bool {
        guard let range = setCookie.range(of: "Expires=", options: .caseInsensitive) else { return false }
        let text = setCookie[range.upperBound...].split(separator: ";")[0]
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: String(text)).map { $0 < Date() } ?? false
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-", "_", ".", "~"])) ?? text
    }
}
