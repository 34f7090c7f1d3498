/// Splits text into words, emoticons and the punctuation that matters for sentiment and concerns.
///
/// Text is read one whitespace-separated chunk at a time:
/// - URLs, e-mail addresses and handles are skipped (their words are not the writer's words),
///   keeping only any `!` or `?` after them.
/// - A chunk that is a listed emoticon, alone or before trailing `.,;!?`, is that emoticon.
/// - Otherwise words are read (letters and digits, with apostrophes and hyphens inside, and
///   obfuscation symbols inside or trailing `*`); emoji and an emoticon that ends the chunk
///   ("great:)") are read as emoticons; `!`, `?` and clause punctuation become tokens; anything
///   else is skipped. A hashtag's CamelCase body is read as words ("#SoProud" → "so", "proud").
struct WordTokenizer {
    private static let clausePunctuation: Set<Character> = [",", ";", ":", ".", "(", ")", "[", "]", "\u{2026}", "\u{2013}", "\u{2014}"]
    private static let trailingPunctuation: Set<Character> = [".", ",", ";", "!", "?"]
    /// Characters an attached emoticon may start with ("great:)", "love<3").
    private static let attachedEmoticonStarts: Set<Character> = [":", ";", "=", "<", ">"]

    /// Whether a character may stand in for a letter in obfuscated profanity.
    static func isObfuscationSymbol(_ character: Character) -> Bool {
        character == "*" || character == "#" || character == "@" || character == "$"
    }

    private let emoticons: [String: Double]
    private let longestEmoticon: Int
    /// The first characters of listed emoticons, so that most chunks skip the emoticon look-up.
    private let emoticonStarts: Set<Character>

    init(lexicon: Lexicon) {
        self.emoticons = lexicon.emoticons
        self.longestEmoticon = lexicon.longestEmoticon
        self.emoticonStarts = Set(lexicon.emoticons.keys.compactMap(\.first))
    }

    /// The tokens of `characters[range]`, with offsets into `characters`.
    func tokens(in characters: [Character], range: Range<Int>) -> [TextToken] {
        var reader = Reader(characters: characters, emoticons: emoticons, longestEmoticon: longestEmoticon, emoticonStarts: emoticonStarts)
        var index = range.lowerBound
        while index < range.upperBound {
            if characters[index].isWhitespace {
                index += 1
                continue
            }
            var end = index
            while end < range.upperBound, !characters[end].isWhitespace { end += 1 }
            reader.readChunk(index..<end)
            index = end
        }
        return reader.tokens
    }

    /// The tokens of a whole string.
    func tokens(in text: String) -> [TextToken] {
        let characters = Array(text)
        return tokens(in: characters, range: 0..<characters.count)
    }

    private struct Reader {
        let characters: [Character]
        let emoticons: [String: Double]
        let longestEmoticon: Int
        let emoticonStarts: Set<Character>
        var tokens: [TextToken] = []

        mutating func readChunk(_ chunk: Range<Int>) {
            var coreEnd = chunk.upperBound
            while coreEnd > chunk.lowerBound, WordTokenizer.trailingPunctuation.contains(characters[coreEnd - 1]) {
                coreEnd -= 1
            }
            let core = String(characters[chunk.lowerBound..<coreEnd])

            if isAddress(core) {
                readPunctuation(coreEnd..<chunk.upperBound)
                return
            }
            if let key = emoticonKey(chunk.lowerBound..<chunk.upperBound) {
                append(.emoticon, chunk, form: key)
                return
            }
            if coreEnd > chunk.lowerBound, let key = emoticonKey(chunk.lowerBound..<coreEnd) {
                append(.emoticon, chunk.lowerBound..<coreEnd, form: key)
                readPunctuation(coreEnd..<chunk.upperBound)
                return
            }

            var index = chunk.lowerBound
            while index < chunk.upperBound {
                let character = characters[index]
                if character.isLetter || character.isNumber {
                    let isHashtag = index > chunk.lowerBound && characters[index - 1] == "#"
                        && !(index - 1 > chunk.lowerBound && (characters[index - 2].isLetter || characters[index - 2].isNumber))
                    index = readWord(from: index, limit: chunk.upperBound, splittingCamelCase: isHashtag)
                } else if isEmoji(character) {
                    if let key = emoticonKey(index..<(index + 1)) { append(.emoticon, index..<(index + 1), form: key) }
                    index += 1
                } else if WordTokenizer.attachedEmoticonStarts.contains(character), coreEnd - index <= longestEmoticon,
                          coreEnd - index >= 2, let key = emoticonKey(index..<coreEnd) {
                    append(.emoticon, index..<coreEnd, form: key)
                    index = coreEnd
                } else {
                    readPunctuation(index..<(index + 1))
                    index += 1
                }
            }
        }

        /// Reads a word and returns the offset just past it.
        private mutating func readWord(from start: Int, limit: Int, splittingCamelCase: Bool) -> Int {
            var index = start
            while index < limit {
                let character = characters[index]
                if character.isLetter || character.isNumber {
                    index += 1
                } else if TextForm.isApostrophe(character) || character == "-",
                          index + 1 < limit, characters[index + 1].isLetter || characters[index + 1].isNumber {
                    index += 1
                } else if WordTokenizer.isObfuscationSymbol(character), characters[index - 1].isLetter {
                    // Symbols standing for letters: inside a word ("sh*t", "b@stard") or a trailing run of `*` ("f***").
                    var symbolsEnd = index
                    while symbolsEnd < limit, WordTokenizer.isObfuscationSymbol(characters[symbolsEnd]) { symbolsEnd += 1 }
                    let continues = symbolsEnd < limit && characters[symbolsEnd].isLetter
                    guard continues || isCensoringStars(index..<symbolsEnd, wordStart: start, limit: limit) else { break }
                    index = symbolsEnd
                } else {
                    break
                }
            }
            if splittingCamelCase {
                var partStart = start
                for split in (start + 1)..<max(start + 1, index)
                where characters[split].isUppercase && characters[split - 1].isLowercase {
                    appendWord(partStart..<split)
                    partStart = split
                }
                appendWord(partStart..<index)
            } else {
                appendWord(start..<index)
            }
            return index
        }

        /// Whether a trailing run of `*` stands for the rest of a short word ("f***", "sh*", "c**")
        /// rather than markup or a footnote ("*great*", "terms apply*"): at most three letters
        /// before it, at least two stars unless only one or two letters, and not opened by a `*`.
        private func isCensoringStars(_ stars: Range<Int>, wordStart: Int, limit: Int) -> Bool {
            guard characters[stars].allSatisfy({ $0 == "*" }),
                  stars.upperBound == limit || !characters[stars.upperBound].isNumber,
                  wordStart == 0 || characters[wordStart - 1] != "*"
            else { return false }
            let letters = characters[wordStart..<stars.lowerBound].filter(\.isLetter).count
            return letters <= 2 || (letters == 3 && stars.count >= 2)
        }

        private mutating func readPunctuation(_ range: Range<Int>) {
            for index in range {
                switch characters[index] {
                case "!": append(.exclamation, index..<(index + 1), form: "!")
                case "?": append(.question, index..<(index + 1), form: "?")
                case let mark where WordTokenizer.clausePunctuation.contains(mark):
                    append(.clauseBreak, index..<(index + 1), form: String(mark))
                case "-" where range.count == 1 && isAlone(index):
                    append(.clauseBreak, index..<(index + 1), form: "-")
                default:
                    continue
                }
            }
        }

        private mutating func appendWord(_ range: Range<Int>) {
            let text = String(characters[range])
            tokens.append(TextToken(kind: .word, text: text, form: TextForm.normalized(text), start: range.lowerBound, end: range.upperBound))
        }

        private mutating func append(_ kind: TextToken.Kind, _ range: Range<Int>, form: String) {
            tokens.append(TextToken(kind: kind, text: String(characters[range]), form: form, start: range.lowerBound, end: range.upperBound))
        }

        private func emoticonKey(_ range: Range<Int>) -> String? {
            guard !range.isEmpty, range.count <= longestEmoticon || range.count == 1 else { return nil }
            guard range.count == 1 || emoticonStarts.contains(characters[range.lowerBound]) else { return nil }
            let key = Lexicon.emoticonKey(String(characters[range]))
            return emoticons[key] == nil ? nil : key
        }

        /// URLs, e-mail addresses, handles and bare domains: not the writer's own words.
        private func isAddress(_ core: String) -> Bool {
            if core.contains("://") || core.prefix(4).lowercased() == "www." { return true }
            if core.hasPrefix("@"), core.count > 1 { return true }
            if let at = core.firstIndex(of: "@"), core[core.index(after: at)...].contains(".") { return true }
            return false
        }

        /// Whether the character stands alone between whitespace ("well - not really").
        private func isAlone(_ index: Int) -> Bool {
            (index == 0 || characters[index - 1].isWhitespace)
                && (index + 1 == characters.count || characters[index + 1].isWhitespace)
        }

        private func isEmoji(_ character: Character) -> Bool {
            guard let first = character.unicodeScalars.first, first.value > 0x7F else { return false }
            return first.properties.isEmoji
        }
    }
}
