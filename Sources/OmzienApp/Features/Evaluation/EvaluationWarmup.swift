import Foundation
import Logging
import ServiceLifecycle

/// Loads every municipality's evaluation facts right after start, so the first analyst does not wait for
/// them (seconds at 100,000 signals); later changes are picked up by the cache itself.
struct EvaluationWarmup: Service {
    let services: AppServices
    let logger: Logger

    func run() async throws {
        let started = Date()
        for municipality in try await services.organisations.municipalities() where !Task.isShuttingDownGracefully {
            do {
                _ = try await services.evaluationCache.facts(municipalityID: municipality.id)
            } catch {
                logger.warning("Evaluation facts not loaded", metadata: ["municipality": "\(municipality.code)", "error": "\(String(reflecting: error))"])
            }
        }
        logger.info("Evaluation facts loaded", metadata: ["seconds": "\(Int(Date().timeIntervalSince(started)))"])
        // A service that returns early would stop the application: wait for the shutdown instead.
        try? await gracefulShutdown()
    }
}
