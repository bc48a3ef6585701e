import Foundation
import Hummingbird
import OmzienCore
import Testing
@testable import OmzienApp

/// Addresses are spelled in one place, `Route`: the sources and templates may not spell a path.
@Suite struct RouteLiteralTests {
    static let appFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/OmzienApp")

    static func files(withExtension ext: String) throws -> [URL] {
        let enumerator = FileManager.default.enumerator(at: appFolder, includingPropertiesForKeys: nil)
        var result: [URL] = []
        while let url = enumerator?.nextObject() as? URL {
            if url.pathExtension == ext { result.append(url) }
        }
        return result.sorted { $0.path < $1.path }
    }


    @Test func noSwiftFileSpellsAPathOutsideRoute() throws {
        let files = try Self.files(withExtension: "swift")
        #expect(files.count > 50, "the sources were not found at \(Self.appFolder.path)")
        // A string literal that starts like a path: `"/signalen"`, `"/beheer/\(x)"`.
        let pathLiteral = try Regex(#""/[A-Za-z\\]"#)
        var offenders: [String] = []
        for file in files where !["Route.swift", "RoutePaths.swift"].contains(file.lastPathComponent) {
            let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
            for (number, line) in lines.enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                if code.hasPrefix("//") { continue }
                if line.contains(pathLiteral) { offenders.append("\(file.lastPathComponent):\(number + 1): \(code)") }
            }
        }
        #expect(offenders.isEmpty, "path literals outside Route.swift and RoutePaths.swift:\n\(offenders.joined(separator: "\n"))")
    }

    /// Pages take every address whole from their view model: `href="\(page.back)"`, never `href="/x/\(id)"`.
    /// Only a fragment (`#veld-x`) or a `tel:`/`mailto:` before one value may be written around it.
    @Test func pagesTakeAddressesWholeFromTheirViewModel() throws {
        let attribute = try Regex(#"(href|action|src)=\\?"(.*?)\\?""#)
        let whole = try Regex(#"(tel:|mailto:)?\\\((?:[^"/]|\([^"]*\))*\)"#)
        var offenders: [String] = [], seen = 0
        for file in try Self.files(withExtension: "swift") {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: attribute) {
                seen += 1
                guard let value = match.output[2].substring else { continue }
                if value.hasPrefix("#") || value.isEmpty || value.wholeMatch(of: whole) != nil { continue }
                offenders.append("\(file.lastPathComponent): \(text[match.range])")
            }
        }
        #expect(seen > 40, "only \(seen) addresses found in the pages: the pattern no longer matches how pages write them")
        #expect(offenders.isEmpty, "pages that build or spell an address:\n\(offenders.joined(separator: "\n"))")
        // The check itself finds a glued address.
        #expect(#"href="/signalen/\(id)""#.firstMatch(of: attribute).flatMap { $0.output[2].substring }.map { $0.wholeMatch(of: whole) == nil } == true)
    }

    @Test func linksAndPatternsAreBuiltFromTheSameSegments() {
        let id = UUID()
        #expect(Route.signal(id).href == "/signalen/\(id.uuidString)")
        #expect(Route.signal(.routeKey).pattern == "/signalen/{id}")
        #expect(Route.signal(.routeKey).href == "/signalen/{id}")
        #expect(Route.trajectory(id, phase: .wishes).href == "/trajecten/\(id.uuidString)?\(Route.phaseKey)=\(Phase.wishes.rawValue)")
        #expect(Route.trajectoryPhase(id, to: .wishes).href.hasSuffix("/fase?\(Route.phaseKey)=\(Phase.wishes.rawValue)"))
        #expect(Route.landing.href == "/")
        #expect(Route.evaluationReport(year: .routeKey).pattern == "/evaluatie/rapport/{year}")
        #expect(Route.signal(id).href(.saved, fragment: "x") == "/signalen/\(id.uuidString)?opgeslagen=1#x")
        // A value is escaped, so it can never add a path segment or a query of its own.
        #expect(Route.password(token: "a/b?c").href == "/wachtwoord/a%2Fb%3Fc")
        #expect(Route.users(search: "a&b=c").href == "/beheer/gebruikers?zoek=a%26b%3Dc")
    }

    /// Every navigation item and shortcut is a route the router answers with `GET`.
    @Test func everyNavigationItemIsARegisteredRoute() async throws {
        let app = try await TestApp.make()
        let registered = Set(app.router.routes.filter { $0.method == .get }.map { $0.path.description })
        try await app.run { _ in }
        for item in Navigation.all {
            let pattern = String(item.route.pattern.dropFirst())
            #expect(registered.contains(pattern) || registered.contains("/" + pattern), "\(item.labelKey) links to \(item.route.pattern), which is not registered")
        }
    }
}
