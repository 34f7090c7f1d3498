import Foundation

/// Feeds in the shapes the recipes' engines really answer with (Google News RSS with its
/// `<source>`, Bing News RSS, Reddit Atom, Mastodon tag RSS, YouTube Atom with `media:group`,
/// RSS-Bridge Atom, RSSHub RSS), and a school's WordPress site, all about Hollin Brook Academy in
/// Aireby, a fictional school.
public enum RecipeFixture {
    /// A fixture's bytes, by file name.
    public static func data(_ name: String) throws -> Data {
        let base = (name as NSString).deletingPathExtension
        let pathExtension = (name as NSString).pathExtension
        guard let url = Bundle.module.url(forResource: base, withExtension: pathExtension, subdirectory: "Fixtures/Recipes") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: name])
        }
        return try Data(contentsOf: url)
    }
}

/// Handlers for loopback servers that stand in for the recipes' engines and for a school's site,
/// each answering with the fixture its address calls for and a 404 for anything else (robots.txt
/// included, which means no rules).
public enum RecipeStandIn {
    /// The fixture and media type each kind of engine address is answered with, by the start of the
    /// request's path: the engines' own paths, so that one server can stand in for all of them.
    public static let engineRoutes: [(pathPrefix: String, fixture: String, contentType: String)] = [
        ("/rss/search?", "google-news-search.rss", "application/xml; charset=utf-8"),
        ("/news/search?", "bing-news-search.rss", "text/xml; charset=utf-8"),
        ("/search.rss?", "reddit-search.atom", "application/atom+xml; charset=UTF-8"),
        ("/tags/", "mastodon-tag.rss", "application/rss+xml; charset=utf-8"),
        ("/feeds/videos.xml?", "youtube-channel.atom", "text/xml; charset=UTF-8"),
        ("/?action=display&", "rss-bridge-facebook.atom", "application/atom+xml"),
        ("/instagram/user/", "rsshub-instagram.rss", "application/xml; charset=utf-8"),
    ]

    /// Answers as Google News, Bing News, Reddit, Mastodon, YouTube, RSS-Bridge and RSSHub would.
    public static let engines: LoopbackHTTPServer.Handler = { request in
        guard let route = engineRoutes.first(where: { request.path.hasPrefix($0.pathPrefix) }),
              let body = try? RecipeFixture.data(route.fixture)
        else { return .init(status: 404) }
        return .init(headers: [("Content-Type", route.contentType)], body: body)
    }

    /// Answers as a school's WordPress site: a home page advertising its news feed, and the feed.
    public static let schoolSite: LoopbackHTTPServer.Handler = { request in
        let answer: (String, String)? = switch request.path {
        case "/": ("school-home.html", "text/html; charset=UTF-8")
        case "/news/feed/": ("school-news.rss", "application/rss+xml; charset=UTF-8")
        default: nil
        }
        guard let (fixture, contentType) = answer, let body = try? RecipeFixture.data(fixture) else { return .init(status: 404) }
        return .init(headers: [("Content-Type", contentType)], body: body)
    }
}
