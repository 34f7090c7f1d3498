/// A sentence of a passage: Character offsets into the passage (end exclusive) and its text,
/// trimmed of surrounding whitespace.
struct Sentence: Hashable, Sendable {
    var start: Int
    var end: Int
    var text: String
}

/// Splits a passage into sentences.
///
/// A sentence ends at a line break, or at a run of `.`, `!`, `?` or `…` (with any closing
/// quotes or brackets) that is followed by whitespace or the end of the passage. A single `.`
/// after a common abbreviation ("Mr", "Dr", "St", "e.g.") or a capital initial ("J. Smith") does not end
/// one. Dots inside tokens ("3.5", "T.T", "millbrook.example") never do.
enum SentenceSplitter {
    private static let terminators: Set<Character> = [".", "!", "?", "\u{2026}"]
    private static let closers: Set<Character> = ["\"", "'", "\u{201D}", "\u{2019}", ")", "]"]
    private static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "mx", "dr", "st", "prof", "rev", "sr", "jr", "vs", "approx", "dept", "govt", "cllr",
    ]

    static func sentences(in characters: [Character]) -> [Sentence] {
        var sentences: [Sentence] = []
        var start = 0
        var index = 0

        func close(at end: Int) {
            var first = start
            var last = end
            while first < last, characters[first].isWhitespace { first += 1 }
            while last > first, characters[last - 1].isWhitespace { last -= 1 }
            if first < last {
                sentences.append(Sentence(start: first, end: last, text: String(characters[first..<last])))
            }
        }

        while index < characters.count {
            let character = characters[index]
            if character.isNewline {
                close(at: index)
                index += 1
                start = index
                continue
            }
            guard terminators.contains(character) else {
                index += 1
                continue
            }
            var end = index
            while end < characters.count, terminators.contains(characters[end]) { end += 1 }
            while end < characters.count, closers.contains(characters[end]) { end += 1 }
            let isBoundary = end == characters.count || characters[end].isWhitespace
            if isBoundary, !(end - index == 1 && character == "." && followsAbbreviation(characters, at: index)) {
                close(at: end)
                start = end
            }
            index = end
        }
        close(at: characters.count)
        return sentences
    }

    /// Whether the word just before a dot is an abbreviation or a one-letter initial.
    private static func followsAbbreviation(_ characters: [Character], at dot: Int) -> Bool {
        var wordStart = dot
        while wordStart > 0, characters[wordStart - 1].isLetter { wordStart -= 1 }
        let word = String(characters[wordStart..<dot])
        if word.count == 1 {
            // "e.g." and "i.e." end in a letter after a dot; "J." is an initial, but "I." and "A." end sentences.
            return (wordStart > 0 && characters[wordStart - 1] == ".") || (word != "I" && word != "A" && word.uppercased() == word)
        }
        return abbreviations.contains(word.lowercased())
    }
}
