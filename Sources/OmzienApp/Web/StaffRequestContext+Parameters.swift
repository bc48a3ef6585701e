import Foundation
import Hummingbird

extension StaffRequestContext {
    /// The municipality the signed-in user works in: every query of a staff page stays inside it.
    var municipalityID: UUID { user.municipality.id }

    /// A UUID route parameter; anything else is "not found", never a 500.
    func uuidParameter(_ name: String) throws -> UUID {
        guard let text = parameters.get(name), let id = UUID(uuidString: text) else { throw AppError.notFound }
        return id
    }
}
