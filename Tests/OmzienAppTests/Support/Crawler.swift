import Foundation
import Hummingbird
import HummingbirdTesting
import OmzienCore
@testable import OmzienApp

/// Follows every same-site link a visitor is shown, breadth first, with GET only, and collects what a
/// user should never meet: a broken or refused link, and template debris on a page.
///
/// Addresses are grouped by pattern (UUIDs and numbers replaced, query keys kept), and only a few
/// addresses of each pattern are opened, so a list with three thousand rows costs three detail pages.
struct Crawler {
    /// One defect, with everything needed to find it again.
    struct Finding: CustomStringConvertible, Sendable {
        let visitor: String
        let page: String
        let problem: String
        var description: String { "[\(visitor)] \(page): \(problem)" }
        /// Two findings are the same defect when they differ only in the records' ids.
        var key: String { Crawler.pattern(of: page) + " " + problem.replacing(/[0-9A-Fa-f]{8}-[0-9A-Fa-f-]{27}/, with: "{id}") }
    }

    let browser: Browser
    /// Nil for an anonymous visitor.
    let role: Role?
    /// How many addresses of one pattern are opened.
    var perPattern = 3
    /// A guard against a crawl that never ends (a link that makes new links).
    var maxPages = 600

    var visitor: String { role?.rawValue ?? "anonymous" }

    /// Crawls from `starts`; returns the defects and how many addresses were opened.
    func crawl(from starts: [String]) async throws -> (findings: [Finding], opened: Int) {
        var queue: [(path: String, from: String)] = starts.map { ($0, "(start)") }
        var seen = Set(starts)
        var perPatternCount: [String: Int] = [:]
        for start in starts { perPatternCount[Self.pattern(of: start), default: 0] += 1 }
        var findings: [Finding] = []
        // The same defect on every row of a list is reported once.
        var reported = Set<String>()
        var opened = 0
        while !queue.isEmpty, opened < maxPages {
            let (path, from) = queue.removeFirst()
            opened += 1
            let (problems, links) = try await visit(path, from: from, index: opened)
            findings += problems.filter { !reported.contains($0.key) }
            reported.formUnion(problems.map(\.key))
            for link in Self.spread(links) where !seen.contains(link) {
                seen.insert(link)
                let pattern = Self.pattern(of: link)
                guard perPatternCount[pattern, default: 0] < perPattern else { continue }
                perPatternCount[pattern, default: 0] += 1
                queue.append((link, path))
            }
        }
        if opened >= maxPages { findings.append(Finding(visitor: visitor, page: "-", problem: "crawl stopped after \(maxPages) pages")) }
        return (findings, opened)
    }

    /// Opens one address; returns its defects and the same-site addresses it leads to.
    func visit(_ path: String, from: String, index: Int = 0) async throws -> ([Finding], [String]) {
        // The language switch sets a cookie: open it in a copy of the browser, so the crawl keeps its language.
        let page = path.hasPrefix("/taal/")
            ? try await Browser(browser.client, cookies: browser.cookieSnapshot).get(path)
            : try await browser.get(path)
        let finding = { (problem: String) in Finding(visitor: visitor, page: from, problem: problem) }
        let status = page.status.code
        if status >= 500 || status == 404 {
            return ([finding("link \(path) answered \(status)")], [])
        }
        if status == 401 || status == 403 {
            let decision = AccessMatrixTests.allows(role, path: path).map { $0 ? "the access matrix allows it" : "the access matrix refuses it" }
            return ([finding("link \(path) answered \(status) (\(decision ?? "no route in the access matrix")): the page shows a link this visitor cannot open")], [])
        }
        if (300..<400).contains(status) {
            guard let location = page.location, let target = Self.resolve(location, base: path) else { return ([], []) }
            if role != nil, target.hasPrefix("/inloggen") {
                return ([finding("link \(path) sent a signed-in \(visitor) to \(location)")], [])
            }
            return ([], [target])
        }
        guard page.headers[.contentType]?.hasPrefix("text/html") == true else { return ([], []) }
        Self.dump(page.body, path: path, visitor: visitor, language: browser.cookieSnapshot["omzien_lang"] ?? "nl", index: index)
        let problems = Self.problems(in: page.body).map { Finding(visitor: visitor, page: path, problem: $0) }
        return (problems, Self.links(in: page.body, base: path))
    }

    /// With `OMZIEN_CRAWL_DUMP` set to a folder, every HTML page the crawl opens is written there, so the pages
    /// of two builds can be compared (used when the rendering of pages changed and must look the same).
    static func dump(_ body: String, path: String, visitor: String, language: String, index: Int) {
        guard let folder = ProcessInfo.processInfo.environment["OMZIEN_CRAWL_DUMP"] else { return }
        let name = "\(language)_\(visitor)_\(index)_" + path.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: "\(folder)/\(name.prefix(200)).html", contents: Data(body.utf8))
    }

    /// The links of a page with, per pattern, the first, the last and the middle one first: a list's last
    /// rows are its oldest records (the anonymised ones), which the first few alone would never reach.
    static func spread(_ links: [String]) -> [String] {
        var groups: [String: [String]] = [:]
        var order: [String] = []
        for link in links {
            let pattern = pattern(of: link)
            if groups[pattern] == nil { order.append(pattern) }
            groups[pattern, default: []].append(link)
        }
        return order.flatMap { pattern -> [String] in
            let group = groups[pattern] ?? []
            guard group.count > 2 else { return group }
            let picks = [group[0], group[group.count - 1], group[group.count / 2]]
            return picks + group.filter { !picks.contains($0) }
        }
    }

    // MARK: Reading pages

    /// Same-site addresses of the `<a href>`s on a page, fragments removed; other sites, mail, phone and
    /// logging out are left alone.
    static func links(in html: String, base: String) -> [String] {
        html.matches(of: /<a\b[^>]*?\shref="([^"]*)"/).compactMap { match in
            resolve(decodeEntities(String(match.1)), base: base)
        }.filter { !$0.hasPrefix("/uitloggen") }
    }

    /// A link as a site path with query, or nil when it leaves the site or goes nowhere.
    static func resolve(_ href: String, base: String) -> String? {
        let target = String(href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        if target.isEmpty { return nil }
        if target.hasPrefix("//") || target.contains(":") && !target.hasPrefix("/") { return nil }
        if target.hasPrefix("?") { return basePath(base) + target }
        if target.hasPrefix("/") { return target }
        // A relative path: next to the current page.
        let folder = basePath(base).split(separator: "/").dropLast().joined(separator: "/")
        return "/" + (folder.isEmpty ? "" : folder + "/") + target
    }

    static func basePath(_ path: String) -> String { String(path.split(separator: "?", maxSplits: 1).first ?? "/") }

    /// `/trajecten/3F2…?tab=a` → `/trajecten/{id}?tab`: addresses that show the same kind of page.
    static func pattern(of path: String) -> String {
        let parts = path.split(separator: "?", maxSplits: 1)
        let segments = parts[0].split(separator: "/").map { segment -> String in
            if UUID(uuidString: String(segment)) != nil { return "{id}" }
            if segment.allSatisfy(\.isNumber) { return "{n}" }
            return String(segment)
        }
        let keys = parts.count > 1 ? parts[1].split(separator: "&").map { String($0.split(separator: "=").first ?? "") }.sorted() : []
        return "/" + segments.joined(separator: "/") + (keys.isEmpty ? "" : "?" + keys.joined(separator: "&"))
    }

    static func decodeEntities(_ text: String) -> String {
        var result = text.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        while let match = result.firstMatch(of: /&#(x?)([0-9A-Fa-f]+);/) {
            let scalar = UInt32(String(match.2), radix: match.1.isEmpty ? 10 : 16).flatMap(Unicode.Scalar.init).map(String.init) ?? "?"
            result.replaceSubrange(match.range, with: scalar)
        }
        return result
    }

    /// Template debris and unnamed links on one HTML page.
    static func problems(in html: String) -> [String] {
        let shown = html.replacing(/<script\b.*?<\/script>/.dotMatchesNewlines(), with: "")
            .replacing(/<style\b.*?<\/style>/.dotMatchesNewlines(), with: "")
        var problems: [String] = []
        for match in shown.matches(of: /\bnil\b/) { problems.append("shows the word nil: …\(excerpt(shown, around: match.range))…") }
        for match in shown.matches(of: /Optional\(/) { problems.append("shows Optional(: …\(excerpt(shown, around: match.range))…") }
        for match in shown.matches(of: /\{\{|\}\}/) { problems.append("shows an unrendered \(match.0): …\(excerpt(shown, around: match.range))…") }
        for match in shown.matches(of: /<a\b([^>]*)>(.*?)<\/a>/.dotMatchesNewlines()) where isUnnamed(attributes: String(match.1), content: String(match.2)) {
            problems.append("has a link without text: \(match.0)")
        }
        for match in shown.matches(of: /<h1\b[^>]*>(.*?)<\/h1>/.dotMatchesNewlines())
        where match.1.replacing(/<[^>]*>/, with: "").trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix(":") {
            problems.append("has a heading whose value is missing: \(match.0)")
        }
        return problems
    }

    /// A link a screen reader cannot name: no text, no image text, no aria-label.
    static func isUnnamed(attributes: String, content: String) -> Bool {
        if attributes.contains(/aria-label(ledby)?="[^"]*\S[^"]*"/) { return false }
        if content.contains(/alt="[^"]*\S[^"]*"/) { return false }
        let text = content.replacing(/<[^>]*>/, with: "")
        return text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    static func excerpt(_ text: String, around range: Range<String.Index>) -> String {
        let start = text.index(range.lowerBound, offsetBy: -60, limitedBy: text.startIndex) ?? text.startIndex
        let end = text.index(range.upperBound, offsetBy: 60, limitedBy: text.endIndex) ?? text.endIndex
        return String(text[start..<end]).replacingOccurrences(of: "\n", with: " ")
    }
}

extension AccessMatrixTests {
    /// Whether the access matrix lets `role` (nil: anonymous) GET this concrete path; nil when no route matches.
    static func allows(_ role: Role?, path: String) -> Bool? {
        let plain = Crawler.basePath(path)
        let routes = matrix.filter { $0.key.hasPrefix("GET ") }
        // A fixed route (`/verwijzingen/ontvangen`) wins over a parameter (`/verwijzingen/{id}`).
        let match = routes.first { $0.key == "GET " + plain } ?? routes.first { route in
            let segments = route.key.dropFirst(4).split(separator: "/")
            let concrete = plain.split(separator: "/")
            return segments.count == concrete.count && zip(segments, concrete).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }
        guard let audience = match?.value else { return nil }
        return switch audience {
        case .everyone: true
        case .signedIn: role != nil
        case .roles(let roles): role.map(roles.contains) ?? false
        // Only a scraper with the metrics token; no page links there.
        case .bearerToken: false
        }
    }
}
