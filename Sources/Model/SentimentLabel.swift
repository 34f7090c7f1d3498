/// The coarse reading of a compound sentiment score.
public enum SentimentLabel: String, Hashable, Sendable, Codable, CaseIterable {
    case positive
    case neutral
    case negative

    /// The label for a compound score in [-1, 1], with the conventional ±0.05 neutral band.
    public init(compound: Double) {
        if compound >= 0.05 {
            self = .positive
        } else if compound <= -0.05 {
            self = .negative
        } else {
            self = .neutral
        }
    }
}
