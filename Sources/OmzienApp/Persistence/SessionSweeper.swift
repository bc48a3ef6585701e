import Foundation
import Logging
import ServiceLifecycle

/// Removes expired sessions from the database now and then, so the table does not grow without bound.
/// Deleting expired rows is idempotent, so several app instances may sweep at the same time.
struct SessionSweeper: Service {
    let driver: DatabasePersistDriver
    let interval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                try await driver.removeExpired()
            } catch {
                logger.warning("Could not remove expired sessions", metadata: ["error": "\(String(reflecting: error))"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
