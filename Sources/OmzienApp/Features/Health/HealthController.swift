import Hummingbird
import Prometheus

/// Liveness, readiness and Prometheus metrics for the platform running Omzien.
struct HealthController {
    let database: DatabaseService
    let registry: PrometheusCollectorRegistry

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(.healthLive) { _, _ in Self.json(#"{"status":"ok"}"#, status: .ok) }
        router.get(.healthReady) { _, _ in
            await database.isReachable()
                ? Self.json(#"{"status":"ok","database":"ok"}"#, status: .ok)
                : Self.json(#"{"status":"unavailable","database":"unreachable"}"#, status: .serviceUnavailable)
        }
        router.get(.metrics) { _, _ in
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
    }

    static func json(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
