/// The routing page: each team's own districts, the extra rules with a button to remove each, and the
/// form to add a rule.
struct RoutingPage: PageContent {
    struct Rule {
        let team: String
        let conditions: String
        let removeAction: String
    }

    let rules: [Rule]
    /// One line per team: its name and the districts it serves without any rule.
    let defaults: [String]
    let form: FormView
    let notice: String?
    let csrf: String

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <h1>\(chrome.title)</h1>
        \(Layout.notice(notice))
        <h2>\(t["routing_defaults"])</h2>
        <ul>\(each: defaults, { "<li>\($0)</li>" })</ul>
        <h2>\(t["routing_rules"])</h2>
        \(if: rules.isEmpty, "<p>\(t["routing_none"])</p>", else: rulesTable(t))
        <h2>\(t["routing_add"])</h2>
        \(form.html(t))
        """
    }

    func rulesTable(_ t: Texts) -> HTML {
        """
        <div class="table-wrap"><table>
        <thead><tr><th scope="col">\(t["col_team"])</th><th scope="col">\(t["routing_conditions"])</th><th scope="col"><span class="visually-hidden">\(t["routing_remove"])</span></th></tr></thead>
        <tbody>\(each: rules, { rule($0, t) })</tbody>
        </table></div>
        """
    }

    func rule(_ rule: Rule, _ t: Texts) -> HTML {
        let remove = ActionButton(action: rule.removeAction, label: t["routing_remove"], csrf: csrf, danger: false)
        return "<tr><td>\(rule.team)</td><td>\(rule.conditions)</td><td>\(remove.html)</td></tr>"
    }
}
