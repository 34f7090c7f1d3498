/// One token of a passage as this room reads it, located by UTF-8 byte offsets.
///
/// The token's comparison form (lower case, no accents, straight apostrophes) lives in the
/// workspace's form buffer; its hash and its lexicon entry were found while it was read.
struct PassageToken: Sendable {
    enum Kind: UInt8, Sendable {
        /// Letters and digits, with apostrophes and hyphens inside, and obfuscation symbols
        /// (`*`, `#`, `@`, `$`) inside or, for `*`, trailing ("f***").
        case word
        /// A listed emoticon or emoji; `entry` is its index among the emoticons.
        case emoticon
        /// Punctuation that ends a clause (`,` `;` `:` `.` brackets, dashes).
        case clauseBreak
        case exclamation
        case question
    }

    /// Written in capitals: at least two letters, none lower case.
    static let isAllCaps: UInt8 = 1
    /// Holds a hyphen between letters.
    static let hasHyphen: UInt8 = 2
    /// Hides letters behind `*`, `#`, `@` or `$`, with at least three characters.
    static let isObfuscated: UInt8 = 4
    /// Has a run of three identical bytes, so its de-elongated spellings are worth trying.
    static let isElongated: UInt8 = 8
    /// Holds an apostrophe.
    static let hasApostrophe: UInt8 = 16
    /// An elongated ASCII word whose de-elongated spellings were looked up while it was read
    /// (`variantEntries`, `bareVariantEntries`), so no string work is needed later.
    static let hasByteVariants: UInt8 = 32

    var kind: Kind
    var flags: UInt8 = 0
    /// Byte offsets into the passage (end exclusive).
    var start: Int32
    var end: Int32
    /// The comparison form: bytes `formStart..<formStart + formLength` of the form buffer; for a
    /// word with apostrophes, its spelling without them follows at `bareStart`.
    var formStart: Int32 = 0
    var formLength: Int32 = 0
    var bareStart: Int32 = 0
    var bareLength: Int32 = 0
    var hash: UInt64 = 0
    var bareHash: UInt64 = 0
    /// The word's lexicon entry (or the emoticon's index), -1 when unknown.
    var entry: Int32 = -1
    /// The entry of the word's spelling without apostrophes.
    var bareEntry: Int32 = -1
    /// For an elongated word: the entries of its spellings with long runs collapsed to two
    /// letters and to one ("goooood" → "good", "god"), -1 when unknown or the same as before.
    var variantEntries: (two: Int32, one: Int32) = (-1, -1)
    /// The same for the spellings without apostrophes.
    var bareVariantEntries: (two: Int32, one: Int32) = (-1, -1)

    init(kind: Kind, start: Int, end: Int) {
        self.kind = kind
        self.start = Int32(truncatingIfNeeded: start)
        self.end = Int32(truncatingIfNeeded: end)
    }

    @inline(__always)
    func has(_ flag: UInt8) -> Bool { flags & flag != 0 }

    var isWord: Bool { kind == .word }

    /// The hash of this word followed by a space and `next`, in comparison form, as a two-word
    /// phrase of a table is keyed.
    @inline(__always)
    func phraseHash(followedBy next: PassageToken) -> UInt64 {
        ByteKeyTable.combining(ByteKeyTable.extending(hash, with: 0x20), next.hash, length: Int(next.formLength))
    }
}

/// A sentence of a passage: byte offsets (trimmed of surrounding whitespace) and its tokens.
struct SentenceSpan: Sendable {
    var start: Int32
    var end: Int32
    var firstToken: Int32
    var endToken: Int32
}
