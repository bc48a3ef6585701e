import Foundation
import Hummingbird
import OmzienCore

/// Read-only HSDA endpoints of the Open Referral 3.0 API, one set per municipality (by its code):
/// `/hsds/{municipality}/` and the lists and items of services, organizations, taxonomies, taxonomy
/// terms and service-at-locations, paged, with `search`, `page`, `per_page`, `taxonomy_term_id`,
/// `organization_id` and `modified_after`. The social map is public information, so no login.
struct HSDAController {
    let services: AppServices

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get(.hsdsRoot(municipality: ""), use: root)
        router.get(.hsdsServices(municipality: ""), use: servicesList)
        router.get(.hsdsService(municipality: "", .routeKey), use: service)
        router.get(.hsdsOrganizations(municipality: ""), use: organizations)
        router.get(.hsdsOrganization(municipality: "", .routeKey), use: organization)
        router.get(.hsdsTaxonomies(municipality: ""), use: taxonomies)
        router.get(.hsdsTaxonomyTerms(municipality: ""), use: taxonomyTerms)
        router.get(.hsdsServiceAtLocations(municipality: ""), use: serviceAtLocations)
    }

    /// The municipality of the path (its code, any case), or "not found".
    func load(_ context: AppRequestContext) async throws -> (HSDSCatalogue, [CatalogueRepository.Stored], Municipality) {
        let code = context.parameters.get("municipality")?.uppercased() ?? ""
        guard let municipality = try await services.organisations.municipality(code: code) else { throw AppError.notFound }
        let (catalogue, stored) = try await CatalogueExchange(services: services).catalogue(municipalityID: municipality.id)
        return (catalogue, stored, municipality)
    }

    /// Paging parameters as HSDA names them; `per_page` is capped so one request stays cheap.
    struct Paging {
        let page: Int
        let perPage: Int
        init(_ request: Request) {
            page = max(1, request.uri.queryParameters["page"].flatMap { Int(String($0)) } ?? 1)
            perPage = min(500, max(1, request.uri.queryParameters["per_page"].flatMap { Int(String($0)) } ?? 50))
        }
        func slice<T>(_ items: [T]) -> [T] {
            let start = (page - 1) * perPage
            guard start < items.count else { return [] }
            return Array(items[start..<min(items.count, start + perPage)])
        }
    }

    static func json(_ value: HSDSJSON, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: value.data())))
    }

    func page(_ items: [HSDSJSON], _ request: Request) -> Response {
        let paging = Paging(request)
        return Self.json(HSDSPackage.page(paging.slice(items), totalItems: items.count, page: paging.page, perPage: paging.perPage))
    }

    @Sendable func root(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, _, municipality) = try await load(context)
        return Self.json(.record([
            ("version", .string("3.0")),
            ("profile", .string("https://openreferral.org/")),
            ("openapi_url", .string("https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json")),
            ("municipality", .string(municipality.name)),
        ]))
    }

    /// Term ids tagging a service (its attributes), for `taxonomy_term_id`.
    static func termIDs(of service: HSDSJSON) -> Set<String> {
        Set((service["attributes"]?.arrayValue ?? []).compactMap { $0["taxonomy_term_id"]?.stringValue ?? $0["taxonomy_term"]?["id"]?.stringValue })
    }

    @Sendable func servicesList(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (catalogue, stored, _) = try await load(context)
        let query = request.uri.queryParameters
        let search = query["search"].map { String($0).lowercased() } ?? ""
        let organization = query["organization_id"].map { String($0).lowercased() }
        let term = query["taxonomy_term_id"].map { String($0).lowercased() }
        let modifiedAfter = query["modified_after"].flatMap { ISO8601DateFormatter().date(from: String($0)) }
        var items: [HSDSJSON] = []
        for entry in stored {
            let activity = entry.activity
            if let organization, activity.organisationID.lowercased() != organization { continue }
            if let modifiedAfter, entry.updatedAt <= modifiedAfter { continue }
            if !search.isEmpty, !"\(activity.name) \(activity.description)".lowercased().contains(search) { continue }
            let json = HSDSPackage.serviceJSON(activity, in: catalogue)
            if let term, !Self.termIDs(of: json).map({ $0.lowercased() }).contains(term) { continue }
            items.append(json)
        }
        return page(items, request)
    }

    @Sendable func service(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (catalogue, _, _) = try await load(context)
        let id = context.parameters.get("id")?.lowercased() ?? ""
        guard let activity = catalogue.activities.first(where: { $0.id.lowercased() == id }) else { throw AppError.notFound }
        return Self.json(HSDSPackage.serviceJSON(activity, in: catalogue))
    }

    @Sendable func organizations(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (catalogue, _, _) = try await load(context)
        let search = request.uri.queryParameters["search"].map { String($0).lowercased() } ?? ""
        let found = catalogue.organisations.filter { search.isEmpty || "\($0.name) \($0.description)".lowercased().contains(search) }
        return page(found.map { HSDSPackage.organizationJSON($0, in: catalogue) }, request)
    }

    @Sendable func organization(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (catalogue, _, _) = try await load(context)
        let id = context.parameters.get("id")?.lowercased() ?? ""
        guard let organisation = catalogue.organisations.first(where: { $0.id.lowercased() == id }) else { throw AppError.notFound }
        let full = request.uri.queryParameters["full_service"] == "true"
        return Self.json(HSDSPackage.organizationJSON(organisation, in: catalogue, services: full))
    }

    @Sendable func taxonomies(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await load(context)
        return page(HSDSPackage.taxonomies().map(HSDSPackage.taxonomyJSON), request)
    }

    @Sendable func taxonomyTerms(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (catalogue, _, _) = try await load(context)
        let search = request.uri.queryParameters["search"].map { String($0).lowercased() } ?? ""
        let taxonomy = request.uri.queryParameters["taxonomy_id"].map { String($0).lowercased() }
        let terms = HSDSPackage.taxonomyTerms(for: catalogue).filter {
            (search.isEmpty || $0.name.lowercased().contains(search) || $0.code.lowercased().contains(search))
                && (taxonomy == nil || $0.taxonomyID.lowercased() == taxonomy)
        }
        return page(terms.map(HSDSPackage.taxonomyTermJSON), request)
    }

    @Sendable func serviceAtLocations(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (catalogue, _, _) = try await load(context)
        let search = request.uri.queryParameters["search"].map { String($0).lowercased() } ?? ""
        let organization = request.uri.queryParameters["organization_id"].map { String($0).lowercased() }
        let items = catalogue.activities
            .filter { (search.isEmpty || $0.name.lowercased().contains(search)) && (organization == nil || $0.organisationID.lowercased() == organization) }
            .compactMap { HSDSPackage.serviceAtLocationJSON($0, in: catalogue) }
        return page(items, request)
    }
}
