import Fetching
import Foundation
import Model
import Recipes
import Sourcing
import TestSupport
import Testing

/// Finding what a school's site offers, against sites served on loopback.
@Suite struct SiteDiscoveryTests {
    static let feed = """
        <?xml version="1.0"?><rss version="2.0"><channel><title>Hollin Brook news</title><link>https://hollinbrook.sch.uk/</link>
        <item><guid>n1</guid><title>Snow closure arrangements</title></item></channel></rss>
        """

    static let plainHome = "<html><head><title>Hollin Brook Academy</title></head><body><p>Welcome.</p></body></html>"

    func sources(_ handler: @escaping LoopbackHTTPServer.Handler) async throws -> (SiteSources, LoopbackHTTPServer) {
        try await withLoopbackHTTPServer(handler) { server in
            let found = try await withLoopbackFetcher { fetcher in await SiteDiscovery(fetcher: fetcher).sources(of: server.url("/")) }
            return (found, server)
        }
    }

    @Test func theFeedsTheHomePageAdvertisesAreTakenWithoutTheCommentsFeed() async throws {
        let (found, server) = try await sources(RecipeStandIn.schoolSite)
        #expect(found.feeds == [SiteSources.Feed(url: server.url("/news/feed/"), title: "Hollin Brook Academy » News")])
        #expect(found.newsPage == nil)
        #expect(found.notes.contains { $0.contains("advertises 1 feed") })
        #expect(found.notes.contains { $0.contains("left out its comments feed") })
        #expect(server.requests.map(\.path) == ["/robots.txt", "/"], "nothing else is tried")
    }

    @Test func withoutAnAdvertisedFeedTheCommonAddressesAreTriedInOrder() async throws {
        let (found, server) = try await sources { request in
            switch request.path {
            case "/": .init(contentType: "text/html", body: Self.plainHome)
            case "/rss": .init(status: 301, headers: [("Location", "/rss.xml")])
            case "/rss.xml": .init(contentType: "application/rss+xml", body: Self.feed)
            default: .init(status: 404)
            }
        }
        #expect(found.feeds == [SiteSources.Feed(url: server.url("/rss.xml"), title: "Hollin Brook news")])
        #expect(server.requests.map(\.path) == ["/robots.txt", "/", "/feed/", "/rss", "/rss.xml"])
    }

    @Test func aSoftNotFoundPageAtAFeedsAddressIsNotTakenForAFeed() async throws {
        let (found, _) = try await sources { request in
            switch request.path {
            case "/robots.txt": .init(status: 404)
            case "/news": .init(contentType: "text/html", body: "<html><body><h1>News</h1><p>Carol concert tickets are on sale.</p></body></html>")
            default: .init(contentType: "text/html", body: Self.plainHome)
            }
        }
        #expect(found.feeds.isEmpty)
        #expect(found.newsPage?.path == "/news")
        #expect(found.notes.last?.hasPrefix("reading the news page") == true)
    }

    @Test func aSiteWithNeitherFeedNorNewsPageIsReadFromItsHomePage() async throws {
        let (found, _) = try await sources { request in
            request.path == "/" ? .init(contentType: "text/html", body: Self.plainHome) : .init(status: 404)
        }
        #expect(found.feeds.isEmpty && found.newsPage == nil)
        #expect(found.notes.last == "no news page at /news or /latest-news; the home page is read as a page")
    }

    @Test func aSiteThatCannotBeReachedIsNotedAndNothingElseIsTried() async throws {
        let server = try LoopbackHTTPServer { _ in .init(status: 404) }
        server.stop()
        let found = try await withLoopbackFetcher { fetcher in await SiteDiscovery(fetcher: fetcher).sources(of: server.url("/")) }
        #expect(found.feeds.isEmpty && found.newsPage == nil)
        #expect(found.notes.count == 1)
        #expect(found.notes == ["cannot fetch \(server.url("/").absoluteString) (its robots.txt disallows Earshot or cannot be fetched); "
                                + "the website is listed as a page to read"])
    }
}
