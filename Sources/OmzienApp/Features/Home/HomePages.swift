/// A signed-in user's start page: who they are, what needs attention, their tasks and shortcuts.
struct StartPage: PageContent {
    let greeting: String
    let roleLabel: String
    let roleIntro: String
    let tasks: [String]
    let municipality: String
    let secondFactorMissing: Bool
    /// What needs attention, each leading to where it is done (messages for signals, received referrals for a provider).
    let counts: [Chrome.Link]
    let shortcuts: [Chrome.Link]

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <h1>\(greeting)</h1>
        <p class="lead">\(roleLabel) · \(municipality)</p>
        <p>\(roleIntro)</p>
        \(if: secondFactorMissing, "<p class=\"notice\">\(t["home_2fa_advice"]) <a href=\"\(Links.shared.twoFactor)\">\(t["nav_account"])</a></p>")
        \(if: !counts.isEmpty, "<div class=\"notice\" role=\"status\"><ul>\(each: counts, Self.item)</ul></div>")
        <h2>\(t["home_tasks"])</h2>
        <ul>\(each: tasks, { "<li>\($0)</li>" })</ul>
        \(if: !shortcuts.isEmpty, shortcutList(t))
        """
    }

    private func shortcutList(_ t: Texts) -> HTML {
        """
        <h2>\(t["home_shortcuts"])</h2>
        <ul class="shortcuts">\(each: shortcuts, Self.item)</ul>
        """
    }

    private static func item(_ link: Chrome.Link) -> HTML { "<li><a href=\"\(link.href)\">\(link.label)</a></li>" }
}

/// The public home page: report a worry, follow a report, find activities, or log in as staff.
struct LandingPage: PageContent {
    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        let links = Links.shared
        return """
        <h1>\(t["landing_title"])</h1>
        <p class="lead">\(t["landing_lead"])</p>
        <div class="cards">
          \(card(t["landing_report_title"], t["landing_report_text"], link: "<a class=\"button\" href=\"\(links.report)\">\(t["landing_report_button"])</a>"))
          \(card(t["landing_status_title"], t["landing_status_text"], link: "<a href=\"\(links.reportStatus)\">\(t["status_title"])</a>"))
          \(card(t["landing_activities_title"], t["landing_activities_text"], link: "<a href=\"\(links.activities)\">\(t["landing_activities_link"])</a>"))
        </div>
        <p>\(t["landing_text"])</p>
        <p><a href="\(links.login)">\(t["landing_staff_login"])</a></p>
        """
    }

    /// One card: its heading and text, then its link.
    private func card(_ title: String, _ text: String, link: HTML) -> HTML {
        """
        <section class="card">
            <h2>\(title)</h2>
            <p>\(text)</p>
            <p>\(link)</p>
          </section>
        """
    }
}
