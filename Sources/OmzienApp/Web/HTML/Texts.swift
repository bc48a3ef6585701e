/// The interface texts of one request's language, as pages read them: `t["login_title"]`.
///
/// Keys are checked by `TranslationsTests` (every `t["…"]` in the sources exists in every catalogue).
struct Texts: Sendable {
    let language: Language
    let translations: Translations

    /// One text; a missing key shows the key itself, never an empty place.
    subscript(_ key: String) -> String { translations.text(key, language) }

    /// One text with `%@` placeholders filled in order.
    func callAsFunction(_ key: String, _ arguments: String...) -> String {
        translations.text(key, language, arguments: arguments)
    }

    /// A count text in the form its number needs; see `Translations.count`.
    func count(_ key: String, _ count: Int, _ arguments: String...) -> String {
        translations.plural(key, PluralForm.of(count), language, arguments: [String(count)] + arguments)
    }
}

/// What every page gives the layout: its main content, drawn with the request's texts.
protocol PageContent {
    /// The inside of `<main>`.
    func main(_ t: Texts, _ chrome: Chrome) -> HTML
}
