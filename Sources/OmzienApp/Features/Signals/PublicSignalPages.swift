/// The pages of the public signal point: a step of the form, the emergency numbers, the confirmation
/// with the reference code and the status look-up.
struct SignalStepPage: PageContent {
    let step: PublicSignalController.Step
    let form: FormView
    /// "Stap 1 van 3"; the check page has no number.
    let stepLine: String
    /// The answers, on the check page only.
    var summary: [SignalSummary.Row] = []
    /// A sign that can point to dementia or depression was ticked: the check page suggests the GP.
    var suggestGP = false

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        \(if: step != .check, "<p class=\"steps\">\(stepLine)</p>")
        <h1>\(chrome.title)</h1>
        \(if: step == .concern, "<div class=\"caution\" role=\"note\"><p>\(t["signal_caution"]) \(t["signal_caution_gp_general"])</p></div>")
        \(if: step == .check, check(t))
        \(form.html(t))
        """
    }

    /// The answers to check, the caution, and what happens next and to the data.
    func check(_ t: Texts) -> HTML {
        """
        <dl class="summary">
        \(each: summary, { "<dt>\($0.label)</dt><dd>\($0.value)</dd>" })
        </dl>
        <div class="caution" role="note">
          <p>\(t["signal_caution"])</p>
          \(if: suggestGP, "<p><strong>\(t["signal_caution_gp"])</strong></p>")
        </div>
        <h2>\(t["signal_next_title"])</h2>
        <p>\(t["signal_next_text"])</p>
        <h2>\(t["signal_privacy_title"])</h2>
        <p>\(t["signal_privacy_text"])</p>
        """
    }
}

/// Acute danger: the numbers to call, shown before anything is stored (residents and partners alike).
struct EmergencyPage: PageContent {
    /// The numbers as tap-to-call addresses: on a phone one tap dials.
    let call112 = "tel:112"
    let call113 = "tel:08000113"
    let callPolice = "tel:09008844"

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <h1>\(t["emergency_title"])</h1>
        <div class="emergency" role="alert">
          <p><strong>\(t["emergency_112"])</strong></p>
          <p><a class="button tel" href="\(call112)">\(t["emergency_call_112"])</a></p>
          <ul>
            <li>\(t["emergency_gp"])</li>
            <li>\(t["emergency_113"]) <a class="tel" href="\(call113)">0800-0113</a></li>
            <li>\(t["emergency_police"]) <a class="tel" href="\(callPolice)">0900-8844</a></li>
          </ul>
        </div>
        <p>\(t["emergency_not_stored"])</p>
        <p><a href="\(Route.report.href)">\(t["emergency_back"])</a></p>
        """
    }
}

/// The confirmation after sending: the reference code, and whether the reporter can follow the signal.
struct SignalDonePage: PageContent {
    let code: String
    let canFollow: Bool

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <h1>\(t["signal_done_title"])</h1>
        <p>\(t["signal_done_code"])</p>
        <p class="reference" id="kenmerk">\(code)</p>
        \(if: canFollow, "<p>\(t["signal_done_follow"]) <a href=\"\(Route.reportStatus.href)\">\(t["status_title"])</a></p>", else: "<p>\(t["signal_done_no_follow"])</p>")
        <h2>\(t["signal_next_title"])</h2>
        <p>\(t["signal_next_text"])</p>
        <div class="caution" role="note"><p>\(t["signal_caution"])</p></div>
        """
    }
}

/// Looking up a signal's status by its reference code; the answer above the form once asked.
struct SignalStatusPage: PageContent {
    let form: FormView
    let result: String?

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <h1>\(t["status_title"])</h1>
        \(nonEmpty: result, { "<p class=\"notice\" role=\"status\" id=\"status-result\">\($0)</p>" })
        \(form.html(t))
        """
    }
}
