import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// Serves a ``Workspace`` over HTTP/1.1 with SwiftNIO.
///
/// Each connection's requests are read whole (bodies up to 1 MiB), answered by the workspace, and
/// the connection is closed after the response: simple, and plenty for a school's staff. A client
/// that sends nothing for the read timeout (30 s), or has not sent a whole request by the request
/// timeout (also 30 s, however it trickles), is disconnected; a body over the limit is answered
/// with 413 at once, on its declared `Content-Length` when it has one; a request that is not
/// HTTP is answered with 400 and closed. So slow or endless requests cannot hold connections
/// open; beyond `maximumConnections` open at once, new connections are closed as soon as they are
/// accepted.
public final class WorkspaceServer: Sendable {
    let workspace: Workspace
    let channel: any Channel

    /// Connections served at once; more are closed on arrival.
    public static let maximumConnections = 256

    /// The port the server listens on (useful when asked for port 0).
    public var port: Int { channel.localAddress?.port ?? 0 }

    private init(workspace: Workspace, channel: any Channel) {
        self.workspace = workspace
        self.channel = channel
    }

    /// Starts listening on `host`:`port`.
    /// - Parameters:
    ///   - readTimeout: how long a connection may go without sending anything before it is closed.
    ///   - requestTimeout: how long a connection has to send a whole request, head and body.
    ///   - trustedProxies: addresses of reverse proxies whose `X-Forwarded-For` names the real client,
    ///     so that sign-in limits count each person's address rather than the proxy's.
    /// - Throws: ``WorkspaceError`` when the address cannot be bound.
    public static func start(
        _ workspace: Workspace, host: String, port: Int, readTimeout: Duration = .seconds(30),
        requestTimeout: Duration = .seconds(30), trustedProxies: Set<String> = [],
        now: @escaping @Sendable () -> Date = Date.init
    ) async throws -> WorkspaceServer {
        let openConnections = Admissions(limit: maximumConnections)
        func timeAmount(_ duration: Duration) -> TimeAmount {
            let (seconds, attoseconds) = duration.components
            return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        }
        let timeout = timeAmount(readTimeout)
        let wholeRequestTimeout = timeAmount(requestTimeout)
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                guard openConnections.admit() else {
                    return channel.close()
                }
                channel.closeFuture.whenComplete { _ in openConnections.release() }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(IdleStateHandler(readTimeout: timeout))
                    // Malformed requests are answered by the handler, which closes the connection after.
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: false)
                    try channel.pipeline.syncOperations.addHandler(RequestHandler(
                        workspace: workspace, trustedProxies: trustedProxies, requestTimeout: wholeRequestTimeout, now: now))
                }
            }
        do {
            let channel = try await bootstrap.bind(host: host, port: port).get()
            return WorkspaceServer(workspace: workspace, channel: channel)
        } catch {
            throw WorkspaceError(status: 500, message: "cannot listen on \(host):\(port): \(error)")
        }
    }

    /// Waits until the server stops.
    public func run() async throws {
        try await channel.closeFuture.get()
    }

    /// Stops listening.
    public func stop() async {
        try? await channel.close()
    }
}

/// Collects one request's parts and writes the workspace's response.
final class RequestHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    static let bodyLimit = 1 << 20

    let workspace: Workspace
    let trustedProxies: Set<String>
    let requestTimeout: TimeAmount
    let now: @Sendable () -> Date
    // Touched only on the channel's event loop.
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var hasAnswered = false

    init(workspace: Workspace, trustedProxies: Set<String>, requestTimeout: TimeAmount, now: @escaping @Sendable () -> Date) {
        self.workspace = workspace
        self.trustedProxies = trustedProxies
        self.requestTimeout = requestTimeout
        self.now = now
    }

    /// Starts the clock on the whole request: a client that trickles its head or body, one line
    /// or byte at a time, is closed when the request timeout runs out.
    func handlerAdded(context: ChannelHandlerContext) {
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        context.eventLoop.scheduleTask(in: requestTimeout) {
            let (handler, context) = bound.value
            if !handler.hasAnswered { context.close(promise: nil) }
        }
    }

    /// A request that is not HTTP (a head too large, a broken line) gets 400 and the connection closes.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !hasAnswered else {
            context.close(promise: nil)
            return
        }
        hasAnswered = true
        write(WorkspaceResponse(status: 400, body: Array("Bad request".utf8)), version: .http1_1, context: context)
    }

    /// The client's address: the peer's, or, when the peer is a trusted proxy, the last address it
    /// added to `X-Forwarded-For` (earlier entries come from the client and prove nothing).
    static func clientAddress(peer: String, forwardedFor: [String], trustedProxies: Set<String>) -> String {
        guard trustedProxies.contains(peer),
              let last = forwardedFor.last?.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty
        else { return peer }
        return last
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
            // A body declared over the limit is refused on its header, before any of it is read.
            if let declared = head.headers["Content-Length"].first.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }),
               declared > Self.bodyLimit, !hasAnswered {
                hasAnswered = true
                self.head = nil
                write(WorkspaceResponse(status: 413, body: Array("Request too large".utf8)), version: head.version, context: context)
            }
        case .body(var buffer):
            guard let head, !hasAnswered else { return }
            if body.count + buffer.readableBytes > Self.bodyLimit {
                // Answered now, without reading the rest; the connection closes after the answer.
                hasAnswered = true
                self.head = nil
                write(WorkspaceResponse(status: 413, body: Array("Request too large".utf8)), version: head.version, context: context)
            } else if let bytes = buffer.readBytes(length: buffer.readableBytes) {
                body += bytes
            }
        case .end:
            guard let head, !hasAnswered else { return }
            self.head = nil
            hasAnswered = true
            let address = Self.clientAddress(peer: context.channel.remoteAddress?.ipAddress ?? "unknown",
                                             forwardedFor: head.headers["X-Forwarded-For"], trustedProxies: trustedProxies)
            let request = WorkspaceRequest(method: head.method.rawValue, target: head.uri, cookieHeaders: head.headers["Cookie"],
                                           body: body, remoteAddress: address)
            let version = head.version
            let workspace = self.workspace
            let now = self.now
            let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            context.eventLoop.makeFutureWithTask {
                await workspace.respond(to: request, at: now())
            }.whenSuccess { response in
                let (handler, context) = bound.value
                handler.write(response, version: version, context: context)
            }
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read, !hasAnswered {
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    private func write(_ response: WorkspaceResponse, version: HTTPVersion, context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        for (name, value) in response.headers { headers.add(name: name, value: value) }
        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
        headers.replaceOrAdd(name: "Connection", value: "close")
        let head = HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        var buffer = context.channel.allocator.buffer(capacity: response.body.count)
        buffer.writeBytes(response.body)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }
}
