/// The frame around every page: head, skip link, header with language switch, user and navigation, footer.
enum Layout {
    static func page(_ main: HTML, chrome: Chrome, t: Texts, links: Links = .shared) -> HTML {
        """
        <!doctype html>
        <html lang="\(chrome.lang)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(chrome.title) – \(t["site_name"])</title>
        <link rel="stylesheet" href="\(links.stylesheet)">
        </head>
        <body class="\(chrome.isPublic ? "public" : "staff")">
        <a class="skip-link" href="#inhoud">\(t["skip_link"])</a>
        <header class="site-header">
          <div class="bar">
            <a class="brand" href="\(chrome.brandHref)">\(t["site_name"])</a>
            <div class="header-tools">
              <a class="lang" href="\(chrome.switchLanguage.href)">\(chrome.switchLanguage.label)</a>
              \(account(chrome, t: t, links: links))
            </div>
          </div>
          \(if: !chrome.nav.isEmpty, navigation(chrome, t: t))
        </header>
        <main id="inhoud" data-role="\(chrome.role)" tabindex="-1">
        \(main)
        </main>
        <footer class="site-footer"><p>\(t["footer"])</p></footer>
        </body>
        </html>
        """
    }

    /// Who is signed in, with the logout button; or the login link.
    static func account(_ chrome: Chrome, t: Texts, links: Links) -> HTML {
        guard let user = chrome.user else { return "<a href=\"\(links.login)\">\(t["login"])</a>" }
        return """
        <span class="who">\(user.name) · \(user.roleLabel) · \(user.municipality)</span>
              <form class="logout" action="\(links.logout)" method="post">
                <input type="hidden" name="_csrf" value="\(chrome.csrf)">
                <button type="submit" class="link-button">\(t["logout"])</button>
              </form>
        """
    }

    static func navigation(_ chrome: Chrome, t: Texts) -> HTML {
        """
        <nav aria-label="\(t["nav_label"])">
            <ul>
              \(each: chrome.nav, { "<li><a href=\"\($0.href)\"\(if: $0.current, " aria-current=\"page\"")>\($0.label)</a></li>" })
            </ul>
          </nav>
        """
    }

    /// The confirmation line pages show after a redirect ("Opgeslagen.").
    static func notice(_ text: String?) -> HTML {
        "\(text, { "<p class=\"notice success\" role=\"status\">\($0)</p>" })"
    }
}
