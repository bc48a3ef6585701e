/// The caseload: the running or the closed trajectories, with tabs between the two; coordinators also
/// filter by team and on their own trajectories.
struct CaseloadPage: PageContent {
    let table: TableView
    /// Starting a trajectory (not above the closed ones).
    let newLink: Chrome.Link?
    let filters: CaseloadFilters

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <h1>\(chrome.title)</h1>
        \(newLink, { "<p><a class=\"button\" href=\"\($0.href)\">\($0.label)</a></p>" })
        \(filters.tabs(t, label: chrome.title))
        \(if: filters.isCoordinator, filters.html(t))
        \(table.html(t))
        """
    }
}

/// The tabs (running, closed) and, for coordinators, the team and "only mine" filters above the caseload.
struct CaseloadFilters: FilterForm {
    let isCoordinator: Bool
    let mine: Bool
    /// Showing the closed trajectories instead of the running ones.
    let closed: Bool
    let openLink: String
    let closedLink: String
    let teams: [FieldView.Option]

    /// Running or closed; the list shown is the current tab.
    func tabs(_ t: Texts, label: String) -> HTML {
        """
        <nav class="tabs" aria-label="\(label)"><ul>
        <li><a href="\(openLink)"\(if: !closed, " aria-current=\"page\"")>\(t["caseload_open"])</a></li>
        <li><a href="\(closedLink)"\(if: closed, " aria-current=\"page\"")>\(t["caseload_closed"])</a></li>
        </ul></nav>
        """
    }

    /// The team and "only mine" filters; the closed tab stays chosen when they are applied.
    func html(_ t: Texts) -> HTML {
        filterForm("""
          \(select("team", label: t["col_team"], teams))
          \(if: closed, "<input type=\"hidden\" name=\"afgesloten\" value=\"1\">")
          <div class="field"><label class="check" for="mijn"><input type="checkbox" id="mijn" name="mijn" value="1"\(if: mine, " checked")> \(t["caseload_only_mine"])</label></div>
        """, t)
    }
}
