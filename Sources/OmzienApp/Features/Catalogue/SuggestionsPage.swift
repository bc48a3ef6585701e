/// Suggestions from the social map for one trajectory: ranked cards with reasons, what matching left out and why,
/// and the referrals already made from here.
struct SuggestionsPage: PageContent {
    /// One line of a card's facts: "Waar: Buurthuis De Linde".
    struct Fact {
        let label: String
        let value: String
    }

    /// One suggested activity with its score, facts, reasons and the link that starts a referral to it.
    struct Row {
        let name: String
        let href: String
        let score: String
        let form: String
        let reasons: [String]
        let facts: [Fact]
        let referHref: String
    }

    /// An active activity matching left out, with why.
    struct LeftOut {
        let name: String
        let href: String
        let why: String
    }

    /// A referral made from this trajectory, with its answer so far.
    struct ReferralLine {
        let href: String
        let status: String
        let activity: String
        let sent: String
    }

    let back: Chrome.Link
    /// The facts matching used, joined ("75 tot 85 jaar · Noord"); shown even when empty, as before.
    let known: String
    let rows: [Row]
    let leftOut: [LeftOut]
    let leftOutTitle: String
    let referrals: [ReferralLine]

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <p><a href="\(back.href)">\(back.label)</a></p>
        <h1>\(chrome.title)</h1>
        <p>\(t["suggestions_intro"])</p>
        <p class="small">\(t["suggestions_known"]): \(known)</p>
        \(if: !rows.isEmpty, "<ol class=\"proposal\" id=\"suggesties\">\(each: rows, { card($0, t) })</ol>", else: "<p>\(t["suggestions_none"])</p>")
        \(if: !leftOut.isEmpty, leftOutList)
        \(if: !referrals.isEmpty, referralList(t))
        """
    }

    private func card(_ row: Row, _ t: Texts) -> HTML {
        """
        <li class="pair">
        <h2 class="pair-title"><a href="\(row.href)">\(row.name)</a> <span class="score">\(row.form) · \(t["coupling_score"]): \(row.score)</span></h2>
        <dl class="summary facts">\(each: row.facts, { "<dt>\($0.label)</dt><dd>\($0.value)</dd>" })</dl>
        <ul class="reasons">\(each: row.reasons, { "<li>\($0)</li>" })</ul>
        <p><a class="button secondary" href="\(row.referHref)">\(t["suggestions_refer"])</a></p>
        </li>
        """
    }

    private var leftOutList: HTML {
        """
        <details id="niet-voorgesteld">
        <summary>\(leftOutTitle)</summary>
        <ul>\(each: leftOut, { "<li><a href=\"\($0.href)\">\($0.name)</a>: \($0.why)</li>" })</ul>
        </details>
        """
    }

    private func referralList(_ t: Texts) -> HTML {
        """
        <h2>\(t["suggestions_referrals"])</h2>
        <ul id="verwijzingen">\(each: referrals, { "<li><a href=\"\($0.href)\">\($0.activity)</a> — \($0.status) (\($0.sent))</li>" })</ul>
        """
    }
}
