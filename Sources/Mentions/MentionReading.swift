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
    /// exclusion phrase took, in reading order: not mentions, unless the passage turns out to be
    /// about a child at risk or to raise a concern aimed at someone (`mentions(judgedAs:)`).
    public var aliasesWithoutContext: [Mention]

    /// A reading of a passage.
    public init(mentions: [Mention], otherMeanings: [String], aliasesWithoutContext: [Mention] = []) {
        self.mentions = mentions
        self.otherMeanings = otherMeanings
        self.aliasesWithoutContext = aliasesWithoutContext
    }

    /// The concerns aimed at someone that make a bare alias the school's.
    static let concernsAimedAtSomeone: Set<Concern> = [.bullying, .offensive, .discrimination, .defamation, .dataProtection, .complaint]

    /// The mentions; or, when there are none, the aliases without context, as the passage's
    /// `concerns` (as judged) make them the school's: every one when they include safeguarding
    /// (``Model/Mention/Rule/aliasInSafeguardingPost``), and those that are words rather than
    /// initials when they include a concern aimed at someone (``Model/Mention/Rule/aliasInConcernPost``).
    /// Initials ("MBA", "HA") stand for too many things to be read as the school on a complaint alone.
    /// Praise and questions do not count: a kind word or a question about the reservoir or the
    /// park that shares the school's name is common, and missing one costs little.
    public func mentions(judgedAs concerns: [ConcernAssessment]) -> [Mention] {
        guard mentions.isEmpty, !aliasesWithoutContext.isEmpty else { return mentions }
        let rule: Mention.Rule
        var aliases = aliasesWithoutContext
        if concerns.contains(where: { $0.concern == .safeguarding }) {
            rule = .aliasInSafeguardingPost
        } else if concerns.contains(where: { Self.concernsAimedAtSomeone.contains($0.concern) }) {
            rule = .aliasInConcernPost
            aliases.removeAll { alias in !alias.term.contains(where: \.isLowercase) }
        } else {
            return mentions
        }
        return aliases.map { alias in
            var mention = alias
            mention.rule = rule
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
