import Foundation
import OmzienCore

/// A rule a field's value must follow, declared once beside the field. Messages are translation keys.
struct FieldRule: Sendable {
    let message: String
    let arguments: [String]
    /// Whether the rule also judges an empty value (only "required" does: other rules let an empty optional field pass).
    let judgesEmpty: Bool
    let accepts: @Sendable (String) -> Bool

    /// The field must be filled in.
    static func required(_ message: String) -> FieldRule {
        FieldRule(message: message, arguments: [], judgesEmpty: true, accepts: { !$0.isEmpty })
    }

    /// At most `length` characters.
    static func maxLength(_ length: Int) -> FieldRule {
        FieldRule(message: "error_too_long", arguments: [String(length)], judgesEmpty: false, accepts: { $0.count <= length })
    }

    /// One of the listed values.
    static func oneOf(_ values: [String], _ message: String) -> FieldRule {
        let allowed = Set(values)
        return FieldRule(message: message, arguments: [], judgesEmpty: false, accepts: { allowed.contains($0) })
    }

    /// A value the check accepts (a postcode, a phone number, a year…).
    static func valid(_ message: String, _ check: @escaping @Sendable (String) -> Bool) -> FieldRule {
        FieldRule(message: message, arguments: [], judgesEmpty: false, accepts: check)
    }
}

/// How one field of a typed form is shown and what it must satisfy.
struct FieldSpec: Sendable {
    let kind: FieldView.Kind
    /// Translation key of the label (and of the hint, when there is one).
    let label: String
    var hint: String? = nil
    var rules: [FieldRule] = []
    var autocomplete = "off"
    /// For selects and radios: the values and the translation key prefix of their labels.
    var choices: [String] = []
    var choiceLabelPrefix = ""

    var isRequired: Bool { rules.contains { $0.judgesEmpty } }
}

/// What validation and rendering need from the request: today (for year limits) and the texts.
struct FormContext: Sendable {
    let today: CivilDate
    let text: @Sendable (String, [String]) -> String

    init(today: CivilDate, renderer: Renderer, language: Language) {
        self.today = today
        text = { key, arguments in renderer.translations.text(key, language, arguments: arguments) }
    }
}

/// A form as a type: its `Field` cases are the single list of its field names (they are also its coding
/// keys), each field's rules and presentation are declared once in `spec`, and the same declaration
/// decodes, validates and re-renders the form with what was typed.
protocol TypedForm: Decodable {
    associatedtype Field: CodingKey, CaseIterable, RawRepresentable, Sendable where Field.RawValue == String
    static func spec(_ field: Field, today: CivilDate) -> FieldSpec
}

extension TypedForm {
    /// The field names, in the order the form shows them.
    static var fieldNames: [String] { Field.allCases.map(\.rawValue) }

    /// The typed values of a posted form (missing fields are empty; a list keeps only the field's choices).
    static func decode(_ form: FormData) throws -> Self {
        // Choices never depend on the date, so any day will do to ask for them.
        let choices = Dictionary(uniqueKeysWithValues: Field.allCases.map { ($0.rawValue, spec($0, today: CivilDate(dayNumber: 0)).choices) })
        return try Self(from: FormDataDecoder(form: form, choices: choices))
    }

    /// Adds a message for every field in `fields` whose value breaks one of its rules (the first broken rule).
    static func validate(_ form: FormData, fields: [Field] = Array(Field.allCases), context: FormContext, into errors: inout FieldErrors) {
        for field in fields {
            let value = form[field.rawValue]
            for rule in spec(field, today: context.today).rules where (rule.judgesEmpty || !value.isEmpty) && !rule.accepts(value) {
                errors.add(field.rawValue, context.text(rule.message, rule.arguments))
                break
            }
        }
    }

    /// The controls of `fields`, showing what was typed and the messages.
    static func views(_ form: FormData, errors: FieldErrors, fields: [Field] = Array(Field.allCases), context: FormContext) -> [FieldView] {
        fields.map { field in
            let name = field.rawValue
            let spec = spec(field, today: context.today)
            var view = FieldView(name: name, label: context.text(spec.label, []), kind: spec.kind, value: form[name],
                                 hint: spec.hint.map { context.text($0, []) }, error: errors[name], autocomplete: spec.autocomplete,
                                 required: spec.isRequired)
            if !spec.choices.isEmpty {
                view.options = FieldView.options(spec.choices.map { ($0, context.text(spec.choiceLabelPrefix + $0, [])) },
                                                 selected: Set(form.chosen(name, among: spec.choices)))
            }
            return view
        }
    }
}

/// Decodes a typed form from posted fields: `String` (trimmed, empty when absent), `[String]` (the ticked
/// values among the field's choices, each once), `Int?` (nil when empty or not a number) and `Bool` (a ticked checkbox).
struct FormDataDecoder: Decoder {
    let form: FormData
    /// The known values of each list field; a list field without choices decodes as empty.
    var choices: [String: [String]] = [:]
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Container<Key>(form: form, choices: choices))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([String].self, .init(codingPath: codingPath, debugDescription: "a form is a set of named fields"))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw DecodingError.typeMismatch(String.self, .init(codingPath: codingPath, debugDescription: "a form is a set of named fields"))
    }

    struct Container<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let form: FormData
        let choices: [String: [String]]
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { form.fields.keys.compactMap(Key.init(stringValue:)) }

        func contains(_ key: Key) -> Bool { true }
        func decodeNil(forKey key: Key) throws -> Bool { form[key.stringValue].isEmpty }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { form[key.stringValue] }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { form[key.stringValue] == "on" }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
            guard let value = Int(form[key.stringValue]) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not a whole number")
            }
            return value
        }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { Int(form[key.stringValue]) }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            if T.self == [String].self { return form.chosen(key.stringValue, among: choices[key.stringValue] ?? []) as! T }
            throw DecodingError.typeMismatch(T.self, .init(codingPath: [key], debugDescription: "forms hold text, numbers, ticks and lists"))
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw DecodingError.typeMismatch(NestedKey.self, .init(codingPath: [key], debugDescription: "forms are flat"))
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw DecodingError.typeMismatch([String].self, .init(codingPath: [key], debugDescription: "forms are flat"))
        }
        func superDecoder() throws -> any Decoder { FormDataDecoder(form: form, choices: choices) }
        func superDecoder(forKey key: Key) throws -> any Decoder { FormDataDecoder(form: form, choices: choices) }
    }
}
