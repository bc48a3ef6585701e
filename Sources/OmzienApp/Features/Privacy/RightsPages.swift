/// Finding a person to export or erase: a POST search (a name must not end up in a URL) and the results.
struct RightsSearchPage: PageContent {
    let table: TableView
    let words: String
    let csrf: String
    let notice: String?

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <h1>\(chrome.title)</h1>
        \(Layout.notice(notice))
        <p>\(t["rights_intro"])</p>
        <form action="\(Links.shared.people)" method="post" class="filters" role="search">
        <input type="hidden" name="_csrf" value="\(csrf)">
        <div class="field"><label for="filter-zoek">\(t["rights_search_label"])</label><input type="text" id="filter-zoek" name="zoek" value="\(words)"></div>
        <button type="submit" class="button">\(t["filter_submit"])</button>
        </form>
        <div id="personen">\(table.html(t))</div>
        """
    }
}

/// One person's rights page: what is held, the export (asking the password again) and the erasure, or why
/// erasure is not possible now.
struct RightsPersonPage: PageContent {
    let summary: [String]
    let exportAction: String
    let eraseAction: String
    /// Why erasure must wait (care still in progress); nil when it is possible.
    let blocker: String?
    let problem: String?
    let notice: String?
    let csrf: String

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <p><a href="\(Links.shared.people)">\(t["rights_back"])</a></p>
        <h1>\(chrome.title)</h1>
        \(problem, { "<p class=\"notice error\" role=\"alert\">\($0)</p>" })
        \(Layout.notice(notice))
        <h2>\(t["rights_held"])</h2>
        <ul id="overzicht">\(each: summary, { "<li>\($0)</li>" })</ul>
        \(exportSection(t))
        <section aria-labelledby="wissen-kop">
        <h2 id="wissen-kop">\(t["rights_erase"])</h2>
        \(if: blocker != nil, "<p class=\"notice\">\(blocker)</p>", else: eraseForm(t))
        </section>
        """
    }

    private func exportSection(_ t: Texts) -> HTML {
        """
        <section aria-labelledby="export-kop">
        <h2 id="export-kop">\(t["rights_export"])</h2>
        <form action="\(exportAction)" method="post">
        <input type="hidden" name="_csrf" value="\(csrf)">
        <fieldset><legend>\(t["rights_format"])</legend>
        <label class="check"><input type="radio" name="format" value="html" checked> \(t["rights_format_html"])</label>
        <label class="check"><input type="radio" name="format" value="json"> \(t["rights_format_json"])</label>
        </fieldset>
        <label for="veld-export-password">\(t["users_confirm_password"])</label>
        <input type="password" id="veld-export-password" name="confirm_password" autocomplete="current-password">
        <button type="submit" class="button">\(t["rights_export_submit"])</button>
        </form>
        </section>
        """
    }

    private func eraseForm(_ t: Texts) -> HTML {
        """
        <p>\(t["rights_erase_intro"])</p>
        <form action="\(eraseAction)" method="post">
        <input type="hidden" name="_csrf" value="\(csrf)">
        <label for="veld-erase-password">\(t["users_confirm_password"])</label>
        <input type="password" id="veld-erase-password" name="confirm_password" autocomplete="current-password">
        <button type="submit" class="button danger">\(t["rights_erase_submit"])</button>
        </form>
        """
    }
}

/// The readable export of everything held about a person, section by section, ending with who viewed it.
struct RightsExportPage: PageContent {
    /// One line of a section: a field's Dutch label and its value, or a moment and what happened.
    struct Row {
        let term: String
        let value: String
    }

    struct Section {
        let heading: String
        let rows: [Row]
    }

    let sections: [Section]

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <h1>\(chrome.title)</h1>
        <p>\(t["rights_export_intro"])</p>
        \(each: sections, Self.section)
        """
    }

    private static func section(_ section: Section) -> HTML {
        """
        <section class="export-section">
        <h2>\(section.heading)</h2>
        <dl class="summary">\(each: section.rows, { "<dt>\($0.term)</dt><dd>\($0.value)</dd>" })</dl>
        </section>
        """
    }
}
