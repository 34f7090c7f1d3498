import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP/1.1 server on 127.0.0.1 (or another of this machine's addresses) and a port the
/// system chooses, for tests that need real libcurl transfers. Each request is answered by the
/// handler and the connection closed.
///
/// Use ``withLoopbackHTTPServer(address:_:_:)`` so the listening socket is always closed.
public final class LoopbackHTTPServer: Sendable {
    /// A request as the server read it.
    public struct Request: Sendable {
        public var method: String
        public var path: String
        /// Header fields, names lowercased.
        public var headers: [String: String]
    }

    /// How the server misbehaves while answering, for tests of a fetcher's defences.
    public enum Behaviour: Sendable {
        /// Answers at once.
        case prompt
        /// Waits before sending anything.
        case delayed(Duration)
        /// Sends the head and this many body bytes, then goes silent for the duration.
        case stallsAfter(bytes: Int, for: Duration)
        /// Sends the head without a length, then body bytes until the client hangs up.
        case endlessBody
    }

    /// What to send back.
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: Data
        public var behaviour: Behaviour

        public init(status: Int = 200, headers: [(String, String)] = [], body: Data = Data(), behaviour: Behaviour = .prompt) {
            self.status = status
            self.headers = headers
            self.body = body
            self.behaviour = behaviour
        }

        public init(
            status: Int = 200, contentType: String, body: String, headers: [(String, String)] = [],
            behaviour: Behaviour = .prompt
        ) {
            self.init(status: status, headers: [("Content-Type", contentType)] + headers, body: Data(body.utf8), behaviour: behaviour)
        }
    }

    public typealias Handler = @Sendable (Request) -> Response

    public let port: Int
    /// The address the server listens on, as written in a URL's host: `127.0.0.1`, `[::1]`.
    public let host: String
    private let listener: Int32
    private let handler: Handler
    private let received = Mutex<[Request]>([])
    private let stopped = Mutex(false)

    /// Starts a server listening on `address` (an IPv4 or IPv6 literal: 127.0.0.1 by default, ::1
    /// for IPv6 loopback, or one of this machine's own addresses) and a port the system chooses.
    public init(address: String = "127.0.0.1", handler: @escaping Handler) throws {
        let isIPv6 = address.contains(":")
        let family = isIPv6 ? AF_INET6 : AF_INET
        let descriptor = socket(family, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        var reuse: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var storage = sockaddr_storage()
        let length: socklen_t
        if isIPv6 {
            var address6 = sockaddr_in6()
            address6.sin6_family = sa_family_t(AF_INET6)
            guard inet_pton(AF_INET6, address, &address6.sin6_addr) == 1 else {
                close(descriptor)
                throw POSIXError(.EINVAL)
            }
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: address6, as: sockaddr_in6.self) }
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        } else {
            var address4 = sockaddr_in()
            address4.sin_family = sa_family_t(AF_INET)
            guard inet_pton(AF_INET, address, &address4.sin_addr) == 1 else {
                close(descriptor)
                throw POSIXError(.EINVAL)
            }
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: address4, as: sockaddr_in.self) }
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
        }
        let bound = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0, listen(descriptor, 64) == 0 else {
            close(descriptor)
            throw POSIXError(.EADDRINUSE)
        }
        var boundLength = length
        _ = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &boundLength) }
        }
        // The port sits at the same offset in sockaddr_in and sockaddr_in6, just after the family.
        let networkPort = withUnsafeBytes(of: &storage) { $0.load(fromByteOffset: 2, as: UInt16.self) }
        self.port = Int(UInt16(bigEndian: networkPort))
        self.host = isIPv6 ? "[\(address)]" : address
        self.listener = descriptor
        self.handler = handler
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// The base URL of the server, e.g. `http://127.0.0.1:41234`.
    public var baseURL: URL { URL(string: "http://\(host):\(port)")! }

    /// A URL on this server.
    public func url(_ path: String) -> URL { URL(string: "http://\(host):\(port)\(path)")! }

    /// Every request received so far, in order.
    public var requests: [Request] { received.withLock { $0 } }

    /// Stops accepting connections.
    public func stop() {
        let wasStopped = stopped.withLock { value -> Bool in
            defer { value = true }
            return value
        }
        guard !wasStopped else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while !stopped.withLock({ $0 }) {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            let thread = Thread { [self] in serve(connection) }
            thread.start()
        }
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        guard let request = readRequest(from: connection) else { return }
        received.withLock { $0.append(request) }
        let response = handler(request)
        if case .delayed(let wait) = response.behaviour { Self.pause(wait) }
        var head = "HTTP/1.1 \(response.status) \(Self.reason(for: response.status))\r\n"
        var hasLength = false
        for (name, value) in response.headers {
            head += "\(name): \(value)\r\n"
            if name.lowercased() == "content-length" { hasLength = true }
        }
        if case .endlessBody = response.behaviour {
            hasLength = true
        }
        if !hasLength { head += "Content-Length: \(response.body.count)\r\n" }
        head += "Connection: close\r\n\r\n"
        guard Self.send(Data(head.utf8), to: connection), request.method != "HEAD" else { return }
        switch response.behaviour {
        case .prompt, .delayed:
            _ = Self.send(response.body, to: connection)
        case .stallsAfter(let count, let wait):
            _ = Self.send(response.body.prefix(count), to: connection)
            Self.pause(wait)
            _ = Self.send(response.body.dropFirst(count), to: connection)
        case .endlessBody:
            let chunk = Data(repeating: UInt8(ascii: "x"), count: 64 * 1024)
            // Ends when the client hangs up; bounded as well, so a test can never loop for ever.
            for _ in 0..<16_384 where Self.send(chunk, to: connection) {}
        }
    }

    private static func send(_ data: Data, to connection: Int32) -> Bool {
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.send(connection, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                if written <= 0 { return false }
                offset += written
            }
            return true
        }
    }

    private static func pause(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        nanosleep(&request, nil)
    }

    private func readRequest(from connection: Int32) -> Request? {
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !data.contains(headerTerminator) {
            let count = recv(connection, &chunk, chunk.count, 0)
            guard count > 0 else { return nil }
            data.append(contentsOf: chunk[0..<count])
            if data.count > 1 << 20 { return nil }
        }
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        let requestLine = lines[0].split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Request(method: String(requestLine[0]), path: String(requestLine[1]), headers: headers)
    }

    private let headerTerminator = Data("\r\n\r\n".utf8)

    private static func reason(for status: Int) -> String {
        switch status {
        case 200: "OK"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 404: "Not Found"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}

/// Runs `body` with a server started on `address` (127.0.0.1 unless given) and stops it afterwards.
public func withLoopbackHTTPServer<Result>(
    address: String = "127.0.0.1",
    _ handler: @escaping LoopbackHTTPServer.Handler,
    _ body: (LoopbackHTTPServer) async throws -> Result
) async throws -> Result {
    let server = try LoopbackHTTPServer(address: address, handler: handler)
    defer { server.stop() }
    return try await body(server)
}

/// This machine's own addresses other than loopback and link-local, IPv4 first, as written in a
/// URL's host (`192.0.2.2`, `fd00::2`); empty on a machine with only a loopback interface.
public func nonLoopbackAddressesOfThisMachine() -> [String] {
    var first: UnsafeMutablePointer<ifaddrs>?
    guard getifaddrs(&first) == 0 else { return [] }
    defer { freeifaddrs(first) }
    var ipv4: [String] = []
    var ipv6: [String] = []
    var entry = first
    while let current = entry {
        defer { entry = current.pointee.ifa_next }
        guard let address = current.pointee.ifa_addr else { continue }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            var value = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
            let bytes = withUnsafeBytes(of: value) { Array($0) }
            let isLoopback = bytes[0] == 127 || bytes[0] == 0
            let isLinkLocal = bytes[0] == 169 && bytes[1] == 254
            guard !isLoopback, !isLinkLocal, inet_ntop(AF_INET, &value, &text, socklen_t(text.count)) != nil else { continue }
            ipv4.append(String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        case AF_INET6:
            var value = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
            let bytes = withUnsafeBytes(of: value) { Array($0) }
            let isLoopback = bytes.dropLast().allSatisfy { $0 == 0 } && bytes.last == 1
            let isLinkLocal = bytes[0] == 0xfe && bytes[1] & 0xc0 == 0x80
            guard !isLoopback, !isLinkLocal, inet_ntop(AF_INET6, &value, &text, socklen_t(text.count)) != nil else { continue }
            ipv6.append(String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        default:
            continue
        }
    }
    return ipv4 + ipv6
}
