import Foundation
import Model

/// What a feed document said: its title and link, its items as plain text, and whether it
/// had to be repaired to be read.
///
/// An ill-formed feed is still read as far as libxml2's recovery allows; ``isIllFormed`` and
/// ``problems`` let the scan record the fault on the source instead of failing it.
public struct ParsedFeed: Sendable, Hashable {
    /// The feed's own title, as plain text.
    public var title: String
    /// The site the feed belongs to, normalised; nil when the feed names none.
    public var link: URL?
    /// The items in document order, without duplicate keys (the first of each key is kept).
    public var items: [Item]
    /// Whether the document broke XML's rules (bad escaping, truncation, wrong encoding, junk
    /// before the start) and was read by recovery.
    public var isIllFormed: Bool
    /// The first few problems, each naming its line, for the source's report.
    public var problems: [String]
    /// The format the document turned out to be.
    public var format: FeedFormat
    /// What the feed says about how often to fetch it (RSS `ttl`, `skipHours`, `skipDays`).
    public var scheduleHints: ScheduleHints
    /// The character encoding the document was read in, lowercased (`utf-8`, `iso-8859-1`,
    /// `utf-16le`, ...): from its byte order mark, its XML declaration, or the HTTP charset.
    public var encoding: String
    /// Each item's parts kept apart (both dates, both bodies), by key; empty unless the parser
    /// was made with ``FeedParser/init(keepsItemDetails:)``.
    public var itemDetails: [ItemKey: ItemDetails]

    /// Creates a parsed feed.
    public init(
        title: String,
        link: URL?,
        items: [Item],
        isIllFormed: Bool = false,
        problems: [String] = [],
        format: FeedFormat,
        scheduleHints: ScheduleHints = .none,
        encoding: String = "utf-8",
        itemDetails: [ItemKey: ItemDetails] = [:]
    ) {
        self.title = title
        self.link = link
        self.items = items
        self.isIllFormed = isIllFormed
        self.problems = problems
        self.format = format
        self.scheduleHints = scheduleHints
        self.encoding = encoding
        self.itemDetails = itemDetails
    }
}
