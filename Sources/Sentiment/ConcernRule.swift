import Model

/// One trigger from concerns.tsv: a phrase that, found in a passage, points at a concern with
/// some weight.
///
/// Phrase words are literal except for a prefix wildcard: a word that ends in a single `*`
/// after at least three letters ("bulli*", "c*nt*") matches every word that starts with the part
/// before that `*`. Every other `*` is a literal character of obfuscated profanity, so "f***",
/// "c***" and "sh*t" match only themselves. A word that is `_` alone matches exactly one word of
/// any kind, so "filming _ kids" finds "filming Millbrook kids" but neither "filming kids" nor
/// "filming Year 7 kids"; a phrase cannot start or end with it. Hyphens separate words, as in
/// passages, so "self-harm" and "self harm" are the same phrase.
public struct ConcernRule: Hashable, Sendable {
    /// One word of a phrase.
    public enum Word: Hashable, Sendable {
        /// Matches the same word; a word written with an apostrophe also matches it written without.
        case literal(String)
        /// Matches any word that starts with the prefix.
        case prefix(String)
        /// Matches any one word.
        case anyWord
    }

    /// The concern the phrase points at.
    public var concern: Concern
    /// How strongly the phrase alone shows the concern, in 0.1...1.
    public var weight: Double
    /// The phrase as written in the data file.
    public var phrase: String
    /// The phrase's words, compiled.
    public var words: [Word]

    /// Creates a rule, compiling the phrase's words.
    public init(concern: Concern, weight: Double, phrase: String) {
        self.concern = concern
        self.weight = weight
        self.phrase = phrase
        self.words = Self.compile(phrase)
    }

    /// The phrase's words with the wildcard rule applied.
    static func compile(_ phrase: String) -> [Word] {
        TextForm.normalized(phrase)
            .split(whereSeparator: { $0.isWhitespace || $0 == "-" })
            .map { piece in
                let word = String(piece)
                if word == "_" { return .anyWord }
                let stem = word.dropLast()
                if word.hasSuffix("*"), !stem.hasSuffix("*"), stem.filter(\.isLetter).count >= 3 {
                    return .prefix(String(stem))
                }
                return .literal(word)
            }
    }
}
