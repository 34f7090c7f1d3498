import Fetching
import Foundation
import Logging
import Mentions
import Model
import Scanning
import Scheduling
import Sentiment
import Storage
import TestSupport
import Testing
import Workflow

/// Scanners sharing one store: each due source is claimed, fetched and stored by one of them
/// alone, and the end state is that of a single scanner.
@Suite struct SharedStoreScanTests {
    /// Wednesday 25 November 2026, 10:00 in London.
    let now = Date(timeIntervalSince1970: 1_795_600_800)
    let settings = FetchSettings(connectTimeout: .connectPatience, totalTimeout: .transferPatience, maximumBodyBytes: 1 << 20, allowsLoopback: true)
    static let hosts = 4
    static let feedsPerHost = 3

    /// Feed `path` of host `host`: two posts of its own about the school, one of them a complaint.
    static func feed(host: Int, path: String) -> String {
        let name = "h\(host)\(path.replacingOccurrences(of: "/", with: "-"))"
        return """
            <?xml version="1.0"?><rss version="2.0"><channel><title>\(name)</title><link>https://\(name).example/</link>
            <item><guid>\(name)-1</guid><title>Millbrook Academy parking</title><link>https://\(name).example/1</link>
            <description>Parents at Millbrook Academy say the parking is unacceptable and nobody answers emails.</description></item>
            <item><guid>\(name)-2</guid><title>Millbrook Academy choir</title><link>https://\(name).example/2</link>
            <description>A brilliant concert by Millbrook Academy pupils, well done.</description></item>
            </channel></rss>
            """
    }

    /// Runs `body` with one feed server per host address, 127.0.0.1 to 127.0.0.4, and the sources they serve.
    func withFeedServers(_ body: ([LoopbackHTTPServer], [Source]) async throws -> Void) async throws {
        let servers = try (1...Self.hosts).map { host in
            try LoopbackHTTPServer(address: "127.0.0.\(host)") { request in
                .init(contentType: "application/rss+xml", body: Self.feed(host: host, path: request.path))
            }
        }
        defer { servers.forEach { $0.stop() } }
        let sources = servers.flatMap { server in
            (1...Self.feedsPerHost).map { Source(url: server.url("/feed\($0)"), kind: .feed, title: "\(server.host) feed \($0)") }
        }
        try await body(servers, sources)
    }

    func scanner(_ sources: [Source], claiming: SourceClaiming) throws -> ScanRunner {
        let calendar = try WorkingCalendar(bankHolidays: BankHolidays.bundledEnglandAndWales.days)
        let analyzer = ItemAnalyzer(
            mentionFinder: MentionFinder(profile: SchoolProfile(names: ["Millbrook Academy"])),
            judge: PassageJudge(lexicon: try Lexicon.bundled()),
            triager: CaseTriager(policy: .standard, calculator: DueTimeCalculator(calendar: calendar)))
        return ScanRunner(sources: sources, schedule: FetchSchedule(), analyzer: analyzer,
                          logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), claiming: claiming)
    }

    /// Scans with its own connection and transfer engine, as a scanner process would.
    func scan(_ sources: [Source], at location: StoreLocation, claiming: SourceClaiming, clock: @escaping @Sendable () -> Date) async throws -> ScanReport {
        let storage = StorageQueue(store: try Store(location: location))
        let scanner = try scanner(sources, claiming: claiming)
        return try await withTransferEngine(settings: settings) { engine in
            let fetcher = PoliteFetcher(engine: engine, policy: PolitenessPolicy(minimumDelayPerHost: .zero, obeysRobots: false, maximumAttempts: 1))
            return try await scanner.scan(fetcher: fetcher, storage: storage, clock: clock)
        }
    }

    /// Items, sightings and the posts of each case: what must not depend on who scanned.
    func endState(of location: StoreLocation) throws -> (items: Set<String>, cases: Set<Set<String>>, counts: String) {
        let store = try Store(location: location)
        let items = Set(try store.searchFindings("", limit: 1000).map(\.key.rawValue))
        let cases = Set(try store.allCases().map { summary in
            Set(try #require(try store.caseRecord(summary.id)).findings.map(\.key.rawValue))
        })
        let counts = try store.counts()
        return (items, cases, "\(counts)")
    }

    @Test(arguments: StoreKind.available) func twoScannersFetchEachDueSourceOnceAndEndAsOneScannerWould(_ kind: StoreKind) async throws {
        try await withFeedServers { servers, sources in
            try await withTemporaryStore(kind) { shared in
                try await withTemporaryStore(kind) { alone in
                    let clock: @Sendable () -> Date = { [now] in now }
                    let reports = try await withThrowingTaskGroup(of: ScanReport.self) { group in
                        for name in ["scanner a", "scanner b"] {
                            group.addTask {
                                try await scan(sources, at: shared, claiming: SourceClaiming(holder: name, hostsPerClaim: 1), clock: clock)
                            }
                        }
                        return try await group.reduce(into: [ScanReport]()) { $0.append($1) }
                    }
                    for report in reports {
                        #expect(report.outcomes.count + report.leftToOtherScanners == sources.count)
                        #expect(report.failures.isEmpty)
                    }
                    #expect(reports.map(\.outcomes.count).reduce(0, +) == sources.count)
                    for server in servers {
                        let paths = server.requests.map(\.path)
                        #expect(paths.sorted() == (1...Self.feedsPerHost).map { "/feed\($0)" }, "\(server.host) fetched once each")
                    }
                    // Nothing is due again within the interval, whichever scanner looks.
                    let again = try await scan(sources, at: shared, claiming: SourceClaiming(holder: "scanner c"), clock: clock)
                    #expect(again.outcomes.isEmpty)

                    // A scanner alone, claiming one host at a time, goes on to claim every host.
                    let lone = try await scan(sources, at: alone, claiming: SourceClaiming(holder: "alone", hostsPerClaim: 1), clock: clock)
                    #expect(lone.fetchedCount == sources.count && lone.leftToOtherScanners == 0)
                    let sharedState = try endState(of: shared)
                    let aloneState = try endState(of: alone)
                    #expect(sharedState.items.count == 2 * sources.count)
                    #expect(sharedState.items == aloneState.items)
                    #expect(sharedState.cases == aloneState.cases)
                    #expect(sharedState.counts == aloneState.counts)
                }
            }
        }
    }

    @Test(arguments: StoreKind.available) func aKilledScannersSourcesWaitForItsLeasesToExpire(_ kind: StoreKind) async throws {
        try await withFeedServers { servers, sources in
            try await withTemporaryStore(kind) { location in
                let store = try Store(location: location)
                try store.register(sources)
                // A scanner claimed everything and was killed before it fetched anything.
                let now = self.now
                let held = try store.claim(sources.map(\.id), for: "killed scanner", until: now.addingTimeInterval(120), at: now,
                                           where: { _ in true })
                #expect(held.count == sources.count)

                let meanwhile = try await scan(sources, at: location, claiming: SourceClaiming(holder: "scanner b"),
                                               clock: { now.addingTimeInterval(60) })
                #expect(meanwhile.outcomes.isEmpty && meanwhile.leftToOtherScanners == sources.count)
                #expect(servers.allSatisfy { $0.requests.isEmpty })

                let afterExpiry = try await scan(sources, at: location, claiming: SourceClaiming(holder: "scanner b"),
                                                 clock: { now.addingTimeInterval(121) })
                #expect(afterExpiry.fetchedCount == sources.count && afterExpiry.leftToOtherScanners == 0)
                // Each source written ended its lease; none is left claimed.
                #expect(try store.claim(sources.map(\.id), for: "scanner c", until: now.addingTimeInterval(300),
                                        at: now.addingTimeInterval(122), where: { _ in true }).count == sources.count)
            }
        }
    }
}
