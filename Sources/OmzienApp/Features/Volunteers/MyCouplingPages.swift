/// The volunteer's list of their own couplings.
struct MyCouplingsPage: PageContent {
    struct Row { let href: String; let name: String; let status: String }

    let rows: [Row]

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <h1>\(chrome.title)</h1>
        <p>\(t["my_couplings_intro"])</p>
        \(if: rows.isEmpty, "<p>\(t["my_couplings_none"])</p>", else: "<ul id=\"mijn-koppelingen\">\(each: rows, { "<li><a href=\"\($0.href)\">\($0.name)</a> — \($0.status)</li>" })</ul>")
        """
    }
}

/// One coupling as the volunteer sees it: only what they need (first name, phone while it runs, district,
/// goals, the professional to call), agreeing, check-ins and asking for backup.
struct MyCouplingPage: PageContent {
    let notice: String?
    let problem: String?
    let status: String
    let firstName: String
    /// Only while the coupling runs; empty otherwise.
    let phone: String
    let district: String
    let professional: String
    /// The professional's e-mail; empty when unknown.
    let professionalContact: String
    let goals: [String]
    let csrf: String
    let mustAgree: Bool
    let agreeAction: String
    let waitingForPerson: Bool
    /// The check-in form, while the coupling is active.
    let form: FormView?
    let canAskBackup: Bool
    let openBackup: Bool
    let backupAction: String
    let checkIns: [CheckInLine]

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <p><a href="\(Route.myCouplings.href)">\(t["my_couplings_back"])</a></p>
        <h1>\(chrome.title)</h1>
        \(Layout.notice(notice))
        \(problem, { "<p class=\"notice error\" role=\"alert\">\($0)</p>" })
        <dl class="summary">
        <dt>\(t["col_status"])</dt><dd id="koppeling-status">\(status)</dd>
        <dt>\(t["my_coupling_first_name"])</dt><dd>\(firstName)</dd>
        \(nonEmpty: phone, { "<dt>\(t["my_coupling_phone"])</dt><dd>\($0)</dd>" })
        <dt>\(t["col_district"])</dt><dd>\(district)</dd>
        <dt>\(t["my_coupling_professional"])</dt><dd>\(professional)\(nonEmpty: professionalContact, { " · \($0)" })</dd>
        </dl>
        <h2>\(t["coupling_goals"])</h2>
        \(CheckInLine.goals(goals, t))
        \(if: mustAgree, "<form action=\"\(agreeAction)\" method=\"post\"><input type=\"hidden\" name=\"_csrf\" value=\"\(csrf)\"><p>\(t["my_coupling_agree_text"])</p><button type=\"submit\" class=\"button\">\(t["my_coupling_agree"])</button></form>")
        \(if: waitingForPerson, "<p class=\"notice\">\(t["my_coupling_waiting_for_person"])</p>")
        \(form, { checkInForm($0, t) })
        \(if: canAskBackup, backup(t))
        \(CheckInLine.list(checkIns, t))
        """
    }

    func checkInForm(_ form: FormView, _ t: Texts) -> HTML {
        """
        <section aria-labelledby="contact-kop">
        <h2 id="contact-kop">\(t["checkin_title"])</h2>
        \(form.html(t))
        </section>
        """
    }

    func backup(_ t: Texts) -> HTML {
        """
        <section aria-labelledby="hulp-kop">
        <h2 id="hulp-kop">\(t["backup_title"])</h2>
        <p>\(t["backup_intro"])</p>
        \(if: openBackup, "<p class=\"notice\">\(t["backup_pending"])</p>")
        <form action="\(backupAction)" method="post">
        <input type="hidden" name="_csrf" value="\(csrf)">
        <label for="veld-note">\(t["backup_field_note"])</label>
        <textarea id="veld-note" name="note" rows="3"></textarea>
        <button type="submit" class="button danger" id="hulp-vragen">\(t["backup_submit"])</button>
        </form>
        </section>
        """
    }
}
