import Foundation
import Logging
import ServiceLifecycle

/// Once a day: anonymise signals that never led to contact after the retention period (default six
/// months) and delete survey microdata whose keeping time is over (the tables stay). Both only touch
/// rows still due, so two app instances running it at once do no harm; the privacy issue will move all
/// retention rules behind one claimed job.
struct RetentionJob: Service {
    let services: AppServices
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                let cutoff = Calendar(identifier: .gregorian).date(
                    byAdding: .month, value: -services.configuration.signalRetentionMonths, to: services.clock.now())!
                let count = try await services.signals.anonymiseUncontacted(receivedBefore: cutoff)
                if count > 0 { logger.info("Anonymised signals without contact", metadata: ["count": "\(count)"]) }
                let files = try await services.monitor.deleteExpiredMicrodata(now: services.clock.now())
                if files > 0 { logger.info("Deleted monitor microdata past their retention", metadata: ["count": "\(files)"]) }
            } catch {
                logger.warning("Retention run failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(24 * 3600)) }
        }
    }
}
