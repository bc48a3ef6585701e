import Foundation
import Hummingbird

/// Serves the few static assets (CSS, icons) from memory under `/static/`.
///
/// Loaded once at start: the set is small, and answering before the session and error layers keeps
/// asset requests cheap and independent of how "not found" pages are rendered.
struct StaticFilesMiddleware<Context: RequestContext>: RouterMiddleware {
    struct Asset: Sendable {
        let bytes: ByteBuffer
        let contentType: String
    }

    let assets: [String: Asset]

    /// Reads every file in `folder` (not recursive) and serves it as `/static/<name>`.
    init(folder: String) {
        var assets: [String: Asset] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names {
            guard let data = FileManager.default.contents(atPath: folder + "/" + name) else { continue }
            assets[Route.asset(name: name).href] = Asset(bytes: ByteBuffer(bytes: data), contentType: Self.contentType(of: name))
        }
        self.assets = assets
    }

    static func contentType(of name: String) -> String {
        switch name.split(separator: ".").last?.lowercased() {
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "ico": "image/x-icon"
        default: "application/octet-stream"
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get || request.method == .head, let asset = assets[request.uri.path] else {
            return try await next(request, context)
        }
        return Response(
            status: .ok,
            headers: [.contentType: asset.contentType, .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: request.method == .head ? ByteBuffer() : asset.bytes))
    }
}
