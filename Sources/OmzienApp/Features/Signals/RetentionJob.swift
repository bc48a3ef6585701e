import Foundation
import Logging
import OmzienCore
import ServiceLifecycle

/// Once a day, for every municipality, applies its retention rules (signals without contact, declined
/// signals, closed trajectories) and deletes survey microdata whose keeping time is over. With several
/// app instances on one database, each day's run is claimed first: exactly one instance does the work.
struct RetentionJob: Service {
    let services: AppServices
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                try await runOnce()
            } catch {
                logger.warning("Retention run failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(3600)) }
        }
    }

    /// One pass; returns how many municipalities this instance handled (0 when another one claimed today).
    @discardableResult
    func runOnce() async throws -> Int {
        let today = services.clock.today
        var handled = 0
        for municipality in try await services.organisations.municipalities() {
            guard try await services.retention.claim(job: "retention:\(municipality.code)", period: today.description, at: services.clock.now()) else {
                continue
            }
            let settings = try await services.retention.settings(municipalityID: municipality.id)
            let counts = try await services.retention.apply(
                municipalityID: municipality.id, settings: settings, today: today, now: services.clock.now(), dryRun: false, by: "job")
            logger.info("Retention applied", metadata: ["municipality": "\(municipality.code)",
                                                         "counts": "\(counts.map { "\($0.kind.rawValue)=\($0.count)" }.joined(separator: ","))"])
            handled += 1
        }
        if try await services.retention.claim(job: "monitor-microdata", period: today.description, at: services.clock.now()) {
            let files = try await services.monitor.deleteExpiredMicrodata(now: services.clock.now())
            if files > 0 { logger.info("Deleted monitor microdata past their retention", metadata: ["count": "\(files)"]) }
        }
        return handled
    }
}
