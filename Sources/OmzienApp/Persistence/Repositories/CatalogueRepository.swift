import FluentKit
import Foundation
import OmzienCore

/// The social map of a municipality: activities (stored whole as the core's value) and organisation profiles.
public struct CatalogueRepository: Sendable {
    let db: @Sendable () -> any Database
    public init(databaseService: DatabaseService) { self.db = { databaseService.database } }

    /// An activity with when it last changed (for HSDA's `modified_after`).
    public struct Stored: Sendable, Equatable {
        public var activity: CatalogueActivity
        public var municipalityID: UUID
        public var updatedAt: Date
    }

    public func activities(municipalityID: UUID, organisationID: UUID? = nil) async throws -> [Stored] {
        var query = CatalogueActivityModel.query(on: db()).filter(\.$municipality.$id == municipalityID)
        if let organisationID { query = query.filter(\.$organisation.$id == organisationID) }
        return try await query.sort(\.$name).all().map(Self.stored)
    }

    public func activity(id: UUID, municipalityID: UUID) async throws -> Stored? {
        try await CatalogueActivityModel.query(on: db()).filter(\.$id == id).filter(\.$municipality.$id == municipalityID).first().map(Self.stored)
    }

    /// Creates or replaces an activity (the id decides), keeping it inside the municipality.
    public func save(_ activity: CatalogueActivity, municipalityID: UUID) async throws {
        guard let id = UUID(uuidString: activity.id), let organisationID = UUID(uuidString: activity.organisationID) else {
            throw PersistenceError.corrupt("catalogue id")
        }
        let existing = try await CatalogueActivityModel.query(on: db()).filter(\.$id == id).first()
        if let existing, existing.$municipality.id != municipalityID { throw PersistenceError.corrupt("activity of another municipality") }
        let model = existing ?? CatalogueActivityModel()
        model.id = id
        model.$municipality.id = municipalityID
        model.$organisation.id = organisationID
        model.name = activity.name
        model.status = activity.status.rawValue
        model.checkedOn = activity.checkedOn?.description
        model.data = String(decoding: try JSONEncoder().encode(activity), as: UTF8.self)
        try await model.save(on: db())
    }

    /// Ids already used by another municipality: an import into this one must give those records new ids.
    public func idsTakenElsewhere(_ ids: [UUID], municipalityID: UUID) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        let activities = try await CatalogueActivityModel.query(on: db()).filter(\.$id ~~ ids).filter(\.$municipality.$id != municipalityID).all()
        let organisations = try await OrganisationModel.query(on: db()).filter(\.$id ~~ ids).filter(\.$municipality.$id != municipalityID).all()
        return Set(activities.compactMap(\.id) + organisations.compactMap(\.id))
    }

    public func delete(id: UUID, municipalityID: UUID) async throws {
        try await CatalogueActivityModel.query(on: db()).filter(\.$id == id).filter(\.$municipality.$id == municipalityID).delete()
    }

    /// The social-map face of the municipality's organisations: name and contact from the organisation,
    /// description, e-mail and website from its profile.
    public func organisations(municipalityID: UUID) async throws -> [CatalogueOrganisation] {
        let organisations = try await OrganisationModel.query(on: db()).filter(\.$municipality.$id == municipalityID).sort(\.$name).all()
        let profiles = try await OrganisationProfileModel.query(on: db()).filter(\.$organisation.$id ~~ organisations.compactMap(\.id)).all()
        let byID = Dictionary(profiles.map { ($0.$organisation.id, $0) }, uniquingKeysWith: { first, _ in first })
        return organisations.map { model in
            let profile = byID[model.id!]
            return CatalogueOrganisation(id: model.id!.uuidString, name: model.name, description: profile?.description ?? "",
                                         email: profile?.email ?? "", website: profile?.website ?? "", phone: model.contact)
        }
    }

    /// Creates the organisation (as an activity provider) when its id is new, and stores its profile.
    public func saveOrganisation(_ organisation: CatalogueOrganisation, municipalityID: UUID) async throws {
        guard let id = UUID(uuidString: organisation.id) else { throw PersistenceError.corrupt("organisation id") }
        let existing = try await OrganisationModel.find(id, on: db())
        if let existing, existing.$municipality.id != municipalityID { throw PersistenceError.corrupt("organisation of another municipality") }
        let model = existing ?? OrganisationModel()
        if existing == nil {
            model.id = id
            model.type = OrganisationType.activityProvider.rawValue
        }
        model.$municipality.id = municipalityID
        model.name = organisation.name
        model.contact = organisation.phone
        try await model.save(on: db())
        // One profile per organisation (a unique index): a save that loses the race to create it updates the winner's.
        try await retryingOnceOnUniqueConflict {
            let profile = try await OrganisationProfileModel.query(on: db()).filter(\.$organisation.$id == id).first() ?? OrganisationProfileModel()
            profile.$organisation.id = id
            profile.description = organisation.description
            profile.email = organisation.email
            profile.website = organisation.website
            try await profile.save(on: db())
        }
    }

    private static func stored(_ model: CatalogueActivityModel) throws -> Stored {
        Stored(activity: try JSONDecoder().decode(CatalogueActivity.self, from: Data(model.data.utf8)), municipalityID: model.$municipality.id,
               updatedAt: model.updatedAt ?? model.createdAt ?? Date(timeIntervalSince1970: 0))
    }
}
