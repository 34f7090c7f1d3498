import Foundation
import HTTPTypes
import Hummingbird

/// Names the client of each request, for the sign-in limits: the connection's peer, or, when the
/// peer is a trusted reverse proxy, the client its `X-Forwarded-For` names. Behind a proxy every
/// connection comes from the proxy, and one person's wrong passwords would otherwise lock out
/// the whole school.
struct ClientAddressMiddleware: RouterMiddleware {
    /// Addresses of reverse proxies whose `X-Forwarded-For` is believed.
    let trustedProxies: Set<String>

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    func handle(
        _ request: Request, context: WorkspaceRequestContext, next: (Request, WorkspaceRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.clientAddress = Self.clientAddress(peer: context.peerAddress, forwardedFor: request.headers[values: Self.forwardedFor],
                                                   trustedProxies: trustedProxies)
        return try await next(request, context)
    }

    /// The client's address: the peer's, or, when the peer is a trusted proxy, the last address it
    /// added to `X-Forwarded-For` (earlier entries come from the client and prove nothing).
    static func clientAddress(peer: String, forwardedFor: [String], trustedProxies: Set<String>) -> String {
        guard trustedProxies.contains(peer),
              let last = forwardedFor.last?.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty
        else { return peer }
        return last
    }
}
