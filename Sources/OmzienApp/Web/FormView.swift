/// A form as the `form` partial renders it: fields with their typed values and errors, and an
/// error summary at the top that links to each field (GOV.UK pattern).
struct FormView {
    struct Hidden { let name: String; let value: String }

    var action: String
    var submitLabel: String
    var fields: [FieldView]
    var csrf: String
    var intro: String? = nil
    /// Values carried from earlier steps of a multi-step form (works without JavaScript or a session).
    var hidden: [Hidden] = []
    /// A secondary submit ("Vorige stap") that sends `name=value` so the server can go back.
    var backLabel: String? = nil
    /// Renders the honeypot field that people never see (spam protection on public forms).
    var honeypot = false
    /// Sends as multipart/form-data (file uploads).
    var multipart = false

    var errors: [FieldView] { fields.filter { $0.error != nil } }
    var hasErrors: Bool { !errors.isEmpty }

    /// A form that posts to one of Omzien's routes (the only kind of `action` there is).
    init(action: Route, submitLabel: String, fields: [FieldView], csrf: String, intro: String? = nil, hidden: [Hidden] = [],
         backLabel: String? = nil, honeypot: Bool = false, multipart: Bool = false) {
        self.action = action.href
        self.submitLabel = submitLabel
        self.fields = fields
        self.csrf = csrf
        self.intro = intro
        self.hidden = hidden
        self.backLabel = backLabel
        self.honeypot = honeypot
        self.multipart = multipart
    }
}

/// One form control. Exactly one of the `is…` flags is true.
struct FieldView {
    enum Kind { case text, email, password, select, checkboxes, checkbox, code, textarea, radios, tel, number, file }

    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    var name: String
    var label: String
    var kind: Kind = .text
    var value: String = ""
    var hint: String? = nil
    var error: String? = nil
    var options: [Option] = []
    var autocomplete: String = "off"
    var required = true

    var id: String { "veld-\(name)" }
    var isText: Bool { kind == .text }
    var isEmail: Bool { kind == .email }
    var isPassword: Bool { kind == .password }
    var isSelect: Bool { kind == .select }
    var isCheckboxes: Bool { kind == .checkboxes }
    var isCheckbox: Bool { kind == .checkbox }
    var isCode: Bool { kind == .code }
    var isTextarea: Bool { kind == .textarea }
    var isRadios: Bool { kind == .radios }
    var isTel: Bool { kind == .tel }
    var isNumber: Bool { kind == .number }
    var isFile: Bool { kind == .file }
    /// Checkbox and radio groups are fieldsets with a legend.
    var isGroup: Bool { kind == .checkboxes || kind == .radios }
    var checked: Bool { kind == .checkbox && value == "on" }
    var describedBy: String {
        [hint.map { _ in "\(id)-hint" }, error.map { _ in "\(id)-error" }].compactMap { $0 }.joined(separator: " ")
    }

    /// Options built from value/label pairs, marking those in `selected`.
    static func options(_ pairs: [(String, String)], selected: Set<String>) -> [Option] {
        pairs.map { Option(value: $0.0, label: $0.1, selected: selected.contains($0.0)) }
    }

    /// Options grouped under a heading (e.g. the signal categories).
    struct OptionGroup {
        let label: String
        let options: [Option]
    }
    var groups: [OptionGroup] = []
}

/// A table of records for list pages; cells are plain text, one cell may link to the record.
struct TableView {
    struct Row { let cells: [Cell] }
    struct Cell {
        let text: String
        var href: String?
        /// A cell that links to a route (or to nothing).
        init(text: String, href route: Route?) {
            self.text = text
            self.href = route?.href
        }
    }

    var caption: String
    var headers: [String]
    var rows: [Row]
    var emptyText: String
    var isEmpty: Bool { rows.isEmpty }
}
