import Fetching
import Foundation
import Synchronization
import TestSupport
import Testing

/// A fetcher's defences against servers that are slow, stuck, endless or malicious.
@Suite struct HostileServerTests {
    /// Timeouts far beyond what a loaded machine needs, for the defences that are not about time.
    let settings = FetchSettings(connectTimeout: .transferPatience, totalTimeout: .transferPatience, maximumBodyBytes: 1 << 20,
                                 maximumConnectionsPerHost: 2, allowsLoopback: true)
    /// One-second timeouts, for the servers that are too slow on purpose.
    var impatient: FetchSettings {
        var settings = settings
        settings.connectTimeout = .seconds(1)
        settings.totalTimeout = .seconds(1)
        return settings
    }

    func fetchError(_ response: LoopbackHTTPServer.Response, settings: FetchSettings? = nil) async throws -> FetchError? {
        try await withLoopbackHTTPServer({ _ in response }) { server in
            try await withTransferEngine(settings: settings ?? self.settings) { engine in
                await #expect(throws: FetchError.self) { try await engine.fetch(FetchRequest(url: server.url("/feed"))) }
            }
        }
    }

    @Test func aServerTooSlowToAnswerTimesOut() async throws {
        let error = try await fetchError(.init(contentType: "text/xml", body: "<rss/>", behaviour: .delayed(.seconds(3))),
                                     settings: impatient)
        #expect(error?.code == .timedOut)
        #expect(error?.isTransient == true)
    }

    @Test func aServerThatStallsMidBodyTimesOut() async throws {
        let body = String(repeating: "<item/>", count: 1000)
        let error = try await fetchError(.init(contentType: "text/xml", body: body, behaviour: .stallsAfter(bytes: 100, for: .seconds(3))),
                                     settings: impatient)
        #expect(error?.code == .timedOut)
    }

    @Test func anEndlessBodyIsCutOffAtTheLimit() async throws {
        let error = try await fetchError(.init(headers: [("Content-Type", "text/xml")], behaviour: .endlessBody))
        #expect(error?.code == .bodyTooLarge)
    }

    @Test func headersBeyondTheLimitAreCutOff() async throws {
        let padding = String(repeating: "x", count: 1000)
        let headers = [("Content-Type", "text/xml")] + (0..<300).map { ("X-Padding-\($0)", padding) }
        let error = try await fetchError(.init(headers: headers, body: Data("<rss/>".utf8)))
        #expect(error?.code == .transport)
        #expect(error?.description.contains("response headers are larger") == true)
    }

    @Test func aGzipBombIsCutOffAtTheDecompressedLimit() async throws {
        let bomb = try Data(contentsOf: try #require(Bundle.module.url(forResource: "gzip-bomb-32MiB", withExtension: "gz", subdirectory: "Fixtures")))
        #expect(bomb.count < 64 * 1024)
        let error = try await fetchError(.init(headers: [("Content-Type", "text/xml"), ("Content-Encoding", "gzip")], body: bomb))
        #expect(error?.code == .bodyTooLarge)
    }

    @Test func aDeclaredLengthOverTheLimitIsRefusedBeforeDownloading() async throws {
        let error = try await fetchError(.init(headers: [("Content-Type", "text/xml")], body: Data(count: 2 << 20)))
        #expect(error?.code == .bodyTooLarge)
    }

    @Test func gzipBodiesAreDecodedTransparently() async throws {
        let compressed = Data([
            0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xb3, 0x29, 0x2a, 0x2e, 0xd6, 0xb7, 0x03, 0x00,
            0x67, 0x29, 0x28, 0xbd, 0x06, 0x00, 0x00, 0x00,
        ])
        try await withLoopbackHTTPServer({ _ in
            .init(headers: [("Content-Type", "text/xml"), ("Content-Encoding", "gzip")], body: compressed)
        }) { server in
            try await withTransferEngine(settings: settings) { engine in
                let response = try await engine.fetch(FetchRequest(url: server.url("/feed")))
                #expect(String(decoding: response.body, as: UTF8.self) == "<rss/>")
                #expect(server.requests.first?.headers["accept-encoding"]?.contains("gzip") == true)
            }
        }
    }

    @Test func aSlowHostDoesNotHoldUpAnotherHost() async throws {
        let finished = FinishingOrder()
        // The slow host answers only once the fast host's fetches are done (or after four minutes,
        // inside the fetch's five): with an engine that waited on the slow host, the fast ones would
        // finish last, however loaded the machine.
        let fastHostDone = DispatchSemaphore(value: 0)
        try await withLoopbackHTTPServer({ _ in
            _ = fastHostDone.wait(timeout: .now() + 240)
            return .init(contentType: "text/xml", body: "<slow/>")
        }) { slow in
            try await withLoopbackHTTPServer({ _ in .init(contentType: "text/xml", body: "<fast/>") }) { fast in
                try await withTransferEngine(settings: settings) { engine in
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask {
                            _ = try await engine.fetch(FetchRequest(url: slow.url("/feed")))
                            finished.record("slow")
                        }
                        group.addTask {
                            for index in 0..<3 {
                                _ = try await engine.fetch(FetchRequest(url: fast.url("/feed/\(index)")))
                            }
                            finished.record("fast")
                            fastHostDone.signal()
                        }
                        try await group.waitForAll()
                    }
                }
            }
        }
        #expect(finished.names == ["fast", "slow"])
    }
}

/// The order in which concurrent fetches finished.
final class FinishingOrder: Sendable {
    private let finished = Mutex<[String]>([])
    var names: [String] { finished.withLock { $0 } }
    func record(_ name: String) { finished.withLock { $0.append(name) } }
}
