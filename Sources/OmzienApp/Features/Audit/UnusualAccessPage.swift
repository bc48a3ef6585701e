/// The unusual-access report: its settings (period, window, threshold) as a form that keeps them in the
/// address, then bursts of reading, refused attempts and wrong second-factor codes, one table each.
struct UnusualAccessPage: PageContent {
    /// The settings in words ("in de afgelopen 7 dagen …").
    let intro: String
    let days: Int
    let minutes: Int
    let threshold: Int
    let bursts: TableView
    let denied: TableView
    let secondFactor: TableView

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <p><a href="\(Links.shared.audit)">\(t["unusual_back"])</a></p>
        <h1>\(chrome.title)</h1>
        <p>\(intro)</p>
        <form action="\(Links.shared.auditUnusual)" method="get" class="filters">
        \(Self.number("dagen", label: t["unusual_days"], value: days))
        \(Self.number("minuten", label: t["unusual_minutes"], value: minutes))
        \(Self.number("drempel", label: t["unusual_threshold"], value: threshold))
        <button type="submit" class="button secondary">\(t["filter_submit"])</button>
        </form>
        <h2>\(t["unusual_bursts"])</h2>
        <div id="pieken">\(bursts.html(t))</div>
        <h2>\(t["unusual_denied"])</h2>
        <div id="geweigerd">\(denied.html(t))</div>
        <h2>\(t["unusual_second_factor"])</h2>
        <div id="tweestaps">\(secondFactor.html(t))</div>
        """
    }

    /// One short number field of the settings form (typed as text with a numeric keyboard).
    private static func number(_ name: String, label: String, value: Int) -> HTML {
        "<div class=\"field\"><label for=\"filter-\(name)\">\(label)</label><input type=\"text\" inputmode=\"numeric\" class=\"short\" id=\"filter-\(name)\" name=\"\(name)\" value=\"\(value)\"></div>"
    }
}
