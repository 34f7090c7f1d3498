import Fetching
import Foundation
import Model
import Parsing
import Recipes

/// Finds what a school's website offers to read, the way a person would look: the feeds its home
/// page advertises (`<link rel="alternate">`), else a feed at one of the common addresses, else its
/// news page, else the home page itself as a page.
///
/// Nothing here fails: a site that cannot be reached leaves the home page to be read as a page
/// once it can be, and the notes say what happened.
public struct SiteDiscovery: Sendable {
    /// The fetcher every request goes through.
    public let fetcher: PoliteFetcher

    /// Creates a discovery that fetches through `fetcher`.
    public init(fetcher: PoliteFetcher) {
        self.fetcher = fetcher
    }

    /// What `website` offers, with a note of each step.
    public func sources(of website: URL) async -> SiteSources {
        var notes: [String] = []
        let shown = AddressRedaction.redacted(website)
        let home: FetchResponse
        do {
            home = try await fetcher.fetch(FetchRequest(url: website)).response
        } catch {
            // An unreachable robots.txt keeps a polite crawler away just as a disallowing one does.
            let reason = error.code == .disallowedByRobots
                ? "its robots.txt disallows Earshot or cannot be fetched" : error.description
            notes.append("cannot fetch \(shown) (\(reason)); the website is listed as a page to read")
            return SiteSources(website: website, notes: notes)
        }
        if (200..<300).contains(home.statusCode) {
            let everyFeed = FeedDiscovery().feeds(inPage: home.body, pageURL: home.finalURL, contentType: home.contentType)
            let advertised = everyFeed.filter { !Self.isCommentsFeed(url: $0.url, title: $0.title) }
            if !advertised.isEmpty {
                notes.append("\(shown) advertises \(advertised.count) feed\(advertised.count == 1 ? "" : "s")")
                if advertised.count < everyFeed.count {
                    notes.append("left out its comments feed: comments on the school's own site would be read as the school speaking")
                }
                return SiteSources(website: website, feeds: advertised.map { SiteSources.Feed(url: $0.url, title: $0.title) },
                                   notes: notes)
            }
            notes.append("\(shown) advertises no feed")
        } else {
            notes.append("\(shown) answered HTTP \(home.statusCode)")
        }
        for path in SiteSources.commonFeedPaths {
            guard let candidate = URL(string: path, relativeTo: website)?.absoluteURL else { continue }
            if let feed = await feed(at: candidate) {
                notes.append("found a feed at \(AddressRedaction.redacted(feed.url))")
                return SiteSources(website: website, feeds: [feed], notes: notes)
            }
        }
        notes.append("no feed at " + SiteSources.commonFeedPaths.joined(separator: ", "))
        for path in SiteSources.commonNewsPagePaths {
            guard let candidate = URL(string: path, relativeTo: website)?.absoluteURL else { continue }
            if let page = await newsPage(at: candidate) {
                notes.append("reading the news page \(AddressRedaction.redacted(page)) as a page")
                return SiteSources(website: website, newsPage: page, notes: notes)
            }
        }
        notes.append("no news page at " + SiteSources.commonNewsPagePaths.joined(separator: " or ")
                     + "; the home page is read as a page")
        return SiteSources(website: website, notes: notes)
    }

    /// Whether a feed holds the comments on a site's posts rather than the posts (WordPress and
    /// most blog engines advertise both).
    static func isCommentsFeed(url: URL, title: String) -> Bool {
        url.path.lowercased().split(separator: "/").contains("comments") || title.lowercased().contains("comments feed")
    }

    /// The feed at `url`, when it answers with one.
    private func feed(at url: URL) async -> SiteSources.Feed? {
        guard let response = try? await fetcher.fetch(FetchRequest(url: url)).response,
              (200..<300).contains(response.statusCode),
              let parsed = try? FeedParser().parse(response.body, baseURL: response.finalURL, contentType: response.contentType)
        else { return nil }
        return SiteSources.Feed(url: response.finalURL, title: parsed.title)
    }

    /// The address of the page at `url`, when it answers with a page that has text.
    private func newsPage(at url: URL) async -> URL? {
        guard let response = try? await fetcher.fetch(FetchRequest(url: url)).response,
              (200..<300).contains(response.statusCode),
              !PageParser().parse(response.body, baseURL: response.finalURL, contentType: response.contentType).blocks.isEmpty
        else { return nil }
        return response.finalURL
    }
}
