/// The sentiment of a passage: a compound score, its label, and the words that drove it.
public struct SentimentScore: Hashable, Sendable, Codable {
    /// Normalised score in [-1, 1].
    public var compound: Double
    public var label: SentimentLabel
    /// The lexicon words and phrases that moved the score, strongest first.
    public var drivers: [String]

    public init(compound: Double, drivers: [String]) {
        self.compound = compound
        self.label = SentimentLabel(compound: compound)
        self.drivers = drivers
    }

    /// A passage with nothing to score.
    public static let neutral = SentimentScore(compound: 0, drivers: [])
}
