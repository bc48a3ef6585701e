import Foundation
import OmzienCore

/// Reading and drawing the monitor's forms: the dataset's metadata and the analysis settings.
/// Every value typed is kept on a validation error; only the file has to be chosen again (browsers do not refill it).
enum MonitorForms {
    static let defaults = FormData([
        "items": ["q1..q11"], "min_n": ["50"], "indicator": ["lonely"], "population_min": ["18"], "mode": ["mixed"],
    ])

    /// What one table is computed with.
    struct Analysis {
        let indicator: PrevalenceCSV.Indicator
        let by: [String]
        let items: [String]
        let minN: Int
    }

    static func analysis(_ form: FormData, errors: inout FieldErrors, renderer: Renderer, language: Language) -> Analysis? {
        let indicator = PrevalenceCSV.Indicator(rawValue: form["indicator"])
        if indicator == nil { errors.add("indicator", renderer.text("monitor_error_indicator", language)) }
        let minN = Int(form["min_n"]) ?? -1
        if minN < 0 { errors.add("min_n", renderer.text("monitor_error_min_n", language)) }
        let items = PrevalenceCSV.itemColumns(form["items"])
        if let indicator, items.count != indicator.version.items.count {
            errors.add("items", renderer.count("monitor_error_items", indicator.version.items.count, language, String(items.count)))
        }
        let by = form["by"].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let indicator, minN >= 0, items.count == indicator.version.items.count else { return nil }
        return Analysis(indicator: indicator, by: by, items: items, minN: minN)
    }

    /// The dataset's metadata (the comparability guard) and file layout; file name and size are filled in later.
    static func metadata(_ form: FormData, errors: inout FieldErrors, renderer: Renderer, language: Language, thisYear: Int) -> NewMonitorDataset? {
        let t = { (key: String) in renderer.text(key, language) }
        let source = form["source"]
        if source.isEmpty { errors.add("source", t("monitor_error_source")) }
        let year = Int(form["year"]).flatMap { (1980...(thisYear + 1)).contains($0) ? $0 : nil }
        if year == nil { errors.add("year", renderer.text("monitor_error_year", language, String(thisYear))) }
        let maximum = form["population_max"].isEmpty ? nil : Int(form["population_max"])
        let population = Int(form["population_min"]).flatMap { minimum -> AgeRange? in
            if !form["population_max"].isEmpty && maximum == nil { return nil }
            return AgeRange(minimum: minimum, maximum: maximum)
        }
        if population == nil { errors.add("population_min", t("monitor_error_population")) }
        let mode = SurveyMode(rawValue: form["mode"])
        if mode == nil { errors.add("mode", t("monitor_error_mode")) }
        if form["weight"].isEmpty { errors.add("weight", t("monitor_error_weight")) }
        guard !source.isEmpty, let year, let population, let mode, !form["weight"].isEmpty else { return nil }
        return NewMonitorDataset(
            source: source, year: year, population: population, mode: mode, fileName: "", byteCount: 0,
            weightColumn: form["weight"], strataColumn: form["strata"].nonEmpty)
    }

    /// CSV files an analyst may pick in the configured server directory (names only; nothing outside it).
    static func serverFiles(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.lowercased().hasSuffix(".csv") && !$0.hasPrefix(".") }.sorted()
    }

    static func uploadForm(
        _ form: FormData, errors: FieldErrors, csrf: String, renderer: Renderer, language: Language, serverFiles: [String]?, keepDays: Int
    ) -> FormView {
        let t = { (key: String) in renderer.text(key, language) }
        var fields = [
            FieldView(name: "source", label: t("monitor_field_source"), value: form["source"], hint: t("monitor_field_source_hint"), error: errors["source"]),
            FieldView(name: "year", label: t("monitor_field_year"), kind: .number, value: form["year"], error: errors["year"]),
            FieldView(name: "population_min", label: t("monitor_field_population_min"), kind: .number, value: form["population_min"],
                      error: errors["population_min"]),
            FieldView(name: "population_max", label: t("monitor_field_population_max"), kind: .number, value: form["population_max"],
                      hint: t("monitor_field_population_max_hint"), required: false),
            FieldView(name: "mode", label: t("monitor_field_mode"), kind: .select, error: errors["mode"],
                      options: FieldView.options(SurveyMode.allCases.map { ($0.rawValue, t("monitor_mode_\($0.rawValue)")) }, selected: [form["mode"]])),
            FieldView(name: "data", label: t("monitor_field_data"), kind: .file, hint: t("monitor_field_data_hint"), error: errors["data"],
                      required: serverFiles == nil),
        ]
        if let serverFiles {
            fields.append(FieldView(
                name: "server_file", label: t("monitor_field_server_file"), kind: .select, hint: t("monitor_field_server_file_hint"),
                error: errors["server_file"], options: FieldView.options([("", t("monitor_server_file_none"))] + serverFiles.map { ($0, $0) },
                                                                           selected: [form["server_file"]]), required: false))
        }
        fields += [
            FieldView(name: "weight", label: t("monitor_field_weight"), value: form["weight"], error: errors["weight"]),
            FieldView(name: "strata", label: t("monitor_field_strata"), value: form["strata"], required: false),
        ]
        fields += analysisFields(form, errors: errors, renderer: renderer, language: language)
        let intro = keepDays > 0 ? renderer.text("monitor_intro_kept", language, renderer.count("count_days", keepDays, language)) : t("monitor_intro")
        return FormView(action: .monitor, submitLabel: t("monitor_submit"), fields: fields, csrf: csrf, intro: intro, multipart: true)
    }

    static func analysisForm(_ form: FormData, errors: FieldErrors, action: Route, csrf: String, renderer: Renderer, language: Language) -> FormView {
        FormView(action: action, submitLabel: renderer.text("monitor_submit_table", language),
                 fields: analysisFields(form, errors: errors, renderer: renderer, language: language), csrf: csrf)
    }

    private static func analysisFields(_ form: FormData, errors: FieldErrors, renderer: Renderer, language: Language) -> [FieldView] {
        let t = { (key: String) in renderer.text(key, language) }
        return [
            FieldView(name: "by", label: t("monitor_field_by"), value: form["by"], hint: t("monitor_field_by_hint"), error: errors["by"], required: false),
            FieldView(name: "indicator", label: t("monitor_field_indicator"), kind: .select, error: errors["indicator"],
                      options: FieldView.options(PrevalenceCSV.Indicator.allCases.map { ($0.rawValue, t("indicator_\($0.rawValue)")) },
                                                 selected: [form["indicator"]])),
            FieldView(name: "items", label: t("monitor_field_items"), value: form["items"], hint: t("monitor_field_items_hint"), error: errors["items"]),
            FieldView(name: "min_n", label: t("monitor_field_min_n"), kind: .number, value: form["min_n"], error: errors["min_n"]),
        ]
    }
}
