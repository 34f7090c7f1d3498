import Hummingbird
import NIOCore
import NIOHTTPTypes

/// Bounds on each request that Hummingbird's own settings leave open, enforced on the connection
/// between HTTP decoding and Hummingbird's request handling.
///
/// - A whole request, head and body, must arrive within `requestTimeout` of the connection
///   opening or of the previous answer, however slowly it trickles; otherwise the request is
///   failed (never handed on as if complete) and the connection closed. Hummingbird's idle
///   timeout alone is renewed by every piece of a body.
/// - A body declared larger than `bodyLimit` is refused on its header: the request is failed with
///   413 at once, before any of the body is read, and its body is dropped as it comes.
/// - After an answer of 413, from here or from reading a body past the limit, the rest of the body
///   is dropped unread and the connection ends: the answer is sent with the end of output, then
///   whatever the client still sends is discarded until it closes or its time runs out. (Closing
///   at once, with its data unread, would reset the connection and could lose the answer.)
final class RequestBoundsHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let requestTimeout: TimeAmount
    private let bodyLimit: Int
    // Touched only on the channel's event loop.
    private var deadline: Scheduled<Void>?
    private var isDroppingBody = false
    private var closesAfterAnswer = false

    init(requestTimeout: TimeAmount, bodyLimit: Int) {
        self.requestTimeout = requestTimeout
        self.bodyLimit = bodyLimit
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startDeadline(context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        startDeadline(context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            isDroppingBody = false
            context.fireChannelRead(data)
            if let declared = head.headerFields[.contentLength].flatMap({ Int($0) }), declared > bodyLimit {
                isDroppingBody = true
                closesAfterAnswer = true
                context.fireErrorCaught(HTTPError(.contentTooLarge))
            }
        case .body:
            if !isDroppingBody { context.fireChannelRead(data) }
        case .end:
            // The request is whole: the time it had is no longer counted.
            deadline?.cancel()
            deadline = nil
            if !isDroppingBody { context.fireChannelRead(data) }
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let response):
            if response.status == .contentTooLarge {
                isDroppingBody = true
                closesAfterAnswer = true
            }
            context.write(data, promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            guard closesAfterAnswer else {
                context.write(data, promise: promise)
                // The next request on this connection has the same time to arrive.
                startDeadline(context)
                return
            }
            context.writeAndFlush(data, promise: promise)
            context.close(mode: .output, promise: nil)
            startDeadline(context)
        }
    }

    private func startDeadline(_ context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: requestTimeout) { [self] in
            deadline = nil
            // Failed first, so that a body cut short is never taken for a whole one.
            context.fireErrorCaught(HTTPError(.requestTimeout))
            context.close(promise: nil)
        }
    }
}
