/// Validation messages collected per field while reading a form.
struct FieldErrors: Error {
    private(set) var messages: [String: String] = [:]
    var isEmpty: Bool { messages.isEmpty }
    mutating func add(_ field: String, _ message: String) {
        if messages[field] == nil { messages[field] = message }
    }
    subscript(_ field: String) -> String? { messages[field] }
}
