import Fetching
import Foundation
import Synchronization
import TestSupport
import Testing

/// Records the waits a fetcher asks for instead of waiting, and keeps a clock that moves only by
/// those waits, so that spacing is measured the same however busy the machine is.
final class SleepRecorder: Sendable {
    private let waits = Mutex<[Duration]>([])
    private let start = ContinuousClock.now
    var recorded: [Duration] { waits.withLock { $0 } }
    var sleep: @Sendable (Duration) async -> Void { { [self] duration in waits.withLock { $0.append(duration) } } }
    var now: @Sendable () -> ContinuousClock.Instant { { [self] in start + recorded.reduce(.zero, +) } }
}

@Suite struct PoliteFetcherTests {
    let settings = FetchSettings(connectTimeout: .connectPatience, totalTimeout: .transferPatience, maximumBodyBytes: 1 << 16,
                                 maximumConnectionsPerHost: 4, allowsLoopback: true)

    func withFetcher(
        policy: PolitenessPolicy = PolitenessPolicy(minimumDelayPerHost: .zero),
        _ handler: @escaping LoopbackHTTPServer.Handler,
        _ body: (PoliteFetcher, LoopbackHTTPServer, SleepRecorder) async throws -> Void
    ) async throws {
        let recorder = SleepRecorder()
        try await withLoopbackHTTPServer(handler) { server in
            try await withTransferEngine(settings: settings) { engine in
                let fetcher = PoliteFetcher(engine: engine, policy: policy, sleep: recorder.sleep, jitter: { 1 }, now: recorder.now)
                try await body(fetcher, server, recorder)
            }
        }
    }

    @Test func retriesAServiceUnavailableAnswerAfterItsRetryAfter() async throws {
        let calls = Mutex(0)
        try await withFetcher({ request in
            guard request.path == "/feed" else { return .init(status: 404) }
            let call = calls.withLock { value -> Int in value += 1; return value }
            return call == 1 ? .init(status: 503, headers: [("Retry-After", "7")]) : .init(contentType: "text/xml", body: "<rss/>")
        }) { fetcher, server, recorder in
            let outcome = try await fetcher.fetch(FetchRequest(url: server.url("/feed")))
            #expect(outcome.response.statusCode == 200)
            #expect(outcome.attempts == 2)
            #expect(recorder.recorded == [.seconds(7)])
        }
    }

    @Test func backsOffExponentiallyOnTooManyRequestsThenGivesUp() async throws {
        try await withFetcher({ request in
            request.path == "/feed" ? .init(status: 429) : .init(status: 404)
        }) { fetcher, server, recorder in
            let error = await #expect(throws: FetchError.self) { try await fetcher.fetch(FetchRequest(url: server.url("/feed"))) }
            #expect(error?.code == .serverUnavailable)
            #expect(recorder.recorded == [.seconds(2), .seconds(4)])
            #expect(server.requests.filter { $0.path == "/feed" }.count == 3)
        }
    }

    @Test func aRetryAfterLongerThanTheLimitFailsForNow() async throws {
        try await withFetcher({ request in
            request.path == "/feed" ? .init(status: 503, headers: [("Retry-After", "86400")]) : .init(status: 404)
        }) { fetcher, server, recorder in
            let error = await #expect(throws: FetchError.self) { try await fetcher.fetch(FetchRequest(url: server.url("/feed"))) }
            #expect(error?.detail.contains("86400") == true)
            #expect(recorder.recorded.isEmpty)
        }
    }

    @Test func reportsAPermanentRedirectButNotATemporaryOne() async throws {
        try await withFetcher({ request in
            switch request.path {
            case "/old": .init(status: 301, headers: [("Location", "/new")])
            case "/moved-for-now": .init(status: 302, headers: [("Location", "/new")])
            case "/new": .init(contentType: "text/xml", body: "<rss/>")
            default: .init(status: 404)
            }
        }) { fetcher, server, _ in
            let permanent = try await fetcher.fetch(FetchRequest(url: server.url("/old")))
            #expect(permanent.permanentRedirect == server.url("/new"))
            #expect(permanent.response.body == Data("<rss/>".utf8))
            let temporary = try await fetcher.fetch(FetchRequest(url: server.url("/moved-for-now")))
            #expect(temporary.permanentRedirect == nil)
        }
    }

    @Test func aRedirectLoopEndsWithAnError() async throws {
        try await withFetcher({ request in
            switch request.path {
            case "/a": .init(status: 302, headers: [("Location", "/b")])
            case "/b": .init(status: 302, headers: [("Location", "/a")])
            default: .init(status: 404)
            }
        }) { fetcher, server, _ in
            let error = await #expect(throws: FetchError.self) { try await fetcher.fetch(FetchRequest(url: server.url("/a"))) }
            #expect(error?.code == .tooManyRedirects)
            #expect(error?.detail.contains("loop") == true)
        }
    }

    @Test func obeysRobotsTxtAndNeverRequestsADisallowedFeed() async throws {
        try await withFetcher({ request in
            switch request.path {
            case "/robots.txt": .init(contentType: "text/plain", body: "User-agent: Earshot\nDisallow: /private\n")
            default: .init(contentType: "text/xml", body: "<rss/>")
            }
        }) { fetcher, server, _ in
            let error = await #expect(throws: FetchError.self) { try await fetcher.fetch(FetchRequest(url: server.url("/private/feed"))) }
            #expect(error?.code == .disallowedByRobots)
            _ = try await fetcher.fetch(FetchRequest(url: server.url("/public/feed")))
            #expect(server.requests.map(\.path) == ["/robots.txt", "/public/feed"])
        }
    }

    @Test func aFailingRobotsTxtKeepsTheCrawlerAway() async throws {
        try await withFetcher({ request in
            request.path == "/robots.txt" ? .init(status: 500) : .init(contentType: "text/xml", body: "<rss/>")
        }) { fetcher, server, _ in
            let error = await #expect(throws: FetchError.self) { try await fetcher.fetch(FetchRequest(url: server.url("/feed"))) }
            #expect(error?.code == .disallowedByRobots)
        }
    }

    @Test func spacesRequestsToOneHostByTheCrawlDelay() async throws {
        try await withFetcher(policy: PolitenessPolicy(minimumDelayPerHost: .seconds(1)), { request in
            request.path == "/robots.txt"
                ? .init(contentType: "text/plain", body: "User-agent: *\nCrawl-delay: 3\n")
                : .init(contentType: "text/xml", body: "<rss/>")
        }) { fetcher, server, recorder in
            _ = try await fetcher.fetch(FetchRequest(url: server.url("/one")))
            _ = try await fetcher.fetch(FetchRequest(url: server.url("/two")))
            _ = try await fetcher.fetch(FetchRequest(url: server.url("/three")))
            // robots.txt's three seconds win over the policy's one; the first request goes at once.
            #expect(recorder.recorded == [.seconds(3), .seconds(3)])
        }
    }
}
