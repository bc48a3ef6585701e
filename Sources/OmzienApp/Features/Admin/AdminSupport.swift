import Foundation
import Hummingbird
import OmzienCore

/// Small helpers shared by the administration screens.
extension StaffRequestContext {
    /// The municipality an administrator works in.
    var municipalityID: UUID { user.municipality.id }

    /// A UUID route parameter; anything else is "not found", never a 500.
    func uuidParameter(_ name: String) throws -> UUID {
        guard let text = parameters.get(name), let id = UUID(uuidString: text) else { throw AppError.notFound }
        return id
    }
}

/// Validation messages collected per field while reading a form.
struct FieldErrors: Error {
    private(set) var messages: [String: String] = [:]
    var isEmpty: Bool { messages.isEmpty }
    mutating func add(_ field: String, _ message: String) {
        if messages[field] == nil { messages[field] = message }
    }
    subscript(_ field: String) -> String? { messages[field] }
}

/// A page with a title, an optional notice, a table and a "new" link.
struct ListPage {
    let table: TableView
    let newLink: Chrome.Link?
    let notice: String?
    let filters: Any?
}

/// A page with a form (and optional extra actions below it).
struct EditPage {
    let form: FormView
    let notice: String?
    let actions: [ActionButton]
    let oneTimeLink: String?
}

/// A POST button that acts on a record (with its own CSRF token).
struct ActionButton {
    let action: String
    let label: String
    let csrf: String
    let danger: Bool
}
