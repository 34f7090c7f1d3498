import Settings
import Fetching
import Foundation
import Logging
import Mentions
import Model
@testable import Scanning
import Scheduling
import Sentiment
@testable import Storage
import TestSupport
import Testing
import Workflow

@Suite struct ScanRunnerTests {
    /// Wednesday 25 November 2026, 10:00 in London.
    let now = Date(timeIntervalSince1970: 1_795_600_800)

    static let profile = SchoolProfile(
        names: ["Millbrook Academy"], ambiguousAliases: ["MBA"], hashtags: ["MillbrookAcademy"],
        domains: ["millbrook-academy.example"], contextWords: ["school", "pupils", "parents"]
    )

    func analyzer() throws -> ItemAnalyzer {
        let lexicon = try Lexicon.bundled()
        let calendar = try WorkingCalendar(bankHolidays: BankHolidays.bundledEnglandAndWales.days)
        return ItemAnalyzer(
            mentionFinder: MentionFinder(profile: Self.profile),
            judge: PassageJudge(lexicon: lexicon),
            triager: CaseTriager(policy: .standard, calculator: DueTimeCalculator(calendar: calendar))
        )
    }

    static func rss(_ items: [(guid: String, title: String, body: String)]) -> String {
        let entries = items.map { item in
            """
            <item><guid>\(item.guid)</guid><title>\(item.title)</title>
            <link>https://news.example/\(item.guid)</link>
            <pubDate>Wed, 25 Nov 2026 08:00:00 +0000</pubDate><description>\(item.body)</description></item>
            """
        }.joined(separator: "\n")
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>News</title><link>https://news.example/</link>\(entries)</channel></rss>"
    }

    static let goodFeed = rss([
        ("a1", "Millbrook Academy pupils win county quiz", "Well done to everyone, a brilliant result and we are so proud."),
        ("a2", "Complaint about Millbrook Academy parking", "Parents blocking driveways again, this is unacceptable and nobody answers emails."),
        ("a3", "Roadworks on the high street", "Nothing to do with any school at all."),
    ])

    func scanner(_ sources: [Source]) throws -> ScanRunner {
        ScanRunner(sources: sources, schedule: FetchSchedule(), analyzer: try analyzer(), logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    let settings = FetchSettings(connectTimeout: .connectPatience, totalTimeout: .transferPatience, maximumBodyBytes: 1 << 20, allowsLoopback: true)

    @Test func storesFindingsAndOpensCasesOnceEvenWhenScannedTwice() async throws {
        try await withLoopbackHTTPServer({ _ in .init(contentType: "application/rss+xml", body: Self.goodFeed) }) { server in
            try await withTemporaryDirectory { folder in
                let storage = StorageQueue(store: try Store(path: folder.appendingPathComponent("e.sqlite").path))
                let scanner = try scanner([Source(url: server.url("/feed"), kind: .feed, title: "News")])
                let clock: @Sendable () -> Date = { [now] in now }
                try await withTransferEngine(settings: settings) { engine in
                    let fetcher = PoliteFetcher(engine: engine, policy: PolitenessPolicy(minimumDelayPerHost: .zero, maximumAttempts: 1))
                    let first = try await scanner.scan(fetcher: fetcher, storage: storage, clock: clock)
                    #expect(first.fetchedCount == 1)
                    #expect(first.written.newItems == 3)
                    #expect(first.written.newFindings == 2)
                    #expect(first.written.openedCases.count == 2)

                    let second = try await scanner.scan(fetcher: fetcher, storage: storage, includesAll: true, clock: clock)
                    #expect(second.written.newItems == 0)
                    #expect(second.written.openedCases.isEmpty)
                }
                let cases = try await storage.perform { try $0.openCases() }
                #expect(Set(cases.map(\.primaryConcern)) == [.complaint, .praise])
            }
        }
    }

    @Test func twoFeedsNumberingTheirPostsAlikeKeepBothPostsButAURIIdMeansOneStory() async throws {
        @Sendable func feed(_ site: String, _ title: String) -> String {
            """
            <?xml version="1.0"?><rss version="2.0"><channel><title>\(site)</title><link>https://\(site)/</link>
            <item><guid isPermaLink="false">1</guid><title>\(title)</title><link>https://\(site)/posts/1</link>
            <description>\(title), say parents at Millbrook Academy.</description></item>
            <item><guid>tag:wire.example,2026:story-9</guid><title>Millbrook Academy opens a new library</title>
            <link>https://\(site)/library</link><description>Pupils at Millbrook Academy opened it.</description></item>
            </channel></rss>
            """
        }
        try await withLoopbackHTTPServer({ request in
            .init(contentType: "application/rss+xml",
                  body: request.path == "/a" ? feed("forum-a.example", "Great sports day") : feed("forum-b.example", "Awful parking"))
        }) { server in
            try await withTemporaryDirectory { folder in
                let storage = StorageQueue(store: try Store(path: folder.appendingPathComponent("e.sqlite").path))
                let scanner = try scanner([Source(url: server.url("/a"), kind: .feed, title: "A"),
                                           Source(url: server.url("/b"), kind: .feed, title: "B")])
                let clock: @Sendable () -> Date = { [now] in now }
                try await withTransferEngine(settings: settings) { engine in
                    let fetcher = PoliteFetcher(engine: engine, policy: PolitenessPolicy(minimumDelayPerHost: .zero, maximumAttempts: 1))
                    let first = try await scanner.scan(fetcher: fetcher, storage: storage, clock: clock)
                    // Post "1" of each feed, and the wire story once.
                    #expect(first.written.newItems == 3 && first.written.newFindings == 3)
                    let again = try await scanner.scan(fetcher: fetcher, storage: storage, includesAll: true, clock: clock)
                    #expect(again.written.newItems == 0 && again.written.newFindings == 0)
                }
                let titles = try await storage.perform { try $0.searchFindings("") }.map(\.title)
                #expect(titles.sorted() == ["Awful parking", "Great sports day", "Millbrook Academy opens a new library"])
                let sources = try await storage.perform { try $0.searchFindings("library") }.first?.sourceTitles
                #expect(sources?.sorted() == ["A", "B"])
            }
        }
    }

    @Test func aSourceThatIsNotDueIsNotFetched() async throws {
        try await withLoopbackHTTPServer({ _ in .init(contentType: "application/rss+xml", body: Self.goodFeed) }) { server in
            try await withTemporaryDirectory { folder in
                let storage = StorageQueue(store: try Store(path: folder.appendingPathComponent("e.sqlite").path))
                let scanner = try scanner([Source(url: server.url("/feed"), kind: .feed, title: "News")])
                let clock: @Sendable () -> Date = { [now] in now }
                try await withTransferEngine(settings: settings) { engine in
                    let fetcher = PoliteFetcher(engine: engine, policy: PolitenessPolicy(minimumDelayPerHost: .zero, maximumAttempts: 1))
                    _ = try await scanner.scan(fetcher: fetcher, storage: storage, clock: clock)
                    let again = try await scanner.scan(fetcher: fetcher, storage: storage, clock: clock)
                    #expect(again.outcomes.isEmpty)
                }
                #expect(server.requests.filter { $0.path == "/feed" }.count == 1)
            }
        }
    }

    @Test func aConditionalGetThatIsNotModifiedWritesNothingButBookkeeping() async throws {
        try await withLoopbackHTTPServer({ request in
            request.headers["if-none-match"] == "\"v1\""
                ? .init(status: 304)
                : .init(contentType: "application/rss+xml", body: Self.goodFeed, headers: [("ETag", "\"v1\"")])
        }) { server in
            try await withTemporaryDirectory { folder in
                let storage = StorageQueue(store: try Store(path: folder.appendingPathComponent("e.sqlite").path))
                let scanner = try scanner([Source(url: server.url("/feed"), kind: .feed, title: "News")])
                let later = now.addingTimeInterval(3600)
                try await withTransferEngine(settings: settings) { engine in
                    let fetcher = PoliteFetcher(engine: engine, policy: PolitenessPolicy(minimumDelayPerHost: .zero, maximumAttempts: 1))
                    _ = try await scanner.scan(fetcher: fetcher, storage: storage, clock: { [now] in now })
                    let before = try await storage.perform { try $0.counts() }
                    let again = try await scanner.scan(fetcher: fetcher, storage: storage, includesAll: true, clock: { later })
                    #expect(again.notModifiedCount == 1 && again.fetchedCount == 0)
                    #expect(again.written.newItems == 0 && again.written.repeatSightings == 0)
                    // Only the bookkeeping moved: when it was fetched and when it is next due.
                    let after = try await storage.perform { try $0.counts() }
                    #expect(after == before)
                    let state = try #require(try await storage.perform { try $0.fetchStates() }.values.first)
                    #expect(state.lastFetchedAt == later && (state.nextDueAt ?? .distantPast) > later)
                    #expect(state.entityTag == "\"v1\"" && state.consecutiveErrors == 0)
                }
                #expect(server.requests.last?.headers["if-none-match"] == "\"v1\"")
            }
        }
    }

    @Test func aFailingSourceIsRecordedAndDoesNotStopTheOthers() async throws {
        try await withLoopbackHTTPServer({ request in
            switch request.path {
            case "/good": .init(contentType: "application/rss+xml", body: Self.goodFeed)
            case "/error": .init(status: 503, contentType: "text/plain", body: "down for maintenance")
            default: .init(contentType: "text/html", body: "<html><body>not a feed</body></html>")
            }
        }) { server in
            try await withTemporaryDirectory { folder in
                let store = try Store(path: folder.appendingPathComponent("e.sqlite").path)
                let storage = StorageQueue(store: store)
                let sources = [
                    Source(url: server.url("/error"), kind: .feed, title: "Down"),
                    Source(url: server.url("/html"), kind: .feed, title: "Not a feed"),
                    Source(url: URL(string: "http://127.0.0.1:9/refused")!, kind: .feed, title: "Refused"),
                    Source(url: server.url("/good"), kind: .feed, title: "Good"),
                ]
                let report = try await withTransferEngine(settings: settings) { engine in
                    let fetcher = PoliteFetcher(engine: engine, policy: PolitenessPolicy(minimumDelayPerHost: .zero, maximumAttempts: 1))
                    return try await scanner(sources).scan(fetcher: fetcher, storage: storage, clock: { [now] in now })
                }
                #expect(Set(report.failures.map(\.source.title)) == ["Down", "Not a feed", "Refused"])
                #expect(report.written.newFindings == 2)
                let states = try await storage.perform { try $0.fetchStates() }
                #expect(states[sources[0].id]?.lastError?.contains("HTTP status 503") == true)
                #expect(states[sources[0].id]?.consecutiveErrors == 1)
                #expect(states[sources[3].id]?.isHealthy == true)
            }
        }
    }

    @Test func aSourceTheStoreRefusesFailsAloneAndIsStoredWhenTheStoreRecovers() async throws {
        let otherFeed = Self.rss([("b1", "Millbrook Academy fair", "A lovely day at the summer fair, thank you to all the parents.")])
        try await withLoopbackHTTPServer({ request in
            .init(contentType: "application/rss+xml", body: request.path == "/other" ? otherFeed : Self.goodFeed)
        }) { server in
            try await withTemporaryDirectory { folder in
                let path = folder.appendingPathComponent("e.sqlite").path
                let storage = StorageQueue(store: try Store(path: path))
                let sources = [
                    Source(url: server.url("/good"), kind: .feed, title: "Good"),
                    Source(url: server.url("/other"), kind: .feed, title: "Refused"),
                ]
                let scanner = try scanner(sources)
                // A real SQLite failure for one source's writes only, as a full disk or a broken page would give.
                let saboteur = try SQLiteConnection(path: path)
                try saboteur.execute(script: """
                    CREATE TRIGGER refuse_one_source BEFORE INSERT ON items
                    WHEN NEW.first_source_id = '\(sources[1].id)'
                    BEGIN SELECT RAISE(ABORT, 'disk I/O trouble'); END;
                    """)
                try await withTransferEngine(settings: settings) { engine in
                    let fetcher = PoliteFetcher(engine: engine, policy: PolitenessPolicy(minimumDelayPerHost: .zero, maximumAttempts: 1))
                    let first = try await scanner.scan(fetcher: fetcher, storage: storage, clock: { [now] in now })
                    #expect(first.failures.map(\.source.title) == ["Refused"])
                    #expect(first.failures.first?.reason.contains("disk I/O trouble") == true)
                    #expect(first.written.newItems == 3)

                    try saboteur.execute(script: "DROP TRIGGER refuse_one_source;")
                    let second = try await scanner.scan(fetcher: fetcher, storage: storage, includesAll: true, clock: { [now] in now })
                    #expect(second.failures.isEmpty)
                    #expect(second.written.newItems == 1)
                    #expect(second.written.openedCases.count == 1)
                }
                let titles = try await storage.perform { store in try store.openCases().map(\.title) }
                #expect(titles.contains("Millbrook Academy fair"))
            }
        }
    }

    @Test func aFeedServedWithTheWrongContentTypeIsStillRead() async throws {
        try await withLoopbackHTTPServer({ _ in .init(contentType: "text/html; charset=iso-8859-1", body: Self.goodFeed) }) { server in
            try await withTemporaryDirectory { folder in
                let storage = StorageQueue(store: try Store(path: folder.appendingPathComponent("e.sqlite").path))
                let report = try await withTransferEngine(settings: settings) { engine in
                    let fetcher = PoliteFetcher(engine: engine, policy: PolitenessPolicy(minimumDelayPerHost: .zero, maximumAttempts: 1))
                    return try await scanner([Source(url: server.url("/feed"), kind: .feed, title: "Mislabelled")])
                        .scan(fetcher: fetcher, storage: storage, clock: { [now] in now })
                }
                #expect(report.failures.isEmpty)
                #expect(report.written.newFindings == 2)
            }
        }
    }

    @Test func aPermanentRedirectMovesTheStoredURLAndRobotsRulesAreReported() async throws {
        try await withLoopbackHTTPServer({ request in
            switch request.path {
            case "/robots.txt": .init(contentType: "text/plain", body: "User-agent: *\nDisallow: /private\n")
            case "/old-feed": .init(status: 301, headers: [("Location", "/feed")])
            case "/feed": .init(contentType: "application/rss+xml", body: Self.goodFeed)
            case "/working-feed": .init(status: 301, headers: [("Location", "/gone")])
            case "/gone": .init(status: 404, headers: [("Content-Type", "text/plain")], body: Data("not here".utf8))
            default: .init(contentType: "text/plain; charset=utf-8", body: Self.goodFeed)
            }
        }) { server in
            try await withTemporaryDirectory { folder in
                let storage = StorageQueue(store: try Store(path: folder.appendingPathComponent("e.sqlite").path))
                let moved = Source(url: server.url("/old-feed"), kind: .feed, title: "Moved")
                let hidden = Source(url: server.url("/private/feed"), kind: .feed, title: "Hidden")
                let brokenMove = Source(url: server.url("/working-feed"), kind: .feed, title: "Broken move")
                let report = try await withTransferEngine(settings: settings) { engine in
                    let fetcher = PoliteFetcher(engine: engine, policy: PolitenessPolicy(minimumDelayPerHost: .zero, maximumAttempts: 1))
                    return try await scanner([moved, hidden, brokenMove]).scan(fetcher: fetcher, storage: storage, clock: { [now] in now })
                }
                #expect(report.failures.map(\.source.title).sorted() == ["Broken move", "Hidden"])
                #expect(report.failures.first { $0.source.title == "Hidden" }?.reason.contains("robots.txt") == true)
                let states = try await storage.perform { try $0.fetchStates() }
                #expect(states[moved.id]?.currentURL == server.url("/feed"))
                // A move to an address that fails is not adopted.
                #expect(states[brokenMove.id]?.currentURL == server.url("/working-feed"))
                #expect(report.permanentMoves.map(\.newURL) == [server.url("/feed")])
                #expect(!server.requests.contains { $0.path.hasPrefix("/private") })
            }
        }
    }
}

@Suite struct ScanOrderTests {
    @Test func sourcesAreInterleavedByHostKeepingEachHostsOrder() {
        let urls = ["https://a.example/1", "https://a.example/2", "https://a.example/3", "https://b.example/1", "https://c.example/1",
                    "https://c.example/2"]
        let sources = urls.map { Source(url: URL(string: $0)!, kind: .feed, title: $0) }
        #expect(ScanRunner.interleavedByHost(sources).map(\.title) == [
            "https://a.example/1", "https://b.example/1", "https://c.example/1",
            "https://a.example/2", "https://c.example/2", "https://a.example/3",
        ])
    }
}
