import Foundation

/// What a feed said about one item beyond the ``Model/Item`` the rest of Earshot reads: the id as
/// written, the publication and update dates apart, and the summary and full content apart.
///
/// ``Model/Item`` keeps one date (the publication date, else the update date) and one body (the
/// full content, else the summary), which is all mentions and sentiment need. Conformance checks
/// against other parsers compare each part on its own, so ``FeedParser`` keeps these when asked
/// (``FeedParser/init(keepsItemDetails:)``) and ``ParsedFeed/itemDetails`` holds them by key.
public struct ItemDetails: Sendable, Hashable {
    /// The guid (RSS), id (Atom) or id (JSON Feed) as written, trimmed; nil when there is none.
    public var id: String?
    /// RSS `pubDate`, Atom `published` (0.3 `issued`, `created`), JSON Feed `date_published`.
    public var published: Date?
    /// Atom `updated` (0.3 `modified`), Dublin Core `dc:date`, JSON Feed `date_modified`.
    public var updated: Date?
    /// The summary as plain text: RSS `description`, Atom `summary`, JSON Feed `summary`, or
    /// Media RSS `description`; empty when there is none.
    public var summary: String
    /// The full content as plain text: `content:encoded`, Atom `content`, JSON Feed
    /// `content_html` or `content_text`; empty when there is none.
    public var content: String

    /// Creates item details.
    public init(id: String? = nil, published: Date? = nil, updated: Date? = nil, summary: String = "", content: String = "") {
        self.id = id
        self.published = published
        self.updated = updated
        self.summary = summary
        self.content = content
    }
}
