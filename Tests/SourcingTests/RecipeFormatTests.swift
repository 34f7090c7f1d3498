import Fetching
import Foundation
import Mentions
import Model
import Parsing
import Recipes
import Sourcing
import TestSupport
import Testing

/// A polite fetcher with no spacing between requests, allowed to reach the loopback stand-ins.
func withLoopbackFetcher<Result>(_ body: (PoliteFetcher) async throws -> Result) async throws -> Result {
    let settings = FetchSettings(connectTimeout: .connectPatience, totalTimeout: .transferPatience, allowsLoopback: true)
    return try await withTransferEngine(settings: settings) { engine in
        try await body(PoliteFetcher(engine: engine, policy: PolitenessPolicy(minimumDelayPerHost: .zero, maximumAttempts: 1)))
    }
}

/// The profile of Hollin Brook Academy, the school of the recipe fixtures.
let hollinBrook = SchoolProfile(names: ["Hollin Brook Academy"], ambiguousAliases: ["Hollin Brook"],
                                hashtags: ["HollinBrookAcademy"], contextWords: ["Aireby"])

/// Each recipe's feed, fetched with libcurl from a stand-in for its engine and read as a scan reads it.
@Suite struct RecipeFormatTests {
    /// One recipe's feed: where the stand-in serves it and what a reading must find.
    struct FormatCase: CustomTestStringConvertible, Sendable {
        let name: String
        let path: String
        let format: FeedFormat
        let title: String
        let itemCount: Int
        let mentionCount: Int
        var testDescription: String { name }
    }

    @Test(arguments: [
        FormatCase(name: "Google News RSS", path: "/rss/search?q=%22Hollin%20Brook%20Academy%22&hl=en-GB&gl=GB&ceid=GB:en",
                   format: .rss20, title: "\"Hollin Brook Academy\" - Google News", itemCount: 2, mentionCount: 1),
        FormatCase(name: "Bing News RSS", path: "/news/search?q=%22Hollin%20Brook%20Academy%22&format=rss",
                   format: .rss20, title: "\"Hollin Brook Academy\" - BingNews", itemCount: 2, mentionCount: 1),
        FormatCase(name: "Reddit Atom", path: "/search.rss?q=%22Hollin%20Brook%20Academy%22&sort=new",
                   format: .atom10, title: "reddit.com: search results - \"Hollin Brook Academy\"", itemCount: 3, mentionCount: 2),
        FormatCase(name: "Mastodon tag RSS", path: "/tags/HollinBrookAcademy.rss",
                   format: .rss20, title: "#HollinBrookAcademy", itemCount: 2, mentionCount: 2),
        FormatCase(name: "YouTube Atom", path: "/feeds/videos.xml?channel_id=UCq3Hb7dY1mKx2pLr8sT4vWz",
                   format: .atom10, title: "Hollin Brook Academy", itemCount: 2, mentionCount: 1),
        FormatCase(name: "RSS-Bridge Atom", path: "/?action=display&bridge=FacebookBridge&context=User&u=AirebyNoticeboard&format=Atom",
                   format: .atom10, title: "Aireby Community Noticeboard", itemCount: 2, mentionCount: 1),
        FormatCase(name: "RSSHub RSS", path: "/instagram/user/airebymums",
                   format: .rss20, title: "Aireby Mums (@airebymums) - Instagram", itemCount: 2, mentionCount: 1),
    ])
    func aTrialReadsTheRecipesFeedAndCountsItsMentions(_ example: FormatCase) async throws {
        try await withLoopbackHTTPServer(RecipeStandIn.engines) { server in
            try await withLoopbackFetcher { fetcher in
                let source = Source(url: server.url(example.path), kind: .feed, title: example.name)
                let reading = try await SourceTrial(fetcher: fetcher, mentionFinder: MentionFinder(profile: hollinBrook)).read(source)
                #expect(reading == SourceTrial.Reading(title: example.title, itemCount: example.itemCount, mentionCount: example.mentionCount))
                let feed = try await parsed(example.path, from: server, with: fetcher)
                #expect(feed.format == example.format)
                #expect(!feed.isIllFormed, "\(feed.problems)")
            }
        }
    }

    /// The feed at `path`, fetched and parsed.
    func parsed(_ path: String, from server: LoopbackHTTPServer, with fetcher: PoliteFetcher) async throws -> ParsedFeed {
        let response = try await fetcher.fetch(FetchRequest(url: server.url(path))).response
        return try FeedParser().parse(response.body, baseURL: response.finalURL, contentType: response.contentType)
    }

    @Test func googleNewsItemsKeepTheirHeadlineAndPublisherAndLinkToGoogle() async throws {
        try await withLoopbackHTTPServer(RecipeStandIn.engines) { server in
            try await withLoopbackFetcher { fetcher in
                let item = try #require(try await parsed("/rss/search?q=x", from: server, with: fetcher).items.first)
                #expect(item.title == "Parents complain about Hollin Brook Academy's new uniform rules - Aireby Gazette")
                #expect(item.text.contains("Parents complain about Hollin Brook Academy's new uniform rules"))
                #expect(item.text.contains("Aireby Gazette"), "the publisher's name from the description")
                #expect(item.link?.host == "news.google.com")
                #expect(item.published == ISO8601DateFormatter().date(from: "2026-12-02T17:30:00Z"))
            }
        }
    }

    @Test func youtubeEntriesTakeTheirTextFromTheMediaGroupsDescription() async throws {
        try await withLoopbackHTTPServer(RecipeStandIn.engines) { server in
            try await withLoopbackFetcher { fetcher in
                let items = try await parsed("/feeds/videos.xml?channel_id=UCq3Hb7dY1mKx2pLr8sT4vWz", from: server, with: fetcher).items
                try #require(items.map(\.title) == ["Winter Concert 2026", "Open Evening Tour"])
                #expect(items[0].text == "Highlights from the Hollin Brook Academy winter concert, with the year 7 choir and the jazz band.")
                #expect(items[0].link?.absoluteString == "https://www.youtube.com/watch?v=Xk29sLp0QaE")
                #expect(items[0].author == "Hollin Brook Academy")
            }
        }
    }

    @Test func redditEntriesKeepThePostsTextAuthorAndPermalink() async throws {
        try await withLoopbackHTTPServer(RecipeStandIn.engines) { server in
            try await withLoopbackFetcher { fetcher in
                let item = try #require(try await parsed("/search.rss?q=x&sort=new", from: server, with: fetcher).items.first)
                #expect(item.title == "Son bullied on the school bus, school not responding")
                #expect(item.text.hasPrefix("My son in year 8 at Hollin Brook Academy is being bullied"))
                #expect(!item.text.contains("SC_OFF"), "the comment markers are not text")
                #expect(item.author == "/u/worried_aireby_dad")
                #expect(item.link?.absoluteString == "https://www.reddit.com/r/Aireby/comments/1h4k2zq/son_bullied_on_the_school_bus/")
            }
        }
    }

    @Test func mastodonPostsWithoutTitlesAreReadFromTheirHTML() async throws {
        try await withLoopbackHTTPServer(RecipeStandIn.engines) { server in
            try await withLoopbackFetcher { fetcher in
                let items = try await parsed("/tags/HollinBrookAcademy.rss", from: server, with: fetcher).items
                #expect(items.allSatisfy { $0.title.isEmpty })
                try #require(items.count >= 2)
                #expect(items[1].text == "Is #HollinBrookAcademy open tomorrow if the snow keeps up? Nothing on the website yet.")
                #expect(items[1].link?.absoluteString == "https://mastodon.social/@snowdaywatch/113596120448712003")
            }
        }
    }

    @Test func bridgeFeedsKeepThePostsLinkOnTheNetwork() async throws {
        try await withLoopbackHTTPServer(RecipeStandIn.engines) { server in
            try await withLoopbackFetcher { fetcher in
                let facebook = try await parsed("/?action=display&bridge=FacebookBridge&context=User&u=AirebyNoticeboard&format=Atom",
                                                from: server, with: fetcher).items
                try #require(!facebook.isEmpty)
                #expect(facebook[0].link?.absoluteString == "https://www.facebook.com/AirebyNoticeboard/posts/pfbid02Xq7kLm9")
                #expect(facebook[0].author == "Aireby Community Noticeboard")
                let instagram = try await parsed("/instagram/user/airebymums", from: server, with: fetcher)
                try #require(!instagram.items.isEmpty)
                #expect(instagram.items[0].link?.absoluteString == "https://www.instagram.com/p/DDa1xYzAbCd/")
                #expect(instagram.items[0].author == "airebymums")
                #expect(instagram.scheduleHints.minimumInterval == .seconds(300), "RSSHub's ttl")
            }
        }
    }
}
