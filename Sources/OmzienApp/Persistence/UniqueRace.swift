import FluentKit

/// Runs `write` once more when a unique index refused it: for a save that reads the row first and inserts
/// when there is none ("create or update"). Two requests at the same moment can both find no row; the
/// second insert then fails in the database, and the second run finds the winner's row and updates it,
/// just as if the two requests had come one after the other. Any other error is passed on.
func retryingOnceOnUniqueConflict<T: Sendable>(_ write: () async throws -> T) async throws -> T {
    do {
        return try await write()
    } catch let error as any DatabaseError where error.isConstraintFailure {
        return try await write()
    }
}
