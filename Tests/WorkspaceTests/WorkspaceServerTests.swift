import Foundation
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
            try await WorkspaceServer(fixture.workspace, host: "127.0.0.1", port: 0, readTimeout: .testRunPatience, requestTimeout: .testRunPatience).serve { port in
                #expect(port > 0)
                let (page, pageResponse) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/login")!)
                let http = try #require(pageResponse as? HTTPURLResponse)
                #expect(http.statusCode == 200)
                #expect(http.value(forHTTPHeaderField: "X-Frame-Options") == "DENY")
                #expect(String(decoding: page, as: UTF8.self).contains("<label for=\"password\">Password</label>"))
                let (css, cssResponse) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/static/style.css")!)
                #expect((cssResponse as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Type") == "text/css; charset=utf-8")
                #expect(String(decoding: css, as: UTF8.self).contains(":focus-visible"))
            }
        }
    }

    /// Only a trusted proxy may name the client: from anyone else `X-Forwarded-For` is ignored, so
    /// that a client cannot dodge the per-address sign-in limit by naming ever new addresses.
    @Test func anUntrustedPeerCannotNameItsOwnAddressForTheSignInLimits() async throws {
        try await withTemporaryDirectory { folder in
            let fixture = try WorkspaceFixture(folder: folder, throttle: LoginThrottle(limitPerName: 10, limitPerAddress: 2))
            let now = fixture.now
            try await WorkspaceServer(fixture.workspace, host: "127.0.0.1", port: 0, readTimeout: .testRunPatience, requestTimeout: .testRunPatience, now: { now })
                .serve { port in
                for (index, name) in ["a", "b"].enumerated() {
                    var guesser = TestBrowser(port: port)
                    guesser.address = "198.51.100.\(index + 1)"
                    #expect(await guesser.logIn(name, password: "guess").status == 401)
                }
                var another = TestBrowser(port: port)
                another.address = "198.51.100.3"
                #expect(await another.logIn("slt-user").status == 429)
            }
        }
    }
}

/// What a browser never sends: requests left half-finished, far too large, or too many at once.
///
/// Answers are awaited for up to 300 s, since the server answers on Swift's shared threads, which a
/// full parallel test run keeps busy; how soon a connection is closed is timed on a thread of the
/// test's own, from the moment it connects. The tests of answers rather than timeouts give the
/// server `patient` timeouts, so that a busy run cannot close a connection before its answer.
@Suite struct WorkspaceServerLimitTests {
    /// A server whose read and request timeouts outlast any wait of these tests.
    static func patient(_ workspace: Workspace, maximumConnections: Int = 256) -> WorkspaceServer {
        WorkspaceServer(workspace, host: "127.0.0.1", port: 0, readTimeout: .testRunPatience, requestTimeout: .testRunPatience,
                        maximumConnections: maximumConnections)
    }

    @Test func aConnectionThatStopsSendingIsClosed() async throws {
        try await withTemporaryDirectory { folder in
            let fixture = try WorkspaceFixture(folder: folder)
            try await WorkspaceServer(fixture.workspace, host: "127.0.0.1", port: 0, readTimeout: .seconds(1),
                                      requestTimeout: .testRunPatience).serve { port in
                let client = try LoopbackConnection(port: port)
                let closing = client.timeUntilClosedUnanswered(waitingAtMost: 300)
                try await client.send(Array("GET /login HTTP/1.1\r\nHost: workspace\r\n".utf8))
                // Closed at all is the proof: the request timeout outlasts the wait, so only the
                // read timeout can close the connection.
                let closedAfter = try #require(await closing.first { _ in true } ?? nil, "closed without an answer")
                #expect(closedAfter < .seconds(120))
            }
        }
    }

    /// One header line at a time, each well inside the read timeout: the request timeout still ends it.
    @Test func aRequestTrickledLineByLineIsClosedAtTheRequestTimeout() async throws {
        try await withTemporaryDirectory { folder in
            let fixture = try WorkspaceFixture(folder: folder)
            try await WorkspaceServer(fixture.workspace, host: "127.0.0.1", port: 0, readTimeout: .testRunPatience, requestTimeout: .seconds(1))
                .serve { port in
                    let client = try LoopbackConnection(port: port)
                    let closing = client.timeUntilClosedUnanswered(waitingAtMost: 300)
                    let started = Date()
                    try await client.send(Array("GET /login HTTP/1.1\r\nHost: workspace\r\n".utf8))
                    var line = 0
                    while !client.hasBeenClosed(), Date().timeIntervalSince(started) < 300 {
                        try await Task.sleep(for: .milliseconds(250))
                        line += 1
                        try? await client.send(Array("X-Slow-\(line): still coming\r\n".utf8))
                    }
                    let closedAfter = try #require(await closing.first { _ in true } ?? nil, "closed without an answer")
                    // Well before the ten-minute read timeout, which the trickle keeps resetting.
                    #expect(closedAfter < .seconds(120))
                }
        }
    }

    /// A whole head, then a body one byte at a time: every byte renews the read timeout, but the
    /// request timeout still ends it, and the part that came is never taken for a whole form.
    @Test func aBodyTrickledByteByByteIsClosedAtTheRequestTimeout() async throws {
        try await withTemporaryDirectory { folder in
            let fixture = try WorkspaceFixture(folder: folder, throttle: LoginThrottle(limitPerName: 1, limitPerAddress: 1))
            let now = fixture.now
            try await WorkspaceServer(fixture.workspace, host: "127.0.0.1", port: 0, readTimeout: .testRunPatience, requestTimeout: .seconds(1),
                                      now: { now })
                .serve { port in
                    let client = try LoopbackConnection(port: port)
                    let closing = client.timeUntilClosedUnanswered(waitingAtMost: 300)
                    let started = Date()
                    let form = Array("name=slt-user&password=guess&csrf_token=x".utf8)
                    try await client.send(Array("POST /login HTTP/1.1\r\nHost: workspace\r\nContent-Length: \(form.count + 1000)\r\n\r\n".utf8))
                    var sent = 0
                    while !client.hasBeenClosed(), Date().timeIntervalSince(started) < 300 {
                        try await Task.sleep(for: .milliseconds(250))
                        try? await client.send([sent < form.count ? form[sent] : 0x61])
                        sent += 1
                    }
                    let closedAfter = try #require(await closing.first { _ in true } ?? nil, "closed without an answer")
                    #expect(closedAfter < .seconds(120))
                    // No attempt was counted: the one allowed is still there.
                    var browser = TestBrowser(port: port)
                    #expect(await browser.logIn("slt-user").status == 303)
                }
        }
    }

    @Test func aBodyDeclaredOverTheLimitIsRefusedOnItsHeader() async throws {
        try await withTemporaryDirectory { folder in
            let fixture = try WorkspaceFixture(folder: folder)
            try await Self.patient(fixture.workspace).serve { port in
                let client = try LoopbackConnection(port: port)
                try await client.send(Array("POST /login HTTP/1.1\r\nHost: workspace\r\nContent-Length: 50000000\r\n\r\n".utf8))
                let answer = String(decoding: try await client.readUntilClosed(waitingAtMost: 300), as: UTF8.self)
                #expect(answer.hasPrefix("HTTP/1.1 413"), "\(answer.prefix(80))")
                #expect(answer.contains("X-Frame-Options: DENY") || answer.lowercased().contains("x-frame-options: deny"))
            }
        }
    }

    @Test func aRequestThatIsNotHTTPGets400AndTheConnectionCloses() async throws {
        try await withTemporaryDirectory { folder in
            let fixture = try WorkspaceFixture(folder: folder)
            try await Self.patient(fixture.workspace).serve { port in
                let client = try LoopbackConnection(port: port)
                try await client.send(Array("GET /login HTTP/1.1\r\nHost: workspace\r\nNot a header line at all\r\n\r\n".utf8))
                let answer = String(decoding: try await client.readUntilClosed(waitingAtMost: 300), as: UTF8.self)
                #expect(answer.hasPrefix("HTTP/1.1 400"), "\(answer.prefix(80))")
            }
        }
    }

    @Test func aHeadTooLargeGets400AndTheConnectionCloses() async throws {
        try await withTemporaryDirectory { folder in
            let fixture = try WorkspaceFixture(folder: folder)
            try await Self.patient(fixture.workspace).serve { port in
                let client = try LoopbackConnection(port: port)
                let padding = String(repeating: "a", count: 100 * 1024)
                try await client.send(Array("GET /login HTTP/1.1\r\nHost: workspace\r\nX-Padding: \(padding)\r\n\r\n".utf8))
                let answer = String(decoding: try await client.readUntilClosed(waitingAtMost: 300), as: UTF8.self)
                #expect(answer.hasPrefix("HTTP/1.1 400"), "\(answer.prefix(80))")
            }
        }
    }

    @Test func aBodyOverTheLimitIsRefusedWithoutReadingTheRest() async throws {
        try await withTemporaryDirectory { folder in
            let fixture = try WorkspaceFixture(folder: folder)
            try await Self.patient(fixture.workspace).serve { port in
                let client = try LoopbackConnection(port: port)
                // No declared length: the body is refused once more than the limit has arrived.
                let chunk = (1 << 20) + 4096
                try await client.send(Array("POST /login HTTP/1.1\r\nHost: workspace\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
                                      + Array((String(chunk, radix: 16) + "\r\n").utf8))
                try await client.send([UInt8](repeating: 0x61, count: chunk))
                let answer = String(decoding: try await client.readUntilClosed(waitingAtMost: 300), as: UTF8.self)
                #expect(answer.hasPrefix("HTTP/1.1 413"), "\(answer.prefix(80))")
            }
        }
    }

    /// Beyond the limit, a new connection is not accepted until one of those open closes.
    @Test func beyondTheConnectionLimitANewConnectionWaitsUntilOneCloses() async throws {
        try await withTemporaryDirectory { folder in
            let fixture = try WorkspaceFixture(folder: folder)
            try await Self.patient(fixture.workspace, maximumConnections: 2).serve { port in
                var holding = [try LoopbackConnection(port: port), try LoopbackConnection(port: port)]
                // Both are served: each gets its answer and stays open.
                for connection in holding {
                    try await connection.send(Array("GET /static/style.css HTTP/1.1\r\nHost: workspace\r\n\r\n".utf8))
                    #expect(try await connection.answers(within: 300_000))
                }
                let waiting = try LoopbackConnection(port: port)
                try await waiting.send(Array("GET /login HTTP/1.1\r\nHost: workspace\r\nConnection: close\r\n\r\n".utf8))
                #expect(try await !waiting.answers(within: 500))
                holding.removeFirst()
                let answer = String(decoding: try await waiting.readUntilClosed(waitingAtMost: 300), as: UTF8.self)
                #expect(answer.hasPrefix("HTTP/1.1 200"), "\(answer.prefix(80))")
            }
        }
    }
}

@Suite struct ClientAddressTests {
    @Test func onlyATrustedProxyMayNameTheClient() {
        let proxies: Set = ["127.0.0.1"]
        #expect(ClientAddressMiddleware.clientAddress(peer: "127.0.0.1", forwardedFor: ["198.51.100.9, 203.0.113.7"], trustedProxies: proxies)
                == "203.0.113.7")
        #expect(ClientAddressMiddleware.clientAddress(peer: "192.0.2.4", forwardedFor: ["203.0.113.7"], trustedProxies: proxies) == "192.0.2.4")
        #expect(ClientAddressMiddleware.clientAddress(peer: "127.0.0.1", forwardedFor: [], trustedProxies: proxies) == "127.0.0.1")
        #expect(ClientAddressMiddleware.clientAddress(peer: "127.0.0.1", forwardedFor: ["203.0.113.7"], trustedProxies: []) == "127.0.0.1")
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
