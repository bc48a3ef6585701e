import Foundation
import OmzienCore

/// Numbers as the reader expects them: a decimal comma in Dutch.
enum MonitorFormat {
    static func percent(_ value: Double, _ language: Language) -> String {
        let text = String(format: "%.1f", value * 100)
        return language == .nl ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    /// "45,3% (43,1–47,5)"; a suppressed cell says so with its count instead.
    static func cell(_ cell: PrevalenceCell, renderer: Renderer, language: Language) -> MonitorTableView.Cell {
        guard !cell.suppressed, let estimate = cell.estimate else {
            return .init(text: renderer.text("monitor_suppressed", language, String(cell.n)), suppressed: true)
        }
        let interval = zip2(cell.lower, cell.upper).map { " (\(percent($0, language))–\(percent($1, language)))" } ?? ""
        return .init(text: "\(percent(estimate, language))%" + interval, suppressed: false)
    }

    static func zip2<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
        guard let a, let b else { return nil }
        return (a, b)
    }

    /// "GGD Gezondheidsmonitor · DJG-11 (3–11) · 18+ · schriftelijk of online": everything the comparability guard compares.
    static func label(_ metadata: FigureMetadata, renderer: Renderer, language: Language) -> String {
        [metadata.source, "\(metadata.instrument) (\(metadata.threshold))", metadata.population.description,
         renderer.text("monitor_mode_\(metadata.mode.rawValue)", language)].joined(separator: " · ")
    }
}

/// One computed table on the dataset page: a pivot (two grouping columns) or a list, and an SVG dot plot.
struct MonitorTableView {
    struct Cell { let text: String; let suppressed: Bool }
    struct PivotRow { let label: String; let cells: [Cell] }

    let anchor: String
    let heading: String
    let summary: String
    let overall: String
    let columns: [String]
    let rows: [PivotRow]
    /// Drawn by the server, its texts escaped where it is drawn.
    let chart: HTML
    let chartTitle: String
    let csvHref: String

    init(table: MonitorTable, datasetID: UUID, renderer: Renderer, language: Language) {
        let t = { (key: String) in renderer.text(key, language) }
        let cells = table.cells
        let indicatorName = t("indicator_\(table.indicator.rawValue)")
        anchor = "tabel-\(table.id)"
        heading = table.by.isEmpty ? indicatorName : renderer.text("monitor_table_heading", language, indicatorName, table.by.joined(separator: " × "))
        summary = renderer.text("monitor_summary", language, indicatorName, renderer.count("count_cells", cells.count, language),
                                String(cells.filter(\.suppressed).count), renderer.count("count_respondents", table.minN, language))
        overall = renderer.text("monitor_overall_line", language, MonitorFormat.cell(table.overall, renderer: renderer, language: language).text,
                                String(table.overall.n))
        let cellText = { MonitorFormat.cell($0, renderer: renderer, language: language) }
        if table.by.count == 2 {
            let first = Array(Set(cells.map { $0.domain[0] })).sorted()
            let second = Array(Set(cells.map { $0.domain[1] })).sorted()
            columns = [table.by[0]] + second
            rows = first.map { a in
                PivotRow(label: a, cells: second.map { b in cells.first { $0.domain == [a, b] }.map(cellText) ?? Cell(text: "—", suppressed: false) })
            }
        } else {
            columns = [table.by.isEmpty ? t("monitor_overall") : table.by.joined(separator: " × "), t("monitor_estimate")]
            rows = cells.map { PivotRow(label: $0.domain.isEmpty ? t("monitor_overall") : $0.domain.joined(separator: " · "), cells: [cellText($0)]) }
        }
        chartTitle = renderer.text("monitor_chart_title", language, indicatorName)
        chart = MonitorChart.dotPlot(cells: cells.filter { !$0.suppressed }, id: anchor, title: chartTitle, description: t("monitor_chart_desc"))
        csvHref = Route.monitorTableCSV(datasetID, table: table.id).href
    }
}

/// A trend series on the overview: one chart and its table per group of comparable figures.
struct MonitorTrendView {
    struct Point { let year: Int; let text: String; let n: String }
    let heading: String
    let differs: String?
    let chart: HTML
    let points: [Point]

    static func all(figures: [MonitorFigure], renderer: Renderer, language: Language) -> [MonitorTrendView] {
        let all = ComparabilityGuard.series(figures)
        return all.enumerated().map { index, series in
            let label = MonitorFormat.label(series.metadata, renderer: renderer, language: language)
            // Tell the reader why this is not one line with the first series.
            let differences = index == 0 ? [] : series.metadata.differences(from: all[0].metadata)
            let differs = differences.isEmpty ? nil : renderer.text(
                "monitor_trend_differs", language, differences.map { renderer.text("monitor_attribute_\($0.rawValue)", language) }.joined(separator: ", "))
            let points = series.figures.map { figure in
                Point(year: figure.year,
                      text: "\(MonitorFormat.percent(figure.estimate, language))%"
                        + (MonitorFormat.zip2(figure.lower, figure.upper).map { " (\(MonitorFormat.percent($0, language))–\(MonitorFormat.percent($1, language)))" } ?? ""),
                      n: String(figure.n))
            }
            let title = renderer.text("monitor_trend_title", language, label)
            return MonitorTrendView(
                heading: label, differs: differs,
                chart: MonitorChart.trend(series.figures, id: "trend-\(index + 1)", title: title, description: renderer.text("monitor_trend_desc", language)),
                points: points)
        }
    }
}

/// Charts drawn on the server as accessible SVG: a title and description, the numbers in a table beside it.
enum MonitorChart {
    /// A dot plot with 95% intervals, one line per cell.
    static func dotPlot(cells: [PrevalenceCell], id: String, title: String, description: String) -> HTML {
        let rowHeight = 18.0, labelWidth = 190.0, plotWidth = 420.0, top = 28.0
        let height = top + Double(max(cells.count, 1)) * rowHeight + 24
        let x = { (p: Double) in labelWidth + p * plotWidth }
        var parts = [open(id: id, width: labelWidth + plotWidth + 20, height: height, title: title, description: description)]
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            parts.append(#"<line x1="\#(x(tick))" x2="\#(x(tick))" y1="\#(top - 6)" y2="\#(height - 20)" class="grid"/>"#)
            parts.append(#"<text x="\#(x(tick))" y="\#(top - 10)" text-anchor="middle" class="tick">\#(Int(tick * 100))%</text>"#)
        }
        for (index, cell) in cells.enumerated() {
            guard let estimate = cell.estimate else { continue }
            let y = top + Double(index) * rowHeight + rowHeight / 2
            parts.append(#"<text x="\#(labelWidth - 8)" y="\#(y + 4)" text-anchor="end" class="label">\#(escape(cell.domain.joined(separator: " · ")))</text>"#)
            if let lower = cell.lower, let upper = cell.upper {
                parts.append(#"<line x1="\#(x(lower))" x2="\#(x(upper))" y1="\#(y)" y2="\#(y)" class="interval"/>"#)
            }
            parts.append(#"<circle cx="\#(x(estimate))" cy="\#(y)" r="4" class="point"/>"#)
        }
        parts.append("</svg>")
        // Every text in it went through `escape`; the rest is numbers and fixed markup.
        return HTML(trusted: parts.joined(separator: "\n"))
    }

    /// A trend of comparable figures: years along, percentages up, intervals as vertical bars, joined by a line.
    static func trend(_ figures: [MonitorFigure], id: String, title: String, description: String) -> HTML {
        let left = 48.0, plotWidth = 360.0, top = 16.0, plotHeight = 180.0
        let years = figures.map(\.year)
        let first = years.min() ?? 0, last = years.max() ?? 0
        let highest = figures.map { $0.upper ?? $0.estimate }.max() ?? 0
        let ceiling = min(1, (highest * 10).rounded(.up) / 10 + 0.1)
        let x = { (year: Int) in last == first ? left + plotWidth / 2 : left + Double(year - first) / Double(last - first) * plotWidth }
        let y = { (p: Double) in top + plotHeight - p / ceiling * plotHeight }
        var parts = [open(id: id, width: left + plotWidth + 30, height: top + plotHeight + 36, title: title, description: description)]
        for tick in stride(from: 0.0, through: ceiling + 1e-9, by: ceiling <= 0.5 ? 0.1 : 0.2) {
            parts.append(#"<line x1="\#(left)" x2="\#(left + plotWidth)" y1="\#(y(tick))" y2="\#(y(tick))" class="grid"/>"#)
            parts.append(#"<text x="\#(left - 6)" y="\#(y(tick) + 4)" text-anchor="end" class="tick">\#(Int((tick * 100).rounded()))%</text>"#)
        }
        if figures.count > 1 {
            let path = figures.map { "\(x($0.year)),\(y($0.estimate))" }.joined(separator: " ")
            parts.append(#"<polyline points="\#(path)" class="trend-line"/>"#)
        }
        for figure in figures {
            if let lower = figure.lower, let upper = figure.upper {
                parts.append(#"<line x1="\#(x(figure.year))" x2="\#(x(figure.year))" y1="\#(y(lower))" y2="\#(y(upper))" class="interval"/>"#)
            }
            parts.append(#"<circle cx="\#(x(figure.year))" cy="\#(y(figure.estimate))" r="4" class="point"/>"#)
            parts.append(#"<text x="\#(x(figure.year))" y="\#(top + plotHeight + 20)" text-anchor="middle" class="tick">\#(figure.year)</text>"#)
        }
        parts.append("</svg>")
        // Every text in it went through `escape`; the rest is numbers and fixed markup.
        return HTML(trusted: parts.joined(separator: "\n"))
    }

    /// The opening tag with a title and description that ids unique on the page point to.
    static func open(id: String, width: Double, height: Double, title: String, description: String) -> String {
        #"<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="\#(id)-title \#(id)-desc" viewBox="0 0 \#(Int(width)) \#(Int(height))" class="chart">"#
            + "\n<title id=\"\(id)-title\">\(escape(title))</title><desc id=\"\(id)-desc\">\(escape(description))</desc>"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
