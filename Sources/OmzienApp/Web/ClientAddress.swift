import Foundation
import HTTPTypes
import Hummingbird

extension AppServices {
    /// The address to count attempts against (rate limits, login throttles). Behind a proxy the proxy
    /// appends the real client as the last X-Forwarded-For entry; earlier entries come from the client
    /// and cannot be trusted.
    func clientKey(_ request: Request, channelAddress: String) -> String {
        guard configuration.behindProxy,
              let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!]?.split(separator: ",").last
        else { return channelAddress }
        return forwarded.trimmingCharacters(in: .whitespaces)
    }
}
