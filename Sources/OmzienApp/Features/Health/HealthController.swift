import Crypto
import Foundation
import Hummingbird
import Prometheus

/// Liveness, readiness and Prometheus metrics for the platform running Omzien.
struct HealthController {
    let database: DatabaseService
    let registry: PrometheusCollectorRegistry
    /// The bearer token `/metrics` asks for (setting `metrics-token`); without one the route does not exist.
    let metricsToken: String?

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(.healthLive) { _, _ in Self.json(#"{"status":"ok"}"#, status: .ok) }
        router.get(.healthReady) { _, _ in
            await database.isReachable()
                ? Self.json(#"{"status":"ok","database":"ok"}"#, status: .ok)
                : Self.json(#"{"status":"unavailable","database":"unreachable"}"#, status: .serviceUnavailable)
        }
        router.get(.metrics) { request, _ in
            // The counts tell an outsider which routes fail and how often (second-factor failures too).
            guard let metricsToken else { throw HTTPError(.notFound) }
            guard Self.bearer(request.headers[.authorization], matches: metricsToken) else {
                return Response(status: .unauthorized, headers: [.wwwAuthenticate: "Bearer", .cacheControl: "no-store"])
            }
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
    }

    /// Whether an Authorization header carries `token` as a bearer token, compared in constant time.
    static func bearer(_ header: String?, matches token: String) -> Bool {
        guard let header, header.hasPrefix("Bearer ") else { return false }
        let given = SHA256.hash(data: Data(header.dropFirst("Bearer ".count).utf8))
        let expected = SHA256.hash(data: Data(token.utf8))
        // Equal-length digests, compared without an early exit.
        return zip(given, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func json(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
