/// The public social map: the filters (in the address, so a search can be bookmarked), the count and the cards.
struct PublicCataloguePage: PageContent {
    typealias Option = FieldView.Option

    let results: [PublicCatalogueController.ActivityView]
    /// "12 activiteiten gevonden", in the form its number needs.
    let count: String
    let words: String
    /// Offered only when there is more than one municipality to choose from.
    let municipalities: [Option]
    let districts: [Option]
    let days: [Option]
    let forms: [Option]
    let groups: [Option]
    let freeOnly: Bool

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <h1>\(chrome.title)</h1>
        <p class="intro">\(t["public_catalogue_intro"])</p>
        \(filters(t))
        <p role="status" id="aantal">\(count)</p>
        \(if: !results.isEmpty, "<ul class=\"cards\" id=\"activiteiten\">\(each: results, { card($0, t) })</ul>", else: "<p>\(t["public_catalogue_none"])</p>")
        """
    }

    private func filters(_ t: Texts) -> HTML {
        """
        <form action="\(Links.shared.activities)" method="get" class="filters" role="search" aria-label="\(t["public_catalogue_filters"])">
        \(if: municipalities.count > 1, Self.select("filter-gemeente", "gemeente", label: t["filter_municipality"], municipalities))
        <div class="field"><label for="filter-zoek">\(t["filter_words"])</label><input type="text" id="filter-zoek" name="zoek" value="\(words)"></div>
        \(Self.select("filter-wijk", "wijk", label: t["filter_district"], districts))
        \(Self.select("filter-dag", "dag", label: t["filter_day"], days))
        \(Self.select("filter-vorm", "vorm", label: t["filter_form"], forms))
        \(Self.select("filter-voor", "voor", label: t["filter_for_whom"], groups))
        <div class="field"><label class="check" for="filter-kosten"><input type="checkbox" id="filter-kosten" name="kosten" value="gratis"\(if: freeOnly, " checked")> \(t["filter_free"])</label></div>
        <button type="submit" class="button">\(t["filter_submit"])</button>
        </form>
        """
    }

    private static func select(_ id: String, _ name: String, label: String, _ options: [Option]) -> HTML {
        """
        <div class="field"><label for="\(id)">\(label)</label>
        <select id="\(id)" name="\(name)">\(each: options, { "<option value=\"\($0.value)\"\(if: $0.selected, " selected")>\($0.label)</option>" })</select></div>
        """
    }

    private func card(_ activity: PublicCatalogueController.ActivityView, _ t: Texts) -> HTML {
        """
        <li class="card">
        <h2><a href="\(activity.href)">\(activity.name)</a></h2>
        <p class="small">\(activity.organisation) · \(activity.form)</p>
        <p>\(activity.description)</p>
        <dl class="summary compact">
        \(if: !activity.when.isEmpty, "<dt>\(t["activity_when"])</dt><dd>\(each: activity.when, { "\($0)<br>" })</dd>")
        <dt>\(t["activity_where"])</dt><dd>\(activity.whereText)</dd>
        <dt>\(t["activity_for_whom"])</dt><dd>\(activity.forWhom)</dd>
        <dt>\(t["activity_cost"])</dt><dd>\(activity.cost)</dd>
        </dl>
        </li>
        """
    }
}

/// One activity's public page, shareable: when, where, for whom, cost, how to join and how to reach the organisation.
struct PublicActivityPage: PageContent {
    let activity: PublicCatalogueController.ActivityView
    /// The search of the activity's municipality.
    let back: String
    /// Why an activity that is not active cannot be joined now ("Tijdelijk gestopt"); nil when active.
    let closed: String?

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <p><a href="\(back)">\(t["public_catalogue_back"])</a></p>
        <h1>\(activity.name)</h1>
        \(closed, { "<p class=\"notice\" role=\"status\">\($0)</p>" })
        <p class="small">\(activity.organisation) · \(activity.form)</p>
        <p>\(activity.description)</p>
        <dl class="summary">
        <dt>\(t["activity_when"])</dt><dd>\(if: activity.when.isEmpty, "\(t["activity_when_ask"])", else: "\(each: activity.when, { "\($0)<br>" })")</dd>
        <dt>\(t["activity_where"])</dt><dd>\(activity.whereText)</dd>
        <dt>\(t["activity_districts"])</dt><dd>\(activity.districts)</dd>
        <dt>\(t["activity_for_whom"])</dt><dd>\(activity.forWhom)</dd>
        <dt>\(t["activity_cost"])</dt><dd>\(activity.cost)</dd>
        <dt>\(t["activity_join"])</dt><dd>\(activity.join)</dd>
        \(if: !activity.contact.isEmpty, "<dt>\(t["activity_contact"])</dt><dd>\(each: activity.contact, { "<a href=\"\($0.href)\">\($0.text)</a><br>" })</dd>")
        </dl>
        """
    }
}
