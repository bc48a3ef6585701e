/// The person's consent registry: every consent with its state (valid, expired, withdrawn, replaced), the
/// withdraw button on a current one, and the form that records a new one.
struct ConsentsPage: PageContent {
    /// What became of a consent: withdrawn or replaced on a date (long form), or still current with its withdraw address.
    enum State {
        case withdrawn(String)
        case superseded(String)
        case current(withdrawAction: String)
    }

    /// One consent, every value already in words.
    struct Row {
        let purpose: String
        let recipient: String
        let form: String
        let by: String
        let on: String
        let expires: String
        let valid: Bool
        /// The purpose's code, for the withdraw form's `data-purpose`.
        let code: String
        let state: State
    }

    let back: Chrome.Link
    let notice: String?
    let rows: [Row]
    let form: FormView
    let csrf: String

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <p><a href="\(back.href)">\(back.label)</a></p>
        <h1>\(chrome.title)</h1>
        \(notice, { "<p class=\"notice\" role=\"status\">\($0)</p>" })
        <p>\(t["consent_intro"])</p>
        \(if: !rows.isEmpty, table(t, chrome), else: "<p>\(t["consent_none"])</p>")
        <h2>\(t["consent_new"])</h2>
        \(form.html(t))
        """
    }

    private func table(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <div class="table-wrap"><table id="toestemmingen">
        <caption class="visually-hidden">\(chrome.title)</caption>
        <thead><tr><th scope="col">\(t["consent_field_purpose"])</th><th scope="col">\(t["consent_field_recipient"])</th><th scope="col">\(t["referral_field_consent_form"])</th><th scope="col">\(t["consent_given_on"])</th><th scope="col">\(t["consent_field_expires"])</th><th scope="col">\(t["col_status"])</th></tr></thead>
        <tbody>\(each: rows, { row($0, t) })</tbody>
        </table></div>
        """
    }

    private func row(_ row: Row, _ t: Texts) -> HTML {
        """
        <tr><th scope="row">\(row.purpose)</th><td>\(row.recipient)</td><td>\(row.form) (\(row.by))</td><td>\(row.on)</td><td>\(row.expires)</td>
        <td>\(status(row, t))</td></tr>
        """
    }

    private func status(_ row: Row, _ t: Texts) -> HTML {
        switch row.state {
        case .withdrawn(let date): "<strong class=\"overdue\">\(t["consent_withdrawn_on"]) \(date)</strong>"
        case .superseded(let date): "\(t["consent_superseded_on"]) \(date)"
        case .current(let action):
            """
            \(row.valid ? t["consent_valid"] : t["consent_expired"])
            <form action="\(action)" method="post" class="inline-form" data-purpose="\(row.code)"><input type="hidden" name="_csrf" value="\(csrf)"><button type="submit" class="button secondary">\(t["consent_withdraw"])</button></form>
            """
        }
    }
}
