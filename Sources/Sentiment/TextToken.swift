/// One token of a passage as this room reads it.
struct TextToken: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        /// Letters and digits, with apostrophes and hyphens inside, and obfuscation symbols
        /// (`*`, `#`, `@`, `$`) inside or, for `*`, trailing ("f***").
        case word
        /// A listed emoticon or emoji; `form` is its key in the lexicon.
        case emoticon
        /// Punctuation that ends a clause (`,` `;` `:` `.` brackets, dashes); negation and
        /// modifiers do not reach across it.
        case clauseBreak
        case exclamation
        case question
    }

    var kind: Kind
    /// The token as written.
    var text: String
    /// The comparison form: lower case, no accents, straight apostrophes.
    var form: String
    /// Character offsets into the text that was tokenized (end exclusive).
    var start: Int
    var end: Int

    /// Whether the word hides letters behind `*`, `#`, `@` or `$` ("sh*t", "b@stard").
    var isObfuscated: Bool {
        kind == .word && text.count >= 3 && text.contains(where: WordTokenizer.isObfuscationSymbol)
    }

    /// Whether the word is written in capitals: at least two letters, none of them lower case.
    var isAllCaps: Bool {
        kind == .word && text.filter(\.isLetter).count >= 2 && !text.contains(where: \.isLowercase)
    }

    /// The word split at its hyphens ("well-behaved" → "well", "behaved"); other tokens unchanged.
    var hyphenParts: [TextToken] {
        guard kind == .word, text.contains("-") else { return [self] }
        var parts: [TextToken] = []
        var partStart = start
        var current = ""
        for (offset, character) in text.enumerated() {
            if character == "-" {
                if !current.isEmpty {
                    parts.append(TextToken(kind: .word, text: current, form: TextForm.normalized(current), start: partStart, end: start + offset))
                }
                current = ""
                partStart = start + offset + 1
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty {
            parts.append(TextToken(kind: .word, text: current, form: TextForm.normalized(current), start: partStart, end: end))
        }
        return parts
    }
}
