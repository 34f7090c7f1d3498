import Model

/// Splits a passage into the tokens the mention finder matches: words, hashtags, handles and hosts.
///
/// The passage is read one whitespace-separated chunk at a time. A chunk that is a URL, an
/// e-mail address, a handle, a hashtag or a bare domain gives the matching special token;
/// everything else is split into words at any character that is not a letter, a digit or an
/// apostrophe inside a word. So hyphens, dots and slashes separate words ("Millbrook-Academy"
/// reads as "millbrook academy"), a trailing possessive `'s` is dropped from the folded word,
/// and a lone `&` reads as "and".
///
/// It reads Unicode scalars, not Characters: a combining mark counts as part of the word it
/// follows, so words come out the same, and offsets are scalar offsets, which `MentionFinder`
/// turns into Character offsets for the few tokens that become mentions.
struct MentionTokenizer {
    private let characters: [Unicode.Scalar]
    private var tokens: [MentionToken] = []

    private init(characters: [Unicode.Scalar]) {
        self.characters = characters
    }

    /// The tokens of a passage's scalars, in reading order.
    static func tokens(in scalars: [Unicode.Scalar]) -> [MentionToken] {
        var tokenizer = MentionTokenizer(characters: scalars)
        tokenizer.readChunks()
        return tokenizer.tokens
    }

    /// The word tokens of a profile term, ignoring any leading `#` or `@`.
    static func words(in term: String) -> [MentionToken] {
        var tokenizer = MentionTokenizer(characters: Array(term.unicodeScalars))
        tokenizer.readWords(from: 0, to: tokenizer.characters.count)
        return tokenizer.tokens
    }

    // MARK: - Chunks

    private static let leadingPunctuation: Set<Unicode.Scalar> = ["(", "[", "{", "\"", "'", "\u{201C}", "\u{2018}", "<", "\u{00AB}"]
    private static let trailingPunctuation: Set<Unicode.Scalar> = [
        ".", ",", ";", ":", "!", "?", ")", "]", "}", "\"", "'", "\u{201D}", "\u{2019}", ">", "\u{00BB}", "\u{2026}",
    ]

    private mutating func readChunks() {
        var index = 0
        while index < characters.count {
            if TextFolding.isWhitespace(characters[index]) {
                index += 1
                continue
            }
            var end = index
            while end < characters.count, !TextFolding.isWhitespace(characters[end]) {
                end += 1
            }
            readChunk(from: index, to: end)
            index = end
        }
    }

    private mutating func readChunk(from start: Int, to end: Int) {
        var coreStart = start
        var coreEnd = end
        while coreStart < coreEnd, Self.leadingPunctuation.contains(characters[coreStart]) {
            coreStart += 1
        }
        while coreEnd > coreStart, Self.trailingPunctuation.contains(characters[coreEnd - 1]) {
            coreEnd -= 1
        }
        guard coreStart < coreEnd else { return }

        if readURL(from: coreStart, to: coreEnd) { return }
        if characters[coreStart] == "@", readHandle(from: coreStart, to: coreEnd) { return }
        if characters[coreStart] == "#", readHashtag(from: coreStart, to: coreEnd) { return }
        if readEmailAddress(from: coreStart, to: coreEnd) { return }
        if let host = hostName(from: coreStart, to: coreEnd) {
            // A bare domain may also be two sentences run together ("end.Next"), so its words
            // are read as well; the longer domain match wins when both match.
            append(.host, symbol: host, start: coreStart, end: coreEnd)
        }
        readWords(from: start, to: end)
    }

    /// `scheme://host/path`: a host token for the whole URL, then the words of its path.
    private mutating func readURL(from start: Int, to end: Int) -> Bool {
        guard let separator = firstIndex(of: "://", from: start, to: end), separator > start,
              characters[start..<separator].allSatisfy({ $0.isASCII && TextFolding.isLetter($0) })
        else { return false }
        var hostStart = separator + 3
        var hostEnd = hostStart
        while hostEnd < end, !"/?#".unicodeScalars.contains(characters[hostEnd]) {
            if characters[hostEnd] == "@" { hostStart = hostEnd + 1 }
            hostEnd += 1
        }
        var host = Self.string(characters[hostStart..<hostEnd]).lowercased()
        if let colon = host.firstIndex(of: ":") { host = String(host[..<colon]) }
        guard !host.isEmpty else { return false }
        append(.host, symbol: host, start: start, end: end)
        readWords(from: hostEnd, to: end)
        return true
    }

    /// `@user` or `@user@instance.host`.
    private mutating func readHandle(from start: Int, to end: Int) -> Bool {
        var userEnd = start + 1
        while userEnd < end, isHandleCharacter(characters[userEnd]) {
            userEnd += 1
        }
        while userEnd > start + 1, characters[userEnd - 1] == "." {
            userEnd -= 1
        }
        guard userEnd > start + 1 else { return false }
        var handleEnd = userEnd
        var instance: String?
        if userEnd < end, characters[userEnd] == "@" {
            var hostEnd = userEnd + 1
            while hostEnd < end, isHostCharacter(characters[hostEnd]) {
                hostEnd += 1
            }
            if let host = hostName(from: userEnd + 1, to: hostEnd) {
                instance = host
                handleEnd = hostEnd
            }
        }
        let user = TextFolding.fold(characters[(start + 1)..<userEnd])
        tokens.append(MentionToken(kind: .handle, symbol: user, handleHost: instance, start: start, end: handleEnd, coreEnd: handleEnd))
        if let instance {
            append(.host, symbol: instance, start: userEnd + 1, end: handleEnd)
        }
        readWords(from: handleEnd, to: end)
        return true
    }

    /// `#Body`, where the body is letters, digits and underscores and holds at least one letter.
    private mutating func readHashtag(from start: Int, to end: Int) -> Bool {
        var bodyEnd = start + 1
        while bodyEnd < end, TextFolding.isWordCharacter(characters[bodyEnd]) || characters[bodyEnd] == "_" {
            bodyEnd += 1
        }
        let body = characters[(start + 1)..<bodyEnd]
        guard body.contains(where: TextFolding.isLetter) else { return false }
        let symbol = TextFolding.fold(ArraySlice(body.filter { $0 != "_" }))
        append(.hashtag, symbol: symbol, start: start, end: bodyEnd)
        readWords(from: bodyEnd, to: end)
        return true
    }

    /// `local@host.domain`: a host token covering the whole address.
    private mutating func readEmailAddress(from start: Int, to end: Int) -> Bool {
        guard let at = characters[start..<end].lastIndex(of: "@"), at > start,
              let host = hostName(from: at + 1, to: end)
        else { return false }
        append(.host, symbol: host, start: start, end: end)
        return true
    }

    /// The lower-case host of a bare domain ("www.example.org/news"): dot-separated labels of
    /// ASCII letters, digits and hyphens, ending in a top-level label of two or more letters,
    /// optionally followed by a port, path, query or fragment.
    private func hostName(from start: Int, to end: Int) -> String? {
        // Most chunks are plain words with no dot and stop here.
        var hasDot = false
        var hostEnd = start
        while hostEnd < end, isHostCharacter(characters[hostEnd]) {
            if characters[hostEnd] == "." { hasDot = true }
            hostEnd += 1
        }
        guard hasDot else { return nil }
        if hostEnd < end, !":/?#".unicodeScalars.contains(characters[hostEnd]) { return nil }
        let host = Self.string(characters[start..<hostEnd]).lowercased()
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2,
              labels.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }),
              let topLevel = labels.last, topLevel.count >= 2, topLevel.unicodeScalars.allSatisfy(TextFolding.isLetter)
        else { return nil }
        return host
    }

    // MARK: - Words

    /// Reads plain words between two offsets.
    private mutating func readWords(from start: Int, to end: Int) {
        var index = start
        while index < end {
            let character = characters[index]
            if TextFolding.isWordCharacter(character) {
                index = readWord(from: index, to: end)
            } else if character == "&",
                      index == start || !TextFolding.isWordCharacter(characters[index - 1]),
                      index + 1 == end || !TextFolding.isWordCharacter(characters[index + 1]) {
                append(.word, symbol: "and", start: index, end: index + 1)
                index += 1
            } else {
                index += 1
            }
        }
    }

    /// Reads one word starting at `start` and returns the offset just past it.
    private mutating func readWord(from start: Int, to end: Int) -> Int {
        var index = start
        while index < end {
            if TextFolding.isWordCharacter(characters[index]) {
                index += 1
            } else if TextFolding.isApostrophe(characters[index]) || InvisibleCharacters.contains(characters[index].value), index + 1 < end,
                      TextFolding.isWordCharacter(characters[index + 1]) {
                index += 1
            } else {
                break
            }
        }
        var coreEnd = index
        if index - start >= 3, TextFolding.isApostrophe(characters[index - 2]),
           characters[index - 1] == "s" || characters[index - 1] == "S" {
            coreEnd = index - 2
        }
        let symbol = TextFolding.fold(characters[start..<coreEnd])
        tokens.append(MentionToken(kind: .word, symbol: symbol, handleHost: nil, start: start, end: index, coreEnd: coreEnd))
        return index
    }

    // MARK: - Helpers

    private mutating func append(_ kind: MentionToken.Kind, symbol: String, start: Int, end: Int) {
        tokens.append(MentionToken(kind: kind, symbol: symbol, handleHost: nil, start: start, end: end, coreEnd: end))
    }

    private func isHandleCharacter(_ character: Unicode.Scalar) -> Bool {
        TextFolding.isWordCharacter(character) || character == "_" || character == "."
    }

    private func isHostCharacter(_ character: Unicode.Scalar) -> Bool {
        character.isASCII && (TextFolding.isWordCharacter(character) || character == "-" || character == ".")
    }

    private func firstIndex(of needle: String, from start: Int, to end: Int) -> Int? {
        let pattern = Array(needle.unicodeScalars)
        guard end - start >= pattern.count else { return nil }
        search: for index in start...(end - pattern.count) {
            for offset in pattern.indices where characters[index + offset] != pattern[offset] { continue search }
            return index
        }
        return nil
    }

    /// The text of a run of scalars.
    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}

/// Turns the scalar offsets of tokens into the Character offsets of a passage.
struct CharacterOffsets {
    /// The scalar offset where each Character starts, ascending.
    let starts: [Int]
    /// The passage's length in scalars.
    let scalarCount: Int

    /// The Character holding the scalar at `offset`.
    func containing(_ offset: Int) -> Int {
        // The last Character starting at or before the offset.
        var low = 0
        var high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] <= offset { low = middle + 1 } else { high = middle }
        }
        return max(0, low - 1)
    }

    /// The Character offset just past a span ending before scalar `offset`: a span ending inside
    /// a Character takes the whole Character.
    func endingAt(_ offset: Int) -> Int {
        guard offset < scalarCount else { return starts.count }
        let holder = containing(offset)
        return starts[holder] == offset ? holder : holder + 1
    }
}
