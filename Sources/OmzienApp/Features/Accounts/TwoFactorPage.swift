/// Setting up the second factor: the steps, the key to type into the authenticator app (or its link),
/// and the form for the first code.
struct TwoFactorPage: PageContent {
    let form: FormView
    /// The key in groups of four, easier to type over.
    let key: String
    /// The `otpauth:` link an authenticator app on the same device opens.
    let url: String
    /// The account may do nothing else before it has a second factor.
    let mustEnrol: Bool

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <h1>\(t["twofactor_title"])</h1>
        \(if: mustEnrol, "<p class=\"notice\">\(t["twofactor_required"])</p>")
        <ol>
          <li>\(t["twofactor_step1"])</li>
          <li>\(t["twofactor_step2"]) <code class="secret">\(key)</code></li>
          <li>\(t["twofactor_step3"])</li>
        </ol>
        <p class="small">\(t["twofactor_link"]) <a href="\(url)">otpauth</a></p>
        \(form.html(t))
        """
    }
}

/// The account already has a second factor: it says so, and offers nothing to set up again.
struct TwoFactorDonePage: PageContent {
    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <h1>\(t["twofactor_title"])</h1>
        <p class="notice success">\(t["twofactor_enabled"])</p>
        """
    }
}
