import Foundation
import Hummingbird
import NIOCore

/// What the workspace knows of a request on its way through the middleware to a route.
///
/// Hummingbird makes one per request from the connection; ``RequestClockMiddleware``,
/// ``ClientAddressMiddleware`` and ``SessionMiddleware`` then fill in when it arrived, who sent it
/// and who is signed in. Forms and queries are URL-encoded, and bodies are held to
/// ``WorkspaceServer/bodyLimit``.
struct WorkspaceRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The address at the other end of the connection (a reverse proxy's, when there is one).
    let peerAddress: String
    /// The client's address: the peer's, or the one a trusted proxy names.
    var clientAddress: String
    /// When the request arrived, by the server's clock.
    var receivedAt: Date
    /// The signed-in person, once their session is found.
    var user: SignedInUser?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
        clientAddress = peerAddress
        receivedAt = Date()
    }

    var maxUploadSize: Int { WorkspaceServer.bodyLimit }
    var requestDecoder: URLEncodedFormDecoder { URLEncodedFormDecoder() }
}

/// A request from a signed-in person: what the routes behind ``SessionMiddleware`` see, with the
/// person certain.
struct SignedInRequestContext: ChildRequestContext {
    var coreContext: CoreRequestContextStorage
    let user: SignedInUser
    let clientAddress: String
    let receivedAt: Date

    /// - Throws: ``WorkspaceError`` (403) when no session was found, which ``SessionMiddleware``
    ///   has already answered for any route behind it.
    init(context: WorkspaceRequestContext) throws {
        guard let user = context.user else { throw WorkspaceError.forbidden("Sign in first.") }
        coreContext = context.coreContext
        self.user = user
        clientAddress = context.clientAddress
        receivedAt = context.receivedAt
    }

    var maxUploadSize: Int { WorkspaceServer.bodyLimit }
    var requestDecoder: URLEncodedFormDecoder { URLEncodedFormDecoder() }
}
