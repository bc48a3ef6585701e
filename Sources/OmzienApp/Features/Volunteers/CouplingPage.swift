/// A coupling as the coordinator and the person's professional follow it: who, the state of both agreements,
/// why this pair, the goals, backup requests and check-ins; the coordinator sets the terms, either ends it.
struct CouplingPage: PageContent {
    struct Fact { let term: String; let value: String }
    struct Backup {
        let at: String
        let note: String
        /// Not resolved yet: shown with a button to resolve it.
        let open: Bool
        let action: String
    }
    struct Choice { let value: String; let label: String }

    let back: Chrome.Link
    let problem: String?
    let status: String
    /// "Ended on … — how — why" once the coupling has ended.
    let ended: String?
    let person: String
    let personHref: String
    let volunteer: String
    /// Phone and e-mail of the volunteer; empty when neither is known.
    let volunteerContact: String
    let facts: [Fact]
    let score: String
    let reasons: [String]
    let goals: [String]
    let backups: [Backup]
    let checkIns: [CheckInLine]
    let csrf: String
    let awaitsPerson: Bool
    let agreeAction: String
    let isCoordinator: Bool
    let rhythmAction: String
    let periodMonths: String
    let checkinDays: String
    let proposed: Bool
    let withdrawAction: String
    let active: Bool
    let endAction: String
    let endKinds: [Choice]
    let endReasons: [Choice]

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <p><a href="\(back.href)">\(back.label)</a></p>
        <h1>\(chrome.title)</h1>
        \(problem, { "<p class=\"notice error\" role=\"alert\">\($0)</p>" })
        <p class="notice" role="status">\(t["col_status"]): <strong id="koppeling-status">\(status)</strong>\(ended, { " — \($0)" })</p>
        <dl class="summary">
        <dt>\(t["coupling_col_person"])</dt><dd><a href="\(personHref)">\(person)</a></dd>
        <dt>\(t["coupling_col_volunteer"])</dt><dd>\(volunteer)\(nonEmpty: volunteerContact, { " · \($0)" })</dd>
        \(each: facts, { "<dt>\($0.term)</dt><dd>\($0.value)</dd>" })
        </dl>
        \(if: awaitsPerson, agreement(t))
        <h2>\(t["coupling_why"])</h2>
        <p>\(t["coupling_score"]): \(score)</p>
        <ul class="reasons">\(each: reasons, { "<li>\($0)</li>" })</ul>
        <h2>\(t["coupling_goals"])</h2>
        \(CheckInLine.goals(goals, t))
        <section aria-labelledby="hulp-kop">
        <h2 id="hulp-kop">\(t["coupling_backups"])</h2>
        \(if: backups.isEmpty, "<p>\(t["coupling_backups_none"])</p>", else: "<ul id=\"hulpvragen\">\(each: backups, { backup($0, t) })</ul>")
        </section>
        \(CheckInLine.list(checkIns, t))
        \(if: isCoordinator, terms(t))
        \(if: active, ending(t))
        """
    }

    func agreement(_ t: Texts) -> HTML {
        """
        <section aria-labelledby="akkoord-kop">
        <h2 id="akkoord-kop">\(t["coupling_person_agreement"])</h2>
        <form action="\(agreeAction)" method="post">
        <input type="hidden" name="_csrf" value="\(csrf)">
        <label class="check" for="veld-agreed"><input type="checkbox" id="veld-agreed" name="agreed"> \(t["coupling_person_agreement_text"])</label>
        <button type="submit" class="button">\(t["coupling_record_agreement"])</button>
        </form>
        </section>
        """
    }

    func backup(_ backup: Backup, _ t: Texts) -> HTML {
        let state: HTML = backup.open ? """
            <strong class="overdue">\(t["coupling_backup_open"])</strong>
            <form action="\(backup.action)" method="post" class="inline-form"><input type="hidden" name="_csrf" value="\(csrf)"><button type="submit" class="button secondary">\(t["coupling_backup_resolve"])</button></form>
            """ : "(\(t["coupling_backup_resolved"]))"
        return "<li>\(backup.at): \(backup.note) \(state)</li>"
    }

    /// The coordinator's part: the period and check-in rhythm, and withdrawing a proposal.
    func terms(_ t: Texts) -> HTML {
        """
        <form action="\(rhythmAction)" method="post" class="inline-form">
        <input type="hidden" name="_csrf" value="\(csrf)">
        <label for="veld-period_months">\(t["coupling_period_field"])</label>
        <input type="text" inputmode="numeric" class="short" id="veld-period_months" name="period_months" value="\(periodMonths)">
        <label for="veld-checkin_days">\(t["coupling_rhythm_field"])</label>
        <input type="text" inputmode="numeric" class="short" id="veld-checkin_days" name="checkin_days" value="\(checkinDays)">
        <button type="submit" class="button secondary">\(t["save"])</button>
        </form>
        \(if: proposed, "<form action=\"\(withdrawAction)\" method=\"post\"><input type=\"hidden\" name=\"_csrf\" value=\"\(csrf)\"><button type=\"submit\" class=\"button secondary\">\(t["coupling_withdraw"])</button></form>")
        """
    }

    func ending(_ t: Texts) -> HTML {
        """
        <section aria-labelledby="einde-kop">
        <h2 id="einde-kop">\(t["coupling_end_title"])</h2>
        <form action="\(endAction)" method="post">
        <input type="hidden" name="_csrf" value="\(csrf)">
        <fieldset><legend>\(t["coupling_end_how"])</legend>
        \(each: endKinds, { "<label class=\"check\"><input type=\"radio\" name=\"end_kind\" value=\"\($0.value)\"> \($0.label)</label>" })
        </fieldset>
        <label for="veld-end_reason">\(t["coupling_end_reason"])</label>
        <select id="veld-end_reason" name="end_reason"><option value="">—</option>\(each: endReasons, { "<option value=\"\($0.value)\">\($0.label)</option>" })</select>
        <label for="veld-end_note">\(t["coupling_end_note"])</label>
        <textarea id="veld-end_note" name="end_note" rows="3"></textarea>
        <button type="submit" class="button">\(t["coupling_end_submit"])</button>
        </form>
        </section>
        """
    }
}

/// One check-in as the coupling pages list it, and the two lists both pages share.
struct CheckInLine {
    let date: String
    let how: String
    let what: String

    /// The check-ins under their heading, or a line that there are none.
    static func list(_ lines: [CheckInLine], _ t: Texts) -> HTML {
        """
        <h2>\(t["coupling_checkins"])</h2>
        \(if: lines.isEmpty, "<p>\(t["coupling_checkins_none"])</p>", else: "<ul id=\"contactmomenten\">\(each: lines, { "<li>\($0.date) — \($0.how): \($0.what)</li>" })</ul>")
        """
    }

    /// The goals the coupling serves, or a line that there are none.
    static func goals(_ goals: [String], _ t: Texts) -> HTML {
        "\(if: goals.isEmpty, "<p>\(t["coupling_goals_none"])</p>", else: "<ul>\(each: goals, { "<li>\($0)</li>" })</ul>")"
    }
}

/// The professional's request for a volunteer from the trajectory: the wishes form, or the request that waits.
struct CouplingRequestPage: PageContent {
    struct Line { let href: String; let text: String }

    let back: Chrome.Link
    let notice: String?
    /// "Waiting since …" while a request is on the waiting list (then there is no form).
    let waiting: String?
    let couplings: [Line]
    let form: FormView?

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <p><a href="\(back.href)">\(back.label)</a></p>
        <h1>\(chrome.title)</h1>
        \(Layout.notice(notice))
        \(waiting, { "<p class=\"notice\" role=\"status\">\($0)</p>" })
        <ul class="plain">\(each: couplings, { "<li><a href=\"\($0.href)\">\($0.text)</a></li>" })</ul>
        \(form, { $0.html(t) })
        """
    }
}
