import Model

/// The lexicon compiled for reading passages as UTF-8 bytes: every word, phrase and emoticon in
/// hash tables keyed by its bytes, and everything known about a word gathered in one entry, so
/// that one look-up per word serves sentiment and concerns alike.
///
/// Built once with the `Lexicon` it belongs to; only read afterwards.
struct CompiledLexicon: Sendable {
    /// Everything the lexicon says about one word in comparison form.
    struct WordEntry: Sendable {
        /// The word's valence, or NaN when it has none.
        var valence = Double.nan
        /// The driver name of the valence (the lexicon's own spelling).
        var valenceTerm: Int32 = -1
        /// The word's modifier factor, or NaN when it is not a modifier.
        var modifier = Double.nan
        var isNegator = false
        /// 1 for "but"/"however", 2 for "although"/"though".
        var contrast: UInt8 = 0
        /// The most words of an idiom that starts with this word (written without apostrophes).
        var longestIdiom: UInt8 = 0
        /// Whether a two-word modifier starts with this word.
        var startsTwoWordModifier = false
        /// Whether a two-word modifier ends with this word.
        var endsTwoWordModifier = false
        /// Whether some idiom holds this word (written without apostrophes).
        var isIdiomWord = false
        /// Whether the word names a kind of street, for addresses.
        var isStreetWord = false
        /// Concern rules and innocent readings whose first word this is: a range of `ruleLists`.
        var rules: Range<Int32> = 0..<0
    }

    /// One word of a compiled concern phrase. Plain values only, so that matching a phrase
    /// touches no reference counts.
    enum RuleWord: Sendable {
        /// The word's entry, and the entry of its spelling without apostrophes when it has one.
        case literal(entry: Int32, bareEntry: Int32)
        /// Any word starting with these bytes: a range of `rulePrefixBytes`.
        case prefix(Range<Int32>)
        /// Any one word.
        case anyWord
    }

    /// A concern phrase, or an innocent reading that vetoes one.
    struct CompiledRule: Sendable {
        var concern: Concern
        var weight: Double
        /// The phrase's words: a range of `ruleWords`.
        var words: Range<Int32>
        /// Whether this is an innocent reading rather than a trigger.
        var isBenign: Bool

        /// How many words the phrase has.
        var wordCount: Int { words.count }
    }

    /// An idiom and the words it is spelled with.
    struct Idiom: Sendable {
        var valence: Double
        var term: Int32
        /// The idiom's words in comparison form, with their apostrophes.
        var words: [[UInt8]]
    }

    private(set) var words: ByteKeyTable
    private(set) var entries: [WordEntry] = []
    /// Rule indices, in the ranges that `WordEntry.rules` and the prefix table name.
    private(set) var ruleLists: [Int32] = []
    private(set) var rules: [CompiledRule] = []
    /// The words of every rule, each rule's in a range of its own.
    private(set) var ruleWords: [RuleWord] = []
    /// The bytes of every prefix a rule word starts with.
    private(set) var rulePrefixBytes: [UInt8] = []
    /// Rules whose first word is a prefix, keyed by the prefix's first three bytes.
    private(set) var prefixRuleStarts: ByteKeyTable
    private(set) var prefixRuleRanges: [Range<Int32>] = []
    /// A quick filter on the first three bytes of a word before the prefix table is asked.
    private(set) var prefixFilter: [UInt64] = Array(repeating: 0, count: 1024)

    private(set) var idioms: [Idiom] = []
    /// Idioms keyed by their words without apostrophes joined by single spaces: a group of idioms
    /// (usually one) that share that spelling, with the one to take when none matches exactly.
    private(set) var idiomTable: ByteKeyTable
    /// Per group: the idiom to take when none of its members matches exactly.
    private(set) var idiomGroupFallbacks: [Int32] = []
    /// Per group: its members, a range of `idiomGroupMembers`.
    private(set) var idiomGroupRanges: [Range<Int32>] = []
    private(set) var idiomGroupMembers: [Int32] = []

    private(set) var twoWordModifiers: ByteKeyTable
    private(set) var twoWordFactors: [Double] = []

    private(set) var emoticonTable: ByteKeyTable
    private(set) var emoticonValences: [Double] = []
    private(set) var emoticonTerms: [Int32] = []
    /// Which ASCII characters a listed emoticon starts with.
    private(set) var asciiEmoticonStarts: [Bool] = Array(repeating: false, count: 128)
    /// Which other first scalars a listed emoticon starts with.
    private(set) var otherEmoticonStarts: Set<UInt32> = []
    /// The most characters in any emoticon.
    private(set) var longestEmoticon: Int = 0

    /// Driver names: lexicon words, idioms and emoticons, as `SentimentScore.drivers` reports them.
    private(set) var termNames: [String] = []
    private(set) var termIDs: [String: Int32] = [:]

    static let pivots: Set<String> = ["but", "however"]
    static let concessions: Set<String> = ["although", "though"]

    init(
        valences: [String: Double],
        wordsByApostropheFreeSpelling: [String: String],
        idioms: [String: Double],
        idiomsByApostropheFreeSpelling: [String: String],
        modifiers: [String: Double],
        negators: Set<String>,
        emoticons: [String: Double],
        concernRules: [ConcernRule],
        benignReadings: [(concern: Concern, phrase: String)],
        streetWords: Set<String>
    ) {
        let wordCount = valences.count + wordsByApostropheFreeSpelling.count + modifiers.count + negators.count
            + concernRules.count * 2 + idioms.count + streetWords.count + benignReadings.count * 2 + 16
        words = ByteKeyTable(capacity: wordCount)
        prefixRuleStarts = ByteKeyTable(capacity: max(16, concernRules.count))
        idiomTable = ByteKeyTable(capacity: max(16, idioms.count))
        twoWordModifiers = ByteKeyTable(capacity: max(16, modifiers.count))
        emoticonTable = ByteKeyTable(capacity: max(16, emoticons.count))

        // Words with valences, directly and by their spelling without apostrophes.
        for (word, valence) in valences.sorted(by: { $0.key < $1.key }) {
            let entry = entryIndex(for: word)
            entries[entry].valence = valence
            entries[entry].valenceTerm = term(named: word)
        }
        for (bare, word) in wordsByApostropheFreeSpelling.sorted(by: { $0.key < $1.key }) where valences[bare] == nil {
            guard let valence = valences[word] else { continue }
            let entry = entryIndex(for: bare)
            entries[entry].valence = valence
            entries[entry].valenceTerm = term(named: word)
        }

        for (phrase, factor) in modifiers.sorted(by: { $0.key < $1.key }) {
            let parts = phrase.split(separator: " ")
            if parts.count == 1 {
                entries[entryIndex(for: phrase)].modifier = factor
            } else {
                entries[entryIndex(for: String(parts[0]))].startsTwoWordModifier = true
                entries[entryIndex(for: String(parts[1]))].endsTwoWordModifier = true
                twoWordModifiers.insert(Array(phrase.utf8), value: Int32(twoWordFactors.count))
                twoWordFactors.append(factor)
            }
        }
        for negator in negators {
            entries[entryIndex(for: negator)].isNegator = true
        }
        for word in Self.pivots { entries[entryIndex(for: word)].contrast = 1 }
        for word in Self.concessions { entries[entryIndex(for: word)].contrast = 2 }
        for word in streetWords { entries[entryIndex(for: word)].isStreetWord = true }

        // Idioms, grouped by their spelling without apostrophes.
        var groups: [String: [Int32]] = [:]
        for (phrase, valence) in idioms.sorted(by: { $0.key < $1.key }) {
            let phraseWords = phrase.split(separator: " ").map { Array($0.utf8) }
            let index = Int32(self.idioms.count)
            self.idioms.append(Idiom(valence: valence, term: term(named: phrase), words: phraseWords))
            let bare = TextForm.withoutApostrophes(phrase)
            groups[bare, default: []].append(index)
            for word in bare.split(separator: " ") { entries[entryIndex(for: String(word))].isIdiomWord = true }
            let first = entryIndex(for: TextForm.withoutApostrophes(String(phrase.split(separator: " ")[0])))
            entries[first].longestIdiom = max(entries[first].longestIdiom, UInt8(min(phraseWords.count, 255)))
        }
        for (bare, members) in groups.sorted(by: { $0.key < $1.key }) {
            let chosen = idiomsByApostropheFreeSpelling[bare].flatMap { phrase in
                members.first { self.idioms[Int($0)].words.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ") == phrase }
            } ?? members[members.count - 1]
            idiomTable.insert(Array(bare.utf8), value: Int32(idiomGroupFallbacks.count))
            idiomGroupFallbacks.append(chosen)
            let first = Int32(idiomGroupMembers.count)
            idiomGroupMembers.append(contentsOf: members)
            idiomGroupRanges.append(first..<Int32(idiomGroupMembers.count))
        }

        for (key, valence) in emoticons.sorted(by: { $0.key < $1.key }) {
            let index = Int32(emoticonValences.count)
            emoticonTable.insert(Array(key.utf8), value: index)
            emoticonValences.append(valence)
            emoticonTerms.append(term(named: key))
            if let first = key.unicodeScalars.first {
                if first.isASCII { asciiEmoticonStarts[Int(first.value)] = true } else { otherEmoticonStarts.insert(first.value) }
            }
            longestEmoticon = max(longestEmoticon, key.count)
        }

        // Concern rules, then innocent readings, indexed by first word.
        var byEntry: [Int32: [Int32]] = [:]
        var byPrefixStart: [[UInt8]: [Int32]] = [:]
        func add(_ rule: ConcernRule, isBenign: Bool) {
            let firstWord = Int32(ruleWords.count)
            for word in rule.words {
                switch word {
                case .literal(let literal):
                    let entry = Int32(entryIndex(for: literal))
                    let bare = TextForm.withoutApostrophes(literal)
                    ruleWords.append(.literal(entry: entry, bareEntry: bare == literal ? -1 : Int32(entryIndex(for: bare))))
                case .prefix(let prefix):
                    let bytesStart = Int32(rulePrefixBytes.count)
                    rulePrefixBytes.append(contentsOf: prefix.utf8)
                    ruleWords.append(.prefix(bytesStart..<Int32(rulePrefixBytes.count)))
                case .anyWord:
                    ruleWords.append(.anyWord)
                }
            }
            let index = Int32(rules.count)
            rules.append(CompiledRule(concern: rule.concern, weight: rule.weight, words: firstWord..<Int32(ruleWords.count), isBenign: isBenign))
            switch ruleWords[Int(firstWord)] {
            case .literal(let entry, let bareEntry):
                byEntry[entry, default: []].append(index)
                if bareEntry >= 0 { byEntry[bareEntry, default: []].append(index) }
            case .prefix(let bytes):
                let start = Self.prefixStart(of: Array(rulePrefixBytes[Int(bytes.lowerBound)..<Int(bytes.upperBound)]))
                byPrefixStart[start, default: []].append(index)
                prefixFilter[Self.filterBit(start) >> 6] |= 1 << UInt64(Self.filterBit(start) & 63)
            case .anyWord:
                preconditionFailure("Lexicon refuses a phrase that starts with any one word")
            }
        }
        // A phrase listed twice for one concern ("self-harm", "self harm") counts once, with its larger weight.
        var deduplicated: [ConcernRule] = []
        var positions: [String: Int] = [:]
        for rule in concernRules {
            let key = rule.concern.rawValue + "\t" + rule.words.map { word in
                switch word {
                case .literal(let literal): literal
                case .prefix(let prefix): prefix + "*"
                case .anyWord: "_"
                }
            }.joined(separator: " ")
            if let existing = positions[key] {
                if rule.weight > deduplicated[existing].weight { deduplicated[existing].weight = rule.weight }
            } else {
                positions[key] = deduplicated.count
                deduplicated.append(rule)
            }
        }
        for rule in deduplicated { add(rule, isBenign: false) }
        for reading in benignReadings {
            add(ConcernRule(concern: reading.concern, weight: 1, phrase: reading.phrase), isBenign: true)
        }
        for (entry, list) in byEntry.sorted(by: { $0.key < $1.key }) {
            let start = Int32(ruleLists.count)
            ruleLists.append(contentsOf: list)
            entries[Int(entry)].rules = start..<Int32(ruleLists.count)
        }
        for (start, list) in byPrefixStart.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            let first = Int32(ruleLists.count)
            ruleLists.append(contentsOf: list)
            prefixRuleStarts.insert(start, value: Int32(prefixRuleRanges.count))
            prefixRuleRanges.append(first..<Int32(ruleLists.count))
        }
    }

    /// The entry of a word, made empty if the word is new.
    private mutating func entryIndex(for word: String) -> Int {
        let value = words.insert(Array(word.utf8), value: Int32(entries.count))
        if Int(value) == entries.count { entries.append(WordEntry()) }
        return Int(value)
    }

    /// The id of a driver name, added if new.
    private mutating func term(named name: String) -> Int32 {
        if let id = termIDs[name] { return id }
        let id = Int32(termNames.count)
        termNames.append(name)
        termIDs[name] = id
        return id
    }

    /// The bytes of the first three characters of a prefix or word, which key prefix rules.
    static func prefixStart(of bytes: [UInt8]) -> [UInt8] {
        if bytes.count >= 3, bytes[0] < 0x80, bytes[1] < 0x80, bytes[2] < 0x80 { return Array(bytes[0..<3]) }
        return Array(String(String(decoding: bytes, as: UTF8.self).prefix(3)).utf8)
    }

    /// The bit of `prefixFilter` for a prefix start.
    @inline(__always)
    static func filterBit<Bytes: Collection>(_ start: Bytes) -> Int where Bytes.Element == UInt8 {
        var value = 0
        for byte in start { value = value &* 31 &+ Int(byte) }
        return value & 0xFFFF
    }

    /// The entry of a word given as bytes and its hash, or -1.
    @inline(__always)
    func entry(hash: UInt64, bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        words.value(hash: hash, bytes: bytes)
    }

    /// The entry of a word given as a string, or -1.
    func entry(of word: String) -> Int32 {
        words.value(of: Array(word.utf8))
    }
}
