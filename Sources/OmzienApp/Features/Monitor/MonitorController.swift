import Foundation
import Hummingbird
import NIOFoundationCompat
import NIOPosix
import OmzienCore

/// The population monitor for analysts: upload survey microdata, get weighted prevalence per domain
/// with intervals, small cells suppressed, as a table and an SVG chart. Nothing of the file is stored.
struct MonitorController {
    let services: AppServices
    var renderer: Renderer { services.renderer }

    func addRoutes(to group: RouterGroup<StaffRequestContext>) {
        group.get("/monitor") { request, context in
            render(form: FormData(["items": ["q1..q11"], "min_n": ["50"], "indicator": ["lonely"]]), errors: FieldErrors(), result: nil,
                   context: context, request: request)
        }
        group.post("/monitor", use: upload)
    }

    @Sendable func upload(_ request: Request, context: StaffRequestContext) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: services.configuration.maxUploadBytes)
        guard let boundary = MultipartForm.boundary(contentType: request.headers[.contentType]),
              let multipart = MultipartForm(body: Data(buffer: body), boundary: boundary)
        else { throw AppError.badRequest("multipart") }
        let form = multipart.fields
        let language = context.language
        var errors = FieldErrors()
        let file = multipart.file("data")
        if file == nil || file!.data.isEmpty { errors.add("data", renderer.text("monitor_error_file", language)) }
        if form["weight"].isEmpty { errors.add("weight", renderer.text("monitor_error_weight", language)) }
        let indicator = PrevalenceCSV.Indicator(rawValue: form["indicator"])
        if indicator == nil { errors.add("indicator", renderer.text("monitor_error_indicator", language)) }
        let minN = Int(form["min_n"]) ?? -1
        if minN < 0 { errors.add("min_n", renderer.text("monitor_error_min_n", language)) }
        let by = form["by"].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard errors.isEmpty, let file, let indicator else {
            return render(form: form, errors: errors, result: nil, context: context, request: request, status: .unprocessableContent)
        }
        let options = PrevalenceCSV.Options(
            weight: form["weight"], strata: form["strata"].nonEmpty, by: by, indicator: indicator,
            items: PrevalenceCSV.itemColumns(form["items"]), minN: minN, maxMissing: services.configuration.djgMaxMissing)
        do {
            let rows = try await NIOThreadPool.singleton.runIfActive { () throws -> [PrevalenceCSV.Row] in
                try PrevalenceCSV.estimate(file.data, options: options)
            }
            try await services.audit.record(.list, "monitor", detail: "\(rows.count) domains, \(indicator.rawValue)", context: context)
            let result = MonitorResult(rows: rows, by: by, indicator: indicator, minN: minN, renderer: renderer, language: language)
            return render(form: form, errors: FieldErrors(), result: result, context: context, request: request)
        } catch let failure as PrevalenceCSV.Failure {
            errors.add("data", renderer.text("monitor_error_data", language, failure.message))
            return render(form: form, errors: errors, result: nil, context: context, request: request, status: .unprocessableContent)
        }
    }

    func render(form: FormData, errors: FieldErrors, result: MonitorResult?, context: StaffRequestContext, request: Request,
                status: HTTPResponse.Status = .ok) -> Response {
        let language = context.language
        let t = { (key: String) in renderer.text(key, language) }
        let view = FormView(
            action: "/monitor", submitLabel: t("monitor_submit"),
            fields: [
                FieldView(name: "data", label: t("monitor_field_data"), kind: .file, hint: t("monitor_field_data_hint"), error: errors["data"]),
                FieldView(name: "weight", label: t("monitor_field_weight"), value: form["weight"], error: errors["weight"]),
                FieldView(name: "strata", label: t("monitor_field_strata"), value: form["strata"], required: false),
                FieldView(name: "by", label: t("monitor_field_by"), value: form["by"], hint: t("monitor_field_by_hint"), required: false),
                FieldView(name: "indicator", label: t("monitor_field_indicator"), kind: .select, error: errors["indicator"],
                          options: FieldView.options(PrevalenceCSV.Indicator.allCases.map { ($0.rawValue, t("indicator_\($0.rawValue)")) },
                                                     selected: [form["indicator"]])),
                FieldView(name: "items", label: t("monitor_field_items"), value: form["items"], hint: t("monitor_field_items_hint")),
                FieldView(name: "min_n", label: t("monitor_field_min_n"), kind: .number, value: form["min_n"], error: errors["min_n"]),
            ],
            csrf: context.csrfToken, intro: t("monitor_intro"), multipart: true)
        // Only present keys: Mustache looks into an optional wrapped in Any as if it were a value.
        var page: [String: Any] = ["form": view]
        if let result { page["result"] = result }
        return renderer.page("monitor", title: t("monitor_title"), page: page, context: context, request: request, status: status)
    }
}

/// The result page: a pivot table (two domain columns) or a list, and an SVG dot plot with intervals.
struct MonitorResult {
    struct Cell { let text: String; let suppressed: Bool }
    struct PivotRow { let label: String; let cells: [Cell] }

    let summary: String
    let columns: [String]
    let rows: [PivotRow]
    let chart: String
    let chartTitle: String

    init(rows: [PrevalenceCSV.Row], by: [String], indicator: PrevalenceCSV.Indicator, minN: Int, renderer: Renderer, language: Language) {
        let t = { (key: String) in renderer.text(key, language) }
        let percent = { (value: Double) -> String in
            let text = String(format: "%.1f", value * 100)
            return language == .nl ? text.replacingOccurrences(of: ".", with: ",") : text
        }
        let cellText = { (row: PrevalenceCSV.Row) -> Cell in
            if row.suppressed { return Cell(text: renderer.text("monitor_suppressed", language, String(row.estimate.n)), suppressed: true) }
            let ci = row.estimate.logitInterval()
            return Cell(text: "\(percent(row.estimate.estimate))%" + (ci.map { " (\(percent($0.lower))–\(percent($0.upper)))" } ?? ""), suppressed: false)
        }
        summary = renderer.text("monitor_summary", language, t("indicator_\(indicator.rawValue)"), String(rows.count),
                                String(rows.filter(\.suppressed).count), String(minN))
        if by.count == 2 {
            let first = Array(Set(rows.map { $0.domain[0] })).sorted()
            let second = Array(Set(rows.map { $0.domain[1] })).sorted()
            columns = [by[0]] + second
            self.rows = first.map { a in
                PivotRow(label: a, cells: second.map { b in
                    rows.first { $0.domain == [a, b] }.map(cellText) ?? Cell(text: "—", suppressed: false)
                })
            }
        } else {
            columns = [by.isEmpty ? t("monitor_overall") : by.joined(separator: " × "), t("monitor_estimate")]
            self.rows = rows.map { PivotRow(label: $0.domain.isEmpty ? t("monitor_overall") : $0.domain.joined(separator: " · "), cells: [cellText($0)]) }
        }
        chartTitle = renderer.text("monitor_chart_title", language, t("indicator_\(indicator.rawValue)"))
        chart = MonitorChart.svg(rows: rows.filter { !$0.suppressed }, title: chartTitle, description: t("monitor_chart_desc"))
    }
}

/// A dot plot with 95% intervals, drawn on the server as accessible SVG (title and description;
/// the numbers are in the table next to it).
enum MonitorChart {
    static func svg(rows: [PrevalenceCSV.Row], title: String, description: String) -> String {
        let rowHeight = 18.0, labelWidth = 190.0, plotWidth = 420.0, top = 28.0
        let height = top + Double(max(rows.count, 1)) * rowHeight + 24
        let x = { (p: Double) in labelWidth + p * plotWidth }
        var parts = [
            #"<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title chart-desc" viewBox="0 0 \#(Int(labelWidth + plotWidth + 20)) \#(Int(height))" class="chart">"#,
            "<title id=\"chart-title\">\(escape(title))</title><desc id=\"chart-desc\">\(escape(description))</desc>",
        ]
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            parts.append(#"<line x1="\#(x(tick))" x2="\#(x(tick))" y1="\#(top - 6)" y2="\#(height - 20)" class="grid"/>"#)
            parts.append(#"<text x="\#(x(tick))" y="\#(top - 10)" text-anchor="middle" class="tick">\#(Int(tick * 100))%</text>"#)
        }
        for (index, row) in rows.enumerated() {
            let y = top + Double(index) * rowHeight + rowHeight / 2
            let label = escape(row.domain.joined(separator: " · "))
            parts.append(#"<text x="\#(labelWidth - 8)" y="\#(y + 4)" text-anchor="end" class="label">\#(label)</text>"#)
            if let ci = row.estimate.logitInterval() {
                parts.append(#"<line x1="\#(x(ci.lower))" x2="\#(x(ci.upper))" y1="\#(y)" y2="\#(y)" class="interval"/>"#)
            }
            parts.append(#"<circle cx="\#(x(row.estimate.estimate))" cy="\#(y)" r="4" class="point"/>"#)
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
