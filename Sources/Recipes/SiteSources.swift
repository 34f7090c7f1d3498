import Foundation

/// What the school's own website offers to read: the feeds it has, else the page its news is on.
public struct SiteSources: Sendable, Hashable {
    /// A feed found on the site.
    public struct Feed: Sendable, Hashable {
        /// The feed's address.
        public var url: URL
        /// The title the site gives it, else empty.
        public var title: String

        /// Describes a feed found on the site.
        public init(url: URL, title: String) {
            self.url = url
            self.title = title
        }
    }

    /// Where feeds often are when a site does not advertise them: WordPress, most other blog
    /// engines and static site generators, tried in this order.
    public static let commonFeedPaths = ["/feed/", "/rss", "/rss.xml", "/feed.xml", "/atom.xml", "/index.xml"]
    /// Where a school's news page often is, tried when the site has no feed.
    public static let commonNewsPagePaths = ["/news", "/latest-news"]

    /// The website as given.
    public var website: URL
    /// The feeds found, advertised by the home page or at a common path.
    public var feeds: [Feed]
    /// The page to read when there is no feed: the news page found, else nil for the home page.
    public var newsPage: URL?
    /// What was tried and what came of it, a line each, for the person setting Earshot up.
    public var notes: [String]

    /// Describes what the site offers.
    public init(website: URL, feeds: [Feed] = [], newsPage: URL? = nil, notes: [String] = []) {
        self.website = website
        self.feeds = feeds
        self.newsPage = newsPage
        self.notes = notes
    }
}
