import Foundation
import Hummingbird
import NIOFoundationCompat
import NIOPosix
import OmzienCore

/// The population monitor for analysts and coordinators: survey datasets with their metadata, weighted
/// prevalence tables per domain with intervals and small cells suppressed, and trend charts that join only
/// comparable figures. Microdata are kept for `monitor-microdata-days` (to compute other tables), never shown.
struct MonitorController {
    let services: AppServices
    var renderer: Renderer { services.renderer }
    var repository: MonitorRepository { services.monitor }

    func addRoutes(to group: RouterGroup<StaffRequestContext>) {
        group.get(.monitor) { request, context in
            try await overview(form: MonitorForms.defaults, errors: FieldErrors(), context: context, request: request)
        }
        group.post(.monitor, use: upload)
        group.get(.monitorDataset(.routeKey)) { request, context in
            try await show(analysis: MonitorForms.defaults, errors: FieldErrors(), context: context, request: request)
        }
        group.post(.monitorTables(.routeKey), use: addTable)
        group.get(.monitorTableCSV(.routeKey, table: .routeKey), use: downloadTable)
        group.post(.monitorDelete(.routeKey), use: delete)
    }

    // MARK: Handlers

    @Sendable func upload(_ request: Request, context: StaffRequestContext) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: services.configuration.maxUploadBytes)
        guard let boundary = MultipartForm.boundary(contentType: request.headers[.contentType]),
              let multipart = MultipartForm(body: Data(buffer: body), boundary: boundary)
        else { throw AppError.badRequest("multipart") }
        let form = multipart.fields
        let language = context.language
        var errors = FieldErrors()
        let metadata = MonitorForms.metadata(form, errors: &errors, renderer: renderer, language: language, thisYear: services.clock.today.year)
        let analysis = MonitorForms.analysis(form, errors: &errors, renderer: renderer, language: language)
        let file = try await chosenFile(multipart: multipart, errors: &errors, language: language)
        guard errors.isEmpty, var metadata, let analysis, let file else {
            if file != nil || multipart.file("data") != nil { errors.add("data", renderer.text("monitor_error_file_again", language)) }
            return try await overview(form: form, errors: errors, context: context, request: request, status: .unprocessableContent)
        }
        metadata.fileName = file.name
        metadata.byteCount = file.data.count
        let computed: ComputedTable
        do {
            computed = try await compute(file.data, metadata: metadata, analysis: analysis)
        } catch let failure as PrevalenceCSV.Failure {
            errors.add("data", renderer.text("monitor_error_data", language, failure.message))
            return try await overview(form: form, errors: errors, context: context, request: request, status: .unprocessableContent)
        }
        let days = services.configuration.monitorMicrodataDays
        let keepUntil = days > 0 ? services.clock.now().addingTimeInterval(Double(days) * 86_400) : nil
        let datasetID = try await repository.create(
            metadata, municipalityID: context.municipalityID, createdBy: context.user.account.id,
            microdata: keepUntil == nil ? nil : file.data, keepUntil: keepUntil)
        let tableID = try await store(computed, datasetID: datasetID)
        try await services.audit.record(.create, "monitor_dataset", id: datasetID.uuidString,
                                        detail: "\(metadata.source) \(metadata.year), \(file.data.count) bytes", context: context)
        return redirect(to: .monitorDataset(datasetID), fragment: "tabel-\(tableID)")
    }

    @Sendable func addTable(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let dataset = try await loadDataset(context)
        let form = try await request.form()
        var errors = FieldErrors()
        let analysis = MonitorForms.analysis(form, errors: &errors, renderer: renderer, language: context.language)
        guard let data = try await repository.microdata(datasetID: dataset.id) else {
            errors.add("indicator", renderer.text("monitor_error_microdata_gone", context.language))
            return try await show(analysis: form, errors: errors, context: context, request: request, status: .unprocessableContent)
        }
        guard errors.isEmpty, let analysis else {
            return try await show(analysis: form, errors: errors, context: context, request: request, status: .unprocessableContent)
        }
        let metadata = NewMonitorDataset(
            source: dataset.source, year: dataset.year, population: dataset.population, mode: dataset.mode, fileName: dataset.fileName,
            byteCount: dataset.byteCount, weightColumn: dataset.weightColumn, strataColumn: dataset.strataColumn)
        do {
            let tableID = try await store(try await compute(data, metadata: metadata, analysis: analysis), datasetID: dataset.id)
            try await services.audit.record(.create, "monitor_table", id: tableID.uuidString, detail: analysis.indicator.rawValue, context: context)
            return redirect(to: .monitorDataset(dataset.id), fragment: "tabel-\(tableID)")
        } catch let failure as PrevalenceCSV.Failure {
            errors.add("by", renderer.text("monitor_error_data", context.language, failure.message))
            return try await show(analysis: form, errors: errors, context: context, request: request, status: .unprocessableContent)
        }
    }

    @Sendable func downloadTable(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let dataset = try await loadDataset(context)
        let tableID = try context.uuidParameter("table")
        guard let table = try await repository.tables(datasetIDs: [dataset.id]).first(where: { $0.id == tableID }) else { throw AppError.notFound }
        try await services.audit.record(.read, "monitor_table", id: table.id.uuidString, detail: "csv", context: context)
        let name = "monitor-\(dataset.year)-\(table.indicator.rawValue).csv"
        return Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name)\""],
            body: .init(byteBuffer: ByteBuffer(string: PrevalenceCSV.csv(table.cells, by: table.by))))
    }

    @Sendable func delete(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let dataset = try await loadDataset(context)
        try await repository.delete(id: dataset.id, municipalityID: context.municipalityID)
        try await services.audit.record(.delete, "monitor_dataset", id: dataset.id.uuidString, detail: "\(dataset.source) \(dataset.year)", context: context)
        return redirect(to: .monitor, .deleted)
    }

    // MARK: Computing

    struct ComputedTable {
        let analysis: MonitorForms.Analysis
        let overall: PrevalenceCell
        let cells: [PrevalenceCell]
    }

    /// The table by the chosen columns and the overall figure (for trends), off the event loop.
    func compute(_ data: Data, metadata: NewMonitorDataset, analysis: MonitorForms.Analysis) async throws -> ComputedTable {
        let options = PrevalenceCSV.Options(
            weight: metadata.weightColumn, strata: metadata.strataColumn, by: analysis.by, indicator: analysis.indicator,
            items: analysis.items, minN: analysis.minN, maxMissing: services.configuration.djgMaxMissing)
        return try await NIOThreadPool.singleton.runIfActive { () throws -> ComputedTable in
            let cells = try PrevalenceCSV.estimate(data, options: options).map(PrevalenceCell.init)
            var overallOptions = options
            overallOptions.by = []
            let overall = try PrevalenceCSV.estimate(data, options: overallOptions).map(PrevalenceCell.init)
            guard let first = overall.first else { throw PrevalenceCSV.Failure(message: "no respondents") }
            return ComputedTable(analysis: analysis, overall: first, cells: cells)
        }
    }

    func store(_ computed: ComputedTable, datasetID: UUID) async throws -> UUID {
        try await repository.addTable(
            datasetID: datasetID, indicator: computed.analysis.indicator, by: computed.analysis.by, items: computed.analysis.items,
            minN: computed.analysis.minN, overall: computed.overall, cells: computed.cells)
    }

    /// The uploaded file, or a CSV file picked from the configured server directory.
    func chosenFile(multipart: MultipartForm, errors: inout FieldErrors, language: Language) async throws -> (name: String, data: Data)? {
        let serverName = multipart.fields["server_file"]
        if !serverName.isEmpty {
            guard let directory = services.configuration.monitorImportDirectory, MonitorForms.serverFiles(in: directory).contains(serverName) else {
                errors.add("server_file", renderer.text("monitor_error_server_file", language))
                return nil
            }
            let url = URL(fileURLWithPath: directory).appendingPathComponent(serverName)
            return (serverName, try await NIOThreadPool.singleton.runIfActive { try Data(contentsOf: url) })
        }
        guard let part = multipart.file("data"), !part.data.isEmpty else {
            errors.add("data", renderer.text("monitor_error_file", language))
            return nil
        }
        return (part.filename ?? "upload.csv", part.data)
    }

    func loadDataset(_ context: StaffRequestContext) async throws -> MonitorDataset {
        guard let dataset = try await repository.dataset(id: try context.uuidParameter("id"), municipalityID: context.municipalityID)
        else { throw AppError.notFound }
        return dataset
    }

    // MARK: Pages

    func overview(form: FormData, errors: FieldErrors, context: StaffRequestContext, request: Request,
                  status: HTTPResponse.Status = .ok) async throws -> Response {
        let language = context.language
        let datasets = try await repository.datasets(municipalityID: context.municipalityID)
        let tables = try await repository.tables(datasetIDs: datasets.map(\.id))
        let figures = try await repository.figures(municipalityID: context.municipalityID)
        try await services.audit.record(.list, "monitor_dataset", detail: "\(datasets.count) datasets", context: context)
        let t = { (key: String) in renderer.text(key, language) }
        let list = TableView(
            caption: t("monitor_datasets"),
            headers: [t("monitor_field_year"), t("monitor_field_source"), t("monitor_field_population"), t("monitor_field_mode"), t("monitor_tables")],
            rows: datasets.map { dataset in
                let indicators = tables.filter { $0.datasetID == dataset.id }.map { t("indicator_\($0.indicator.rawValue)") }
                return TableView.Row(cells: [
                    .init(text: String(dataset.year), href: .monitorDataset(dataset.id)), .init(text: dataset.source, href: nil),
                    .init(text: dataset.population.description, href: nil), .init(text: t("monitor_mode_\(dataset.mode.rawValue)"), href: nil),
                    .init(text: Array(Set(indicators)).sorted().joined(separator: ", "), href: nil),
                ])
            },
            emptyText: t("monitor_no_datasets"))
        let view = MonitorForms.uploadForm(
            form, errors: errors, csrf: context.csrfToken, renderer: renderer, language: language,
            serverFiles: services.configuration.monitorImportDirectory.map(MonitorForms.serverFiles(in:)),
            keepDays: services.configuration.monitorMicrodataDays)
        let trends = MonitorTrendView.all(figures: figures, renderer: renderer, language: language)
        let page = MonitorPage(notice: request.has(.deleted) ? t("monitor_deleted") : nil, datasets: list, trends: trends, form: view)
        return renderer.page(page, title: t("monitor_title"), context: context, request: request, status: status)
    }

    func show(analysis form: FormData, errors: FieldErrors, context: StaffRequestContext, request: Request,
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let dataset = try await loadDataset(context)
        let language = context.language
        let t = { (key: String) in renderer.text(key, language) }
        let tables = try await repository.tables(datasetIDs: [dataset.id])
        try await services.audit.record(.read, "monitor_dataset", id: dataset.id.uuidString, context: context)
        let facts: [(String, String)] = [
            (t("monitor_field_source"), dataset.source), (t("monitor_field_year"), String(dataset.year)),
            (t("monitor_field_population"), dataset.population.description), (t("monitor_field_mode"), t("monitor_mode_\(dataset.mode.rawValue)")),
            (t("monitor_file"), renderer.text("monitor_file_value", language, dataset.fileName, ByteCountFormatter.string(fromByteCount: Int64(dataset.byteCount), countStyle: .file))),
            (t("monitor_field_weight"), dataset.weightColumn), (t("monitor_field_strata"), dataset.strataColumn ?? "—"),
            (t("monitor_added"), DateText.long(dataset.createdAt, language)),
            (t("monitor_microdata"), dataset.microdataKeptUntil.map { renderer.text("monitor_microdata_until", language, DateText.long($0, language)) }
                ?? t("monitor_microdata_gone")),
        ]
        // Without microdata no other table can be made: the messages stand where the form would be.
        let gone = dataset.microdataKeptUntil == nil
        let page = MonitorDatasetPage(
            problem: gone && !errors.isEmpty ? errors.messages.values.sorted().joined(separator: " ") : nil,
            facts: facts.map { .init(term: $0.0, value: $0.1) },
            tables: tables.reversed().map { MonitorTableView(table: $0, datasetID: dataset.id, renderer: renderer, language: language) },
            form: gone ? nil : MonitorForms.analysisForm(form, errors: errors, action: .monitorTables(dataset.id), csrf: context.csrfToken,
                                                         renderer: renderer, language: language),
            deleteAction: Route.monitorDelete(dataset.id).href, csrf: context.csrfToken)
        return renderer.page(page, title: "\(dataset.source) \(dataset.year)", context: context, request: request, status: status)
    }
}
