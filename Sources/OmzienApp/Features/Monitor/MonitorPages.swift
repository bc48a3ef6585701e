/// The monitor's overview: the datasets, the trend of every series of comparable figures, and the upload form.
struct MonitorPage: PageContent {
    let notice: String?
    let datasets: TableView
    let trends: [MonitorTrendView]
    let form: FormView

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <h1>\(chrome.title)</h1>
        \(Layout.notice(notice))
        <section aria-labelledby="datasets-kop">
        <h2 id="datasets-kop">\(t["monitor_datasets"])</h2>
        \(datasets.html(t))
        </section>
        \(if: !trends.isEmpty, trendSection(t))
        <section aria-labelledby="nieuw-kop">
        <h2 id="nieuw-kop">\(t["monitor_new"])</h2>
        \(form.html(t))
        </section>
        """
    }

    func trendSection(_ t: Texts) -> HTML {
        """
        <section aria-labelledby="trends-kop">
        <h2 id="trends-kop">\(t["monitor_trends"])</h2>
        <p>\(t["monitor_trends_intro"])</p>
        <div class="trend-grid">
        \(each: trends, { $0.html(t) })
        </div>
        </section>
        """
    }
}

extension MonitorTrendView {
    /// One series: its chart, and the same numbers in a table.
    func html(_ t: Texts) -> HTML {
        """
        <article class="trend">
        <h3>\(heading)</h3>
        \(differs, { "<p class=\"small\">\($0)</p>" })
        <figure class="chart-figure">\(chart)</figure>
        <div class="table-wrap"><table class="trend-table">
        <caption class="visually-hidden">\(heading)</caption>
        <thead><tr><th scope="col">\(t["monitor_field_year"])</th><th scope="col">\(t["monitor_estimate"])</th><th scope="col">n</th></tr></thead>
        <tbody>\(each: points, { "<tr><th scope=\"row\">\($0.year)</th><td>\($0.text)</td><td>\($0.n)</td></tr>" })</tbody>
        </table></div>
        </article>
        """
    }
}

/// One dataset: its metadata, every table computed from it, a form for another table while the microdata
/// are kept, and deleting it.
struct MonitorDatasetPage: PageContent {
    struct Fact { let term: String; let value: String }

    let problem: String?
    let facts: [Fact]
    let tables: [MonitorTableView]
    /// The form for another table; nil once the microdata are gone.
    let form: FormView?
    let deleteAction: String
    let csrf: String

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <p><a href="\(Route.monitor.href)">\(t["monitor_back"])</a></p>
        <h1>\(chrome.title)</h1>
        \(problem, { "<p class=\"notice error\" role=\"alert\">\($0)</p>" })
        <dl class="summary">\(each: facts, { "<dt>\($0.term)</dt><dd>\($0.value)</dd>" })</dl>
        \(each: tables, { $0.html(t) })
        \(form, { Self.anotherTable($0, t) })
        <section aria-labelledby="verwijderen-kop">
        <h2 id="verwijderen-kop">\(t["monitor_delete_title"])</h2>
        <p>\(t["monitor_delete_text"])</p>
        <form action="\(deleteAction)" method="post"><input type="hidden" name="_csrf" value="\(csrf)"><button type="submit" class="button secondary">\(t["monitor_delete"])</button></form>
        </section>
        """
    }

    static func anotherTable(_ form: FormView, _ t: Texts) -> HTML {
        """
        <section aria-labelledby="tabel-nieuw-kop">
        <h2 id="tabel-nieuw-kop">\(t["monitor_another_table"])</h2>
        \(form.html(t))
        </section>
        """
    }
}

extension MonitorTableView {
    /// One computed table with its download link and its chart.
    func html(_ t: Texts) -> HTML {
        """
        <section aria-labelledby="\(anchor)-kop" id="\(anchor)">
        <h2 id="\(anchor)-kop">\(heading)</h2>
        <p>\(summary) \(overall)</p>
        <div class="table-wrap"><table class="prevalence" id="\(anchor)-tabel">
        <caption class="visually-hidden">\(heading)</caption>
        <thead><tr>\(each: columns, { "<th scope=\"col\">\($0)</th>" })</tr></thead>
        <tbody>\(each: rows, { "<tr><th scope=\"row\">\($0.label)</th>\(each: $0.cells, Self.cell)</tr>" })</tbody>
        </table></div>
        <p class="small">\(t["monitor_method"]) <a href="\(csvHref)" download>\(t["monitor_download_csv"])</a></p>
        <figure class="chart-figure">\(chart)<figcaption>\(chartTitle)</figcaption></figure>
        </section>
        """
    }

    static func cell(_ cell: Cell) -> HTML {
        "<td\(if: cell.suppressed, " class=\"suppressed\"")>\(cell.text)</td>"
    }
}
