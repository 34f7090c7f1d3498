import Model

/// What the mention finder made of one passage: where it names the school, and the other things
/// it used the school's words for.
public struct MentionReading: Sendable, Hashable {
    /// The places that name the school, in reading order.
    public var mentions: [Mention]
    /// The exclusion phrases that took a name or alias in another sense ("Millbrook Road",
    /// "Millbrook Garden Centre"), each once, in reading order.
    public var otherMeanings: [String]
    /// When nothing names the school, the ambiguous aliases that no context licensed and no
    /// exclusion phrase took, in reading order: not mentions, unless the passage turns out to be about a child at risk
    /// (``Model/Mention/Rule/aliasInSafeguardingPost``).
    public var aliasesWithoutContext: [Mention]

    /// A reading of a passage.
    public init(mentions: [Mention], otherMeanings: [String], aliasesWithoutContext: [Mention] = []) {
        self.mentions = mentions
        self.otherMeanings = otherMeanings
        self.aliasesWithoutContext = aliasesWithoutContext
    }

    /// The mentions, or, when there are none and the passage's `concerns` (as judged) include
    /// safeguarding, the aliases without context as ``Model/Mention/Rule/aliasInSafeguardingPost``.
    public func mentions(judgedAs concerns: [ConcernAssessment]) -> [Mention] {
        guard mentions.isEmpty, concerns.contains(where: { $0.concern == .safeguarding }) else { return mentions }
        return aliasesWithoutContext.map { alias in
            var mention = alias
            mention.rule = .aliasInSafeguardingPost
            return mention
        }
    }

    /// Whether an item from a source wholly about the school is about it: it names the school, or
    /// it never uses the school's words in another sense. A review on the school's own page that
    /// never names it is about the school; an item that only speaks of "Millbrook Garden Centre"
    /// is about the garden centre, wherever it was posted.
    public var belongsToSourceAboutSchool: Bool {
        !mentions.isEmpty || otherMeanings.isEmpty
    }
}
