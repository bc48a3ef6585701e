import Foundation
import Hummingbird
import OmzienCore

/// The dashboard's filters, read from the URL (so a view can be bookmarked and shared): `jaar`, or `van`
/// and `tot` (yyyy-MM-dd), and optionally `wijk`, `leeftijd` and `team`.
struct EvaluationQuery: Sendable, Equatable {
    var period: EvaluationPeriod
    var districtID: UUID?
    var ageBand: AgeBand?
    var teamID: UUID?

    init(period: EvaluationPeriod, districtID: UUID? = nil, ageBand: AgeBand? = nil, teamID: UUID? = nil) {
        self.period = period
        self.districtID = districtID
        self.ageBand = ageBand
        self.teamID = teamID
    }

    struct Options {
        let districts: [(UUID, String)]
        let teams: [(UUID, String)]
    }

    /// The query when every value is right; otherwise the messages per field. The typed values are kept either way.
    struct Parsed {
        var query: EvaluationQuery?
        var values: [String: String]
        var errors: [String: String]
    }

    /// The longest period one view may cover.
    static let maximumYears = 10

    static func parse(_ parameters: Hummingbird.Parameters, options: Options, thisYear: Int) -> Parsed {
        var values: [String: String] = [:]
        for name in ["jaar", "van", "tot", "wijk", "leeftijd", "team"] {
            values[name] = parameters[Substring(name)].map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
        }
        var errors: [String: String] = [:]
        var year = thisYear
        if let text = values["jaar"], !text.isEmpty {
            if let parsed = Int(text), (2000...2100).contains(parsed) { year = parsed } else { errors["jaar"] = "evaluation_error_year" }
        }
        var period = EvaluationPeriod.year(year)
        let from = values["van"] ?? "", through = values["tot"] ?? ""
        if !from.isEmpty || !through.isEmpty {
            let start = from.isEmpty ? period.from : CivilDate(from)
            let end = through.isEmpty ? period.through : CivilDate(through)
            if start == nil { errors["van"] = "evaluation_error_date" }
            if end == nil { errors["tot"] = "evaluation_error_date" }
            if let start, let end {
                if end < start { errors["tot"] = "evaluation_error_order" }
                else if end.dayNumber - start.dayNumber > maximumYears * 366 { errors["tot"] = "evaluation_error_span" }
                else { period = EvaluationPeriod(from: start, through: end) }
            }
        }
        let district = choice(values["wijk"] ?? "", in: options.districts.map(\.0), field: "wijk", errors: &errors)
        let team = choice(values["team"] ?? "", in: options.teams.map(\.0), field: "team", errors: &errors)
        var band: AgeBand?
        if let text = values["leeftijd"], !text.isEmpty {
            if let parsed = AgeBand(rawValue: text) { band = parsed } else { errors["leeftijd"] = "evaluation_error_choice" }
        }
        let query = errors.isEmpty ? EvaluationQuery(period: period, districtID: district, ageBand: band, teamID: team) : nil
        return Parsed(query: query, values: values, errors: errors)
    }

    /// An id from the list of this municipality's own; anything else is an error (never another municipality's).
    static func choice(_ text: String, in allowed: [UUID], field: String, errors: inout [String: String]) -> UUID? {
        guard !text.isEmpty else { return nil }
        guard let id = UUID(uuidString: text), allowed.contains(id) else {
            errors[field] = "evaluation_error_choice"
            return nil
        }
        return id
    }

    /// For the audit trail: what was looked at, never who.
    var auditDetail: String {
        ["\(period.from)/\(period.through)", districtID.map { "wijk=\($0)" }, ageBand.map { "leeftijd=\($0.rawValue)" }, teamID.map { "team=\($0)" }]
            .compactMap { $0 }.joined(separator: " ")
    }

    /// The filter form: selects and date fields with what was typed and the messages.
    struct FilterView {
        struct Field { let name: String; let label: String; let value: String; let error: String?; let options: [FieldView.Option]; let isDate: Bool }
        let fields: [Field]
        let errors: [Field]
        let hasErrors: Bool
    }

    static func view(_ parsed: Parsed, options: Options, thisYear: Int, renderer: Renderer, language: Language) -> FilterView {
        let t = { (key: String) in renderer.text(key, language) }
        let value = { (name: String) in parsed.values[name] ?? "" }
        let error = { (name: String) in parsed.errors[name].map(t) }
        let select = { (name: String, pairs: [(String, String)]) -> [FieldView.Option] in
            FieldView.options([("", t("evaluation_all"))] + pairs, selected: [value(name)])
        }
        let years = (thisYear - 9...thisYear).reversed().map { (String($0), String($0)) }
        let bands = AgeBand.allCases.map { ($0.rawValue, t("signal_age_band_\($0.rawValue)")) }
        let fields = [
            FilterView.Field(name: "jaar", label: t("evaluation_year"), value: value("jaar"), error: error("jaar"),
                  options: FieldView.options(years, selected: [value("jaar").isEmpty ? String(thisYear) : value("jaar")]), isDate: false),
            FilterView.Field(name: "van", label: t("evaluation_from"), value: value("van"), error: error("van"), options: [], isDate: true),
            FilterView.Field(name: "tot", label: t("evaluation_through"), value: value("tot"), error: error("tot"), options: [], isDate: true),
            FilterView.Field(name: "wijk", label: t("evaluation_district"), value: value("wijk"), error: error("wijk"),
                  options: select("wijk", options.districts.map { ($0.0.uuidString, $0.1) }), isDate: false),
            FilterView.Field(name: "leeftijd", label: t("evaluation_age_band"), value: value("leeftijd"), error: error("leeftijd"),
                  options: select("leeftijd", bands), isDate: false),
            FilterView.Field(name: "team", label: t("evaluation_team"), value: value("team"), error: error("team"),
                  options: select("team", options.teams.map { ($0.0.uuidString, $0.1) }), isDate: false),
        ]
        let errors = fields.filter { $0.error != nil }
        return FilterView(fields: fields, errors: errors, hasErrors: !errors.isEmpty)
    }
}
