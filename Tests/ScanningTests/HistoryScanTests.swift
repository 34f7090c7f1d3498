import Fetching
import Foundation
import Model
import Scanning
import Storage
import Synchronization
import TestSupport
import Testing

/// A quiet first day: what a source holds when first read, published long before, is stored and
/// counted as history but opens no case and sends no alert, until a backfill takes it up.
extension ScanRunnerTests {
    /// An RSS feed of items, each with its own publication date (nil: none).
    static func datedFeed(_ items: [(guid: String, published: String?, text: String)]) -> String {
        let entries = items.map { item in
            """
            <item><guid>https://news.example/\(item.guid)</guid><title>\(item.text)</title>
            <link>https://news.example/\(item.guid)</link>\(item.published.map { "<pubDate>\($0)</pubDate>" } ?? "")
            <description>\(item.text)</description></item>
            """
        }.joined(separator: "\n")
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>News</title><link>https://news.example/</link>\(entries)</channel></rss>"
    }

    // The scans run at `now`, Wednesday 25 November 2026 10:00 GMT.
    static let weeksOld = (guid: "old", published: Optional("Mon, 02 Nov 2026 09:00:00 GMT"),
                           text: "Complaint: Millbrook Academy parking is unacceptable and nobody answers emails.")
    static let weeksOldSafeguarding = (guid: "old-safeguarding", published: Optional("Tue, 03 Nov 2026 09:00:00 GMT"),
                                       text: "A Millbrook Academy pupil said a stranger messaged her asking to meet in secret.")
    static let lastNight = (guid: "recent", published: Optional("Tue, 24 Nov 2026 21:00:00 GMT"),
                            text: "Complaint: Millbrook Academy parents say the car park is chaos again, unacceptable.")
    static let undated = (guid: "undated", published: String?.none,
                          text: "Is Millbrook Academy open on Friday? Parents are asking about the inset day.")

    @Test func aSourcesFirstReadTakesItsOldPostsAsHistoryAndABackfillOpensThemOnce() async throws {
        let feed = Mutex(Self.datedFeed([Self.weeksOld, Self.weeksOldSafeguarding, Self.lastNight, Self.undated]))
        try await withLoopbackHTTPServer({ _ in .init(contentType: "application/rss+xml", body: feed.withLock { $0 }) }) { server in
            try await withTemporaryDirectory { folder in
                let storage = StorageQueue(store: try Store(path: folder.appendingPathComponent("e.sqlite").path))
                let scanner = try scanner([Source(url: server.url("/feed"), kind: .feed, title: "News")])
                try await withTransferEngine(settings: settings) { engine in
                    let fetcher = PoliteFetcher(engine: engine, policy: PolitenessPolicy(minimumDelayPerHost: .zero, maximumAttempts: 1))
                    let first = try await scanner.scan(fetcher: fetcher, storage: storage, clock: { [now] in now })
                    // Stored and counted, all four; only last night's post and the undated one open cases.
                    #expect(first.written.newItems == 4 && first.written.newFindings == 4)
                    #expect(first.written.takenAsHistory == 2 && first.written.casesHeldBack == 2)
                    #expect(first.written.openedCases.count == 2)
                    #expect(first.backfill == nil)
                    // Nothing taken as history waits for an alert, the safeguarding post included.
                    #expect(try await storage.perform { try $0.casesAwaitingAlert() }.isEmpty)
                    let held = try await storage.perform { [now] in
                        try $0.takenAsHistory(discoveredFrom: now.addingTimeInterval(-60), to: now.addingTimeInterval(60))
                    }
                    #expect(held == (items: 2, mentions: 2, casesHeldBack: 2))
                    let news = try await storage.perform { [now] in
                        try $0.findings(discoveredFrom: now.addingTimeInterval(-60), to: now.addingTimeInterval(60))
                    }
                    #expect(news.count == 2)

                    // A week later the feed has a new post, and an old one it did not list before.
                    let later = now.addingTimeInterval(7 * 86_400)
                    feed.withLock {
                        $0 = Self.datedFeed([
                            (guid: "next-week", published: "Tue, 01 Dec 2026 20:00:00 GMT",
                             text: "Complaint: Millbrook Academy parents say the new gate is unacceptable."),
                            (guid: "surfaced", published: "Fri, 30 Oct 2026 10:00:00 GMT",
                             text: "Complaint: Millbrook Academy parents found the old open evening unacceptable."),
                            Self.weeksOld, Self.weeksOldSafeguarding, Self.lastNight, Self.undated,
                        ])
                    }
                    let second = try await scanner.scan(fetcher: fetcher, storage: storage, includesAll: true, clock: { later })
                    #expect(second.written.newItems == 2)
                    #expect(second.written.openedCases.count == 1)
                    #expect(second.written.takenAsHistory == 1 && second.written.casesHeldBack == 1)

                    let backfill = try await scanner.scan(fetcher: fetcher, storage: storage, includesAll: true, takesUpHistory: true,
                                                          clock: { later })
                    #expect(backfill.written.newItems == 0)
                    #expect(backfill.backfill?.takenUpFromHistory == 3)
                    #expect(backfill.backfill.map { $0.openedCases.count + $0.joinedCases.count } == 3)
                    #expect(try await storage.perform { try $0.casesAwaitingAlert() }.map(\.primaryConcern) == [.safeguarding])

                    let again = try await scanner.scan(fetcher: fetcher, storage: storage, includesAll: true, takesUpHistory: true,
                                                       clock: { later })
                    #expect(again.backfill == RecordSummary())
                }
                let counts = try await storage.perform { try $0.counts() }
                #expect(counts.items == 6 && counts.findings == 6)
                let cases = try await storage.perform { try $0.allCases() }
                #expect(cases.count == counts.cases)
                let trail = try await storage.perform { store in try cases.flatMap { try store.auditTrail(for: $0.id) } }
                #expect(trail.filter { $0.reason?.contains("taken up from history") == true }.count == 3)
            }
        }
    }

    @Test func aPostInALaterReadIsNewsHoweverOldAnotherSourceFindsItsOwn() async throws {
        let watchedFeed = Mutex(Self.datedFeed([]))
        let addedFeed = Self.datedFeed([Self.weeksOldSafeguarding])
        try await withLoopbackHTTPServer({ request in
            .init(contentType: "application/rss+xml", body: request.path == "/watched" ? watchedFeed.withLock { $0 } : addedFeed)
        }) { server in
            try await withTemporaryDirectory { folder in
                let storage = StorageQueue(store: try Store(path: folder.appendingPathComponent("e.sqlite").path))
                let watched = Source(url: server.url("/watched"), kind: .feed, title: "Watched")
                let added = Source(url: server.url("/added"), kind: .feed, title: "Added")
                try await withTransferEngine(settings: settings) { engine in
                    let fetcher = PoliteFetcher(engine: engine, policy: PolitenessPolicy(minimumDelayPerHost: .zero, maximumAttempts: 1))
                    // Watched since September, when its feed was empty.
                    let september = Date(timeIntervalSince1970: 1_790_000_000)
                    _ = try await scanner([watched]).scan(fetcher: fetcher, storage: storage, clock: { september })
                    #expect(try await storage.perform { try $0.fetchStates() }[watched.id]?.firstReadAt == september)
                    watchedFeed.withLock { $0 = Self.datedFeed([Self.weeksOld]) }
                    let report = try await scanner([watched, added]).scan(fetcher: fetcher, storage: storage, includesAll: true,
                                                                          clock: { [now] in now })
                    // Weeks old, but published after the watched source's first read: news. The added
                    // source's post of the same age is its history.
                    #expect(report.written.newItems == 2 && report.written.takenAsHistory == 1)
                    #expect(report.written.openedCases.count == 1)
                    let states = try await storage.perform { try $0.fetchStates() }
                    #expect(states[watched.id]?.firstReadAt == september && states[added.id]?.firstReadAt == now)
                }
            }
        }
    }
}
