import Foundation

/// The identity of an item for de-duplication: its guid or id when present and stable,
/// else its normalised link, else a hash of its title and text.
///
/// The raw value carries its origin as a prefix (`id:`, `link:`, `hash:`), so that keys of
/// different origins never collide.
public struct ItemKey: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: ItemKey, rhs: ItemKey) -> Bool { lhs.rawValue < rhs.rawValue }

    /// For an `id:` key whose id is not a URI (a feed's own number or slug, such as "1234", which
    /// another feed may use for another post), the same id scoped to the source that served it;
    /// nil for every other key. Ids that are URIs ("https://…", "tag:…", "urn:uuid:…") are meant to
    /// be unique everywhere, so the same story in two feeds keeps one key.
    public func scoped(to source: SourceID) -> ItemKey? {
        guard rawValue.hasPrefix("id:") else { return nil }
        let id = rawValue.dropFirst(3)
        if let colon = id.firstIndex(of: ":"), colon > id.startIndex,
           id[id.startIndex].isASCII, id[id.startIndex].isLetter,
           id[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }),
           id.index(after: colon) < id.endIndex {
            return nil
        }
        return ItemKey(rawValue: "id:" + source.rawValue + " " + id)
    }
}

/// One post, article or page block, as plain text.
public struct Item: Hashable, Sendable {
    /// Identity for de-duplication within and across sources.
    public var key: ItemKey
    public var title: String
    /// The item's link, with tracking parameters removed.
    public var link: URL?
    public var author: String?
    /// When the source says it was published; nil when missing or unparseable.
    public var published: Date?
    /// The item's body as plain text.
    public var text: String
    /// The story it carries, by publisher's site and headline, when a feed item names both: what
    /// ties a news search engine's item to the publisher's own when no link does.
    public var story: StoryKey?

    public init(
        key: ItemKey,
        title: String,
        link: URL? = nil,
        author: String? = nil,
        published: Date? = nil,
        text: String,
        story: StoryKey? = nil
    ) {
        self.key = key
        self.title = title
        self.link = link
        self.author = author
        self.published = published
        self.text = text
        self.story = story
    }

    /// Whether the item stands in for its publisher's own: it names the story's site, but its link
    /// leads elsewhere (a news search engine's redirect that cannot be read offline), so that the
    /// publisher's own copy, when seen, is the same story rather than a new one.
    public var isStandIn: Bool {
        guard let story else { return false }
        return link.flatMap(StoryKey.site(of:)) != story.site
    }

    /// The item as Earshot stores it, after mentions and sentiment have read it whole: title,
    /// author and text cut to ``TextLimits``, and a link over its limit dropped.
    public var withinTextLimits: Item {
        var kept = self
        kept.title = TextLimits.capped(title, to: TextLimits.title)
        kept.author = author.map { TextLimits.capped($0, to: TextLimits.author) }
        kept.text = TextLimits.capped(text, to: TextLimits.storedText)
        kept.link = TextLimits.kept(link)
        return kept
    }

    /// Title and text as one passage, the unit that mentions and sentiment read.
    public var fullText: String {
        if title.isEmpty { return text }
        if text.isEmpty { return title }
        return title + "\n" + text
    }
}
