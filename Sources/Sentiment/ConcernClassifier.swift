import Model

/// Decides which of the policy's concerns a passage raises, how sure the rules are, and which
/// phrases showed it.
///
/// Most evidence comes from the trigger phrases in concerns.tsv; a few kinds of evidence that a
/// phrase list cannot hold are rules in code (question marks, obfuscated profanity, telephone
/// numbers and addresses). The order of the rules is described in the module overview.
public struct ConcernClassifier: Sendable {
    /// A concern less certain than this is dropped.
    public static let minimumConfidence = 0.3
    /// Rules never claim certainty.
    public static let maximumConfidence = 0.99
    /// Weight of each distinct sentence that contains a `?` standing alone. A `?` run together with
    /// other `?` or `!` ("£185?!", "seriously??") is exasperation rather than a request, and is no
    /// evidence of a question.
    public static let questionMarkWeight = 0.5
    /// Weight of each distinct obfuscated word ("f***", "sh*t", "b@stard").
    public static let obfuscatedProfanityWeight = 0.6
    /// Weight of each distinct UK mobile number: a mobile is nearly always a person's.
    public static let mobileNumberWeight = 0.7
    /// Weight of each distinct UK landline number. A landline is usually an organisation's
    /// published number (a newsdesk, the school office), so alone it stays under the threshold
    /// and only adds to other evidence.
    public static let landlineNumberWeight = 0.2
    /// Weight of each distinct postcode written next to a street.
    public static let addressWeight = 0.6
    /// Concerns whose triggers are ignored straight after a negator ("not complaining",
    /// "no complaints", "not bullying"). Safeguarding, discrimination, defamation and the others
    /// are never discounted this way: "not racist but…" is still worth a look.
    public static let negatableConcerns: Set<Concern> = [.bullying, .complaint, .pressEnquiry, .praise]

    /// Innocent readings of trigger words: a trigger inside one of these phrases does not count
    /// for the concern. Kept short and specific on purpose; each names a sense of the word that
    /// has nothing to do with the concern.
    public static let benignReadings: [(concern: Concern, phrase: String)] = [
        (.bullying, "bully to drive"), (.bullying, "bully to handle"), (.bullying, "bully to steer"),
        (.bullying, "bully to ride"), (.bullying, "bully to park"), (.bullying, "bully to push"),
        (.bullying, "bully for you"), (.bullying, "bully for him"), (.bullying, "bully for her"),
        (.bullying, "bully for them"), (.bullying, "bully pulpit"), (.bullying, "bully beef"),
        (.bullying, "ridiculous"), (.bullying, "ridiculously"),
        (.safeguarding, "so touched"), (.safeguarding, "very touched"), (.safeguarding, "really touched"),
        (.safeguarding, "deeply touched"), (.safeguarding, "truly touched"), (.safeguarding, "touched by your"),
        (.safeguarding, "touched by the kindness"), (.safeguarding, "touched by all"), (.safeguarding, "touched to see"),
        (.safeguarding, "assault course"),
    ]

    /// The lexicon the rules come from.
    public let lexicon: Lexicon
    private let analyzer: SentimentAnalyzer
    private let tokenizer: WordTokenizer
    private let rules: [ConcernRule]
    private let rulesByFirstWord: [String: [Int]]
    private let rulesByPrefixStart: [String: [Int]]
    private let compiledBenignReadings: [(concern: Concern, words: [ConcernRule.Word])]

    /// Compiles the concern rules of a lexicon. A phrase listed twice for the same concern (also
    /// as "self-harm" and "self harm") counts once, with its larger weight.
    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
        self.analyzer = SentimentAnalyzer(lexicon: lexicon)
        self.tokenizer = WordTokenizer(lexicon: lexicon)

        var rules: [ConcernRule] = []
        var positions: [String: Int] = [:]
        for rule in lexicon.concernRules {
            let key = rule.concern.rawValue + "\t" + rule.words.map(Self.describe).joined(separator: " ")
            if let existing = positions[key] {
                if rule.weight > rules[existing].weight { rules[existing].weight = rule.weight }
            } else {
                positions[key] = rules.count
                rules.append(rule)
            }
        }
        self.rules = rules

        var byFirstWord: [String: [Int]] = [:]
        var byPrefixStart: [String: [Int]] = [:]
        for (index, rule) in rules.enumerated() {
            switch rule.words[0] {
            case .literal(let word):
                byFirstWord[word, default: []].append(index)
                let bare = TextForm.withoutApostrophes(word)
                if bare != word { byFirstWord[bare, default: []].append(index) }
            case .prefix(let prefix):
                byPrefixStart[String(prefix.prefix(3)), default: []].append(index)
            }
        }
        self.rulesByFirstWord = byFirstWord
        self.rulesByPrefixStart = byPrefixStart
        self.compiledBenignReadings = Self.benignReadings.map { ($0.concern, ConcernRule.compile($0.phrase)) }
    }

    /// The concerns a passage raises, scoring its sentiment first (for the praise rule).
    public func classify(_ text: String) -> [ConcernAssessment] {
        classify(text, sentiment: analyzer.score(text))
    }

    /// The concerns a passage raises, most serious first.
    ///
    /// - Parameters:
    ///   - text: The passage.
    ///   - sentiment: The passage's sentiment; praise is only reported when it is not negative.
    /// - Returns: One assessment per concern with confidence `1 - Π(1 - weight)` over the distinct
    ///   phrases found, at most `maximumConfidence`, dropping any below `minimumConfidence`.
    public func classify(_ text: String, sentiment: SentimentScore) -> [ConcernAssessment] {
        let characters = Array(text)
        let tokens = tokenizer.tokens(in: characters, range: 0..<characters.count).flatMap(\.hyphenParts)

        var evidence = phraseEvidence(in: tokens)
        evidence += tokens.filter(\.isObfuscated).map { token in
            Evidence(concern: .offensive, key: "obfuscated\t" + token.form, weight: Self.obfuscatedProfanityWeight,
                     range: token.start..<token.end, isPhrase: true)
        }
        evidence = Self.withoutContainedPhrases(evidence)
        evidence += questionEvidence(in: characters, tokens: tokens)
        evidence += PersonalDataPatterns.phoneNumbers(in: characters).map { number in
            Evidence(concern: .dataProtection, key: "phone\t" + number.digits,
                     weight: number.isMobile ? Self.mobileNumberWeight : Self.landlineNumberWeight,
                     range: number.range, isPhrase: false)
        }
        evidence += PersonalDataPatterns.addresses(in: tokens).map { range in
            Evidence(concern: .dataProtection, key: "address\t" + TextForm.normalized(String(characters[range])),
                     weight: Self.addressWeight, range: range, isPhrase: false)
        }
        if sentiment.label == .negative {
            evidence.removeAll { $0.concern == .praise }
        }

        var assessments: [ConcernAssessment] = []
        for concern in Concern.allCases {
            let found = evidence.filter { $0.concern == concern }.sorted { $0.range.lowerBound < $1.range.lowerBound }
            guard !found.isEmpty else { continue }
            var weights: [String: Double] = [:]
            for item in found { weights[item.key] = max(weights[item.key] ?? 0, item.weight) }
            let doubt = weights.values.reduce(1.0) { $0 * (1 - $1) }
            let confidence = min(Self.maximumConfidence, 1 - doubt)
            // A small tolerance so that a single weight of exactly the minimum survives rounding.
            guard confidence >= Self.minimumConfidence - 1e-9 else { continue }

            var phrases: [String] = []
            var seen: Set<String> = []
            for item in found {
                let phrase = String(characters[item.range])
                if seen.insert(phrase.lowercased()).inserted { phrases.append(phrase) }
            }
            assessments.append(ConcernAssessment(concern: concern, confidence: confidence, evidence: phrases))
        }
        return assessments
    }

    // MARK: - Phrases

    /// One piece of evidence for a concern. `key` identifies the distinct phrase or item, so
    /// repeating it does not raise confidence.
    private struct Evidence {
        var concern: Concern
        var key: String
        var weight: Double
        var range: Range<Int>
        /// Whether it is a matched phrase or word, which may hide inside a longer one.
        var isPhrase: Bool
    }

    private func phraseEvidence(in tokens: [TextToken]) -> [Evidence] {
        var benign: [(concern: Concern, tokens: Range<Int>)] = []
        for reading in compiledBenignReadings {
            for start in tokens.indices where matches(reading.words, in: tokens, at: start) {
                benign.append((reading.concern, start..<(start + reading.words.count)))
            }
        }

        var evidence: [Evidence] = []
        for (start, token) in tokens.enumerated() where token.kind == .word {
            let candidates = (rulesByFirstWord[token.form] ?? []) + (rulesByPrefixStart[String(token.form.prefix(3))] ?? [])
            for ruleIndex in Set(candidates).sorted() {
                let rule = rules[ruleIndex]
                guard matches(rule.words, in: tokens, at: start) else { continue }
                let covered = start..<(start + rule.words.count)
                if benign.contains(where: { reading in
                    reading.concern == rule.concern
                        && reading.tokens.lowerBound <= covered.lowerBound && covered.upperBound <= reading.tokens.upperBound
                }) { continue }
                if Self.negatableConcerns.contains(rule.concern), isNegated(tokens, before: start) { continue }
                evidence.append(Evidence(
                    concern: rule.concern,
                    key: "phrase\t" + rule.phrase,
                    weight: rule.weight,
                    range: tokens[covered.lowerBound].start..<tokens[covered.upperBound - 1].end,
                    isPhrase: true
                ))
            }
        }
        return evidence
    }

    private func matches(_ words: [ConcernRule.Word], in tokens: [TextToken], at start: Int) -> Bool {
        guard start + words.count <= tokens.count else { return false }
        for (offset, word) in words.enumerated() {
            let token = tokens[start + offset]
            guard token.kind == .word else { return false }
            switch word {
            case .literal(let literal):
                guard token.form == literal || (literal.contains("'") && token.form == TextForm.withoutApostrophes(literal)) else {
                    return false
                }
            case .prefix(let prefix):
                guard token.form.hasPrefix(prefix) else { return false }
            }
        }
        return true
    }

    /// Whether a negator is among the `SentimentAnalyzer.lookBack` words before a token, within its clause.
    private func isNegated(_ tokens: [TextToken], before start: Int) -> Bool {
        var index = start - 1
        while index >= 0, start - index <= SentimentAnalyzer.lookBack {
            guard tokens[index].kind == .word else { return false }
            if lexicon.isNegator(tokens[index].form) { return true }
            index -= 1
        }
        return false
    }

    /// Drops a phrase found inside a longer phrase of the same concern ("bullying" inside
    /// "cyber bullying"), and the weaker of two phrases covering the same words. Other evidence
    /// is kept as it is.
    private static func withoutContainedPhrases(_ evidence: [Evidence]) -> [Evidence] {
        var kept = evidence.filter { !$0.isPhrase }
        let phrases = evidence.enumerated().filter(\.element.isPhrase).sorted { left, right in
            let (a, b) = (left.element, right.element)
            if a.concern != b.concern { return a.concern < b.concern }
            if a.range.lowerBound != b.range.lowerBound { return a.range.lowerBound < b.range.lowerBound }
            if a.range.upperBound != b.range.upperBound { return a.range.upperBound > b.range.upperBound }
            if a.weight != b.weight { return a.weight > b.weight }
            return left.offset < right.offset
        }
        // Sorted so that anything containing an item comes before it: one sweep per concern.
        var furthestEnd: (concern: Concern, end: Int)?
        for (_, item) in phrases {
            if let furthest = furthestEnd, furthest.concern == item.concern, furthest.end >= item.range.upperBound {
                continue
            }
            kept.append(item)
            furthestEnd = (item.concern, max(item.range.upperBound, furthestEnd?.concern == item.concern ? furthestEnd!.end : 0))
        }
        return kept
    }

    // MARK: - Questions

    /// Each sentence holding a `?` that stands alone, outside URLs and addresses, is a distinct question.
    private func questionEvidence(in characters: [Character], tokens: [TextToken]) -> [Evidence] {
        var questionMarks: [Int] = []
        for (index, token) in tokens.enumerated() where token.kind == .question {
            let isRunOn = [index - 1, index + 1].contains { neighbour in
                tokens.indices.contains(neighbour)
                    && (tokens[neighbour].kind == .question || tokens[neighbour].kind == .exclamation)
                    && (tokens[neighbour].end == token.start || tokens[neighbour].start == token.end)
            }
            if !isRunOn { questionMarks.append(token.start) }
        }
        guard !questionMarks.isEmpty else { return [] }
        return SentenceSplitter.sentences(in: characters).compactMap { sentence in
            guard questionMarks.contains(where: { (sentence.start..<sentence.end).contains($0) }) else { return nil }
            return Evidence(concern: .question, key: "sentence\t\(sentence.start)", weight: Self.questionMarkWeight,
                            range: sentence.start..<sentence.end, isPhrase: false)
        }
    }

    private static func describe(_ word: ConcernRule.Word) -> String {
        switch word {
        case .literal(let literal): literal
        case .prefix(let prefix): prefix + "*"
        }
    }
}
