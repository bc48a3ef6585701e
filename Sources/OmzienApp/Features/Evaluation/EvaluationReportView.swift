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
