/// One token of a passage as the mention finder sees it: a word, a hashtag, a handle or a host,
/// with its folded form and where it sits in the passage.
struct MentionToken: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        /// A run of letters and digits; apostrophes inside are folded away.
        case word
        /// `#` and a body of letters, digits and underscores; `symbol` is the folded body.
        case hashtag
        /// `@user` or `@user@host`; `symbol` is the folded user part.
        case handle
        /// A host name from a URL, an e-mail address or a bare domain; `symbol` is the lower-case host.
        case host
    }

    var kind: Kind
    /// The folded form matched against the compiled profile.
    var symbol: String
    /// The instance host of a fediverse handle, lower case.
    var handleHost: String?
    /// Character offset where the token starts.
    var start: Int
    /// Character offset just past the token, including a possessive `'s`.
    var end: Int
    /// Character offset just past the token without its possessive `'s`; equal to `end` otherwise.
    var coreEnd: Int

    /// Whether the word ended in a possessive `'s` that was dropped from `symbol`.
    var isPossessive: Bool { coreEnd != end }
}
