/// The signal page drawn: facts, concern, caution, duplicates, contact history and the forms to act.
extension SignalDetailPage: PageContent {
    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <p><a href="\(Route.signals().href)">\(t["back_to_queue"])</a></p>
        <h1>\(title)</h1>
        <p><span class="status">\(status)</span></p>
        \(Layout.notice(notice))
        \(if: consented, consentBox(t))
        <dl class="summary">\(each: facts, Self.fact)</dl>
        <h2>\(t["signal_detail_concern"])</h2>
        <p class="concern">\(concern)</p>
        <ul>\(each: indicators, { "<li>\($0)</li>" })</ul>
        <div class="caution" role="note"><p>\(t["signal_caution"])</p>\(if: suggestGP, "<p><strong>\(t["signal_caution_gp_staff"])</strong></p>")</div>
        \(if: !duplicates.isEmpty, duplicatesSection(t))
        <h2>\(t["attempts_title"])</h2>
        \(if: attempts.isEmpty, "<p>\(t["attempts_empty"])</p>")
        <ol class="timeline">\(each: attempts, Self.attempt)</ol>
        \(contactForm, { "<h2>\(t["contact_title"])</h2>\($0.html(t))" })
        \(if: !otherSignals.isEmpty, "<h2>\(t["other_signals_title"])</h2><dl class=\"summary\">\(each: otherSignals, Self.fact)</dl>")
        \(knownForm.html(t))
        \(teamForm, { "<h2>\(t["assign_title"])</h2>\($0.html(t))" })
        """
    }

    /// The person consented: the link to their trajectory, or the button that starts one.
    func consentBox(_ t: Texts) -> HTML {
        """
        <div class="notice success">
        \(trajectoryLink, { "<p>\(t["trajectory_running"]) <a href=\"\($0)\">\(t["trajectory_open"])</a></p>" })
        \(if: trajectoryLink == nil, startTrajectory(t))
        </div>
        """
    }

    func startTrajectory(_ t: Texts) -> HTML {
        """
        <p>\(t["consented_next"])</p>
        <form action="\(startTrajectoryAction)" method="post"><input type="hidden" name="_csrf" value="\(csrf)"><button type="submit" class="button">\(t["trajectory_start"])</button></form>
        """
    }

    /// Open signals about probably the same person, each with the button that merges this one into it.
    func duplicatesSection(_ t: Texts) -> HTML {
        """
        <section aria-labelledby="dubbel">
        <h2 id="dubbel">\(t["duplicates_title"])</h2>
        <p>\(t["duplicates_text"])</p>
        <ul class="duplicates">
        \(each: duplicates, { duplicate($0, t) })
        </ul>
        </section>
        """
    }

    func duplicate(_ duplicate: Duplicate, _ t: Texts) -> HTML {
        """
        <li><a href="\(duplicate.href)">\(duplicate.label)</a> — \(duplicate.reason)
        <form action="\(mergeAction)" method="post" class="inline"><input type="hidden" name="_csrf" value="\(csrf)"><input type="hidden" name="target" value="\(duplicate.targetID)"><button type="submit" class="button secondary">\(t["merge_submit"])</button></form></li>
        """
    }

    static func fact(_ fact: Fact) -> HTML { "<dt>\(fact.label)</dt><dd>\(fact.value)</dd>" }

    static func attempt(_ attempt: Attempt) -> HTML {
        "<li><strong>\(attempt.date)</strong> · \(attempt.channel) · \(attempt.outcome)\(nonEmpty: attempt.note, { "<br>\($0)" })</li>"
    }
}
