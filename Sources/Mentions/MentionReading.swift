import Model

/// What the mention finder made of one passage: where it names the school, and the other things
/// it used the school's words for.
public struct MentionReading: Sendable, Hashable {
    /// The places that name the school, in reading order.
    public var mentions: [Mention]
    /// The exclusion phrases that took a name or alias in another sense ("Millbrook Road",
    /// "Millbrook Garden Centre"), each once, in reading order.
    public var otherMeanings: [String]

    /// A reading of a passage.
    public init(mentions: [Mention], otherMeanings: [String]) {
        self.mentions = mentions
        self.otherMeanings = otherMeanings
    }

    /// Whether an item from a source wholly about the school is about it: it names the school, or
    /// it never uses the school's words in another sense. A review on the school's own page that
    /// never names it is about the school; an item that only speaks of "Millbrook Garden Centre"
    /// is about the garden centre, wherever it was posted.
    public var belongsToSourceAboutSchool: Bool {
        !mentions.isEmpty || otherMeanings.isEmpty
    }
}
