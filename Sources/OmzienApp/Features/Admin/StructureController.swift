import FluentKit
import Foundation
import Hummingbird
import OmzienCore

/// Districts, teams and partner organisations of the administrator's municipality.
///
/// The three share one pattern: a list, a form that keeps what was typed on a validation error, and
/// an audit line for every change. `Resource` describes what differs.
struct StructureController {
    let services: AppServices
    var renderer: Renderer { services.renderer }

    /// What differs between districts, teams and organisations.
    struct Resource: Sendable {
        let kind: Route.StructureKind
        let recordType: String
        let titleKey: String
        let newKey: String
        let editKey: String
        let headers: [String]
        let rows: @Sendable (AppServices, UUID, Language) async throws -> [(id: UUID, cells: [String])]
        let load: @Sendable (AppServices, UUID, UUID) async throws -> FormData?
        let fields: @Sendable (AppServices, UUID, FormData, FieldErrors, Language) async throws -> [FieldView]
        /// Validates and saves; returns errors, or nil when saved (with the record id).
        let save: @Sendable (AppServices, UUID?, UUID, FormData, Language) async throws -> Result<UUID, FieldErrors>
    }

    func addRoutes(to group: RouterGroup<StaffRequestContext>) {
        for resource in [Self.districts, Self.teams, Self.organisations] {
            group.get(.structure(resource.kind)) { try await list(resource, $0, $1) }
            group.get(.newStructure(resource.kind)) { request, context in
                try await renderForm(resource, id: nil, form: FormData(), errors: FieldErrors(), notice: nil, context: context, request: request, status: .ok)
            }
            group.post(.structure(resource.kind)) { try await save(resource, id: nil, $0, $1) }
            group.get(.structureItem(resource.kind, .routeKey)) { request, context in
                let id = try context.uuidParameter("id")
                guard let form = try await resource.load(services, id, context.municipalityID) else { throw AppError.notFound }
                return try await renderForm(resource, id: id, form: form, errors: FieldErrors(), notice: nil, context: context, request: request, status: .ok)
            }
            group.post(.structureItem(resource.kind, .routeKey)) { request, context in
                let id = try context.uuidParameter("id")
                guard try await resource.load(services, id, context.municipalityID) != nil else { throw AppError.notFound }
                return try await save(resource, id: id, request, context)
            }
        }
    }

    func list(_ resource: Resource, _ request: Request, _ context: StaffRequestContext) async throws -> Response {
        let language = context.language
        let rows = try await resource.rows(services, context.municipalityID, language)
        let table = TableView(
            caption: renderer.text(resource.titleKey, language),
            headers: resource.headers.map { renderer.text($0, language) },
            rows: rows.map { row in
                TableView.Row(cells: row.cells.enumerated().map { index, text in
                    .init(text: text, href: index == 0 ? .structureItem(resource.kind, row.id) : nil)
                })
            },
            emptyText: renderer.text("list_empty", language))
        let page = ListPage(table: table, newLink: .init(label: renderer.text(resource.newKey, language), route: .newStructure(resource.kind)),
                            notice: nil)
        return renderer.page(page, title: table.caption, context: context, request: request)
    }

    func save(_ resource: Resource, id: UUID?, _ request: Request, _ context: StaffRequestContext) async throws -> Response {
        let form = try await request.form()
        switch try await saveOrRefuseTakenName(resource, id: id, form: form, context: context) {
        case .failure(let errors):
            return try await renderForm(resource, id: id, form: form, errors: errors, notice: nil, context: context,
                                        request: request, status: .unprocessableContent)
        case .success(let savedID):
            try await services.audit.record(id == nil ? .create : .update, resource.recordType, id: savedID.uuidString, context: context)
            let saved = try await resource.load(services, savedID, context.municipalityID) ?? form
            return try await renderForm(resource, id: savedID, form: saved, errors: FieldErrors(),
                                        notice: renderer.text("saved", context.language), context: context, request: request,
                                        status: id == nil ? .created : .ok)
        }
    }

    /// Saves the form. Names are unique per municipality in the database too: when another administrator stored
    /// the same name after `resource.save` checked it, the form is refused with the same message as that check.
    func saveOrRefuseTakenName(_ resource: Resource, id: UUID?, form: FormData, context: StaffRequestContext) async throws -> Result<UUID, FieldErrors> {
        do {
            return try await resource.save(services, id, context.municipalityID, form, context.language)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            var errors = FieldErrors()
            errors.add("name", renderer.text("error_name_taken", context.language))
            return .failure(errors)
        }
    }

    func renderForm(
        _ resource: Resource, id: UUID?, form: FormData, errors: FieldErrors, notice: String?,
        context: StaffRequestContext, request: Request, status: HTTPResponse.Status
    ) async throws -> Response {
        let language = context.language
        let fields = try await resource.fields(services, context.municipalityID, form, errors, language)
        let formView = FormView(action: id.map { .structureItem(resource.kind, $0) } ?? .structure(resource.kind),
                                submitLabel: renderer.text(id == nil ? "create" : "save", language), fields: fields, csrf: context.csrfToken)
        let page = EditPage(form: formView, notice: notice, actions: [], oneTimeLink: nil)
        return renderer.page(page, title: renderer.text(id == nil ? resource.newKey : resource.editKey, language),
                             context: context, request: request, status: status)
    }
}

// MARK: - The three resources

extension StructureController {
    static func nameField(_ form: FormData, _ errors: FieldErrors, _ renderer: Renderer, _ language: Language) -> FieldView {
        FieldView(name: "name", label: renderer.text("field_name", language), value: form["name"], error: errors["name"])
    }

    static func requireName(_ form: FormData, _ errors: inout FieldErrors, _ renderer: Renderer, _ language: Language) {
        if form["name"].isEmpty { errors.add("name", renderer.text("error_required_name", language)) }
        if form["name"].count > 200 { errors.add("name", renderer.text("error_too_long", language)) }
    }

    static let districts = Resource(
        kind: .districts, recordType: "district", titleKey: "districts_title", newKey: "districts_new", editKey: "districts_edit",
        headers: ["field_name", "field_postcodes"],
        rows: { services, municipality, _ in
            try await services.organisations.districts(municipalityID: municipality).map { ($0.id, [$0.name, $0.postcodeRanges]) }
        },
        load: { services, id, municipality in
            try await services.organisations.district(id: id, municipalityID: municipality).map {
                FormData(["name": [$0.name], "postcodes": [$0.postcodeRanges]])
            }
        },
        fields: { services, _, form, errors, language in
            [nameField(form, errors, services.renderer, language),
             FieldView(name: "postcodes", label: services.renderer.text("field_postcodes", language), value: form["postcodes"],
                       hint: services.renderer.text("field_postcodes_hint", language), error: errors["postcodes"])]
        },
        save: { services, id, municipality, form, language in
            let renderer = services.renderer
            var errors = FieldErrors()
            requireName(form, &errors, renderer, language)
            var ranges: [PostcodeRange] = []
            do throws(PostcodeRanges.ParseError) {
                ranges = try PostcodeRanges.parse(form["postcodes"])
            } catch {
                switch error {
                case .empty: errors.add("postcodes", renderer.text("error_postcodes_empty", language))
                case .invalidPart(let part): errors.add("postcodes", renderer.text("error_postcodes_part", language, part))
                }
            }
            let others = try await services.organisations.districts(municipalityID: municipality).filter { $0.id != id }
            if errors["name"] == nil, others.contains(where: { $0.name.lowercased() == form["name"].lowercased() }) {
                errors.add("name", renderer.text("error_name_taken", language))
            }
            for other in others {
                let theirs = (try? PostcodeRanges.parse(other.postcodeRanges)) ?? []
                if let clash = PostcodeRanges.overlaps(ranges, theirs).first {
                    errors.add("postcodes", renderer.text("error_postcodes_overlap", language, clash.description, other.name))
                }
            }
            guard errors.isEmpty else { return .failure(errors) }
            let saved = try await services.organisations.saveDistrict(
                id: id, municipalityID: municipality, name: form["name"], postcodeRanges: PostcodeRanges.format(ranges))
            return .success(saved.id)
        })

    static let teams = Resource(
        kind: .teams, recordType: "team", titleKey: "teams_title", newKey: "teams_new", editKey: "teams_edit",
        headers: ["field_name", "field_districts"],
        rows: { services, municipality, _ in
            let districts: [UUID: String] = Dictionary(uniqueKeysWithValues: try await services.organisations.districts(municipalityID: municipality).map { ($0.id, $0.name) })
            return try await services.organisations.teams(municipalityID: municipality).map { team in
                (team.id, [team.name, team.districtIDs.compactMap { districts[$0] }.sorted().joined(separator: ", ")])
            }
        },
        load: { services, id, municipality in
            try await services.organisations.team(id: id, municipalityID: municipality).map {
                FormData(["name": [$0.name], "districts": $0.districtIDs.map(\.uuidString)])
            }
        },
        fields: { services, municipality, form, errors, language in
            let districts = try await services.organisations.districts(municipalityID: municipality)
            return [nameField(form, errors, services.renderer, language),
                    FieldView(name: "districts", label: services.renderer.text("field_districts", language), kind: .checkboxes,
                              error: errors["districts"],
                              options: FieldView.options(districts.map { ($0.id.uuidString, $0.name) }, selected: Set(form.chosen("districts", among: districts.map(\.id.uuidString)))),
                              required: false)]
        },
        save: { services, id, municipality, form, language in
            var errors = FieldErrors()
            requireName(form, &errors, services.renderer, language)
            let others = try await services.organisations.teams(municipalityID: municipality).filter { $0.id != id }
            if errors["name"] == nil, others.contains(where: { $0.name.lowercased() == form["name"].lowercased() }) {
                errors.add("name", services.renderer.text("error_name_taken", language))
            }
            guard errors.isEmpty else { return .failure(errors) }
            let districts = try await services.organisations.districts(municipalityID: municipality)
            let saved = try await services.organisations.saveTeam(
                id: id, municipalityID: municipality, name: form["name"], districtIDs: form.chosen("districts", among: districts.map(\.id.uuidString)).compactMap(UUID.init(uuidString:)))
            return .success(saved.id)
        })

    static let organisations = Resource(
        kind: .organisations, recordType: "organisation", titleKey: "organisations_title", newKey: "organisations_new",
        editKey: "organisations_edit", headers: ["field_name", "field_type", "field_contact"],
        rows: { services, municipality, language in
            try await services.organisations.organisations(municipalityID: municipality).map {
                ($0.id, [$0.name, services.renderer.text("orgtype_\($0.type.rawValue)", language), $0.contact])
            }
        },
        load: { services, id, municipality in
            try await services.organisations.organisation(id: id, municipalityID: municipality).map {
                FormData(["name": [$0.name], "type": [$0.type.rawValue], "contact": [$0.contact]])
            }
        },
        fields: { services, _, form, errors, language in
            let renderer = services.renderer
            return [nameField(form, errors, renderer, language),
                    FieldView(name: "type", label: renderer.text("field_type", language), kind: .select, error: errors["type"],
                              options: FieldView.options(OrganisationType.allCases.map { ($0.rawValue, renderer.text("orgtype_\($0.rawValue)", language)) },
                                                         selected: [form["type"]])),
                    FieldView(name: "contact", label: renderer.text("field_contact", language), value: form["contact"],
                              hint: renderer.text("field_contact_hint", language), error: errors["contact"], required: false)]
        },
        save: { services, id, municipality, form, language in
            let renderer = services.renderer
            var errors = FieldErrors()
            requireName(form, &errors, renderer, language)
            let type = OrganisationType(rawValue: form["type"])
            if type == nil { errors.add("type", renderer.text("error_orgtype", language)) }
            if form["contact"].count > 300 { errors.add("contact", renderer.text("error_too_long", language)) }
            let others = try await services.organisations.organisations(municipalityID: municipality).filter { $0.id != id }
            if errors["name"] == nil, others.contains(where: { $0.name.lowercased() == form["name"].lowercased() }) {
                errors.add("name", renderer.text("error_name_taken", language))
            }
            guard errors.isEmpty, let type else { return .failure(errors) }
            let saved = try await services.organisations.saveOrganisation(
                id: id, municipalityID: municipality, name: form["name"], type: type, contact: form["contact"])
            return .success(saved.id)
        })
}
