/// The coordinator's registry of volunteers: whether each may be coupled, and why not.
struct VolunteersPage: PageContent {
    struct Row {
        let name: String
        let href: String
        let vog: String
        let training: String
        let capacity: String
        let status: String
        /// The volunteer cannot be coupled for a reason other than being full: the status stands out.
        let blocked: Bool
    }

    let rows: [Row]
    let notice: String?

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <h1>\(chrome.title)</h1>
        \(Layout.notice(notice))
        <p>\(t["volunteers_intro"])</p>
        \(if: rows.isEmpty, "<p>\(t["volunteers_none"])</p>", else: table(t, chrome))
        """
    }

    func table(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <div class="table-wrap"><table id="vrijwilligers">
        <caption class="visually-hidden">\(chrome.title)</caption>
        <thead><tr><th scope="col">\(t["col_name"])</th><th scope="col">\(t["volunteer_col_vog"])</th><th scope="col">\(t["volunteer_col_training"])</th><th scope="col">\(t["volunteer_col_capacity"])</th><th scope="col">\(t["col_status"])</th></tr></thead>
        <tbody>\(each: rows, Self.row)</tbody>
        </table></div>
        """
    }

    static func row(_ row: Row) -> HTML {
        let status: HTML = row.blocked ? "<strong class=\"overdue\">\(row.status)</strong>" : "\(row.status)"
        return "<tr><th scope=\"row\"><a href=\"\(row.href)\">\(row.name)</a></th><td>\(row.vog)</td><td>\(row.training)</td><td>\(row.capacity)</td><td>\(status)</td></tr>"
    }
}

/// The waiting list (people who asked for a volunteer) and the couplings that are proposed or running.
struct CouplingWaitingPage: PageContent {
    struct Waiting {
        let name: String
        let district: String
        let since: String
        let days: String
        let hopes: String
    }

    struct Coupled {
        let href: String
        let person: String
        let volunteer: String
        let status: String
        let lastCheckIn: String
        let checkInOverdue: Bool
        /// The volunteer asked for backup and nobody has resolved it yet.
        let backup: Bool
    }

    let waiting: [Waiting]
    let couplings: [Coupled]

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <h1>\(chrome.title)</h1>
        <section aria-labelledby="wachtlijst-kop">
        <h2 id="wachtlijst-kop">\(t["coupling_waiting_list"])</h2>
        \(if: waiting.isEmpty, "<p>\(t["coupling_waiting_none"])</p>", else: waitingTable(t))
        </section>
        <section aria-labelledby="koppelingen-kop">
        <h2 id="koppelingen-kop">\(t["coupling_open"])</h2>
        \(if: couplings.isEmpty, "<p>\(t["coupling_open_none"])</p>", else: couplingsTable(t))
        </section>
        """
    }

    func waitingTable(_ t: Texts) -> HTML {
        """
        <p><a class="button" href="\(Route.couplingProposal.href)">\(t["coupling_make_proposal"])</a></p>
        <div class="table-wrap"><table id="wachtlijst">
        <caption class="visually-hidden">\(t["coupling_waiting_list"])</caption>
        <thead><tr><th scope="col">\(t["col_name"])</th><th scope="col">\(t["col_district"])</th><th scope="col">\(t["coupling_col_since"])</th><th scope="col">\(t["coupling_col_days"])</th><th scope="col">\(t["coupling_col_hopes"])</th></tr></thead>
        <tbody>\(each: waiting, { "<tr><th scope=\"row\">\($0.name)</th><td>\($0.district)</td><td>\($0.since)</td><td>\($0.days)</td><td>\($0.hopes)</td></tr>" })</tbody>
        </table></div>
        """
    }

    func couplingsTable(_ t: Texts) -> HTML {
        """
        <div class="table-wrap"><table id="koppelingen">
        <caption class="visually-hidden">\(t["coupling_open"])</caption>
        <thead><tr><th scope="col">\(t["coupling_col_person"])</th><th scope="col">\(t["coupling_col_volunteer"])</th><th scope="col">\(t["col_status"])</th><th scope="col">\(t["coupling_col_last_checkin"])</th><th scope="col">\(t["coupling_col_signals"])</th></tr></thead>
        <tbody>\(each: couplings, { Self.row($0, t) })</tbody>
        </table></div>
        """
    }

    static func row(_ row: Coupled, _ t: Texts) -> HTML {
        let signals: HTML = """
        \(if: row.backup, "<strong class=\"overdue\">\(t["coupling_backup_open"])</strong> ")\
        \(if: row.checkInOverdue, "<strong class=\"overdue\">\(t["coupling_checkin_overdue"])</strong>")
        """
        return "<tr><th scope=\"row\"><a href=\"\(row.href)\">\(row.person)</a></th><td>\(row.volunteer)</td><td>\(row.status)</td><td>\(row.lastCheckIn)</td><td>\(signals)</td></tr>"
    }
}

/// The optimal proposal: each pair with its score and reasons, to accept (or swap) or reject, and the people
/// left without a volunteer with the reason why.
struct CouplingProposalPage: PageContent {
    struct Pair {
        let person: String
        let district: String
        let volunteer: String
        let score: String
        let reasons: [String]
        let requestID: String
        let volunteerID: String
        /// The proposed volunteer first, then the alternatives a coordinator may swap in.
        let choices: [FieldView.Option]
    }

    struct Unmatched { let person: String; let reason: String }

    let summary: String
    let pairs: [Pair]
    let unmatched: [Unmatched]
    let csrf: String

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <p><a href="\(Route.waitingList.href)">\(t["coupling_back_waiting"])</a></p>
        <h1>\(chrome.title)</h1>
        <p>\(summary)</p>
        <p class="small">\(t["coupling_proposal_explain"])</p>
        \(if: pairs.isEmpty, "<p>\(t["coupling_proposal_none"])</p>", else: "<ol class=\"proposal\" id=\"voorstel\">\(each: pairs, { pair($0, t) })</ol>")
        \(if: !unmatched.isEmpty, unmatchedList(t))
        """
    }

    func pair(_ pair: Pair, _ t: Texts) -> HTML {
        """
        <li class="pair">
        <h2 class="pair-title">\(pair.person) <span class="small">(\(pair.district))</span> — \(pair.volunteer) <span class="score">\(t["coupling_score"]): \(pair.score)</span></h2>
        <ul class="reasons">\(each: pair.reasons, { "<li>\($0)</li>" })</ul>
        <div class="pair-actions">
        <form action="\(Route.waitingList.href)" method="post" class="inline-form">
        <input type="hidden" name="_csrf" value="\(csrf)"><input type="hidden" name="request_id" value="\(pair.requestID)">
        <label for="kies-\(pair.requestID)">\(t["coupling_choose_volunteer"])</label>
        <select id="kies-\(pair.requestID)" name="volunteer_id">\(each: pair.choices, { "<option value=\"\($0.value)\"\(if: $0.selected, " selected")>\($0.label)</option>" })</select>
        <button type="submit" class="button">\(t["coupling_accept"])</button>
        </form>
        <form action="\(Route.couplingExclude.href)" method="post" class="inline-form">
        <input type="hidden" name="_csrf" value="\(csrf)"><input type="hidden" name="request_id" value="\(pair.requestID)"><input type="hidden" name="volunteer_id" value="\(pair.volunteerID)">
        <button type="submit" class="button secondary">\(t["coupling_reject"]): \(pair.volunteer)</button>
        </form>
        </div>
        </li>
        """
    }

    func unmatchedList(_ t: Texts) -> HTML {
        """
        <h2>\(t["coupling_unmatched"])</h2>
        <ul id="niet-gekoppeld">\(each: unmatched, { "<li><strong>\($0.person)</strong>: \($0.reason)</li>" })</ul>
        """
    }
}
