import Foundation
import OmzienCore

/// How evaluation values read: Dutch decimal commas, days, points with their interval, and one word for
/// every hidden count so a reader cannot tell a small cell from one hidden to protect it.
enum EvaluationFormat {
    static func decimal(_ value: Double, digits: Int, _ language: Language) -> String {
        let text = String(format: "%.\(digits)f", value).replacingOccurrences(of: "-", with: "−")
        return language == .nl ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    static func percent(_ share: Double, _ language: Language) -> String {
        MonitorFormat.percent(share, language).replacingOccurrences(of: "-", with: "−") + "%"
    }

    static func text(_ value: FigureValue, column: String, renderer: Renderer, language: Language) -> String {
        switch value {
        case .count(let count): String(count)
        case .hidden: renderer.text("evaluation_hidden", language)
        case .share(let share): percent(share, language)
        case .number(let number):
            ["median", "p90"].contains(column) ? renderer.translations.plural("count_days", .of(number), language,
                                                                       arguments: [decimal(number, digits: number.rounded() == number ? 0 : 1, language)])
                : decimal(number, digits: 1, language)
        case .interval(let value, let lower, let upper):
            renderer.text("evaluation_interval", language, decimal(value, digits: 1, language), decimal(lower, digits: 1, language), decimal(upper, digits: 1, language))
        case .none: "–"
        }
    }

    /// The row's name: a data label as it is, otherwise the text for its key in this table.
    static func rowLabel(_ row: FigureRow, table: String, renderer: Renderer, language: Language) -> String {
        if let label = row.label { return label }
        let t = { (key: String) in renderer.text(key, language) }
        let key = row.key
        switch key {
        case "total", "unknown", "share_unknown", "share_consented": return t("evaluation_row_\(key)")
        default: break
        }
        let family = table.replacingOccurrences(of: "_djg6", with: "")
        switch family {
        case "reach_source":
            if key.hasPrefix("partner:") {
                let type = String(key.dropFirst("partner:".count))
                return renderer.text("evaluation_partner", language, type == "unknown" ? t("evaluation_row_unknown") : t("orgtype_\(type)"))
            }
            return t("signal_source_\(key)")
        case "reach_route": return t("evaluation_relation_\(key)")
        case "reach_age": return t("signal_age_band_\(key)")
        case "effects_intervention": return t("resource_\(key)")
        case "effects_form", "coverage_form": return t("form_\(key)")
        case "effects_profile", "coverage_profile": return t("profile_\(key)")
        case "effects_overall": return key == DJGVersion.eleven.rawValue ? "DJG-11" : "DJG-6"
        case "referrals_status": return t("referral_status_\(key)")
        case "referrals_unsuccessful_reason", "referrals_declined_reason": return t("referral_reason_\(key)")
        case "couplings_ended": return t("coupling_end_\(key)")
        case "coverage_risk_group": return t("evaluation_group_\(key)")
        default: return t("evaluation_row_\(key)")
        }
    }

    static func columnLabel(_ table: FigureTable, _ index: Int, renderer: Renderer, language: Language) -> String {
        table.columnLabels[index] ?? renderer.text("evaluation_column_\(table.columns[index])", language)
    }
}

/// One table of the dashboard or report as the page shows it: caption, header, rows, and a chart.
struct FigureTableView {
    struct Cell { let text: String; let hidden: Bool; let zero: Bool }
    struct Row { let label: String; let cells: [Cell]; let flagged: Bool; let isTotal: Bool }

    let id: String
    let title: String
    let description: String
    let headers: [String]
    let rowHeader: String
    let rows: [Row]
    /// Drawn by the server, its texts escaped where it is drawn.
    let chart: HTML?
    let hasHidden: Bool
    let isGrid: Bool

    /// `previous`: the same table a year earlier; its values stand beside this year's.
    init(_ table: FigureTable, previous: FigureTable? = nil, years: (Int, Int)? = nil, renderer: Renderer, language: Language) {
        let t = { (key: String) in renderer.text(key, language) }
        let baseID = table.id.replacingOccurrences(of: "_djg6", with: "")
        id = table.id
        title = t("evaluation_table_\(baseID)") + (table.id.hasSuffix("_djg6") ? " (DJG-6)" : "")
        description = t("evaluation_table_\(baseID)_desc")
        isGrid = table.kind == .grid
        rowHeader = t("evaluation_category")
        let columnNames = table.columns.indices.map { EvaluationFormat.columnLabel(table, $0, renderer: renderer, language: language) }
        if previous != nil, let years {
            headers = columnNames.flatMap { ["\($0) \(years.0)", "\($0) \(years.1)"] }
        } else {
            headers = columnNames
        }
        let cell = { (value: FigureValue, column: String) in
            Cell(text: EvaluationFormat.text(value, column: column, renderer: renderer, language: language),
                 hidden: value == .hidden, zero: table.kind == .grid && value == .count(0))
        }
        rows = table.rows.map { row in
            let earlier = previous?.rows.first { $0.key == row.key && $0.label == row.label }
            var cells: [Cell] = []
            for (index, value) in row.values.enumerated() {
                cells.append(cell(value, table.columns[index]))
                if previous != nil { cells.append(cell(earlier.map { $0.values[index] } ?? .none, table.columns[index])) }
            }
            return Row(label: EvaluationFormat.rowLabel(row, table: table.id, renderer: renderer, language: language),
                       cells: cells, flagged: row.flagged, isTotal: row.key == "total")
        }
        hasHidden = table.rows.contains { $0.values.contains(.hidden) }
        chart = EvaluationChart.chart(for: table, title: title, renderer: renderer, language: language)
    }
}

/// Charts drawn on the server: bars for counts, dots with intervals for effects. Each has a title and a
/// description; the numbers stand in the table below it.
enum EvaluationChart {
    static func chart(for table: FigureTable, title: String, renderer: Renderer, language: Language) -> HTML? {
        let labelled = table.rows.filter { !["total", "share_unknown", "share_consented"].contains($0.key) }
        switch table.kind {
        case .counts:
            let bars = labelled.map { row in
                (label: EvaluationFormat.rowLabel(row, table: table.id, renderer: renderer, language: language), value: row.values.first?.countValue)
            }
            guard bars.count >= 2, bars.contains(where: { ($0.value ?? 0) > 0 }) else { return nil }
            return barChart(bars, id: "grafiek-\(table.id)", title: title,
                            description: renderer.text("evaluation_chart_bars", language, EvaluationFormat.columnLabel(table, 0, renderer: renderer, language: language)),
                            hiddenText: renderer.text("evaluation_hidden", language))
        case .effects:
            let index = table.columns.firstIndex(of: "mean_change") ?? 3
            let dots = labelled.compactMap { row -> (String, Double, Double?, Double?)? in
                let label = EvaluationFormat.rowLabel(row, table: table.id, renderer: renderer, language: language)
                switch row.values[index] {
                case .interval(let value, let lower, let upper): return (label, value, lower, upper)
                case .number(let value): return (label, value, nil, nil)
                default: return nil
                }
            }
            guard !dots.isEmpty else { return nil }
            return dotPlot(dots, id: "grafiek-\(table.id)", title: title, description: renderer.text("evaluation_chart_effects", language))
        case .durations, .grid:
            return nil
        }
    }

    /// Horizontal bars with the value written at the end of each bar (direct labels, no legend).
    static func barChart(_ bars: [(label: String, value: Int?)], id: String, title: String, description: String, hiddenText: String) -> HTML {
        let rowHeight = 22.0, labelWidth = 210.0, plotWidth = 360.0, top = 8.0
        let height = top + Double(bars.count) * rowHeight + 8
        let highest = Double(max(1, bars.compactMap(\.value).max() ?? 1))
        var parts = [open(id: id, width: labelWidth + plotWidth + 70, height: height, title: title, description: description)]
        for (index, bar) in bars.enumerated() {
            let y = top + Double(index) * rowHeight
            parts.append(#"<text x="\#(labelWidth - 8)" y="\#(y + 15)" text-anchor="end" class="label">\#(MonitorChart.escape(bar.label))</text>"#)
            if let value = bar.value {
                let width = Double(value) / highest * plotWidth
                parts.append(#"<rect x="\#(labelWidth)" y="\#(y + 3)" width="\#(format(width))" height="\#(rowHeight - 6)" class="bar"/>"#)
                parts.append(#"<text x="\#(format(labelWidth + width + 6))" y="\#(y + 15)" class="value">\#(value)</text>"#)
            } else {
                parts.append(#"<text x="\#(labelWidth + 6)" y="\#(y + 15)" class="value muted">\#(MonitorChart.escape(hiddenText))</text>"#)
            }
        }
        parts.append("</svg>")
        // Every text in it went through `MonitorChart.escape`; the rest is numbers and fixed markup.
        return HTML(trusted: parts.joined(separator: "\n"))
    }

    /// Mean change in points with its interval around a zero line; left of zero is less lonely.
    static func dotPlot(_ dots: [(String, Double, Double?, Double?)], id: String, title: String, description: String) -> HTML {
        let rowHeight = 22.0, labelWidth = 210.0, plotWidth = 360.0, top = 24.0
        let extent = max(1, dots.flatMap { [abs($0.1), abs($0.2 ?? 0), abs($0.3 ?? 0)] }.max() ?? 1).rounded(.up)
        let x = { (value: Double) in labelWidth + (value + extent) / (2 * extent) * plotWidth }
        let height = top + Double(dots.count) * rowHeight + 8
        var parts = [open(id: id, width: labelWidth + plotWidth + 20, height: height, title: title, description: description)]
        for tick in [-extent, 0, extent] {
            parts.append(#"<line x1="\#(format(x(tick)))" x2="\#(format(x(tick)))" y1="\#(top - 6)" y2="\#(height - 4)" class="\#(tick == 0 ? "zero" : "grid")"/>"#)
            parts.append(#"<text x="\#(format(x(tick)))" y="\#(top - 10)" text-anchor="middle" class="tick">\#(format(tick))</text>"#)
        }
        for (index, dot) in dots.enumerated() {
            let y = top + Double(index) * rowHeight + rowHeight / 2
            parts.append(#"<text x="\#(labelWidth - 8)" y="\#(y + 4)" text-anchor="end" class="label">\#(MonitorChart.escape(dot.0))</text>"#)
            if let lower = dot.2, let upper = dot.3 {
                parts.append(#"<line x1="\#(format(x(lower)))" x2="\#(format(x(upper)))" y1="\#(y)" y2="\#(y)" class="interval"/>"#)
            }
            parts.append(#"<circle cx="\#(format(x(dot.1)))" cy="\#(y)" r="4" class="point"/>"#)
        }
        parts.append("</svg>")
        // Every text in it went through `MonitorChart.escape`; the rest is numbers and fixed markup.
        return HTML(trusted: parts.joined(separator: "\n"))
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }

    static func open(id: String, width: Double, height: Double, title: String, description: String) -> String {
        MonitorChart.open(id: id, width: width, height: height, title: title, description: description)
    }
}

/// The sections of the dashboard and the report, each with its tables.
struct EvaluationSectionView {
    let id: String
    let heading: String
    let intro: String
    let tables: [FigureTableView]
    /// The analysts' commentary as paragraphs.
    private(set) var commentaryParagraphs: [String] = []
    private(set) var hasCommentary = false

    mutating func setCommentary(_ text: String) {
        commentaryParagraphs = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        hasCommentary = !commentaryParagraphs.isEmpty
    }

    static func all(tables: [FigureTable], previous: EvaluationFigures? = nil, years: (Int, Int)? = nil,
                    renderer: Renderer, language: Language) -> [EvaluationSectionView] {
        FigureTable.Section.allCases.compactMap { section in
            let own = tables.filter { $0.section == section }
            guard !own.isEmpty else { return nil }
            return EvaluationSectionView(
                id: section.rawValue, heading: renderer.text("evaluation_section_\(section.rawValue)", language),
                intro: renderer.text("evaluation_section_\(section.rawValue)_intro", language),
                tables: own.map { table in
                    FigureTableView(table, previous: previous.map { $0.table(table.id) } ?? nil,
                                    years: previous == nil ? nil : years, renderer: renderer, language: language)
                })
        }
    }
}

/// The CSV of every table: one line per value, so a spreadsheet can pivot it.
enum EvaluationCSV {
    /// `filter` says which part of the municipality the figures cover ("wijk=Noord"), empty for all of it.
    static func csv(_ sets: [(label: String, tables: [FigureTable])], filter: String = "") -> String {
        var lines = ["period,filter,table,section,row,label,column,value"]
        for set in sets {
            for table in set.tables {
                for row in table.rows {
                    for (index, value) in row.values.enumerated() {
                        lines.append([set.label, filter, table.id, table.section.rawValue, row.key, row.label ?? "", table.columnLabels[index] ?? table.columns[index], value.csv]
                            .map(field).joined(separator: ","))
                    }
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Quotes a field when needed, and defuses spreadsheet formulas in data labels.
    static func field(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@".contains(first), Double(value) == nil { value = "'" + value }
        return HSDSCSV.quoted(value)
    }
}
