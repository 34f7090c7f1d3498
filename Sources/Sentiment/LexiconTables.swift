/// The compiled form of a lexicon (`CompiledLexicon`), held by reference and read-only, so
/// that analysers and readers share one pointer rather than copying its many tables.
final class LexiconTables: Sendable {
    let words: ByteKeyTable
    let entries: [CompiledLexicon.WordEntry]
    let ruleLists: [Int32]
    let rules: [CompiledLexicon.CompiledRule]
    let ruleWords: [CompiledLexicon.RuleWord]
    let rulePrefixBytes: [UInt8]
    let prefixRuleStarts: ByteKeyTable
    let prefixRuleRanges: [Range<Int32>]
    let prefixFilter: [UInt64]
    let idioms: [CompiledLexicon.Idiom]
    let idiomTable: ByteKeyTable
    let idiomGroupFallbacks: [Int32]
    let idiomGroupRanges: [Range<Int32>]
    let idiomGroupMembers: [Int32]
    let twoWordModifiers: ByteKeyTable
    let twoWordFactors: [Double]
    let emoticonTable: ByteKeyTable
    let emoticonValences: [Double]
    let emoticonTerms: [Int32]
    let asciiEmoticonStarts: [Bool]
    let otherEmoticonStarts: Set<UInt32>
    let termNames: [String]
    let termIDs: [String: Int32]
    let longestEmoticon: Int

    init(compiled: CompiledLexicon) {
        words = compiled.words
        entries = compiled.entries
        ruleLists = compiled.ruleLists
        rules = compiled.rules
        ruleWords = compiled.ruleWords
        rulePrefixBytes = compiled.rulePrefixBytes
        prefixRuleStarts = compiled.prefixRuleStarts
        prefixRuleRanges = compiled.prefixRuleRanges
        prefixFilter = compiled.prefixFilter
        idioms = compiled.idioms
        idiomTable = compiled.idiomTable
        idiomGroupFallbacks = compiled.idiomGroupFallbacks
        idiomGroupRanges = compiled.idiomGroupRanges
        idiomGroupMembers = compiled.idiomGroupMembers
        twoWordModifiers = compiled.twoWordModifiers
        twoWordFactors = compiled.twoWordFactors
        emoticonTable = compiled.emoticonTable
        emoticonValences = compiled.emoticonValences
        emoticonTerms = compiled.emoticonTerms
        asciiEmoticonStarts = compiled.asciiEmoticonStarts
        otherEmoticonStarts = compiled.otherEmoticonStarts
        termNames = compiled.termNames
        termIDs = compiled.termIDs
        longestEmoticon = compiled.longestEmoticon
    }

    /// The entry of a word given as bytes and its hash, or -1.
    @inline(__always)
    func entry(hash: UInt64, bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        words.value(hash: hash, bytes: bytes)
    }
}

extension JudgementWorkspace {
    /// The most bytes of a passage that are read, 256 MiB: offsets into the passage and into the
    /// word forms (several times the passage at worst) are kept in 32 bits. A longer passage, which
    /// no fetch can produce, is judged on this much, cut at a character boundary.
    static let longestPassage = Int(Int32.max) / 8

    /// Calls `body` with the passage's UTF-8 bytes, contiguous in memory, at most `longestPassage` of them.
    static func withBytes<Result>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        var text = text
        if text.utf8.count > longestPassage { text = prefix(of: text, bytes: longestPassage) }
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable(body) ?? Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// The start of `text` in at most `limit` UTF-8 bytes, cut at a scalar boundary.
    static func prefix(of text: String, bytes limit: Int) -> String {
        var end = text.utf8.index(text.utf8.startIndex, offsetBy: min(limit, text.utf8.count))
        while end > text.utf8.startIndex, end < text.utf8.endIndex, text.utf8[end] & 0xC0 == 0x80 {
            end = text.utf8.index(before: end)
        }
        return String(decoding: text.utf8[..<end], as: UTF8.self)
    }

    /// Reads a passage's bytes into tokens and sentences.
    mutating func read(_ bytes: UnsafeBufferPointer<UInt8>, tables: LexiconTables) {
        // Branch-free loops over every byte, which the compiler turns into vector instructions.
        var allBits: UInt8 = 0
        var lowercaseCount = 0
        for byte in bytes {
            allBits |= byte
            lowercaseCount &+= byte &- 0x61 < 26 ? 1 : 0
        }
        let isASCII = allBits < 0x80
        let lowercase = lowercaseCount > 0
        tokens.removeAll(keepingCapacity: true)
        forms.removeAll(keepingCapacity: true)
        sentences.removeAll(keepingCapacity: true)
        if isASCII {
            hasLowercase = lowercase
            var reader = PassageReader(units: ASCIIUnits(bytes: bytes), bytes: bytes, tables: tables,
                                       tokens: tokens, forms: forms, sentences: sentences)
            tokens = []
            forms = []
            sentences = []
            reader.read()
            swap(&tokens, &reader.tokens)
            swap(&forms, &reader.forms)
            swap(&sentences, &reader.sentences)
            hasHyphenatedWord = reader.hasHyphenatedWord
        } else {
            ClusterUnits.group(bytes, leads: &leads, starts: &starts)
            hasLowercase = leads.contains { ScalarClass.isLowercase($0) }
            leads.withUnsafeBufferPointer { leadBuffer in
                starts.withUnsafeBufferPointer { startBuffer in
                    var reader = PassageReader(units: ClusterUnits(leads: leadBuffer, starts: startBuffer), bytes: bytes,
                                               tables: tables, tokens: tokens, forms: forms, sentences: sentences)
                    tokens = []
                    forms = []
                    sentences = []
                    reader.read()
                    swap(&tokens, &reader.tokens)
                    swap(&forms, &reader.forms)
                    swap(&sentences, &reader.sentences)
                    hasHyphenatedWord = reader.hasHyphenatedWord
                }
            }
        }
    }

    /// The comparison form of a word token.
    func form(of token: PassageToken) -> String {
        String(decoding: forms[Int(token.formStart)..<Int(token.formStart + token.formLength)], as: UTF8.self)
    }

    /// The word split at its hyphens ("well-behaved" → "well", "behaved"), appended to `output`;
    /// any other token is appended as it is.
    mutating func appendHyphenParts(of token: PassageToken, bytes: UnsafeBufferPointer<UInt8>, tables: LexiconTables,
                                    to output: inout [PassageToken]) {
        guard token.kind == .word, token.has(PassageToken.hasHyphen) else {
            output.append(token)
            return
        }
        var partStart = Int(token.start)
        var index = partStart
        let end = Int(token.end)
        while index <= end {
            if index == end || bytes[index] == 0x2D {
                if index > partStart {
                    output.append(WordBuilder.word(bytes: bytes, from: partStart, to: index, tables: tables, forms: &forms))
                }
                partStart = index + 1
            }
            index += 1
        }
    }
}
