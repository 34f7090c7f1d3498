import Foundation

/// A stored finding as listings and digests show it.
public struct FindingSummary: Hashable, Sendable {
    public var key: ItemKey
    public var title: String
    public var snippet: String
    public var link: URL?
    /// Titles of every source the item was seen in, first sighting first.
    public var sourceTitles: [String]
    public var published: Date?
    public var discoveredAt: Date
    public var sentiment: SentimentScore
    public var concerns: [ConcernAssessment]

    public init(
        key: ItemKey, title: String, snippet: String, link: URL?, sourceTitles: [String], published: Date?,
        discoveredAt: Date, sentiment: SentimentScore, concerns: [ConcernAssessment]
    ) {
        self.key = key
        self.title = title
        self.snippet = snippet
        self.link = link
        self.sourceTitles = sourceTitles
        self.published = published
        self.discoveredAt = discoveredAt
        self.sentiment = sentiment
        self.concerns = concerns
    }
}
