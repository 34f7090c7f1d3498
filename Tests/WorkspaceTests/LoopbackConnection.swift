import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP connection to a server on 127.0.0.1, for requests exactly as written, including the ones
/// no browser sends.
///
/// Its blocking socket calls run on a thread of their own, never on Swift's shared threads, which
/// the server under test needs to answer.
final class LoopbackConnection: Sendable {
    let socket: Int32

    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard socket >= 0, connected == 0 else { throw POSIXError(.ECONNREFUSED) }
    }

    deinit { close(socket) }

    /// Sends all of `bytes`.
    func send(_ bytes: [UInt8]) async throws {
        try await Self.onOwnThread { [socket] in
            var offset = 0
            while offset < bytes.count {
                let sent = bytes[offset...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard sent > 0 else { throw POSIXError(.EPIPE) }
                offset += sent
            }
        }
    }

    /// Whether the server has closed the connection (an orderly close, or a reset after it), without waiting.
    func hasBeenClosed() -> Bool {
        var byte: UInt8 = 0
        let count = recv(socket, &byte, 1, Int32(MSG_DONTWAIT | MSG_PEEK))
        return count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
    }

    /// Everything the server sends until it closes the connection.
    /// - Throws: `POSIXError(.ETIMEDOUT)` when the connection is still open after `seconds`.
    func readUntilClosed(waitingAtMost seconds: Int) async throws -> [UInt8] {
        try await Self.onOwnThread { [socket] in
            var timeout = timeval(tv_sec: seconds, tv_usec: 0)
            setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
                if count == 0 { return received }
                guard count > 0 else { throw POSIXError(.ETIMEDOUT) }
                received += buffer[..<count]
            }
        }
    }

    /// Starts timing, on a thread of its own, how long from now until the server closes the
    /// connection without having sent anything: a busy test run may delay the test that awaits
    /// the answer, but not the timing. The answer is nil when the server sent something first, or
    /// kept the connection open for `seconds`.
    func timeUntilClosedUnanswered(waitingAtMost seconds: Int) -> AsyncStream<Duration?> {
        let (answer, reply) = AsyncStream.makeStream(of: Duration?.self)
        let started = ContinuousClock.now
        Thread { [socket] in
            var timeout = timeval(tv_sec: seconds, tv_usec: 0)
            setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var byte: UInt8 = 0
            let count = recv(socket, &byte, 1, Int32(MSG_PEEK))
            let isClosed = count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
            reply.yield(isClosed ? ContinuousClock.now - started : nil)
            reply.finish()
        }.start()
        return answer
    }

    /// Whether the server sends anything (or closes) within `milliseconds`.
    func answers(within milliseconds: Int) async throws -> Bool {
        try await Self.onOwnThread { [socket] in
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            return poll(&descriptor, 1, Int32(milliseconds)) > 0
        }
    }

    private static func onOwnThread<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}

/// An HTTP response as read off the wire: status, every header in order (`Set-Cookie` may repeat)
/// and the body.
struct HTTPAnswer: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    /// The first value of a header, by case-insensitive name.
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Every value of a header, by case-insensitive name.
    func headerValues(_ name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    /// The body as text.
    var text: String { String(decoding: body, as: UTF8.self) }
}

extension HTTPAnswer {
    /// Reads a whole response, as sent before the server closed the connection.
    init?(_ bytes: [UInt8]) {
        guard let end = bytes.firstRange(of: Array("\r\n\r\n".utf8)) else { return nil }
        let lines = String(decoding: bytes[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusLine = lines[0].split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
        self.status = status
        headers = lines.dropFirst().compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        body = Array(bytes[end.upperBound...])
    }
}
