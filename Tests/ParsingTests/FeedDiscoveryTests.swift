import Foundation
import Parsing
import Testing

@Suite struct FeedDiscoveryTests {
    let page = URL(string: "https://school.example/news/index.html")!

    @Test func findsAdvertisedFeedsResolvedAgainstThePage() {
        let html = """
            <!DOCTYPE html><html><head><title>News</title>
            <link rel="stylesheet" href="/style.css">
            <link rel="alternate" type="application/rss+xml" title="School news" href="feed.xml?utm_source=site">
            <LINK REL="Alternate" TYPE="application/atom+xml" HREF="https://school.example/atom">
            <link rel="alternate" type="application/feed+json" title="JSON" href="/feed.json">
            <link rel="alternate" hreflang="cy" href="/cy/">
            <link rel="alternate" type="application/rss+xml" href="feed.xml">
            </head><body><a href="/other.xml">not advertised</a></body></html>
            """
        let feeds = FeedDiscovery().feeds(inPage: Data(html.utf8), pageURL: page)
        #expect(feeds.map(\.url.absoluteString) == [
            "https://school.example/news/feed.xml", "https://school.example/atom", "https://school.example/feed.json",
        ])
        #expect(feeds.first?.title == "School news")
        #expect(feeds.map(\.mediaType) == ["application/rss+xml", "application/atom+xml", "application/feed+json"])
    }

    @Test func relativeFeedAddressesResolveAgainstThePagesBaseHref() {
        let html = """
            <html><head><base href="https://cdn.school.example/site/">
            <link rel="alternate" type="application/rss+xml" href="feeds/news.xml">
            <link rel="alternate" type="application/atom+xml" href="/atom"></head><body></body></html>
            """
        let feeds = FeedDiscovery().feeds(inPage: Data(html.utf8), pageURL: page)
        #expect(feeds.map(\.url.absoluteString) == ["https://cdn.school.example/site/feeds/news.xml", "https://cdn.school.example/atom"])
    }

    @Test func aPageWithoutFeedsHasNone() {
        #expect(FeedDiscovery().feeds(inPage: Data("<html><body>Hello</body></html>".utf8), pageURL: page).isEmpty)
    }
}
