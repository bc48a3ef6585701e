/// A page with a title, an optional notice, optional filters, a table and a "new" link.
struct ListPage: PageContent {
    let table: TableView
    let newLink: Chrome.Link?
    let notice: String?
    var filters: (any FilterForm)? = nil

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <h1>\(chrome.title)</h1>
        \(Layout.notice(notice))
        \(newLink, { "<p><a class=\"button\" href=\"\($0.href)\">\($0.label)</a></p>" })
        \(filters, { $0.html(t) })
        \(table.html(t))
        """
    }
}

/// The search form above a list (`GET`, so the filtered list has its own address).
protocol FilterForm {
    func html(_ t: Texts) -> HTML
}

extension FilterForm {
    /// The frame every filter form shares: its fields, then the apply button.
    func filterForm(_ fields: HTML, _ t: Texts) -> HTML {
        """
        <form class="filters" method="get" role="search">
          \(fields)
          <button type="submit" class="button secondary">\(t["filter_apply"])</button>
        </form>
        """
    }

    /// A labelled select of a filter form.
    func select(_ name: String, label: String, _ options: [FieldView.Option]) -> HTML {
        """
        <div class="field"><label for="\(name)">\(label)</label><select id="\(name)" name="\(name)">\(each: options, { "<option value=\"\($0.value)\"\(if: $0.selected, " selected")>\($0.label)</option>" })</select></div>
        """
    }

    /// A labelled input of a filter form (`type` text, search or date).
    func input(_ name: String, type: String, label: String, value: String) -> HTML {
        "<div class=\"field\"><label for=\"\(name)\">\(label)</label><input type=\"\(type)\" id=\"\(name)\" name=\"\(name)\" value=\"\(value)\"></div>"
    }
}

/// A page with a form (and optional extra actions below it).
struct EditPage: PageContent {
    let form: FormView
    let notice: String?
    let actions: [ActionButton]
    let oneTimeLink: String?

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <h1>\(chrome.title)</h1>
        \(Layout.notice(notice))
        \(oneTimeLink, { Self.oneTimeLink($0, t) })
        \(form.html(t))
        \(if: !actions.isEmpty, "<div class=\"actions\">\(each: actions, { $0.html })</div>")
        """
    }

    /// A link that sets a password, shown once to the administrator to hand over.
    static func oneTimeLink(_ link: String, _ t: Texts) -> HTML {
        """
        <div class="notice" role="status">
          <p>\(t["one_time_link_text"])</p>
          <p><code class="one-time-link">\(link)</code></p>
        </div>
        """
    }
}

/// A page that is one form, with an optional link back above its heading.
struct FormPage: PageContent {
    let form: FormView
    var back: Chrome.Link? = nil

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        \(back, { "<p><a href=\"\($0.href)\">\($0.label)</a></p>" })
        <h1>\(chrome.title)</h1>
        \(form.html(t))
        """
    }
}

/// A POST button that acts on a record (with its own CSRF token).
struct ActionButton {
    let action: String
    let label: String
    let csrf: String
    let danger: Bool

    var html: HTML {
        """
        <form action="\(action)" method="post"><input type="hidden" name="_csrf" value="\(csrf)"><button type="submit" class="button \(danger ? "danger" : "secondary")">\(label)</button></form>
        """
    }
}
