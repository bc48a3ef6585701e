/// The evaluation dashboard: the filters, and for a valid choice the summary and every section's tables.
struct EvaluationPage: PageContent {
    /// What a valid choice of filters shows.
    struct Figures {
        /// The period in words ("2026", "1 maart 2026 – 31 mei 2026").
        let period: String
        let csvHref: String
        let reportHref: String
        let summary: [String]
        /// When the figures were counted ("Stand van 14:05").
        let asOf: String
        let sections: [EvaluationSectionView]
    }

    let filters: EvaluationQuery.FilterView
    /// Nil while a filter is wrong: then only the filters with their messages show.
    let figures: Figures?

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <h1>\(chrome.title)</h1>
        \(filters.html(t))
        \(figures, { Self.figures($0, t) })
        """
    }

    static func figures(_ figures: Figures, _ t: Texts) -> HTML {
        """
        <p class="intro">\(t["evaluation_intro"])</p>
        <p class="actions"><a class="button secondary" href="\(figures.csvHref)">\(t["evaluation_csv"])</a> <a class="button secondary" href="\(figures.reportHref)">\(t["evaluation_open_report"])</a></p>
        <section class="summary-box" aria-labelledby="samenvatting-kop">
        <h2 id="samenvatting-kop">\(t["evaluation_summary"]) \(figures.period)</h2>
        \(each: figures.summary, { "<p>\($0)</p>" })
        <p class="small">\(t["evaluation_privacy_note"]) \(figures.asOf)</p>
        </section>
        <nav class="toc" aria-label="\(t["evaluation_toc"])"><ul>\(each: figures.sections, { "<li><a href=\"#\($0.id)\">\($0.heading)</a></li>" })</ul></nav>
        \(each: figures.sections, { $0.dashboardHTML(t) })
        """
    }
}

/// The list of yearly reports, this year's and last year's always among them.
struct EvaluationReportsPage: PageContent {
    let intro: String
    let table: TableView

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <h1>\(chrome.title)</h1>
        <p class="intro">\(intro)</p>
        \(table.html(t))
        """
    }
}

extension EvaluationQuery.FilterView {
    /// The filter form (`GET`, so a view has its own address), with a summary of what is wrong above it.
    func html(_ t: Texts) -> HTML {
        """
        \(if: hasErrors, errorSummary(t))
        <form class="filters" method="get" action="\(Route.evaluation().href)" role="search" aria-label="\(t["evaluation_filters"])">
        \(each: fields, { Self.field($0, t) })
          <button type="submit" class="button secondary">\(t["filter_apply"])</button>
        </form>
        """
    }

    func errorSummary(_ t: Texts) -> HTML {
        """
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
          <h2 id="error-summary-title">\(t["error_summary"])</h2>
          <ul>\(each: errors, { "<li><a href=\"#veld-\($0.name)\">\($0.error)</a></li>" })</ul>
        </div>
        """
    }

    static func field(_ field: Field, _ t: Texts) -> HTML {
        let invalid: HTML = "\(if: field.error != nil, " aria-invalid=\"true\" aria-describedby=\"veld-\(field.name)-error\"")"
        let control: HTML = field.isDate
            ? "<input type=\"date\" id=\"veld-\(field.name)\" name=\"\(field.name)\" value=\"\(field.value)\"\(invalid)>"
            : "<select id=\"veld-\(field.name)\" name=\"\(field.name)\"\(invalid)>\(each: field.options, option)</select>"
        return """
          <div class="field\(if: field.error != nil, " field-error")">
            <label for="veld-\(field.name)">\(field.label)</label>
            \(field.error, { "<p class=\"error-message\" id=\"veld-\(field.name)-error\"><span class=\"visually-hidden\">\(t["error_prefix"])</span> \($0)</p>" })
            \(control)
          </div>
        """
    }

    static func option(_ option: FieldView.Option) -> HTML {
        "<option value=\"\(option.value)\"\(if: option.selected, " selected")>\(option.label)</option>"
    }
}

extension EvaluationSectionView {
    /// A section of the dashboard: its heading, what it is about and its tables.
    func dashboardHTML(_ t: Texts) -> HTML {
        """
        <section class="evaluation-section" id="\(id)" aria-labelledby="\(id)-kop">
        <h2 id="\(id)-kop">\(heading)</h2>
        <p>\(intro)</p>
        \(each: tables, { $0.html(t) })
        </section>
        """
    }

    /// A section of the yearly report: as on the dashboard, with the analysts' commentary above the tables.
    func reportHTML(_ t: Texts) -> HTML {
        """
        <section class="report-section" id="\(id)" aria-labelledby="\(id)-kop">
        <h2 id="\(id)-kop">\(heading)</h2>
        <p>\(intro)</p>
        \(if: hasCommentary, "<div class=\"commentary\"><h3>\(t["evaluation_commentary"])</h3>\(each: commentaryParagraphs, { "<p>\($0)</p>" })</div>")
        \(each: tables, { $0.html(t) })
        </section>
        """
    }
}

extension FigureTableView {
    /// One table with its chart above it; hidden (small) counts are marked and explained below it.
    func html(_ t: Texts) -> HTML {
        """
        <article class="figure-table\(if: isGrid, " grid-table")" id="tabel-\(id)" aria-labelledby="tabel-\(id)-kop">
        <h3 id="tabel-\(id)-kop">\(title)</h3>
        <p class="small">\(description)</p>
        \(chart, { "<figure class=\"chart-figure\">\($0)</figure>" })
        <div class="table-wrap"><table class="figures">
        <caption class="visually-hidden">\(title)</caption>
        <thead><tr><th scope="col">\(rowHeader)</th>\(each: headers, { "<th scope=\"col\">\($0)</th>" })</tr></thead>
        <tbody>
        \(each: rows, { Self.row($0, t) })
        </tbody>
        </table></div>
        \(if: hasHidden, "<p class=\"small\">\(t["evaluation_hidden_note"])</p>")
        </article>
        """
    }

    static func row(_ row: Row, _ t: Texts) -> HTML {
        let label: HTML = "\(row.label)\(if: row.flagged, " <span class=\"flag\">\(t["evaluation_flag"])</span>")"
        let cells: HTML = "\(each: row.cells, { "<td class=\"\(if: $0.hidden, "suppressed")\(if: $0.zero, "none")\">\($0.text)</td>" })"
        return "<tr class=\"\(if: row.flagged, "flagged")\(if: row.isTotal, " total")\"><th scope=\"row\">\(label)</th>\(cells)</tr>\n"
    }
}
