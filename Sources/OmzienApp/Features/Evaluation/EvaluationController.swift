import Foundation
import Hummingbird
import OmzienCore

/// The evaluation for the municipality (recommendation 8 of seed 000): how many people are reached, how,
/// how fast, with what effect, and whether the offer still fits. Analysts and coordinators see the
/// dashboard and the yearly reports; analysts write the report's commentary and finalise it. Only
/// aggregates are shown, with small cells suppressed.
struct EvaluationController {
    let services: AppServices
    var renderer: Renderer { services.renderer }
    var rule: SuppressionRule { SuppressionRule(minimum: services.configuration.evaluationMinimumCell) }

    func addRoutes(to group: RouterGroup<StaffRequestContext>) {
        group.get(.evaluation(), use: dashboard)
        group.get(.evaluationCSV(), use: dashboardCSV)
        group.get(.evaluationReports, use: reports)
        group.get(.evaluationReport(year: .routeKey), use: report)
        group.get(.evaluationReportCSV(year: .routeKey), use: reportCSV)
    }

    func addWriteRoutes(to group: RouterGroup<StaffRequestContext>) {
        group.post(.evaluationReport(year: .routeKey), use: saveCommentary)
        group.post(.evaluationReportFinalise(year: .routeKey), use: finalise)
    }

    // MARK: Dashboard

    @Sendable func dashboard(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let language = context.language
        let options = try await filterOptions(context)
        let parsed = EvaluationQuery.parse(request.uri.queryParameters, options: options, thisYear: services.clock.today.year)
        let filters = EvaluationQuery.view(parsed, options: options, thisYear: services.clock.today.year, renderer: renderer, language: language)
        guard let query = parsed.query else {
            return renderer.page(EvaluationPage(filters: filters, figures: nil), title: renderer.text("evaluation_title", language),
                                 context: context, request: request, status: .unprocessableContent)
        }
        let started = ContinuousClock.now
        let entry = try await facts(context)
        let loaded = ContinuousClock.now
        let figures = figures(query, entry: entry)
        let counted = ContinuousClock.now
        let coverage = coverageTables(context, facts: entry.facts)
        let covered = ContinuousClock.now
        try await services.audit.record(.read, "evaluation", detail: query.auditDetail, context: context)
        let shown = EvaluationPage.Figures(
            period: EvaluationWording.period(query.period, language), csvHref: Route.evaluationCSV(filters: request.uri.query).href,
            reportHref: Route.evaluationReport(year: query.period.through.year).href,
            summary: EvaluationWording.paragraphs(figures, renderer: renderer, language: language),
            asOf: renderer.text("evaluation_as_of", language, Self.clockTime(entry.loadedAt)),
            sections: EvaluationSectionView.all(tables: figures.tables + coverage, renderer: renderer, language: language))
        let rendering = ContinuousClock.now
        var response = renderer.page(EvaluationPage(filters: filters, figures: shown), title: renderer.text("evaluation_title", language),
                                     context: context, request: request)
        // The parts of the server's time, for the benchmark and the browser's network panel.
        response.headers[.init("Server-Timing")!] = [
            "app;dur=\(Self.milliseconds(since: started))", "facts;dur=\(Self.milliseconds(loaded - started))",
            "count;dur=\(Self.milliseconds(counted - loaded))", "coverage;dur=\(Self.milliseconds(covered - counted))",
            "render;dur=\(Self.milliseconds(since: rendering))",
        ].joined(separator: ", ")
        return response
    }

    @Sendable func dashboardCSV(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let options = try await filterOptions(context)
        guard let query = EvaluationQuery.parse(request.uri.queryParameters, options: options, thisYear: services.clock.today.year).query
        else { throw AppError.badRequest("filters") }
        let entry = try await facts(context)
        let figures = figures(query, entry: entry)
        let coverage = coverageTables(context, facts: entry.facts)
        try await services.audit.record(.read, "evaluation", detail: "csv " + query.auditDetail, context: context)
        let filter = Self.filterLabel(query, options: options)
        return csv(EvaluationCSV.csv([(label: "\(query.period.from)/\(query.period.through)", tables: figures.tables + coverage)], filter: filter),
                   name: "evaluatie-\(query.period.from)-\(query.period.through).csv")
    }

    /// The figures of one view, counted over the municipality's facts in memory.
    func figures(_ query: EvaluationQuery, entry: EvaluationCache.Entry) -> EvaluationFigures {
        let facts = entry.facts
        let scope = EvaluationScope(
            period: query.period,
            district: query.districtID.map { id in facts.districtIDs.firstIndex(of: id.uuidString).map(Int16.init) ?? -2 },
            team: query.teamID.map { id in facts.teams.firstIndex(of: id.uuidString).map(Int16.init) ?? -2 },
            ageBand: query.ageBand.flatMap { AgeBand.allCases.firstIndex(of: $0) }.map(UInt8.init), asOf: services.clock.today)
        return entry.published(query.period, asOf: services.clock.today, rule: rule).figures(scope)
    }

    func facts(_ context: StaffRequestContext) async throws -> EvaluationCache.Entry {
        try await services.evaluationCache.facts(municipalityID: context.municipalityID)
    }

    func coverageTables(_ context: StaffRequestContext, facts: EvaluationFacts) -> [FigureTable] {
        let districts = zip(facts.districtIDs, facts.districts).map { Coverage.District(id: $0, name: $1) }
        return Coverage.tables(activities: facts.activities, districts: districts, demand: facts.demand(), rule: rule)
    }

    /// "wijk=Noord;leeftijd=75_84": which part of the municipality a CSV covers.
    static func filterLabel(_ query: EvaluationQuery, options: EvaluationQuery.Options) -> String {
        var parts: [String] = []
        if let id = query.districtID, let district = options.districts.first(where: { $0.0 == id }) { parts.append("wijk=\(district.1)") }
        if let band = query.ageBand { parts.append("leeftijd=\(band.rawValue)") }
        if let id = query.teamID, let team = options.teams.first(where: { $0.0 == id }) { parts.append("team=\(team.1)") }
        return parts.joined(separator: ";")
    }

    func filterOptions(_ context: StaffRequestContext) async throws -> EvaluationQuery.Options {
        EvaluationQuery.Options(
            districts: try await services.organisations.districts(municipalityID: context.municipalityID).map { ($0.id, $0.name) },
            teams: try await services.organisations.teams(municipalityID: context.municipalityID).map { ($0.id, $0.name) })
    }

    // MARK: Yearly report

    @Sendable func reports(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let language = context.language
        let t = { (key: String) in renderer.text(key, language) }
        let stored = try await services.evaluationReports.reports(municipalityID: context.municipalityID)
        let thisYear = services.clock.today.year
        let years = Array(Set(stored.map(\.year) + [thisYear, thisYear - 1])).sorted(by: >)
        let table = TableView(
            caption: t("evaluation_reports"), headers: [t("evaluation_year"), t("evaluation_report_status")],
            rows: years.map { year in
                let report = stored.first { $0.year == year }
                return TableView.Row(cells: [.init(text: String(year), href: .evaluationReport(year: year)),
                                             .init(text: t(report?.isFinal == true ? "evaluation_status_final" : "evaluation_status_draft"), href: nil)])
            },
            emptyText: "")
        try await services.audit.record(.list, "evaluation_report", detail: "\(stored.count) reports", context: context)
        return renderer.page(EvaluationReportsPage(intro: t("evaluation_reports_intro"), table: table), title: t("evaluation_reports"),
                             context: context, request: request)
    }

    @Sendable func report(_ request: Request, context: StaffRequestContext) async throws -> Response {
        try await showReport(request, context: context, commentary: nil, errors: FieldErrors())
    }

    func showReport(_ request: Request, context: StaffRequestContext, commentary typed: FormData?, errors: FieldErrors,
                    status: HTTPResponse.Status = .ok) async throws -> Response {
        let year = try reportYear(context)
        let stored = try await services.evaluationReports.report(year: year, municipalityID: context.municipalityID)
        let content = try await reportContent(stored: stored, year: year, context: context)
        let canWrite = AccessPolicy.decide(context.user.actor, .writeEvaluationReport).isAllowed && stored?.isFinal != true
        let commentary = typed.map { form in Dictionary(uniqueKeysWithValues: FigureTable.Section.allCases.map { ($0.rawValue, form["commentary_\($0.rawValue)"]) }) }
            ?? stored?.commentary ?? [:]
        var view = EvaluationReportView(
            content: content, report: stored, commentary: commentary, canWrite: canWrite, csrf: context.csrfToken, errors: errors,
            renderer: renderer, language: context.language)
        if request.has(.saved) { view.notice = renderer.text("evaluation_saved", context.language) }
        if request.has(.finalised), stored?.isFinal == true { view.notice = renderer.text("evaluation_finalised", context.language) }
        try await services.audit.record(.read, "evaluation_report", id: String(year), detail: stored?.isFinal == true ? "final" : "draft", context: context)
        return renderer.page(view, title: view.title, context: context, request: request, status: status)
    }

    @Sendable func reportCSV(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let year = try reportYear(context)
        let stored = try await services.evaluationReports.report(year: year, municipalityID: context.municipalityID)
        let content = try await reportContent(stored: stored, year: year, context: context)
        try await services.audit.record(.read, "evaluation_report", id: String(year), detail: "csv", context: context)
        return csv(EvaluationCSV.csv([(label: String(year), tables: content.figures.tables + content.coverage),
                                      (label: String(year - 1), tables: content.previous.tables)]),
                   name: "evaluatierapport-\(year).csv")
    }

    @Sendable func saveCommentary(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let year = try reportYear(context)
        let form = try await request.form()
        var errors = FieldErrors()
        let commentary = Self.commentary(form, errors: &errors, renderer: renderer, language: context.language)
        guard errors.isEmpty else { return try await showReport(request, context: context, commentary: form, errors: errors, status: .unprocessableContent) }
        do {
            try await services.evaluationReports.saveCommentary(commentary, year: year, municipalityID: context.municipalityID, by: context.user.account.id)
        } catch EvaluationReportError.alreadyFinal {
            return redirect(to: .evaluationReport(year: year), .finalised)
        }
        try await services.audit.record(.update, "evaluation_report", id: String(year), detail: "commentary", context: context)
        return redirect(to: .evaluationReport(year: year), .saved, fragment: "toelichting")
    }

    @Sendable func finalise(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let year = try reportYear(context)
        let form = try await request.form()
        var errors = FieldErrors()
        let commentary = Self.commentary(form, errors: &errors, renderer: renderer, language: context.language)
        if form["confirm"] != "on" { errors.add("confirm", renderer.text("evaluation_error_confirm", context.language)) }
        guard errors.isEmpty else { return try await showReport(request, context: context, commentary: form, errors: errors, status: .unprocessableContent) }
        let stored = try await services.evaluationReports.report(year: year, municipalityID: context.municipalityID)
        guard stored?.isFinal != true else { return redirect(to: .evaluationReport(year: year), .finalised) }
        let content = try await reportContent(stored: nil, year: year, context: context)
        do {
            try await services.evaluationReports.finalise(content, commentary: commentary, municipalityID: context.municipalityID,
                                                          by: context.user.account.id, at: services.clock.now())
        } catch EvaluationReportError.alreadyFinal {
            return redirect(to: .evaluationReport(year: year), .finalised)
        }
        try await services.audit.record(.update, "evaluation_report", id: String(year), detail: "finalised", context: context)
        return redirect(to: .evaluationReport(year: year), .finalised)
    }

    /// The kept content of a final report, or the figures as they are today for a draft.
    func reportContent(stored: EvaluationReport?, year: Int, context: StaffRequestContext) async throws -> EvaluationReportContent {
        if let content = stored?.content, stored?.isFinal == true { return content }
        let entry = try await facts(context)
        let population = try await services.monitor.figures(municipalityID: context.municipalityID)
            .filter { $0.year == year || $0.year == year - 1 }
            .map { figure in
                PopulationFigure(label: MonitorFormat.label(figure.metadata, renderer: renderer, language: .nl), year: figure.year,
                                 estimate: figure.estimate, lower: figure.lower, upper: figure.upper, n: figure.n)
            }
        return EvaluationReportContent(
            year: year, figures: figures(EvaluationQuery(period: .year(year)), entry: entry),
            previous: figures(EvaluationQuery(period: .year(year - 1)), entry: entry),
            coverage: coverageTables(context, facts: entry.facts), population: population, madeOn: services.clock.today)
    }

    func reportYear(_ context: StaffRequestContext) throws -> Int {
        guard let text = context.parameters.get("year"), let year = Int(text), (2000...2100).contains(year) else { throw AppError.notFound }
        return year
    }

    /// Commentary per section, at most 10,000 characters each.
    static func commentary(_ form: FormData, errors: inout FieldErrors, renderer: Renderer, language: Language) -> [String: String] {
        var commentary: [String: String] = [:]
        for section in FigureTable.Section.allCases {
            let text = form["commentary_\(section.rawValue)"]
            if text.count > 10_000 { errors.add("commentary_\(section.rawValue)", renderer.text("evaluation_error_commentary_long", language)) }
            if !text.isEmpty { commentary[section.rawValue] = text }
        }
        return commentary
    }

    func csv(_ text: String, name: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name)\"",
                                        .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// "14:05" in Dutch time.
    static func clockTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam")!
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> String { milliseconds(ContinuousClock.now - start) }

    static func milliseconds(_ elapsed: Duration) -> String {
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        return String(format: "%.1f", ms)
    }
}
