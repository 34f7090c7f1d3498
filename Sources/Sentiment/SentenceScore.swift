import Model

/// The sentiment of one sentence of a passage, so that a reader can see which part of a long
/// post is angry and which is kind.
public struct SentenceScore: Hashable, Sendable {
    /// The sentence as written, trimmed of surrounding whitespace.
    public var text: String
    /// The sentence's own score; its drivers are the sentence's words.
    public var score: SentimentScore

    /// Pairs a sentence with its score.
    public init(text: String, score: SentimentScore) {
        self.text = text
        self.score = score
    }
}
