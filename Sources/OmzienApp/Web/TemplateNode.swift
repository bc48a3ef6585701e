import Mustache

/// The only way values reach a template: every value the template looks up passes through here.
///
/// swift-mustache prints a missing value that sits in a dictionary (`[String: Any]` holding a `String?`) or
/// in a doubly optional property as the word `nil`, and treats it as present in a section. Wrapping the
/// whole render object makes absence mean the same everywhere: every layer of `Optional` is removed, and
/// `nil` is an absent value (an empty variable, a skipped section, a shown inverted section). View models
/// can then use optionals freely without a template ever showing `nil` or `Optional(…)` to a user.
struct TemplateNode: MustacheParent, CustomStringConvertible {
    let value: Any

    func child(named name: String) -> Any? {
        let found: Any?
        if let parent = value as? any MustacheParent {
            found = parent.child(named: name)
        } else {
            found = Mirror(reflecting: value).children.first { $0.label == name }?.value
        }
        return found.flatMap(Self.present)
    }

    /// Printing a node prints what it wraps (an `{{.}}` of a struct or enum reads as before).
    var description: String { String(describing: value) }

    /// The value as a template should see it: nil when absent at any depth of optionals; containers
    /// wrapped again so their own children are cleaned the same way when looked up.
    static func present(_ value: Any) -> Any? {
        guard let value = unwrapped(value) else { return nil }
        switch value {
        // Leaves the renderer treats specially must stay themselves: a Bool decides a section.
        case is Bool, is String, is Substring, is MustacheTemplate, is MustacheLambda, is any MustacheCustomRenderable,
             is any MustacheCustomRepresentation:
            return value
        case let sequence as any MustacheSequence:
            return elements(of: sequence)
        case is any MustacheParent:
            return TemplateNode(value: value)
        default:
            switch Mirror(reflecting: value).displayStyle {
            case .struct?, .class?, .tuple?: return TemplateNode(value: value)
            default: return value
            }
        }
    }

    /// Removes every layer of `Optional`; nil when one of them is empty.
    static func unwrapped(_ value: Any) -> Any? {
        var current = value
        while let optional = current as? any TemplateOptional {
            guard let wrapped = optional.templateWrapped else { return nil }
            current = wrapped
        }
        return current
    }

    /// A list's elements, each cleaned; absent elements are left out rather than printed.
    static func elements<S: Sequence>(of sequence: S) -> [Any] {
        sequence.compactMap { present($0) }
    }
}

/// Lets `TemplateNode` look inside an `Optional` of any type.
protocol TemplateOptional {
    var templateWrapped: Any? { get }
}

extension Optional: TemplateOptional {
    var templateWrapped: Any? { map { $0 as Any } }
}
