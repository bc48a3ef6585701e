/// The retention periods form, the dry run with what it would remove, and the retention log.
struct RetentionPage: PageContent {
    let notice: String?
    let form: FormView
    /// What a dry run would remove, one line per rule; empty before a dry run.
    let dryRun: [String]
    let log: TableView
    let csrf: String

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <h1>\(chrome.title)</h1>
        \(Layout.notice(notice))
        \(form.html(t))
        <section aria-labelledby="proef-kop">
        <h2 id="proef-kop">\(t["retention_dry_title"])</h2>
        <p>\(t["retention_dry_intro"])</p>
        <form action="\(Route.retentionDryRun.href)" method="post"><input type="hidden" name="_csrf" value="\(csrf)"><button type="submit" class="button secondary">\(t["retention_dry_submit"])</button></form>
        <ul id="proefdraai">\(each: dryRun, { "<li>\($0)</li>" })</ul>
        </section>
        <section aria-labelledby="logboek-kop">
        <h2 id="logboek-kop">\(t["retention_log"])</h2>
        <div id="logboek">\(log.html(t))</div>
        </section>
        """
    }
}
