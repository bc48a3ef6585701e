import Mustache

/// Mustache sees only stored properties (through `Mirror`). View models with computed values the
/// templates need adopt this and list those values in `computed(_:)`.
protocol TemplateValues: MustacheParent {
    func computed(_ name: String) -> Any?
}

extension TemplateValues {
    public func child(named name: String) -> Any? {
        if let value = computed(name) { return value }
        guard let stored = Mirror(reflecting: self).children.first(where: { $0.label == name })?.value else { return nil }
        let mirror = Mirror(reflecting: stored)
        guard mirror.displayStyle == .optional else { return stored }
        return mirror.children.first?.value
    }
}

extension FieldView: TemplateValues {
    func computed(_ name: String) -> Any? {
        switch name {
        case "id": id
        case "isText": isText
        case "isEmail": isEmail
        case "isPassword": isPassword
        case "isSelect": isSelect
        case "isCheckboxes": isCheckboxes
        case "isCheckbox": isCheckbox
        case "isCode": isCode
        case "isTextarea": isTextarea
        case "isRadios": isRadios
        case "isTel": isTel
        case "isNumber": isNumber
        case "isFile": isFile
        case "isGroup": isGroup
        case "checked": checked
        case "describedBy": describedBy.isEmpty ? nil : describedBy
        default: nil
        }
    }
}

extension FormView: TemplateValues {
    func computed(_ name: String) -> Any? {
        switch name {
        case "errors": errors
        case "hasErrors": hasErrors
        default: nil
        }
    }
}

extension TableView: TemplateValues {
    func computed(_ name: String) -> Any? { name == "isEmpty" ? isEmpty : nil }
}

extension Chrome: TemplateValues {
    func computed(_ name: String) -> Any? { name == "hasNav" ? !nav.isEmpty : nil }
}

extension EditPage: TemplateValues {
    func computed(_ name: String) -> Any? { name == "hasActions" ? !actions.isEmpty : nil }
}
