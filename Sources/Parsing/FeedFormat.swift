/// The syndication format a feed document turned out to be.
///
/// Kept on ``ParsedFeed`` so that a source's report can say what it serves, and so that
/// format detection can be tested on its own.
public enum FeedFormat: String, Hashable, Sendable, CaseIterable {
    /// RSS 0.90–0.94, or RSS without a version attribute.
    case rss09x
    /// RSS 1.0: RDF with items beside the channel.
    case rss10
    /// RSS 2.0.
    case rss20
    /// Atom 0.3, the pre-standard draft (`http://purl.org/atom/ns#`).
    case atom03
    /// Atom 1.0 (RFC 4287).
    case atom10
    /// JSON Feed 1.0 or 1.1.
    case jsonFeed
    /// Microsoft's Channel Definition Format (1997): a `CHANNEL` root with `ITEM`s, read as far
    /// as it says what RSS says.
    case cdf
}
