import FluentKit

/// The province of a municipality, which HSDS addresses require.
struct AddMunicipalityProvince: AsyncMigration {
    /// The name stored in `_fluent_migrations`; it must never change, or existing databases would run this again.
    var name: String { "OmzienApp.AddMunicipalityProvince" }

    func prepare(on database: any Database) async throws {
        try await database.schema(MunicipalityModel.schema).field("province", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MunicipalityModel.schema).deleteField("province").update()
    }
}
