import Foundation
import Model

/// Scores how positive or negative a passage reads, with the words that drove the score.
///
/// A lexicon-and-rules scorer: transparent (every point of the score comes from a listed word,
/// idiom or emoticon, reported as a driver), fast (it reads UTF-8 bytes and looks each word up
/// once in compiled hash tables), and tunable by editing data files rather than retraining
/// anything. The rules, in the order they apply, are described in the module overview; their
/// constants are the static properties below.
public struct SentimentAnalyzer: Sendable {
    /// How far back, in tokens, negators and modifiers reach.
    public static let lookBack = 3
    /// A negated sentiment word is multiplied by this: flipped and damped ("not good" is milder than "bad").
    public static let negationFactor = -0.74
    /// Added to the magnitude of a word written in capitals when the passage is not all capitals.
    public static let capitalsEmphasis = 0.75
    /// How much of a modifier's factor applies at distance 1, 2 and 3 tokens.
    public static let modifierDecay = [1.0, 0.95, 0.9]
    /// Weight of sentiment before "but"/"however", and inside an "although"/"though" clause.
    public static let concededWeight = 0.5
    /// Weight of sentiment after "but"/"however", and outside an "although"/"though" clause.
    public static let emphasisedWeight = 1.5
    /// Added to a sentence's magnitude for each `!`, up to `maximumExclamations`.
    public static let exclamationEmphasis = 0.3
    /// More exclamation marks than this add nothing more.
    public static let maximumExclamations = 4
    /// A sentence with a `?` is multiplied by this: a question asserts less than a statement.
    public static let questionDamping = 0.9
    /// The compound score is `sum / sqrt(sum² + normalisationAlpha)`.
    public static let normalisationAlpha = 15.0

    /// The lexicon this analyzer scores with.
    public let lexicon: Lexicon
    let tables: LexiconTables

    /// Creates an analyzer that scores with `lexicon`.
    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
        self.tables = lexicon.tables
    }

    /// The sentiment of a whole passage: the sum of its sentences' raw scores, normalised.
    public func score(_ text: String) -> SentimentScore {
        var workspace = JudgementWorkspace()
        return JudgementWorkspace.withBytes(of: text) { bytes in
            workspace.read(bytes, tables: tables)
            let sum = scoreSentences(bytes: bytes, in: &workspace, eachSentence: nil)
            return SentimentScore(compound: Self.normalised(sum), drivers: drivers(workspace.contributions[...]))
        }
    }

    /// The sentiment of each sentence of a passage, in order.
    public func scoreSentences(_ text: String) -> [SentenceScore] {
        var workspace = JudgementWorkspace()
        return JudgementWorkspace.withBytes(of: text) { bytes in
            workspace.read(bytes, tables: tables)
            var scores: [SentenceScore] = []
            _ = scoreSentences(bytes: bytes, in: &workspace) { sentence, sum, contributions in
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[Int(sentence.start)..<Int(sentence.end)]), as: UTF8.self)
                scores.append(SentenceScore(text: text, score: SentimentScore(compound: Self.normalised(sum), drivers: drivers(contributions))))
            }
            return scores
        }
    }

    /// Maps a raw sum onto (-1, 1).
    static func normalised(_ sum: Double) -> Double {
        guard sum != 0 else { return 0 }
        return min(1, max(-1, sum / (sum * sum + normalisationAlpha).squareRoot()))
    }

    /// Terms by the size of their total contribution, largest first; ties in alphabetical order.
    func drivers(_ contributions: ArraySlice<Contribution>) -> [String] {
        guard !contributions.isEmpty else { return [] }
        var totals: [(term: Int32, total: Double)] = []
        for contribution in contributions {
            if let index = totals.firstIndex(where: { $0.term == contribution.term }) {
                totals[index].total += abs(contribution.value)
            } else {
                totals.append((contribution.term, abs(contribution.value)))
            }
        }
        let names = tables.termNames
        return totals.sorted { left, right in
            left.total != right.total ? left.total > right.total : names[Int(left.term)] < names[Int(right.term)]
        }.map { names[Int($0.term)] }
    }

    // MARK: - Sentences

    /// Scores the sentences read into the workspace; returns the passage's raw sum and leaves
    /// every contribution in `workspace.contributions`.
    func scoreSentences(
        bytes: UnsafeBufferPointer<UInt8>,
        in workspace: inout JudgementWorkspace,
        eachSentence: ((SentenceSpan, Double, ArraySlice<Contribution>) -> Void)?
    ) -> Double {
        workspace.contributions.removeAll(keepingCapacity: true)
        var total = 0.0
        for sentence in workspace.sentences {
            let first = Int(sentence.firstToken)
            let end = Int(sentence.endToken)
            let contributionStart = workspace.contributions.count
            var sum: Double
            if workspace.hasHyphenatedWord {
                var parts = workspace.parts
                workspace.parts = []
                parts.removeAll(keepingCapacity: true)
                for index in first..<end {
                    let token = workspace.tokens[index]
                    if token.kind == .word, token.has(PassageToken.hasHyphen), !knows(token, workspace) {
                        workspace.appendHyphenParts(of: token, bytes: bytes, tables: tables, to: &parts)
                    } else {
                        parts.append(token)
                    }
                }
                sum = parts.withUnsafeBufferPointer { scoreSentence($0, in: &workspace) }
                workspace.parts = parts
            } else {
                let tokens = workspace.tokens
                sum = tokens.withUnsafeBufferPointer { scoreSentence(UnsafeBufferPointer(rebasing: $0[first..<end]), in: &workspace) }
            }
            var exclamations = 0
            var hasQuestion = false
            for index in first..<end {
                switch workspace.tokens[index].kind {
                case .exclamation: exclamations += 1
                case .question: hasQuestion = true
                default: break
                }
            }
            if sum != 0, exclamations > 0 {
                sum += sign(of: sum) * Double(min(exclamations, Self.maximumExclamations)) * Self.exclamationEmphasis
            }
            if hasQuestion { sum *= Self.questionDamping }
            total += sum
            eachSentence?(sentence, sum, workspace.contributions[contributionStart...])
        }
        return total
    }

    /// The raw sum of one sentence's tokens before punctuation, appending its contributions.
    private func scoreSentence(_ tokens: UnsafeBufferPointer<PassageToken>, in workspace: inout JudgementWorkspace) -> Double {
        var units = workspace.units
        var acting = workspace.acting
        var weights = workspace.weights
        workspace.units = []
        workspace.acting = []
        workspace.weights = []
        defer {
            workspace.units = units
            workspace.acting = acting
            workspace.weights = weights
        }
        buildUnits(of: tokens, into: &units, workspace: workspace)
        guard !units.isEmpty else { return 0 }
        markActingModifiers(in: units, acting: &acting)
        contrastWeights(for: units, acting: acting, weights: &weights)

        var sum = 0.0
        let emphasisesCapitals = workspace.hasLowercase
        for index in units.indices {
            let unit = units[index]
            guard unit.isSentimentBearing, !acting[index] else { continue }
            var value = unit.isEmoticon
                ? unit.valence
                : adjusted(unit.valence, at: index, in: units, acting: acting, emphasisesCapitals: emphasisesCapitals)
            value *= weights[index]
            if value != 0 {
                workspace.contributions.append(Contribution(term: unit.term, value: value))
                sum += value
            }
        }
        return sum
    }

    // MARK: - Units

    /// Groups tokens into units: idioms first (longest first, so their words are not scored
    /// again), then two-word modifiers, then single words.
    private func buildUnits(of tokens: UnsafeBufferPointer<PassageToken>, into units: inout [ScoringUnit], workspace: JudgementWorkspace) {
        units.removeAll(keepingCapacity: true)
        let compiled = tables
        var index = 0
        reading: while index < tokens.count {
            let token = tokens[index]
            switch token.kind {
            case .exclamation, .question:
                index += 1
                continue reading
            case .clauseBreak:
                var unit = ScoringUnit()
                unit.isClauseBreak = true
                units.append(unit)
                index += 1
                continue reading
            case .emoticon:
                var unit = ScoringUnit()
                unit.valence = compiled.emoticonValences[Int(token.entry)]
                unit.term = compiled.emoticonTerms[Int(token.entry)]
                unit.isEmoticon = true
                units.append(unit)
                index += 1
                continue reading
            case .word:
                break
            }

            // Most words are in no table at all: nothing to find but a possible "n't".
            if token.entry < 0, token.bareEntry < 0, !token.has(PassageToken.isElongated) {
                var unit = ScoringUnit()
                unit.isAllCaps = token.has(PassageToken.isAllCaps)
                unit.negates = endsInNot(token, forms: workspace.forms)
                units.append(unit)
                index += 1
                continue reading
            }

            let longest = longestIdiom(startingWith: token, workspace)
            if longest >= 2 {
                var wordsAhead = 1
                while wordsAhead < longest, index + wordsAhead < tokens.count, tokens[index + wordsAhead].kind == .word { wordsAhead += 1 }
                var length = min(longest, wordsAhead)
                while length >= 2 {
                    if let idiom = idiom(UnsafeBufferPointer(rebasing: tokens[index..<(index + length)]), workspace) {
                        var unit = ScoringUnit()
                        unit.valence = idiom.valence
                        unit.term = idiom.term
                        unit.isAllCaps = tokens[index..<(index + length)].allSatisfy { $0.has(PassageToken.isAllCaps) }
                        units.append(unit)
                        index += length
                        continue reading
                    }
                    length -= 1
                }
            }
            if index + 1 < tokens.count, tokens[index + 1].kind == .word,
               let factor = twoWordModifier(token, tokens[index + 1], workspace) {
                var unit = ScoringUnit()
                unit.factor = factor
                unit.isAllCaps = token.has(PassageToken.isAllCaps) && tokens[index + 1].has(PassageToken.isAllCaps)
                units.append(unit)
                index += 2
                continue reading
            }

            var unit = ScoringUnit()
            unit.isAllCaps = token.has(PassageToken.isAllCaps)
            let contrast = token.entry >= 0 ? compiled.entries[Int(token.entry)].contrast : 0
            if contrast != 0 {
                unit.contrast = contrast
            } else {
                if let found = valence(of: token, workspace) {
                    unit.valence = found.valence
                    unit.term = found.term
                }
                unit.factor = modifierFactor(of: token, workspace)
                unit.negates = isNegator(token, forms: workspace.forms)
            }
            units.append(unit)
            index += 1
        }
    }

    // MARK: - Look-ups

    /// The valence of a word, trying de-elongated spellings when it has a long run of letters.
    func valence(of token: PassageToken, _ workspace: JudgementWorkspace) -> (term: Int32, valence: Double)? {
        if token.entry >= 0 {
            let entry = tables.entries[Int(token.entry)]
            if !entry.valence.isNaN { return (entry.valenceTerm, entry.valence) }
        }
        guard token.has(PassageToken.isElongated) else { return nil }
        if token.has(PassageToken.hasByteVariants) {
            for variant in [token.variantEntries.two, token.variantEntries.one] where variant >= 0 {
                let entry = tables.entries[Int(variant)]
                if !entry.valence.isNaN { return (entry.valenceTerm, entry.valence) }
            }
            return nil
        }
        guard let found = lexicon.valence(of: workspace.form(of: token)), let term = tables.termIDs[found.term] else { return nil }
        return (term, found.valence)
    }

    /// The modifier factor of a word, or NaN.
    func modifierFactor(of token: PassageToken, _ workspace: JudgementWorkspace) -> Double {
        if token.entry >= 0 {
            let factor = tables.entries[Int(token.entry)].modifier
            if !factor.isNaN { return factor }
        }
        guard token.has(PassageToken.isElongated) else { return .nan }
        if token.has(PassageToken.hasByteVariants) {
            for variant in [token.variantEntries.two, token.variantEntries.one] where variant >= 0 {
                let factor = tables.entries[Int(variant)].modifier
                if !factor.isNaN { return factor }
            }
            return .nan
        }
        return lexicon.modifierFactor(of: workspace.form(of: token)) ?? .nan
    }

    /// Whether a word negates: a listed negator, a word ending in "n't", or a de-elongated negator.
    func isNegator(_ token: PassageToken, forms: [UInt8]) -> Bool {
        if token.entry >= 0, tables.entries[Int(token.entry)].isNegator { return true }
        if endsInNot(token, forms: forms) { return true }
        guard token.has(PassageToken.isElongated) else { return false }
        if token.has(PassageToken.hasByteVariants) {
            return [token.variantEntries.two, token.variantEntries.one].contains { $0 >= 0 && tables.entries[Int($0)].isNegator }
        }
        return lexicon.isNegator(String(decoding: forms[Int(token.formStart)..<Int(token.formStart + token.formLength)], as: UTF8.self))
    }

    /// Whether a word ends in "n't", which negates like a listed negator.
    @inline(__always)
    private func endsInNot(_ token: PassageToken, forms: [UInt8]) -> Bool {
        let end = Int(token.formStart + token.formLength)
        return token.formLength >= 3 && forms[end - 3] == 0x6E && forms[end - 2] == 0x27 && forms[end - 1] == 0x74
    }

    /// Whether the lexicon knows a hyphenated word as a whole ("kind-hearted", "no-one").
    private func knows(_ token: PassageToken, _ workspace: JudgementWorkspace) -> Bool {
        valence(of: token, workspace) != nil || !modifierFactor(of: token, workspace).isNaN || isNegator(token, forms: workspace.forms)
    }

    private func longestIdiom(startingWith token: PassageToken, _ workspace: JudgementWorkspace) -> Int {
        var longest = token.bareEntry >= 0 ? Int(tables.entries[Int(token.bareEntry)].longestIdiom) : 0
        if token.has(PassageToken.hasByteVariants) {
            for variant in [token.bareVariantEntries.two, token.bareVariantEntries.one] where variant >= 0 {
                longest = max(longest, Int(tables.entries[Int(variant)].longestIdiom))
            }
        } else if token.has(PassageToken.isElongated) {
            longest = max(longest, lexicon.longestIdiom(startingWith: workspace.form(of: token)))
        }
        return longest
    }

    /// The idiom spelled by some words, if any.
    private func idiom(_ words: UnsafeBufferPointer<PassageToken>, _ workspace: JudgementWorkspace) -> (valence: Double, term: Int32)? {
        let compiled = tables
        if words.contains(where: { $0.has(PassageToken.isElongated) }) {
            guard words.allSatisfy({ someSpelling(of: $0, bare: true, satisfies: \.isIdiomWord) }),
                  let found = lexicon.idiom(spelledBy: words.map { workspace.form(of: $0) }),
                  let term = compiled.termIDs[found.phrase]
            else { return nil }
            return (found.valence, term)
        }
        var hash = words[0].bareHash
        var length = Int(words[0].bareLength)
        for word in words.dropFirst() {
            hash = ByteKeyTable.combining(ByteKeyTable.extending(hash, with: 0x20), word.bareHash, length: Int(word.bareLength))
            length += 1 + Int(word.bareLength)
        }
        let group = workspace.forms.withUnsafeBufferPointer { forms in
            compiled.idiomTable.value(hash: hash, length: length) { stored in
                var offset = 0
                for (position, word) in words.enumerated() {
                    if position > 0 {
                        guard stored[offset] == 0x20 else { return false }
                        offset += 1
                    }
                    let start = Int(word.bareStart)
                    for index in start..<(start + Int(word.bareLength)) {
                        guard stored[offset] == forms[index] else { return false }
                        offset += 1
                    }
                }
                return true
            }
        }
        guard group != ByteKeyTable.missing else { return nil }
        var chosen = compiled.idiomGroupFallbacks[Int(group)]
        let members = compiled.idiomGroupRanges[Int(group)]
        if members.count > 1 {
            for position in Int(members.lowerBound)..<Int(members.upperBound) {
                let member = compiled.idiomGroupMembers[position]
                let idiomWords = compiled.idioms[Int(member)].words
                guard idiomWords.count == words.count else { continue }
                let isExact = words.indices.allSatisfy { index in
                    let word = words[index]
                    return workspace.forms[Int(word.formStart)..<Int(word.formStart + word.formLength)].elementsEqual(idiomWords[index])
                }
                if isExact {
                    chosen = member
                    break
                }
            }
        }
        let idiom = compiled.idioms[Int(chosen)]
        return (idiom.valence, idiom.term)
    }

    /// Whether the entry of some spelling of a word (as written, or de-elongated) has a property:
    /// a quick test before the string look-ups that elongated words need. Always true for an
    /// elongated word beyond ASCII, whose de-elongated spellings were not looked up as bytes.
    private func someSpelling(of token: PassageToken, bare: Bool, satisfies property: KeyPath<CompiledLexicon.WordEntry, Bool>) -> Bool {
        let written = bare ? token.bareEntry : token.entry
        if written >= 0, tables.entries[Int(written)][keyPath: property] { return true }
        guard token.has(PassageToken.isElongated) else { return false }
        guard token.has(PassageToken.hasByteVariants) else { return true }
        let variants = bare ? token.bareVariantEntries : token.variantEntries
        return (variants.two >= 0 && tables.entries[Int(variants.two)][keyPath: property])
            || (variants.one >= 0 && tables.entries[Int(variants.one)][keyPath: property])
    }

    /// The factor of a two-word modifier ("kind of", "far too"), if these words are one.
    private func twoWordModifier(_ first: PassageToken, _ second: PassageToken, _ workspace: JudgementWorkspace) -> Double? {
        let compiled = tables
        if first.has(PassageToken.isElongated) || second.has(PassageToken.isElongated) {
            guard someSpelling(of: first, bare: false, satisfies: \.startsTwoWordModifier),
                  someSpelling(of: second, bare: false, satisfies: \.endsTwoWordModifier)
            else { return nil }
            return lexicon.modifierFactor(of: workspace.form(of: first) + " " + workspace.form(of: second))
        }
        guard first.entry >= 0, compiled.entries[Int(first.entry)].startsTwoWordModifier else { return nil }
        let hash = first.phraseHash(followedBy: second)
        let length = Int(first.formLength + 1 + second.formLength)
        let value = workspace.forms.withUnsafeBufferPointer { forms in
            compiled.twoWordModifiers.value(hash: hash, length: length) { stored in
                let firstLength = Int(first.formLength)
                for offset in 0..<firstLength where stored[offset] != forms[Int(first.formStart) + offset] { return false }
                guard stored[firstLength] == 0x20 else { return false }
                for offset in 0..<Int(second.formLength) where stored[firstLength + 1 + offset] != forms[Int(second.formStart) + offset] {
                    return false
                }
                return true
            }
        }
        return value == ByteKeyTable.missing ? nil : compiled.twoWordFactors[Int(value)]
    }

    // MARK: - Rules

    /// Which negators and modifiers act as such: those followed, within `lookBack` units and
    /// before any clause break or contrast word, by a sentiment word that is not itself acting.
    /// A modifier or negator that acts contributes no valence of its own ("pretty good").
    private func markActingModifiers(in units: [ScoringUnit], acting: inout [Bool]) {
        acting.removeAll(keepingCapacity: true)
        acting.append(contentsOf: repeatElement(false, count: units.count))
        for index in units.indices.reversed() where !units[index].factor.isNaN || units[index].negates {
            var ahead = index + 1
            while ahead < units.count, ahead - index <= Self.lookBack {
                let unit = units[ahead]
                if unit.isClauseBreak || unit.contrast != 0 || unit.isEmoticon { break }
                if unit.isSentimentBearing, !acting[ahead] {
                    acting[index] = true
                    break
                }
                ahead += 1
            }
        }
    }

    /// A sentiment word's valence after capitals, modifiers and negation.
    private func adjusted(_ valence: Double, at index: Int, in units: [ScoringUnit], acting: [Bool], emphasisesCapitals: Bool) -> Double {
        let direction = sign(of: valence)
        var magnitude = abs(valence)
        if units[index].isAllCaps, emphasisesCapitals {
            magnitude += Self.capitalsEmphasis
        }

        var negatorDistance: Int?
        var modifierFactors: (Double, Double, Double) = (0, 0, 0)
        var modifierCount = 0
        var modifierDistances: (Int, Int, Int) = (0, 0, 0)
        var behind = index - 1
        while behind >= 0, index - behind <= Self.lookBack {
            let unit = units[behind]
            if unit.isClauseBreak || unit.contrast != 0 { break }
            if unit.isSentimentBearing, !acting[behind] { break }
            if acting[behind] {
                if unit.negates {
                    negatorDistance = negatorDistance ?? index - behind
                } else if !unit.factor.isNaN {
                    var factor = unit.factor
                    if unit.isAllCaps, emphasisesCapitals { factor += sign(of: factor) * Self.capitalsEmphasis / 2 }
                    switch modifierCount {
                    case 0: modifierFactors.0 = factor; modifierDistances.0 = index - behind
                    case 1: modifierFactors.1 = factor; modifierDistances.1 = index - behind
                    default: modifierFactors.2 = factor; modifierDistances.2 = index - behind
                    }
                    modifierCount += 1
                }
            }
            behind -= 1
        }

        for position in 0..<modifierCount {
            let (factor, distance) = switch position {
            case 0: (modifierFactors.0, modifierDistances.0)
            case 1: (modifierFactors.1, modifierDistances.1)
            default: (modifierFactors.2, modifierDistances.2)
            }
            let scaled = factor * Self.modifierDecay[distance - 1]
            // An intensifier between a negator and its word softens the negation: "not very good" is kinder than "not good".
            if let negatorDistance, distance < negatorDistance, scaled > 0 {
                magnitude -= scaled
            } else {
                magnitude += scaled
            }
        }
        var value = direction * max(0, magnitude)
        if negatorDistance != nil {
            value *= Self.negationFactor
        }
        return value
    }

    /// Per-unit weights from contrast words. With "but" or "however", units before the last one
    /// weigh `concededWeight` and units after it `emphasisedWeight`. Otherwise, with "although" or
    /// "though", the clause it opens (up to the next clause break) is the concession and weighs
    /// `concededWeight`, and the rest of the sentence weighs `emphasisedWeight`, provided the
    /// concession holds a sentiment word.
    private func contrastWeights(for units: [ScoringUnit], acting: [Bool], weights: inout [Double]) {
        weights.removeAll(keepingCapacity: true)
        weights.append(contentsOf: repeatElement(1.0, count: units.count))
        if let pivot = units.lastIndex(where: { $0.contrast == 1 }) {
            for index in units.indices where index != pivot {
                weights[index] = index < pivot ? Self.concededWeight : Self.emphasisedWeight
            }
        } else if let concession = units.firstIndex(where: { $0.contrast == 2 }) {
            let clauseEnd = units[(concession + 1)...].firstIndex(where: \.isClauseBreak) ?? units.count
            let clause = (concession + 1)..<clauseEnd
            guard clause.contains(where: { units[$0].isSentimentBearing && !acting[$0] }) else { return }
            for index in units.indices where index != concession {
                weights[index] = clause.contains(index) ? Self.concededWeight : Self.emphasisedWeight
            }
        }
    }
}

/// A word, idiom, two-word modifier, emoticon or clause break of a sentence.
struct ScoringUnit: Sendable {
    /// NaN when the unit bears no sentiment.
    var valence = Double.nan
    /// The driver name's id.
    var term: Int32 = -1
    /// NaN when the unit is not a modifier.
    var factor = Double.nan
    var negates = false
    /// 1 for "but"/"however", 2 for "although"/"though".
    var contrast: UInt8 = 0
    var isClauseBreak = false
    var isEmoticon = false
    var isAllCaps = false

    var isSentimentBearing: Bool { !valence.isNaN }
}

private func sign(of value: Double) -> Double {
    value < 0 ? -1 : 1
}
