/// The social map as staff keep it: every entry with its organisation, form, status and when it was last checked.
struct CatalogueListPage: PageContent {
    /// One entry, every value already in words.
    struct Row {
        let href: String
        let name: String
        let organisation: String
        let form: String
        let status: String
        let checked: String
        /// Not checked for a year: the date shows as overdue.
        let stale: Bool
    }

    let rows: [Row]
    let canCreate: Bool
    let staleLine: String
    let notice: String?

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <h1>\(chrome.title)</h1>
        \(Layout.notice(notice))
        <p>\(staleLine)</p>
        \(if: canCreate, "<p><a class=\"button\" href=\"\(Links.shared.newCatalogueEntry)\">\(t["catalogue_new"])</a></p>")
        \(if: !rows.isEmpty, table(t, chrome), else: "<p>\(t["catalogue_none"])</p>")
        """
    }

    private func table(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <div class="table-wrap"><table id="aanbod">
        <caption class="visually-hidden">\(chrome.title)</caption>
        <thead><tr><th scope="col">\(t["col_name"])</th><th scope="col">\(t["catalogue_col_organisation"])</th><th scope="col">\(t["catalogue_col_form"])</th><th scope="col">\(t["col_status"])</th><th scope="col">\(t["catalogue_col_checked"])</th></tr></thead>
        <tbody>\(each: rows, { row($0, t) })</tbody>
        </table></div>
        """
    }

    private func row(_ row: Row, _ t: Texts) -> HTML {
        let checked: HTML = row.stale ? "<strong class=\"overdue\">\(row.checked) — \(t["catalogue_stale"])</strong>" : "\(row.checked)"
        return "<tr><th scope=\"row\"><a href=\"\(row.href)\">\(row.name)</a></th><td>\(row.organisation)</td><td>\(row.form)</td><td>\(row.status)</td><td>\(checked)</td></tr>"
    }
}

/// One entry of the social map in its form; for a stored entry, when it was checked and (for a coordinator)
/// the button that marks it checked today.
struct CatalogueEditPage: PageContent {
    /// When a stored entry was last checked, and its public page.
    struct Checked {
        let line: String
        let stale: Bool
        let publicHref: String
    }

    let form: FormView
    let back: Chrome.Link
    let checked: Checked?
    /// Where a coordinator marks the entry checked; nil for others and for a new entry.
    let checkAction: String?
    let notice: String?
    let csrf: String

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <p><a href="\(back.href)">\(back.label)</a></p>
        <h1>\(chrome.title)</h1>
        \(Layout.notice(notice))
        \(checked, { checkedLine($0, t) })
        \(checkAction, { "<form action=\"\($0)\" method=\"post\"><input type=\"hidden\" name=\"_csrf\" value=\"\(csrf)\"><button type=\"submit\" class=\"button secondary\">\(t["catalogue_mark_checked"])</button></form>" })
        \(form.html(t))
        """
    }

    private func checkedLine(_ checked: Checked, _ t: Texts) -> HTML {
        let stale: HTML = checked.stale ? "<strong class=\"overdue\">\(t["catalogue_stale"])</strong> " : ""
        return "<p>\(stale)\(checked.line) · <a href=\"\(checked.publicHref)\">\(t["catalogue_public_page"])</a></p>"
    }
}
