import Fetching
import Foundation
import Model
import Scanning
import Storage
import TestSupport
import Testing

/// One story, one finding: the same article through Google News, through Bing News and in its
/// publisher's own feed, each served by a loopback server standing in for the engine or site.
extension ScanRunnerTests {
    /// A Google News search feed: the item links through the engine's redirect, and so does its
    /// description; only `<source url>` and the headline say whose story it is.
    static let googleNewsFeed = """
        <?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>"Millbrook Academy" - Google News</title>
        <link>https://news.google.com/search?q=%22Millbrook+Academy%22</link>
        <item><title>Millbrook Academy parents say parking is unacceptable - Ashcombe Gazette</title>
        <link>https://news.google.com/rss/articles/CBMiXkFVX3lxTE1wYXJraW5n?oc=5</link>
        <guid isPermaLink="false">CBMiXkFVX3lxTE1wYXJraW5n</guid>
        <pubDate>Wed, 25 Nov 2026 07:55:00 GMT</pubDate>
        <description>&lt;a href="https://news.google.com/rss/articles/CBMiXkFVX3lxTE1wYXJraW5n?oc=5"&gt;Millbrook Academy parents say parking is unacceptable&lt;/a&gt;&amp;nbsp;&amp;nbsp;&lt;font color="#6f6f6f"&gt;Ashcombe Gazette&lt;/font&gt;</description>
        <source url="https://www.ashcombe-gazette.example">Ashcombe Gazette</source></item>
        </channel></rss>
        """

    /// A Bing News search feed: the item links through a click-through whose `url` is the article.
    static let bingNewsFeed = """
        <?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Millbrook Academy - BingNews</title>
        <link>https://www.bing.com/news/search?q=Millbrook+Academy&amp;format=rss</link>
        <item><title>Millbrook Academy parents say parking is unacceptable</title>
        <link>http://www.bing.com/news/apiclick.aspx?ref=FexRss&amp;aid=&amp;tid=9C2E&amp;url=https%3a%2f%2fwww.ashcombe-gazette.example%2fnews%2fparking&amp;c=5531&amp;mkt=en-gb</link>
        <description>Parents at Millbrook Academy say the parking outside is unacceptable ...</description>
        <pubDate>Wed, 25 Nov 2026 08:02:00 GMT</pubDate></item>
        </channel></rss>
        """

    /// The publisher's own feed, with the whole article.
    static let gazetteFeed = """
        <?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Ashcombe Gazette</title>
        <link>https://www.ashcombe-gazette.example/</link>
        <item><title>Millbrook Academy parents say parking is unacceptable</title>
        <link>https://www.ashcombe-gazette.example/news/parking?utm_source=rss</link>
        <guid isPermaLink="false">gazette-4412</guid>
        <pubDate>Wed, 25 Nov 2026 07:50:00 GMT</pubDate>
        <description>Parents blocking driveways outside Millbrook Academy again: this is unacceptable and nobody answers emails.</description></item>
        </channel></rss>
        """

    static func searchAndPublisherServer(_ request: LoopbackHTTPServer.Request) -> LoopbackHTTPServer.Response {
        switch request.path {
        case "/google": .init(contentType: "application/rss+xml", body: googleNewsFeed)
        case "/bing": .init(contentType: "application/rss+xml", body: bingNewsFeed)
        default: .init(contentType: "application/rss+xml", body: gazetteFeed)
        }
    }

    @Test(arguments: [["/google", "/bing", "/gazette"], ["/gazette", "/bing", "/google"], ["/bing", "/google", "/gazette"]])
    func theSameArticleThroughTwoSearchEnginesAndItsPublisherIsOneCase(order: [String]) async throws {
        try await withLoopbackHTTPServer({ Self.searchAndPublisherServer($0) }) { server in
            try await withTemporaryDirectory { folder in
                let storage = StorageQueue(store: try Store(path: folder.appendingPathComponent("e.sqlite").path))
                let titles = ["/google": "Google News", "/bing": "Bing News", "/gazette": "Ashcombe Gazette"]
                let sources = order.map { Source(url: server.url($0), kind: .feed, title: titles[$0]!) }
                try await withTransferEngine(settings: settings) { engine in
                    let fetcher = PoliteFetcher(engine: engine, policy: PolitenessPolicy(minimumDelayPerHost: .zero, maximumAttempts: 1))
                    // One source at a time, in the order given, as scans a few minutes apart would see them.
                    for source in sources {
                        _ = try await scanner([source]).scan(fetcher: fetcher, storage: storage, clock: { [now] in now })
                    }
                    let again = try await scanner(sources).scan(fetcher: fetcher, storage: storage, includesAll: true, clock: { [now] in now })
                    #expect(again.written.newItems == 0 && again.written.repeatSightings == 0)
                }
                let counts = try await storage.perform { try $0.counts() }
                #expect(counts.items == 1 && counts.findings == 1 && counts.cases == 1 && counts.sightings == 3)
                let finding = try #require(try await storage.perform { try $0.searchFindings("parking") }.first)
                #expect(Set(finding.sourceTitles) == ["Google News", "Bing News", "Ashcombe Gazette"])
                #expect(finding.link == URL(string: "https://www.ashcombe-gazette.example/news/parking"))
                let cases = try await storage.perform { try $0.openCases() }
                #expect(cases.map(\.primaryConcern) == [.complaint])
            }
        }
    }
}
