/// A list of referrals: the user's own, or those received by their organisation (with how many are overdue).
struct ReferralsPage: PageContent {
    /// One referral. An anonymised one names no one and links nowhere.
    struct Row {
        let href: String
        let anonymised: Bool
        let person: String
        let activity: String
        let sent: String
        let status: String
        let overdue: Bool
    }

    let rows: [Row]
    /// The referrer's own list offers a new referral and the social map.
    let own: Bool
    /// The receiving side's count of overdue referrals; nil on the own list.
    let overdueLine: String?

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        let links = Links.shared
        return """
        <h1>\(chrome.title)</h1>
        \(overdueLine, { "<p>\($0)</p>" })
        \(if: own, "<p><a class=\"button\" href=\"\(links.newReferral)\">\(t["referral_new_title"])</a> <a href=\"\(links.activities)\">\(t["referral_find_activity"])</a></p>")
        \(if: !rows.isEmpty, table(t, chrome), else: "<p>\(t["referrals_none"])</p>")
        """
    }

    private func table(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <div class="table-wrap"><table id="verwijzingen">
        <caption class="visually-hidden">\(chrome.title)</caption>
        <thead><tr><th scope="col">\(t["coupling_col_person"])</th><th scope="col">\(t["referral_field_activity"])</th><th scope="col">\(t["referral_sent_on"])</th><th scope="col">\(t["col_status"])</th></tr></thead>
        <tbody>\(each: rows, { row($0, t) })</tbody>
        </table></div>
        """
    }

    private func row(_ row: Row, _ t: Texts) -> HTML {
        let person: HTML = row.anonymised ? "\(row.person)" : "<a href=\"\(row.href)\">\(row.person)</a>"
        let overdue: HTML = row.overdue ? " <strong class=\"overdue\">\(t["referral_overdue"])</strong>" : ""
        return "<tr><th scope=\"row\">\(person)</th><td>\(row.activity)</td><td>\(row.sent)</td><td>\(row.status)\(overdue)</td></tr>"
    }
}

/// One referral: its facts, what it shares (while consent stands), and for the receiving side the answer form.
struct ReferralPage: PageContent {
    /// One line of a summary list: "Verstuurd op: 3 december 2026".
    struct Fact {
        let term: String
        let value: String
    }

    /// The receiving side's answer: the next steps the loop allows, a reason and the feedback typed so far.
    struct Answer {
        struct Step {
            let value: String
            let label: String
        }

        let action: String
        let steps: [Step]
        let reasons: [FieldView.Option]
        let feedback: String
    }

    let back: Chrome.Link
    let notice: String?
    let problem: String?
    let consentWithdrawn: String?
    let overdue: Bool
    let personLink: Chrome.Link?
    let facts: [Fact]
    let shared: [Fact]
    /// Present only while the receiving side may answer (consent stands, the referral is open).
    let answer: Answer?
    let withdrawAction: String?
    let csrf: String

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <p><a href="\(back.href)">\(back.label)</a></p>
        <h1>\(chrome.title)</h1>
        \(Layout.notice(notice))
        \(problem, { "<p class=\"notice error\" role=\"alert\">\($0)</p>" })
        \(consentWithdrawn, { "<p class=\"notice error\" role=\"status\">\($0)</p>" })
        \(if: overdue, "<p class=\"notice\"><strong class=\"overdue\">\(t["referral_overdue"])</strong></p>")
        \(personLink, { "<p><a href=\"\($0.href)\" id=\"persoon-link\">\($0.label)</a></p>" })
        <dl class="summary" id="verwijzing">\(each: facts, Self.fact)</dl>
        \(if: !shared.isEmpty, "<h2>\(t["referral_shared"])</h2>\n<dl class=\"summary\" id=\"gedeeld\">\(each: shared, Self.fact)</dl>")
        \(answer, { answerForm($0, t) })
        \(withdrawAction, { "<form action=\"\($0)\" method=\"post\"><input type=\"hidden\" name=\"_csrf\" value=\"\(csrf)\"><button type=\"submit\" class=\"button secondary\">\(t["referral_withdraw"])</button></form>" })
        """
    }

    private static func fact(_ fact: Fact) -> HTML { "<dt>\(fact.term)</dt><dd>\(fact.value)</dd>" }

    private func answerForm(_ answer: Answer, _ t: Texts) -> HTML {
        """
        <section aria-labelledby="antwoord-kop">
        <h2 id="antwoord-kop">\(t["referral_answer"])</h2>
        <form action="\(answer.action)" method="post">
        <input type="hidden" name="_csrf" value="\(csrf)">
        <fieldset><legend>\(t["referral_next_step"])</legend>
        \(each: answer.steps, { "<label class=\"check\"><input type=\"radio\" name=\"status\" value=\"\($0.value)\"> \($0.label)</label>" })
        </fieldset>
        <label for="veld-reason">\(t["referral_reason_field"])</label>
        <select id="veld-reason" name="reason"><option value="">—</option>\(each: answer.reasons, { "<option value=\"\($0.value)\"\(if: $0.selected, " selected")>\($0.label)</option>" })</select>
        <label for="veld-feedback">\(t["referral_feedback_field"])</label>
        <textarea id="veld-feedback" name="feedback" rows="3">\(answer.feedback)</textarea>
        <p class="hint">\(t["referral_feedback_hint"])</p>
        <button type="submit" class="button">\(t["save"])</button>
        </form>
        </section>
        """
    }
}
