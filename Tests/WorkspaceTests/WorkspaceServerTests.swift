import Foundation
#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TestSupport
import Testing
@testable import Workspace

@Suite struct WorkspaceServerTests {
    @Test func servesTheSignInPageAndStyleSheetOverRealHTTPOnALoopbackPort() async throws {
        try await withTemporaryDirectory { folder in
            let fixture = try WorkspaceFixture(folder: folder)
            let server = try await WorkspaceServer.start(fixture.workspace, host: "127.0.0.1", port: 0)
            #expect(server.port > 0)
            let (page, pageResponse) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(server.port)/login")!)
            let http = try #require(pageResponse as? HTTPURLResponse)
            #expect(http.statusCode == 200)
            #expect(http.value(forHTTPHeaderField: "X-Frame-Options") == "DENY")
            #expect(String(decoding: page, as: UTF8.self).contains("<label for=\"password\">Password</label>"))
            let (css, cssResponse) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(server.port)/static/style.css")!)
            #expect((cssResponse as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Type") == "text/css; charset=utf-8")
            #expect(String(decoding: css, as: UTF8.self).contains(":focus-visible"))
            await server.stop()
        }
    }
}

/// What a browser never sends: requests left half-finished or far too large.
@Suite struct WorkspaceServerLimitTests {
    @Test func aConnectionThatStopsSendingIsClosed() async throws {
        try await withTemporaryDirectory { folder in
            let fixture = try WorkspaceFixture(folder: folder)
            let server = try await WorkspaceServer.start(fixture.workspace, host: "127.0.0.1", port: 0, readTimeout: .seconds(1))
            let client = try RawClient(port: server.port)
            try client.send(Array("GET /login HTTP/1.1\r\nHost: workspace\r\n".utf8))
            let started = Date()
            let answer = try client.readUntilClosed(waitingAtMost: 10)
            #expect(answer.isEmpty)
            #expect(Date().timeIntervalSince(started) < 5)
            await server.stop()
        }
    }

    /// One header line at a time, each well inside the read timeout: the request timeout still ends it.
    @Test func aRequestTrickledLineByLineIsClosedAtTheRequestTimeout() async throws {
        try await withTemporaryDirectory { folder in
            let fixture = try WorkspaceFixture(folder: folder)
            let server = try await WorkspaceServer.start(fixture.workspace, host: "127.0.0.1", port: 0, readTimeout: .seconds(30),
                                                         requestTimeout: .seconds(1))
            let client = try RawClient(port: server.port)
            let started = Date()
            try client.send(Array("GET /login HTTP/1.1\r\nHost: workspace\r\n".utf8))
            var line = 0
            while !client.hasBeenClosed(), Date().timeIntervalSince(started) < 15 {
                try await Task.sleep(for: .milliseconds(250))
                line += 1
                try? client.send(Array("X-Slow-\(line): still coming\r\n".utf8))
            }
            #expect(client.hasBeenClosed())
            // Well before the 30 s read timeout, which the trickle keeps resetting.
            #expect(Date().timeIntervalSince(started) < 10)
            await server.stop()
        }
    }

    @Test func aBodyDeclaredOverTheLimitIsRefusedOnItsHeader() async throws {
        try await withTemporaryDirectory { folder in
            let fixture = try WorkspaceFixture(folder: folder)
            let server = try await WorkspaceServer.start(fixture.workspace, host: "127.0.0.1", port: 0)
            let client = try RawClient(port: server.port)
            try client.send(Array("POST /login HTTP/1.1\r\nHost: workspace\r\nContent-Length: 50000000\r\n\r\n".utf8))
            let answer = try client.readUntilClosed(waitingAtMost: 5)
            #expect(answer.hasPrefix("HTTP/1.1 413"), "\(answer.prefix(80))")
            await server.stop()
        }
    }

    @Test func aRequestThatIsNotHTTPGets400AndTheConnectionCloses() async throws {
        try await withTemporaryDirectory { folder in
            let fixture = try WorkspaceFixture(folder: folder)
            let server = try await WorkspaceServer.start(fixture.workspace, host: "127.0.0.1", port: 0)
            let client = try RawClient(port: server.port)
            try client.send(Array("GET /login HTTP/1.1\r\nHost: workspace\r\nNot a header line at all\r\n\r\n".utf8))
            let answer = try client.readUntilClosed(waitingAtMost: 5)
            #expect(answer.hasPrefix("HTTP/1.1 400"), "\(answer.prefix(80))")
            await server.stop()
        }
    }

    @Test func aBodyOverTheLimitIsRefusedWithoutReadingTheRest() async throws {
        try await withTemporaryDirectory { folder in
            let fixture = try WorkspaceFixture(folder: folder)
            let server = try await WorkspaceServer.start(fixture.workspace, host: "127.0.0.1", port: 0)
            let client = try RawClient(port: server.port)
            // No declared length: the body is refused once more than the limit has arrived.
            let chunk = (1 << 20) + 4096
            try client.send(Array("POST /login HTTP/1.1\r\nHost: workspace\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
                            + Array((String(chunk, radix: 16) + "\r\n").utf8))
            try client.send([UInt8](repeating: 0x61, count: chunk))
            let answer = try client.readUntilClosed(waitingAtMost: 10)
            #expect(answer.hasPrefix("HTTP/1.1 413"), "\(answer.prefix(80))")
            await server.stop()
        }
    }
}

/// A blocking TCP client on loopback, for requests URLSession will not make.
private final class RawClient {
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

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw POSIXError(.EPIPE) }
            offset += sent
        }
    }

    /// Whether the server has closed the connection (an orderly close, or a reset after it), without waiting.
    func hasBeenClosed() -> Bool {
        var byte: UInt8 = 0
        let count = recv(socket, &byte, 1, Int32(MSG_DONTWAIT | MSG_PEEK))
        return count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
    }

    /// Everything the server sends until it closes the connection, or until `seconds` pass.
    func readUntilClosed(waitingAtMost seconds: Int) throws -> String {
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count == 0 { break }
            guard count > 0 else { throw POSIXError(.ETIMEDOUT) }
            received += buffer[..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }
}

@Suite struct ClientAddressTests {
    @Test func onlyATrustedProxyMayNameTheClient() {
        let proxies: Set = ["127.0.0.1"]
        #expect(RequestHandler.clientAddress(peer: "127.0.0.1", forwardedFor: ["198.51.100.9, 203.0.113.7"], trustedProxies: proxies)
                == "203.0.113.7")
        #expect(RequestHandler.clientAddress(peer: "192.0.2.4", forwardedFor: ["203.0.113.7"], trustedProxies: proxies) == "192.0.2.4")
        #expect(RequestHandler.clientAddress(peer: "127.0.0.1", forwardedFor: [], trustedProxies: proxies) == "127.0.0.1")
        #expect(RequestHandler.clientAddress(peer: "127.0.0.1", forwardedFor: ["203.0.113.7"], trustedProxies: []) == "127.0.0.1")
    }
}

@Suite struct AdmissionsTests {
    @Test func admitsUpToTheLimitAndAgainAfterOneIsReleased() async {
        let admissions = Admissions(limit: 10)
        let admitted = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<100 { group.addTask { admissions.admit() } }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(admitted == 10)
        #expect(!admissions.admit())
        admissions.release()
        #expect(admissions.admit())
    }
}
