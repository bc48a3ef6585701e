/// The staff pages around signals that are small enough to share a file: the agenda, the notifications,
/// the partner's report form and the queue's filters.
extension AgendaPage: PageContent {
    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <h1>\(chrome.title)</h1>
        <p class="lead">\(t["agenda_today"]) \(today)</p>
        \(Self.section(t["agenda_due"], id: "agenda-due", due, late: false, t))
        \(Self.section(t["agenda_overdue"], id: "agenda-overdue", overdue, late: true, t))
        \(Self.section(t["agenda_upcoming"], id: "agenda-upcoming", upcoming, late: false, t))
        """
    }

    /// One heading with its items; the list element stays when empty, so its id can always be found.
    static func section(_ heading: String, id: String, _ items: [Item], late: Bool, _ t: Texts) -> HTML {
        """
        <h2>\(heading)</h2>
        \(if: items.isEmpty, "<p>\(t["agenda_nothing"])</p>")
        <ul class="agenda" id="\(id)">\(each: items, { item($0, late: late) })</ul>
        """
    }

    /// A late date is marked, so it stands out without relying on colour alone (the class adds the text style).
    static func item(_ item: Item, late: Bool) -> HTML {
        "<li><strong\(if: late, " class=\"overdue\"")>\(item.date)</strong> · \(item.kind) · <a href=\"\(item.href)\">\(item.label)</a></li>"
    }
}

/// The user's notifications, each a link to what it is about.
struct NotificationsPage: PageContent {
    let items: [AppNotification.View]

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <h1>\(chrome.title)</h1>
        \(if: items.isEmpty, "<p>\(t["notifications_empty"])</p>")
        <ul class="notifications">\(each: items, { "<li><a href=\"\($0.href)\">\($0.text)</a></li>" })</ul>
        """
    }
}

/// A partner's report form: one page, with the caution to contact the GP first where it matters.
struct PartnerSignalPage: PageContent {
    let form: FormView

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <h1>\(chrome.title)</h1>
        <div class="caution" role="note"><p>\(t["signal_caution"]) \(t["signal_caution_gp_before"])</p></div>
        \(form.html(t))
        """
    }
}

/// The queue's filters: the team (coordinators only, others see their own team) and "only overdue".
extension SignalsController.QueueFilters: FilterForm {
    func html(_ t: Texts) -> HTML {
        filterForm("""
          \(if: isCoordinator, select("team", label: t["col_team"], teams))
          <div class="field"><label class="check" for="te_laat"><input type="checkbox" id="te_laat" name="te_laat" value="1"\(if: onlyOverdue, " checked")> \(t["queue_only_overdue"])</label></div>
        """, t)
    }
}
