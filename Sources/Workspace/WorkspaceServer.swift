import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle

/// Serves a ``Workspace`` over HTTP/1.1 with Hummingbird.
///
/// Routes and middleware come from the workspace (sessions, form tokens, the client's address
/// behind a trusted proxy, bodies read up to ``bodyLimit``); the connection's bounds from
/// Hummingbird's settings and one small channel handler:
/// - a connection that sends nothing for `readTimeout` is closed (Hummingbird's idle timeout);
/// - a whole request must arrive within `requestTimeout`, however it trickles, and a body
///   declared over the limit is refused with 413 on its header, the connection closing after
///   (``RequestBoundsHandler``);
/// - a request that is not HTTP, or whose head is too large, gets 400 and the connection closes;
/// - beyond `maximumConnections` open at once, new connections wait unaccepted in the listen
///   backlog until one closes (Hummingbird's available-connections limit).
public struct WorkspaceServer: Sendable {
    /// The largest request body accepted: forms are small.
    public static let bodyLimit = 1 << 20

    let workspace: Workspace
    let host: String
    let port: Int
    let readTimeout: Duration
    let requestTimeout: Duration
    let maximumConnections: Int
    let trustedProxies: Set<String>
    let now: @Sendable () -> Date
    let logger: Logger

    /// A server for `workspace` on `host`:`port` (0 for any free port); nothing listens until it runs.
    /// - Parameters:
    ///   - readTimeout: how long a connection may go without sending anything before it is closed.
    ///   - requestTimeout: how long a connection has to send a whole request, head and body.
    ///   - maximumConnections: connections served at once; more wait to be accepted.
    ///   - trustedProxies: addresses of reverse proxies whose `X-Forwarded-For` names the real client,
    ///     so that sign-in limits count each person's address rather than the proxy's.
    ///   - now: the clock requests are stamped with.
    ///   - logger: where the server reports; warnings only unless told.
    public init(
        _ workspace: Workspace, host: String, port: Int, readTimeout: Duration = .seconds(30), requestTimeout: Duration = .seconds(30),
        maximumConnections: Int = 256, trustedProxies: Set<String> = [], now: @escaping @Sendable () -> Date = Date.init,
        logger: Logger = WorkspaceServer.quietLogger
    ) {
        self.workspace = workspace
        self.host = host
        self.port = port
        self.readTimeout = readTimeout
        self.requestTimeout = requestTimeout
        self.maximumConnections = maximumConnections
        self.trustedProxies = trustedProxies
        self.now = now
        self.logger = logger
    }

    /// A logger that reports warnings and worse.
    public static var quietLogger: Logger {
        var logger = Logger(label: "earshot.workspace")
        logger.logLevel = .warning
        return logger
    }

    /// Serves until the process is asked to stop (SIGINT or SIGTERM), then finishes the requests
    /// under way; `onListening` is told the port once the server listens.
    /// - Throws: ``WorkspaceError`` when the address cannot be bound or serving fails.
    public func run(onListening: @escaping @Sendable (Int) async -> Void) async throws {
        let application = application { channel in await onListening(channel.localAddress?.port ?? 0) }
        do {
            try await application.runService()
        } catch {
            throw WorkspaceError(status: 500, message: "serving on \(host):\(port) failed: \(error)")
        }
    }

    /// Serves while `body` runs, given the port listened on, then stops.
    /// - Throws: ``WorkspaceError`` when the address cannot be bound, or what `body` throws.
    public func serve<Value: Sendable>(whileRunning body: (Int) async throws -> Value) async throws -> Value {
        let (listening, announce) = AsyncStream.makeStream(of: Int.self)
        let application = application { channel in
            announce.yield(channel.localAddress?.port ?? 0)
            announce.finish()
        }
        let services = ServiceGroup(configuration: .init(services: [application], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { announce.finish() }
                try await services.run()
            }
            var ports = listening.makeAsyncIterator()
            guard let port = await ports.next() else {
                do {
                    try await group.waitForAll()
                } catch {
                    throw WorkspaceError(status: 500, message: "cannot listen on \(host):\(self.port): \(error)")
                }
                throw WorkspaceError(status: 500, message: "cannot listen on \(host):\(self.port): the server stopped first")
            }
            do {
                let value = try await body(port)
                await services.triggerGracefulShutdown()
                try await group.waitForAll()
                return value
            } catch {
                await services.triggerGracefulShutdown()
                try? await group.waitForAll()
                throw error
            }
        }
    }

    private func application(onServerRunning: @escaping @Sendable (any Channel) async -> Void) -> some ApplicationProtocol {
        let timeout = TimeAmount(requestTimeout)
        return Application(
            router: workspace.router(trustedProxies: trustedProxies, now: now),
            server: .http1(configuration: .init(
                additionalChannelHandlers: [RequestBoundsHandler(requestTimeout: timeout, bodyLimit: Self.bodyLimit)],
                idleTimeout: TimeAmount(readTimeout))),
            configuration: .init(address: .hostname(host, port: port), serverName: nil, backlog: 256, reuseAddress: true,
                                 availableConnectionsDelegate: MaximumAvailableConnections(maximumConnections, logger: logger)),
            onServerRunning: onServerRunning,
            logger: logger)
    }
}
