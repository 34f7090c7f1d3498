/// Splits a passage's UTF-8 bytes into words, emoticons and the punctuation that matters for
/// sentiment and concerns, and into sentences, in one pass.
///
/// Text is read one whitespace-separated chunk at a time:
/// - URLs, e-mail addresses and handles are skipped (their words are not the writer's words),
///   keeping only any `!` or `?` after them.
/// - A chunk that is a listed emoticon, alone or before trailing `.,;!?`, is that emoticon.
/// - Otherwise words are read (letters and digits, with apostrophes and hyphens inside, and
///   obfuscation symbols inside or trailing `*`); emoji and an emoticon that ends the chunk
///   ("great:)") are read as emoticons; `!`, `?` and clause punctuation become tokens; anything
///   else is skipped. A hashtag's CamelCase body is read as words ("#SoProud" → "so", "proud").
///
/// A sentence ends at a line break, or after a chunk ending in a run of `.`, `!`, `?` or `…`
/// (with any closing quotes or brackets), unless that run is a single `.` after a common
/// abbreviation ("Mr", "Dr", "St", "e.g.") or a capital initial ("J. Smith").
///
/// Each word's comparison form is written to the form buffer while its hash is computed, and
/// its lexicon entry is looked up at once; words with characters beyond ASCII (other than
/// curly apostrophes) take a slower path through `TextForm`.
struct PassageReader<Units: CharacterUnits> {
    let units: Units
    let bytes: UnsafeBufferPointer<UInt8>
    let tables: LexiconTables
    var tokens: [PassageToken]
    var forms: [UInt8]
    var sentences: [SentenceSpan]
    var hasHyphenatedWord = false


    /// Reads the whole passage.
    mutating func read() {
        let count = units.count
        var index = 0
        var sentenceStartToken = 0
        var sentenceStartByte = -1
        var lastChunkEnd = 0
        while index < count {
            let lead = units.lead(index)
            if ScalarClass.isWhitespace(lead) {
                if sentenceStartByte >= 0, ScalarClass.isNewline(lead) {
                    closeSentence(startByte: sentenceStartByte, endByte: lastChunkEnd, firstToken: sentenceStartToken)
                    sentenceStartByte = -1
                    sentenceStartToken = tokens.count
                }
                index += 1
                continue
            }
            var end = index + 1
            while end < count, !ScalarClass.isWhitespace(units.lead(end)) { end += 1 }
            if sentenceStartByte < 0 { sentenceStartByte = units.byteStart(index) }
            readChunk(index, end)
            lastChunkEnd = units.byteStart(end)
            if endsWithTerminator(index, end) {
                closeSentence(startByte: sentenceStartByte, endByte: lastChunkEnd, firstToken: sentenceStartToken)
                sentenceStartByte = -1
                sentenceStartToken = tokens.count
            }
            index = end
        }
        if sentenceStartByte >= 0 {
            closeSentence(startByte: sentenceStartByte, endByte: lastChunkEnd, firstToken: sentenceStartToken)
        }
    }

    private mutating func closeSentence(startByte: Int, endByte: Int, firstToken: Int) {
        sentences.append(SentenceSpan(start: Int32(startByte), end: Int32(endByte), firstToken: Int32(firstToken), endToken: Int32(tokens.count)))
    }

    // MARK: - Sentences

    @inline(__always)
    private static func isTerminator(_ lead: UInt32) -> Bool {
        lead == 0x2E || lead == 0x21 || lead == 0x3F || lead == 0x2026
    }

    @inline(__always)
    private static func isCloser(_ lead: UInt32) -> Bool {
        lead == 0x22 || lead == 0x27 || lead == 0x201D || lead == 0x2019 || lead == 0x29 || lead == 0x5D
    }

    private func endsWithTerminator(_ chunkStart: Int, _ chunkEnd: Int) -> Bool {
        var end = chunkEnd
        while end > chunkStart, Self.isCloser(units.lead(end - 1)) { end -= 1 }
        guard end > chunkStart, Self.isTerminator(units.lead(end - 1)) else { return false }
        var runStart = end - 1
        while runStart > chunkStart, Self.isTerminator(units.lead(runStart - 1)) { runStart -= 1 }
        if chunkEnd - runStart == 1, units.lead(runStart) == 0x2E, followsAbbreviation(runStart) { return false }
        return true
    }

    /// Whether the word just before a dot is an abbreviation or a one-letter initial.
    private func followsAbbreviation(_ dot: Int) -> Bool {
        var wordStart = dot
        while wordStart > 0, ScalarClass.isLetter(units.lead(wordStart - 1)) { wordStart -= 1 }
        if dot - wordStart > 6 || dot == wordStart { return false }
        let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[units.byteStart(wordStart)..<units.byteStart(dot)]), as: UTF8.self)
        if dot - wordStart == 1 {
            // "e.g." and "i.e." end in a letter after a dot; "J." is an initial, but "I." and "A." end sentences.
            return (wordStart > 0 && units.lead(wordStart - 1) == 0x2E) || (word != "I" && word != "A" && word.uppercased() == word)
        }
        return SentenceAbbreviations.words.contains(word.lowercased())
    }

    // MARK: - Chunks

    @inline(__always)
    private static func isTrailingPunctuation(_ lead: UInt32) -> Bool {
        lead == 0x2E || lead == 0x2C || lead == 0x3B || lead == 0x21 || lead == 0x3F
    }

    @inline(__always)
    private static func isObfuscationSymbol(_ lead: UInt32) -> Bool {
        lead == 0x2A || lead == 0x23 || lead == 0x40 || lead == 0x24
    }

    @inline(__always)
    private static func isClausePunctuation(_ lead: UInt32) -> Bool {
        switch lead {
        case 0x2C, 0x3B, 0x3A, 0x2E, 0x28, 0x29, 0x5B, 0x5D, 0x2026, 0x2013, 0x2014: true
        default: false
        }
    }

    /// Characters an attached emoticon may start with ("great:)", "love<3").
    @inline(__always)
    private static func isAttachedEmoticonStart(_ lead: UInt32) -> Bool {
        lead == 0x3A || lead == 0x3B || lead == 0x3D || lead == 0x3C || lead == 0x3E
    }

    private mutating func readChunk(_ chunkStart: Int, _ chunkEnd: Int) {
        var coreEnd = chunkEnd
        while coreEnd > chunkStart, Self.isTrailingPunctuation(units.lead(coreEnd - 1)) { coreEnd -= 1 }

        if isAddress(chunkStart, coreEnd) {
            readPunctuation(coreEnd, chunkEnd)
            return
        }
        let firstLead = units.lead(chunkStart)
        let mayBeEmoticon = chunkEnd - chunkStart == 1 || coreEnd - chunkStart == 1 || firstLead >= 0x80
            || tables.asciiEmoticonStarts[Int(firstLead)]
        if mayBeEmoticon, let emoticon = emoticon(chunkStart, chunkEnd) {
            appendEmoticon(emoticon, chunkStart, chunkEnd)
            return
        }
        if mayBeEmoticon, coreEnd > chunkStart, let emoticon = emoticon(chunkStart, coreEnd) {
            appendEmoticon(emoticon, chunkStart, coreEnd)
            readPunctuation(coreEnd, chunkEnd)
            return
        }

        var index = chunkStart
        while index < chunkEnd {
            let lead = units.lead(index)
            if ScalarClass.isLetterOrNumber(lead) {
                let isHashtag = index > chunkStart && units.lead(index - 1) == 0x23
                    && !(index - 1 > chunkStart && ScalarClass.isLetterOrNumber(units.lead(index - 2)))
                index = readWord(index, chunkEnd, splittingCamelCase: isHashtag)
            } else if ScalarClass.isEmoji(lead) {
                if let emoticon = emoticon(index, index + 1) { appendEmoticon(emoticon, index, index + 1) }
                index += 1
            } else if Self.isAttachedEmoticonStart(lead), coreEnd - index <= tables.longestEmoticon,
                      coreEnd - index >= 2, let emoticon = emoticon(index, coreEnd) {
                appendEmoticon(emoticon, index, coreEnd)
                index = coreEnd
            } else {
                readPunctuation(index, index + 1)
                index += 1
            }
        }
    }

    /// URLs, e-mail addresses, handles and bare domains: not the writer's own words.
    private func isAddress(_ start: Int, _ end: Int) -> Bool {
        guard end > start else { return false }
        let first = units.byteStart(start)
        let last = units.byteStart(end)
        if bytes[first] == 0x40 { return end - start > 1 }
        if last - first >= 4, bytes[first] | 0x20 == 0x77, bytes[first + 1] | 0x20 == 0x77, bytes[first + 2] | 0x20 == 0x77,
           bytes[first + 3] == 0x2E {
            return true
        }
        var at = -1
        var index = first
        while index < last {
            let byte = bytes[index]
            if byte == 0x3A, index + 2 < last, bytes[index + 1] == 0x2F, bytes[index + 2] == 0x2F { return true }
            if byte == 0x40, at < 0 { at = index }
            if byte == 0x2E, at >= 0 { return true }
            index += 1
        }
        return false
    }

    // MARK: - Emoticons

    /// The index of the emoticon spelled by characters `start..<end`, if listed.
    private func emoticon(_ start: Int, _ end: Int) -> Int32? {
        let length = end - start
        guard length > 0, length <= tables.longestEmoticon || length == 1 else { return nil }
        let lead = units.lead(start)
        if length > 1 {
            if lead < 0x80 {
                guard tables.asciiEmoticonStarts[Int(lead)] else { return nil }
            } else {
                guard tables.otherEmoticonStarts.contains(lead) else { return nil }
            }
        }
        let first = units.byteStart(start)
        let last = units.byteStart(end)
        let slice = UnsafeBufferPointer(rebasing: bytes[first..<last])
        if lead < 0x80, last - first == length {
            let value = tables.emoticonTable.value(hash: ByteKeyTable.hash(slice), bytes: slice)
            return value == ByteKeyTable.missing ? nil : value
        }
        // Without variation selectors (EF B8 8E/8F) and skin tones (F0 9F 8F BB...BF).
        var key: [UInt8] = []
        key.reserveCapacity(slice.count)
        var index = 0
        while index < slice.count {
            if index + 2 < slice.count, slice[index] == 0xEF, slice[index + 1] == 0xB8, slice[index + 2] == 0x8E || slice[index + 2] == 0x8F {
                index += 3
            } else if index + 3 < slice.count, slice[index] == 0xF0, slice[index + 1] == 0x9F, slice[index + 2] == 0x8F,
                      slice[index + 3] >= 0xBB, slice[index + 3] <= 0xBF {
                index += 4
            } else {
                key.append(slice[index])
                index += 1
            }
        }
        let value = tables.emoticonTable.value(of: key)
        return value == ByteKeyTable.missing ? nil : value
    }

    private mutating func appendEmoticon(_ index: Int32, _ start: Int, _ end: Int) {
        var token = PassageToken(kind: .emoticon, start: units.byteStart(start), end: units.byteStart(end))
        token.entry = index
        tokens.append(token)
    }

    // MARK: - Punctuation

    private mutating func readPunctuation(_ start: Int, _ end: Int) {
        for index in start..<end {
            let lead = units.lead(index)
            let kind: PassageToken.Kind
            if lead == 0x21 {
                kind = .exclamation
            } else if lead == 0x3F {
                kind = .question
            } else if Self.isClausePunctuation(lead) {
                kind = .clauseBreak
            } else if lead == 0x2D, end - start == 1, isAlone(index) {
                kind = .clauseBreak
            } else {
                continue
            }
            tokens.append(PassageToken(kind: kind, start: units.byteStart(index), end: units.byteStart(index + 1)))
        }
    }

    /// Whether the character stands alone between whitespace ("well - not really").
    private func isAlone(_ index: Int) -> Bool {
        (index == 0 || ScalarClass.isWhitespace(units.lead(index - 1)))
            && (index + 1 == units.count || ScalarClass.isWhitespace(units.lead(index + 1)))
    }

    // MARK: - Words

    /// Reads a word and returns the offset just past it.
    private mutating func readWord(_ start: Int, _ limit: Int, splittingCamelCase: Bool) -> Int {
        var index = start
        while index < limit {
            let lead = units.lead(index)
            if ScalarClass.isLetterOrNumber(lead) {
                index += 1
            } else if ScalarClass.isApostrophe(lead) || lead == 0x2D, index + 1 < limit,
                      ScalarClass.isLetterOrNumber(units.lead(index + 1)) {
                index += 1
            } else if Self.isObfuscationSymbol(lead), ScalarClass.isLetter(units.lead(index - 1)) {
                // Symbols standing for letters: inside a word ("sh*t", "b@stard") or a trailing run of `*` ("f***").
                var symbolsEnd = index
                while symbolsEnd < limit, Self.isObfuscationSymbol(units.lead(symbolsEnd)) { symbolsEnd += 1 }
                let continues = symbolsEnd < limit && ScalarClass.isLetter(units.lead(symbolsEnd))
                guard continues || isCensoringStars(index, symbolsEnd, wordStart: start, limit: limit) else { break }
                index = symbolsEnd
            } else {
                break
            }
        }
        if splittingCamelCase {
            var partStart = start
            var split = start + 1
            while split < index {
                if ScalarClass.isUppercase(units.lead(split)), ScalarClass.isLowercase(units.lead(split - 1)) {
                    appendWord(partStart, split)
                    partStart = split
                }
                split += 1
            }
            appendWord(partStart, index)
        } else {
            appendWord(start, index)
        }
        return index
    }

    /// Whether a trailing run of `*` stands for the rest of a short word ("f***", "sh*", "c**")
    /// rather than markup or a footnote ("*great*", "terms apply*"): at most three letters
    /// before it, at least two stars unless only one or two letters, and not opened by a `*`.
    private func isCensoringStars(_ starsStart: Int, _ starsEnd: Int, wordStart: Int, limit: Int) -> Bool {
        for index in starsStart..<starsEnd where units.lead(index) != 0x2A { return false }
        if starsEnd < limit, ScalarClass.isNumber(units.lead(starsEnd)) { return false }
        if wordStart > 0, units.lead(wordStart - 1) == 0x2A { return false }
        var letters = 0
        for index in wordStart..<starsStart where ScalarClass.isLetter(units.lead(index)) { letters += 1 }
        return letters <= 2 || (letters == 3 && starsEnd - starsStart >= 2)
    }

    private mutating func appendWord(_ start: Int, _ end: Int) {
        let token = WordBuilder.word(bytes: bytes, from: units.byteStart(start), to: units.byteStart(end),
                                     tables: tables, forms: &forms)
        if token.has(PassageToken.hasHyphen) { hasHyphenatedWord = true }
        tokens.append(token)
    }
}

/// Makes word tokens from byte ranges: comparison form, hashes, flags and lexicon entries.
enum WordBuilder {
    /// The word token for `bytes[start..<end]`, its forms appended to `forms`.
    @inline(__always)
    static func word(bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, tables: LexiconTables,
                     forms: inout [UInt8]) -> PassageToken {
        var token = PassageToken(kind: .word, start: start, end: end)
        let formStart = forms.count
        var hash: UInt64 = 0
        var bareHash: UInt64 = 0
        var bareLength = 0
        var letters = 0
        var characters = 0
        var hasLowercase = false
        var hasSymbol = false
        var hasApostrophe = false
        var flags: UInt8 = 0
        var previous: UInt8 = 0
        var run = 0
        var index = start
        while index < end {
            var byte = bytes[index]
            if byte < 0x80 {
                if byte >= 0x41, byte <= 0x5A {
                    byte |= 0x20
                    letters += 1
                } else if byte >= 0x61, byte <= 0x7A {
                    letters += 1
                    hasLowercase = true
                } else if byte == 0x27 {
                    flags |= PassageToken.hasApostrophe
                } else if byte == 0x2D {
                    flags |= PassageToken.hasHyphen
                } else if byte == 0x2A || byte == 0x23 || byte == 0x40 || byte == 0x24 {
                    hasSymbol = true
                }
                index += 1
            } else if byte == 0xE2, index + 2 < end, bytes[index + 1] == 0x80, bytes[index + 2] == 0x98 || bytes[index + 2] == 0x99 {
                byte = 0x27
                flags |= PassageToken.hasApostrophe
                index += 3
            } else if byte == 0xCA, index + 1 < end, bytes[index + 1] == 0xBC {
                byte = 0x27
                flags |= PassageToken.hasApostrophe
                index += 2
            } else {
                forms.removeSubrange(formStart...)
                return slowWord(bytes: bytes, from: start, to: end, tables: tables, forms: &forms)
            }
            // The spelling without apostrophes is the form itself up to the first apostrophe, so
            // its hash is kept apart only from there.
            if byte == 0x27 {
                if !hasApostrophe {
                    hasApostrophe = true
                    bareHash = hash
                    bareLength = characters
                }
            } else if hasApostrophe {
                bareHash = ByteKeyTable.extending(bareHash, with: byte)
                bareLength += 1
            }
            characters += 1
            forms.append(byte)
            hash = ByteKeyTable.extending(hash, with: byte)
            // Only runs of letters are ever collapsed ("goooood"), so only they mark a word as elongated.
            run = byte == previous && byte >= 0x61 && byte <= 0x7A ? run + 1 : 1
            previous = byte
            if run >= 3 { flags |= PassageToken.isElongated }
        }
        if !hasApostrophe {
            bareHash = hash
            bareLength = characters
        }
        if letters >= 2, !hasLowercase { flags |= PassageToken.isAllCaps }
        if hasSymbol, characters >= 3 { flags |= PassageToken.isObfuscated }
        token.flags = flags
        finish(&token, formStart: formStart, hash: hash, bareHash: bareHash, bareLength: bareLength, tables: tables, forms: &forms)
        if flags & PassageToken.isElongated != 0 { lookUpVariants(of: &token, tables: tables, forms: &forms) }
        return token
    }

    /// Looks up the de-elongated spellings of an ASCII word: every run of three or more
    /// identical letters collapsed to two, then to one, as `TextForm.elongationVariants` does.
    private static func lookUpVariants(of token: inout PassageToken, tables: LexiconTables, forms: inout [UInt8]) {
        let formStart = Int(token.formStart)
        let formEnd = formStart + Int(token.formLength)
        var entries: [Int32] = [-1, -1]
        var bareEntries: [Int32] = [-1, -1]
        for (position, kept) in [2, 1].enumerated() {
            let variantStart = forms.count
            var index = formStart
            while index < formEnd {
                let byte = forms[index]
                var end = index
                while end < formEnd, forms[end] == byte { end += 1 }
                let isLetter = byte >= 0x61 && byte <= 0x7A
                let count = isLetter && end - index >= 3 ? kept : end - index
                for _ in 0..<count { forms.append(byte) }
                index = end
            }
            let variantEnd = forms.count
            let bareStart = forms.count
            for offset in variantStart..<variantEnd where forms[offset] != 0x27 { forms.append(forms[offset]) }
            let bareEnd = forms.count
            forms.withUnsafeBufferPointer { buffer in
                let variant = UnsafeBufferPointer(rebasing: buffer[variantStart..<variantEnd])
                let bare = UnsafeBufferPointer(rebasing: buffer[bareStart..<bareEnd])
                entries[position] = tables.entry(hash: ByteKeyTable.hash(variant), bytes: variant)
                bareEntries[position] = tables.entry(hash: ByteKeyTable.hash(bare), bytes: bare)
            }
        }
        token.variantEntries = (entries[0], entries[1])
        token.bareVariantEntries = (bareEntries[0], bareEntries[1])
        token.flags |= PassageToken.hasByteVariants
    }

    /// Words with characters beyond ASCII: folded through `TextForm`.
    private static func slowWord(bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, tables: LexiconTables,
                                 forms: inout [UInt8]) -> PassageToken {
        var token = PassageToken(kind: .word, start: start, end: end)
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        let form = TextForm.normalized(text)
        let formStart = forms.count
        forms.append(contentsOf: form.utf8)
        var flags: UInt8 = 0
        var hash: UInt64 = 0
        var bareHash: UInt64 = 0
        var bareLength = 0
        var previous: UInt8 = 0
        var run = 0
        for byte in form.utf8 {
            hash = ByteKeyTable.extending(hash, with: byte)
            if byte == 0x27 {
                flags |= PassageToken.hasApostrophe
            } else {
                bareHash = ByteKeyTable.extending(bareHash, with: byte)
                bareLength += 1
            }
            if byte == 0x2D { flags |= PassageToken.hasHyphen }
            run = byte == previous ? run + 1 : 1
            previous = byte
            if run >= 3 { flags |= PassageToken.isElongated }
        }
        if text.filter(\.isLetter).count >= 2, !text.contains(where: \.isLowercase) { flags |= PassageToken.isAllCaps }
        if text.count >= 3, text.contains(where: { $0 == "*" || $0 == "#" || $0 == "@" || $0 == "$" }) {
            flags |= PassageToken.isObfuscated
        }
        token.flags = flags
        finish(&token, formStart: formStart, hash: hash, bareHash: bareHash, bareLength: bareLength, tables: tables, forms: &forms)
        return token
    }

    @inline(__always)
    private static func finish(_ token: inout PassageToken, formStart: Int, hash: UInt64, bareHash: UInt64, bareLength: Int,
                               tables: LexiconTables, forms: inout [UInt8]) {
        let formLength = forms.count - formStart
        token.formStart = Int32(formStart)
        token.formLength = Int32(formLength)
        token.hash = hash
        token.bareHash = bareHash
        token.bareLength = Int32(bareLength)
        if token.has(PassageToken.hasApostrophe) {
            let bareStart = forms.count
            for index in formStart..<(formStart + formLength) where forms[index] != 0x27 { forms.append(forms[index]) }
            token.bareStart = Int32(bareStart)
        } else {
            token.bareStart = Int32(formStart)
        }
        forms.withUnsafeBufferPointer { buffer in
            token.entry = tables.entry(hash: hash, bytes: UnsafeBufferPointer(rebasing: buffer[formStart..<(formStart + formLength)]))
            if token.has(PassageToken.hasApostrophe) {
                let bareStart = Int(token.bareStart)
                token.bareEntry = tables.entry(hash: bareHash, bytes: UnsafeBufferPointer(rebasing: buffer[bareStart..<(bareStart + bareLength)]))
            } else {
                token.bareEntry = token.entry
            }
        }
    }
}

/// Words after which a single `.` does not end a sentence.
enum SentenceAbbreviations {
    static let words: Set<String> = [
        "mr", "mrs", "ms", "mx", "dr", "st", "prof", "rev", "sr", "jr", "vs", "approx", "dept", "govt", "cllr",
    ]
}
