/// The login page: the e-mail and password form, and a line on where to get help.
struct LoginPage: PageContent {
    let form: FormView
    let notice: String?

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <h1>\(t["login_title"])</h1>
        \(Layout.notice(notice))
        \(form.html(t))
        <p class="small">\(t["login_help"])</p>
        """
    }
}
