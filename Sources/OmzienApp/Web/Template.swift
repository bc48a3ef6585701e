import Foundation
import Mustache

/// Every page template, by name: a page can only be rendered with a template that exists, and the
/// renderer checks at start that each of them (and each partial) was loaded, so a missing file stops
/// the start with its name instead of failing on the first request that needs it.
public enum Template: String, CaseIterable, Sendable {

}

/// The pieces templates include (`{{>form}}`) or wrap themselves in (`{{<layout}}`).
enum Partial: String, CaseIterable, Sendable {
    case form
    case layout
    case table
}

/// A template file that the code expects but the templates folder lacks.
struct MissingTemplateError: Error, CustomStringConvertible {
    let names: [String]
    var description: String { "missing templates in Resources/templates: " + names.joined(separator: ", ") }
}

extension MustacheLibrary {
    /// Fails with the names of every page template and partial that was not loaded.
    func checkComplete() throws {
        let missing = Template.allCases.map(\.rawValue).filter { getTemplate(named: $0) == nil }
            + Partial.allCases.map(\.rawValue).filter { getTemplate(named: $0) == nil }
        if !missing.isEmpty { throw MissingTemplateError(names: missing) }
    }
}
