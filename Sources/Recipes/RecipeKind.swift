/// The kinds of source Earshot knows how to set up, as `earshot feeds add` names them.
///
/// Each kind says how often its feeds are read unless the OPML file says otherwise, how often they
/// may be read at most, what they cover and what they cannot see.
public enum RecipeKind: String, CaseIterable, Sendable, Hashable {
    /// Google News search results as RSS (GB edition).
    case googleNews = "google-news"
    /// Bing News search results as RSS.
    case bingNews = "bing-news"
    /// Reddit search results as Atom, newest first.
    case reddit
    /// A Mastodon server's public posts with a hashtag, as RSS.
    case mastodon
    /// A YouTube channel's latest uploads, as Atom.
    case youtube
    /// A public Facebook page, X account, Instagram or TikTok account through a bridge the school runs.
    case bridge
    /// Any RSS, Atom or JSON feed.
    case feed
    /// A web page read as blocks of text.
    case page

    /// How often a source of this kind is read unless its outline sets `earshotInterval`; nil
    /// leaves it to `[feeds] default_interval`.
    ///
    /// Search engines are asked every 30 minutes: new results seldom come faster, and a search
    /// engine that is asked too often starts refusing. Hashtag feeds are cheap and conversations
    /// on them move quickly; a channel's uploads and a bridge's pages change slowly, and a bridge
    /// scrapes a network on every read.
    public var defaultInterval: Duration? {
        switch self {
        case .googleNews, .bingNews, .reddit: .seconds(30 * 60)
        case .mastodon: .seconds(15 * 60)
        case .youtube: .seconds(6 * 3600)
        case .bridge: .seconds(3600)
        case .feed, .page: nil
        }
    }

    /// The shortest interval a source of this kind may be given: search feeds are read no more
    /// often than every 15 minutes, bridges no more often than every 15 minutes either (a bridge
    /// caches its answer for about that long and the network behind it throttles scraping).
    public var shortestInterval: Duration? {
        switch self {
        case .googleNews, .bingNews, .reddit, .mastodon, .bridge: .seconds(15 * 60)
        case .youtube, .feed, .page: nil
        }
    }

    /// What a source of this kind covers, in a sentence.
    public var coverage: String {
        switch self {
        case .googleNews: "News articles that name the school, from the publishers Google News indexes (GB edition)."
        case .bingNews: "News articles that name the school, from the publishers Bing News indexes."
        case .reddit: "Reddit posts in public subreddits whose title or text names the school, newest first."
        case .mastodon: "Public Mastodon posts with one of the school's hashtags that have reached the server read."
        case .youtube: "The latest uploads of one YouTube channel."
        case .bridge: "A public Facebook page, X account, Instagram or TikTok account, through a bridge the school runs itself."
        case .feed: "Any RSS, Atom or JSON feed: a local paper, a council, a blog."
        case .page: "A web page without a feed, read as blocks of text; each new block is read once."
        }
    }

    /// What a source of this kind cannot see, and the limits it must keep to.
    public var limits: String {
        switch self {
        case .googleNews:
            "Articles only, no social media or comments; results can lag publication by hours; about the "
                + "100 latest results. Google reads no more than 32 words of a query, so long name lists are split."
        case .bingNews:
            "Articles only, no social media or comments; Bing picks the results' market itself. Bing uses only "
                + "the first 10 terms of a query, so names are split across several feeds."
        case .reddit:
            "Posts only: comments under a post are not searched. Reddit allows few unauthenticated requests "
                + "a minute and may refuse some clients; queries are at most 512 characters."
        case .mastodon:
            "Only posts carrying the hashtag, and only those that have reached this server; the feed holds the "
                + "20 latest. Posts that name the school without the hashtag are not found here."
        case .youtube:
            "The channel's 15 latest videos with their descriptions; comments are not in the feed."
        case .bridge:
            "Public pages and accounts only; private groups, private accounts and comments stay unseen. Bridges "
                + "scrape the networks, which change often: a bridge feed may break until the bridge is updated."
        case .feed:
            "Whatever the feed publishes, usually its latest 10 to 50 items."
        case .page:
            "Text visible without signing in and without running scripts."
        }
    }
}
