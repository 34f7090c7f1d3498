import Foundation

/// An item that mentions the school, with everything Earshot judged about it.
public struct Finding: Hashable, Sendable {
    public var item: Item
    /// The source it was found in (first found; later sightings are recorded by Storage).
    public var source: SourceID
    public var discoveredAt: Date
    public var mentions: [Mention]
    public var sentiment: SentimentScore
    public var concerns: [ConcernAssessment]

    public init(
        item: Item,
        source: SourceID,
        discoveredAt: Date,
        mentions: [Mention],
        sentiment: SentimentScore,
        concerns: [ConcernAssessment]
    ) {
        self.item = item
        self.source = source
        self.discoveredAt = discoveredAt
        self.mentions = mentions
        self.sentiment = sentiment
        self.concerns = concerns
    }

    /// The most serious concern, if any.
    public var primaryConcern: Concern? {
        concerns.map(\.concern).min()
    }
}
