import Foundation
import OmzienCore

/// The yearly evaluation report as one printable page: the figures with last year beside them, the local
/// population figures, generated wording and the analysts' commentary per section.
struct EvaluationReportView {
    struct PopulationRow { let label: String; let year: String; let estimate: String; let n: String }
    struct CommentaryField { let name: String; let id: String; let label: String; let value: String; let error: String? }

    let title: String
    let year: Int
    let statusText: String
    let isFinal: Bool
    let canWrite: Bool
    let csrf: String
    let summary: [String]
    let previousSummary: [String]
    let sections: [EvaluationSectionView]
    let fields: [CommentaryField]
    let population: [PopulationRow]
    let hasPopulation: Bool
    let csvHref: String
    let dashboardHref: String
    let action: String
    let finaliseAction: String
    let confirmError: String?
    let errors: [CommentaryField]
    let hasErrors: Bool
    var notice: String?

    init(content: EvaluationReportContent, report: EvaluationReport?, commentary: [String: String], canWrite: Bool, csrf: String,
         errors: FieldErrors, renderer: Renderer, language: Language) {
        let t = { (key: String) in renderer.text(key, language) }
        year = content.year
        title = renderer.text("evaluation_report_title", language, String(content.year))
        isFinal = report?.isFinal == true
        statusText = isFinal
            ? renderer.text("evaluation_report_final_on", language, report?.finalisedAt.map { DateText.long($0, language) } ?? "")
            : renderer.text("evaluation_report_draft_on", language, DateText.long(content.madeOn, language))
        self.canWrite = canWrite
        self.csrf = csrf
        summary = EvaluationWording.paragraphs(content.figures, renderer: renderer, language: language)
        previousSummary = EvaluationWording.paragraphs(content.previous, renderer: renderer, language: language)
        var sections = EvaluationSectionView.all(tables: content.figures.tables + content.coverage, previous: content.previous,
                                                 years: (content.year, content.year - 1), renderer: renderer, language: language)
        for index in sections.indices { sections[index].setCommentary(commentary[sections[index].id] ?? "") }
        self.sections = sections
        fields = FigureTable.Section.allCases.map { section in
            let name = "commentary_\(section.rawValue)"
            return CommentaryField(name: name, id: "veld-\(name)", label: renderer.text("evaluation_commentary_for", language, t("evaluation_section_\(section.rawValue)")),
                                   value: commentary[section.rawValue] ?? "", error: errors[name])
        }
        self.errors = fields.filter { $0.error != nil }
        confirmError = errors["confirm"]
        hasErrors = !self.errors.isEmpty || confirmError != nil
        population = content.population.sorted { ($0.label, $0.year) < ($1.label, $1.year) }.map { figure in
            let interval = EvaluationFormat.percent(figure.estimate, language)
                + (figure.lower.flatMap { lower in figure.upper.map { " (\(EvaluationFormat.percent(lower, language))–\(EvaluationFormat.percent($0, language)))" } } ?? "")
            return PopulationRow(label: figure.label, year: String(figure.year), estimate: interval, n: String(figure.n))
        }
        hasPopulation = !population.isEmpty
        csvHref = Route.evaluationReportCSV(year: content.year).href
        dashboardHref = Route.evaluation(year: content.year).href
        action = Route.evaluationReport(year: content.year).href
        finaliseAction = Route.evaluationReportFinalise(year: content.year).href
    }
}

extension EvaluationReportView: PageContent {
    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <article class="report">
        <h1>\(chrome.title)</h1>
        <p class="status-line"><span class="status">\(statusText)</span></p>
        \(Layout.notice(notice))
        \(if: hasErrors, errorSummary(t))
        <p class="actions"><a class="button secondary" href="\(csvHref)">\(t["evaluation_report_csv"])</a> <a href="\(dashboardHref)">\(t["evaluation_to_dashboard"])</a></p>
        <p class="small print-hint">\(t["evaluation_print_hint"])</p>
        <section class="summary-box" aria-labelledby="samenvatting-kop">
        <h2 id="samenvatting-kop">\(t["evaluation_summary"]) \(year)</h2>
        \(each: summary, { "<p>\($0)</p>" })
        <h3>\(t["evaluation_last_year"])</h3>
        \(each: previousSummary, { "<p>\($0)</p>" })
        <p class="small">\(t["evaluation_privacy_note"])</p>
        </section>
        <section class="report-section" aria-labelledby="bevolking-kop">
        <h2 id="bevolking-kop">\(t["evaluation_population"])</h2>
        \(if: hasPopulation, populationTable(t), else: "<p>\(t["evaluation_population_none"])</p>")
        </section>
        \(each: sections, { $0.reportHTML(t) })
        \(if: canWrite, commentaryForm(t))
        </article>
        """
    }

    func errorSummary(_ t: Texts) -> HTML {
        """
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
          <h2 id="error-summary-title">\(t["error_summary"])</h2>
          <ul>\(each: errors, { "<li><a href=\"#\($0.id)\">\($0.error)</a></li>" })\(confirmError, { "<li><a href=\"#veld-confirm\">\($0)</a></li>" })</ul>
        </div>
        """
    }

    func populationTable(_ t: Texts) -> HTML {
        """
        <div class="table-wrap"><table class="figures">
        <caption class="visually-hidden">\(t["evaluation_population"])</caption>
        <thead><tr><th scope="col">\(t["evaluation_population_series"])</th><th scope="col">\(t["evaluation_year"])</th><th scope="col">\(t["monitor_estimate"])</th><th scope="col">n</th></tr></thead>
        <tbody>\(each: population, { "<tr><th scope=\"row\">\($0.label)</th><td>\($0.year)</td><td>\($0.estimate)</td><td>\($0.n)</td></tr>" })</tbody>
        </table></div>
        <p class="small">\(t["evaluation_population_note"])</p>
        """
    }

    /// The analysts' commentary per section, and finalising the report (which keeps it as it is).
    func commentaryForm(_ t: Texts) -> HTML {
        """
        <section class="report-section no-print" id="toelichting" aria-labelledby="toelichting-kop">
        <h2 id="toelichting-kop">\(t["evaluation_commentary_title"])</h2>
        <p>\(t["evaluation_commentary_intro"])</p>
        <form action="\(action)" method="post" novalidate>
          <input type="hidden" name="_csrf" value="\(csrf)">
          \(each: fields, { Self.field($0, t) })
          <div class="form-buttons"><button type="submit" class="button">\(t["evaluation_save_commentary"])</button></div>
          <div class="finalise">
          <h3>\(t["evaluation_finalise_title"])</h3>
          <p>\(t["evaluation_finalise_intro"])</p>
          <div class="field\(if: confirmError != nil, " field-error")">
            \(confirmError, { "<p class=\"error-message\" id=\"veld-confirm-error\">\($0)</p>" })
            <label class="check" for="veld-confirm"><input type="checkbox" id="veld-confirm" name="confirm"> \(t["evaluation_finalise_confirm"])</label>
          </div>
          <button type="submit" class="button secondary" formaction="\(finaliseAction)">\(t["evaluation_finalise"])</button>
          </div>
        </form>
        </section>
        """
    }

    static func field(_ field: CommentaryField, _ t: Texts) -> HTML {
        let invalid: HTML = "\(if: field.error != nil, " aria-invalid=\"true\" aria-describedby=\"\(field.id)-error\"")"
        return """
          <div class="field\(if: field.error != nil, " field-error")">
            <label for="\(field.id)">\(field.label)</label>
            \(field.error, { "<p class=\"error-message\" id=\"\(field.id)-error\"><span class=\"visually-hidden\">\(t["error_prefix"])</span> \($0)</p>" })
            <textarea id="\(field.id)" name="\(field.name)" rows="4"\(invalid)>\(field.value)</textarea>
          </div>
        """
    }
}
