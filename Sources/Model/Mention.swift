/// A place in a text where the school is named, with the rule that matched it,
/// so that a person can see why a post was picked up.
public struct Mention: Hashable, Sendable, Codable {
    /// How the school was recognised.
    public enum Rule: String, Hashable, Sendable, Codable {
        /// One of the school's names, which never need context.
        case name
        /// An ambiguous alias, accepted because school context was near or the source is about the school.
        case aliasWithContext
        /// An ambiguous alias with no school context, accepted because the passage may be about a
        /// child at risk: a missed child costs far more than a false alarm, so the designated
        /// safeguarding lead sees it, as possible safeguarding.
        case aliasInSafeguardingPost
        /// An ambiguous alias with no school context, accepted because the passage raises a concern
        /// aimed at someone (a complaint, abuse, an allegation, bullying, discrimination, a data
        /// breach): such a post is usually about the school its words name, and a complaint
        /// answered late costs more than one about something else read and closed.
        case aliasInConcernPost
        case hashtag
        case handle
        case domain
    }

    /// The matched text as it appears in the passage.
    public var matchedText: String
    /// The profile term that matched (the name, alias, hashtag, handle or domain as configured).
    public var term: String
    public var rule: Rule
    /// Character offsets of the match in the passage (`Character` indices, end exclusive).
    public var start: Int
    public var end: Int
    /// The context word that licensed an ambiguous alias, if any.
    public var contextWord: String?

    public init(matchedText: String, term: String, rule: Rule, start: Int, end: Int, contextWord: String? = nil) {
        self.matchedText = matchedText
        self.term = term
        self.rule = rule
        self.start = start
        self.end = end
        self.contextWord = contextWord
    }
}
