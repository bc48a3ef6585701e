import Foundation
import Mustache
import Testing
@testable import OmzienApp

/// Templates are named by type and checked when the renderer starts.
@Suite struct TemplateTests {
    @Test func everyTemplateFileIsAPageOrAPartialAndEveryNameHasAFile() throws {
        let folder = RouteLiteralTests.appFolder.appendingPathComponent("Resources/templates")
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(".mustache".count)) })
        let named = Set(Template.allCases.map(\.rawValue)).union(Partial.allCases.map(\.rawValue))
        #expect(files == named, "files without a name: \(files.subtracting(named).sorted()); names without a file: \(named.subtracting(files).sorted())")
    }

    @Test func aMissingTemplateStopsTheStartWithItsName() throws {
        var library = MustacheLibrary()
        let present = try #require(Template.allCases.first), absent = try #require(Template.allCases.last)
        try library.register("{{page}}", named: present.rawValue)
        #expect(throws: MissingTemplateError.self) { try library.checkComplete() }
        do {
            try library.checkComplete()
        } catch let error as MissingTemplateError {
            #expect(error.names.contains(absent.rawValue))
            #expect(!error.names.contains(present.rawValue))
            #expect(error.description.contains(absent.rawValue))
        }
    }

    @Test func theRealTemplatesAreComplete() async throws {
        let renderer = try await Renderer(translations: try Translations.load())
        try renderer.library.checkComplete()
    }
}
