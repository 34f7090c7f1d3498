import Foundation
import Model

/// Scores how positive or negative a passage reads, with the words that drove the score.
///
/// A lexicon-and-rules scorer: transparent (every point of the score comes from a listed word,
/// idiom or emoticon, reported as a driver), fast, and tunable by editing data files rather
/// than retraining anything. The rules, in the order they apply, are described in the module
/// overview; their constants are the static properties below.
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
    private let tokenizer: WordTokenizer

    /// Creates an analyzer that scores with `lexicon`.
    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
        self.tokenizer = WordTokenizer(lexicon: lexicon)
    }

    /// The sentiment of a whole passage: the sum of its sentences' raw scores, normalised.
    public func score(_ text: String) -> SentimentScore {
        let analyses = analyse(text)
        let total = analyses.reduce(0) { $0 + $1.sum }
        return SentimentScore(compound: Self.normalised(total), drivers: Self.drivers(analyses.flatMap(\.contributions)))
    }

    /// The sentiment of each sentence of a passage, in order.
    public func scoreSentences(_ text: String) -> [SentenceScore] {
        analyse(text).map { analysis in
            SentenceScore(
                text: analysis.text,
                score: SentimentScore(compound: Self.normalised(analysis.sum), drivers: Self.drivers(analysis.contributions))
            )
        }
    }

    /// Maps a raw sum onto (-1, 1).
    static func normalised(_ sum: Double) -> Double {
        guard sum != 0 else { return 0 }
        return min(1, max(-1, sum / (sum * sum + normalisationAlpha).squareRoot()))
    }

    // MARK: - Sentences

    private struct SentenceAnalysis {
        var text: String
        var sum: Double
        var contributions: [(term: String, value: Double)]
    }

    private func analyse(_ text: String) -> [SentenceAnalysis] {
        let characters = Array(text)
        let passageHasLowerCase = characters.contains(where: \.isLowercase)
        return SentenceSplitter.sentences(in: characters).map { sentence in
            let tokens = tokenizer.tokens(in: characters, range: sentence.start..<sentence.end)
            return analyseSentence(sentence.text, tokens: tokens, emphasisesCapitals: passageHasLowerCase)
        }
    }

    private func analyseSentence(_ text: String, tokens: [TextToken], emphasisesCapitals: Bool) -> SentenceAnalysis {
        let units = self.units(of: tokens)
        let acting = actingModifiers(in: units)
        let weights = contrastWeights(for: units, acting: acting)

        var contributions: [(term: String, value: Double)] = []
        for (index, unit) in units.enumerated() {
            guard let valence = unit.valence, let term = unit.term, !acting[index] else { continue }
            var value = unit.isEmoticon
                ? valence
                : adjusted(valence, at: index, in: units, acting: acting, emphasisesCapitals: emphasisesCapitals)
            value *= weights[index]
            if value != 0 { contributions.append((term, value)) }
        }

        var sum = contributions.reduce(0) { $0 + $1.value }
        let exclamations = tokens.filter { $0.kind == .exclamation }.count
        if sum != 0, exclamations > 0 {
            sum += sign(of: sum) * Double(min(exclamations, Self.maximumExclamations)) * Self.exclamationEmphasis
        }
        if tokens.contains(where: { $0.kind == .question }) {
            sum *= Self.questionDamping
        }
        return SentenceAnalysis(text: text, sum: sum, contributions: contributions)
    }

    // MARK: - Units

    /// A word, idiom, two-word modifier, emoticon or clause break of a sentence.
    private struct Unit {
        enum Contrast { case pivot, concession }

        var valence: Double?
        /// The lexicon's spelling, reported as a driver.
        var term: String?
        var factor: Double?
        var negates = false
        var contrast: Contrast?
        var isClauseBreak = false
        var isEmoticon = false
        var isAllCaps = false

        var isSentimentBearing: Bool { valence != nil }
    }

    private static let pivots: Set<String> = ["but", "however"]
    private static let concessions: Set<String> = ["although", "though"]

    /// Groups tokens into units: idioms first (longest first, so their words are not scored
    /// again), then two-word modifiers, then single words.
    private func units(of tokens: [TextToken]) -> [Unit] {
        let tokens = tokens.flatMap { token in
            token.kind == .word && token.form.contains("-") && !knows(token.form) ? token.hyphenParts : [token]
        }
        var units: [Unit] = []
        var index = 0
        reading: while index < tokens.count {
            let token = tokens[index]
            switch token.kind {
            case .exclamation, .question:
                index += 1
                continue reading
            case .clauseBreak:
                units.append(Unit(isClauseBreak: true))
                index += 1
                continue reading
            case .emoticon:
                units.append(Unit(valence: lexicon.emoticons[token.form], term: token.form, isEmoticon: true))
                index += 1
                continue reading
            case .word:
                break
            }

            var wordsAhead = 0
            while index + wordsAhead < tokens.count, tokens[index + wordsAhead].kind == .word { wordsAhead += 1 }

            for length in stride(from: min(lexicon.longestIdiom(startingWith: token.form), wordsAhead), through: 2, by: -1) {
                let words = tokens[index..<(index + length)]
                if let idiom = lexicon.idiom(spelledBy: words.map(\.form)) {
                    units.append(Unit(valence: idiom.valence, term: idiom.phrase, isAllCaps: words.allSatisfy(\.isAllCaps)))
                    index += length
                    continue reading
                }
            }
            if wordsAhead >= 2, let factor = lexicon.modifierFactor(of: token.form + " " + tokens[index + 1].form) {
                units.append(Unit(factor: factor, isAllCaps: token.isAllCaps && tokens[index + 1].isAllCaps))
                index += 2
                continue reading
            }

            var unit = Unit(isAllCaps: token.isAllCaps)
            if Self.pivots.contains(token.form) {
                unit.contrast = .pivot
            } else if Self.concessions.contains(token.form) {
                unit.contrast = .concession
            } else {
                if let found = lexicon.valence(of: token.form) {
                    unit.valence = found.valence
                    unit.term = found.term
                }
                unit.factor = lexicon.modifierFactor(of: token.form)
                unit.negates = lexicon.isNegator(token.form)
            }
            units.append(unit)
            index += 1
        }
        return units
    }

    /// Whether the lexicon knows a hyphenated word as a whole ("kind-hearted", "no-one").
    private func knows(_ form: String) -> Bool {
        lexicon.valence(of: form) != nil || lexicon.modifierFactor(of: form) != nil || lexicon.isNegator(form)
    }

    /// Which negators and modifiers act as such: those followed, within `lookBack` units and
    /// before any clause break or contrast word, by a sentiment word that is not itself acting.
    /// A modifier or negator that acts contributes no valence of its own ("pretty good").
    private func actingModifiers(in units: [Unit]) -> [Bool] {
        var acting = Array(repeating: false, count: units.count)
        for index in units.indices.reversed() where units[index].factor != nil || units[index].negates {
            var ahead = index + 1
            while ahead < units.count, ahead - index <= Self.lookBack {
                let unit = units[ahead]
                if unit.isClauseBreak || unit.contrast != nil || unit.isEmoticon { break }
                if unit.isSentimentBearing, !acting[ahead] {
                    acting[index] = true
                    break
                }
                ahead += 1
            }
        }
        return acting
    }

    /// A sentiment word's valence after capitals, modifiers and negation.
    private func adjusted(_ valence: Double, at index: Int, in units: [Unit], acting: [Bool], emphasisesCapitals: Bool) -> Double {
        let direction = sign(of: valence)
        var magnitude = abs(valence)
        if units[index].isAllCaps, emphasisesCapitals {
            magnitude += Self.capitalsEmphasis
        }

        var negatorDistance: Int?
        var modifiers: [(distance: Int, factor: Double)] = []
        var behind = index - 1
        while behind >= 0, index - behind <= Self.lookBack {
            let unit = units[behind]
            if unit.isClauseBreak || unit.contrast != nil { break }
            if unit.isSentimentBearing, !acting[behind] { break }
            if acting[behind] {
                if unit.negates {
                    negatorDistance = negatorDistance ?? index - behind
                } else if var factor = unit.factor {
                    if unit.isAllCaps, emphasisesCapitals { factor += sign(of: factor) * Self.capitalsEmphasis / 2 }
                    modifiers.append((index - behind, factor))
                }
            }
            behind -= 1
        }

        for modifier in modifiers {
            let scaled = modifier.factor * Self.modifierDecay[modifier.distance - 1]
            // An intensifier between a negator and its word softens the negation: "not very good" is kinder than "not good".
            if let negatorDistance, modifier.distance < negatorDistance, scaled > 0 {
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
    private func contrastWeights(for units: [Unit], acting: [Bool]) -> [Double] {
        var weights = Array(repeating: 1.0, count: units.count)
        if let pivot = units.lastIndex(where: { $0.contrast == .pivot }) {
            for index in units.indices where index != pivot {
                weights[index] = index < pivot ? Self.concededWeight : Self.emphasisedWeight
            }
        } else if let concession = units.firstIndex(where: { $0.contrast == .concession }) {
            let clauseEnd = units[(concession + 1)...].firstIndex(where: \.isClauseBreak) ?? units.count
            let clause = (concession + 1)..<clauseEnd
            guard clause.contains(where: { units[$0].isSentimentBearing && !acting[$0] }) else { return weights }
            for index in units.indices where index != concession {
                weights[index] = clause.contains(index) ? Self.concededWeight : Self.emphasisedWeight
            }
        }
        return weights
    }

    // MARK: - Drivers

    /// Terms by the size of their total contribution, largest first; ties in alphabetical order.
    private static func drivers(_ contributions: [(term: String, value: Double)]) -> [String] {
        var totals: [String: Double] = [:]
        for contribution in contributions {
            totals[contribution.term, default: 0] += abs(contribution.value)
        }
        return totals.sorted { left, right in
            left.value != right.value ? left.value > right.value : left.key < right.key
        }.map(\.key)
    }
}

private func sign(of value: Double) -> Double {
    value < 0 ? -1 : 1
}
