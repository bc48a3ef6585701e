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
