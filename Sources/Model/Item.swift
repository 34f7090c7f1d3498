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

    public init(
        key: ItemKey,
        title: String,
        link: URL? = nil,
        author: String? = nil,
        published: Date? = nil,
        text: String
    ) {
        self.key = key
        self.title = title
        self.link = link
        self.author = author
        self.published = published
        self.text = text
    }

    /// Title and text as one passage, the unit that mentions and sentiment read.
    public var fullText: String {
        if title.isEmpty { return text }
        if text.isEmpty { return title }
        return title + "\n" + text
    }
}
