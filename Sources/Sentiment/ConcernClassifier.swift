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
    /// Safeguarding is kept from this lower confidence, as possible safeguarding: missing a child at
    /// risk costs far more than a false alarm, so the designated safeguarding lead sees it.
    public static let minimumSafeguardingConfidence = 0.15

    /// The confidence from which a concern is kept.
    public static func minimumConfidence(for concern: Concern) -> Double {
        concern == .safeguarding ? minimumSafeguardingConfidence : minimumConfidence
    }
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
    /// Concerns hostile to the school: the model alone does not raise them in a passage whose
    /// stance toward the school it reads as positive (a phrase still does, except for abuse).
    public static let hostileConcerns: Set<Concern> = [.complaint, .offensive, .defamation]

    /// Innocent readings of trigger words: a trigger inside one of these phrases does not count
    /// for the concern, nor does the model weigh for the concern a feature shown only inside such
    /// phrases (`ConcernModel`). Kept short and specific on purpose; each names a sense of the word
    /// that has nothing to do with the concern.
    public static let benignReadings: [(concern: Concern, phrase: String)] = [
        (.bullying, "bully to drive"), (.bullying, "bully to handle"), (.bullying, "bully to steer"),
        (.bullying, "bully to ride"), (.bullying, "bully to park"), (.bullying, "bully to push"),
        (.bullying, "bully for you"), (.bullying, "bully for him"), (.bullying, "bully for her"),
        (.bullying, "bully for them"), (.bullying, "bully pulpit"), (.bullying, "bully beef"),
        (.bullying, "ridiculous"), (.bullying, "ridiculously"),
        (.safeguarding, "so touched"), (.safeguarding, "very touched"), (.safeguarding, "really touched"),
        (.safeguarding, "deeply touched"), (.safeguarding, "truly touched"), (.safeguarding, "touched by your"),
        (.safeguarding, "touched my heart"), (.safeguarding, "touched me deeply"), (.safeguarding, "really touched me"),
        (.safeguarding, "it touched me"), (.safeguarding, "that touched me"),
        (.safeguarding, "touched by the kindness"), (.safeguarding, "touched by all"), (.safeguarding, "touched to see"),
        (.safeguarding, "assault course"), (.safeguarding, "being hit by a car"), (.safeguarding, "being hit by cars"),
        (.safeguarding, "being hit by a ball"), (.safeguarding, "being hit by the ball"),
        (.safeguarding, "killing myself laughing"), (.safeguarding, "killed myself laughing"),
        (.safeguarding, "kill myself laughing"),
        (.safeguarding, "filming my kids"), (.safeguarding, "filming our kids"), (.safeguarding, "filming my children"),
        (.safeguarding, "filming our children"), (.safeguarding, "filming my girls"), (.safeguarding, "filming my boys"),
        (.safeguarding, "photographing my kids"), (.safeguarding, "photographing our kids"),
        (.safeguarding, "photographing my children"), (.safeguarding, "photographing our children"),
        (.safeguarding, "racist abuse"), (.safeguarding, "racial abuse"), (.safeguarding, "racially abused"),
        (.safeguarding, "homophobic abuse"), (.safeguarding, "transphobic abuse"), (.safeguarding, "verbal abuse"),
        (.safeguarding, "verbally abused"), (.safeguarding, "abuse of power"), (.safeguarding, "abuse of position"),
        (.safeguarding, "shouting abuse"), (.safeguarding, "shouted abuse"), (.safeguarding, "screaming abuse"),
        (.safeguarding, "screamed abuse"), (.safeguarding, "hurling abuse"), (.safeguarding, "hurled abuse"),
        (.safeguarding, "get abuse"), (.safeguarding, "gets abuse"), (.safeguarding, "getting abuse"),
        (.safeguarding, "watch this space for"), (.safeguarding, "brought a knife to cut"),
        (.safeguarding, "firearms officer*"), (.safeguarding, "has been cutting corners"), (.safeguarding, "has been cutting back"),
        (.safeguarding, "has been cutting costs"), (.safeguarding, "has been cutting through"), (.safeguarding, "has been cutting staff"),
        (.safeguarding, "has been cutting budgets"), (.safeguarding, "has been cutting funding"),
        (.safeguarding, "has been cutting the grass"), (.safeguarding, "has been cutting hair"),
        (.safeguarding, "she's been cutting corners"), (.safeguarding, "he's been cutting corners"),
        (.safeguarding, "thinks about ending it with"), (.safeguarding, "thinking about ending it with"),
        (.safeguarding, "thought about ending it with"), (.safeguarding, "thought of ending it with"),
        (.safeguarding, "hit _ car"), (.safeguarding, "hit _ _ car"),
        (.defamation, "never replies"), (.defamation, "never replied"), (.defamation, "never responds"),
        (.defamation, "never responded"), (.defamation, "never answers"), (.defamation, "never answered"),
        (.defamation, "never gets back"), (.defamation, "never got back"), (.defamation, "never rings back"),
        (.defamation, "never rang back"), (.defamation, "never calls back"), (.defamation, "never called back"),
    ]

    /// The lexicon the rules come from.
    public let lexicon: Lexicon
    let tables: LexiconTables
    private let analyzer: SentimentAnalyzer

    /// Compiles the concern rules of a lexicon. A phrase listed twice for the same concern (also
    /// as "self-harm" and "self harm") counts once, with its larger weight.
    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
        self.tables = lexicon.tables
        self.analyzer = SentimentAnalyzer(lexicon: lexicon)
        self.offensiveWords = lexicon.concernRules.filter { $0.concern == .offensive && $0.words.count == 1 }.compactMap { rule in
            switch rule.words[0] {
            case .literal(let word): OffensiveWord(bytes: Array(word.utf8), isPrefix: false)
            case .prefix(let prefix): OffensiveWord(bytes: Array(prefix.utf8), isPrefix: true)
            case .anyWord: nil
            }
        }
    }

    /// An offensive phrase of one word, for recognising it behind `@`, `$` and `#`.
    struct OffensiveWord: Sendable {
        var bytes: [UInt8]
        var isPrefix: Bool
    }

    let offensiveWords: [OffensiveWord]

    /// The concerns a passage raises, scoring its sentiment first (for the praise rule).
    public func classify(_ text: String) -> [ConcernAssessment] {
        var workspace = JudgementWorkspace()
        return JudgementWorkspace.withBytes(of: text) { bytes in
            workspace.read(bytes, tables: tables)
            let sum = analyzer.scoreSentences(bytes: bytes, in: &workspace, eachSentence: nil)
            let found = findConcerns(bytes: bytes, in: &workspace, isNegative: SentimentAnalyzer.normalised(sum) <= -0.05,
                                     citesFeatures: true)
            return assessments(found, bytes: bytes, workspace: workspace)
        }
    }

    /// The concerns a passage raises, most serious first.
    ///
    /// - Parameters:
    ///   - text: The passage.
    ///   - sentiment: The passage's sentiment; praise is only reported when it is not negative,
    ///     or when the model reads the passage as positive toward the school.
    /// - Returns: One assessment per concern with confidence `1 - Π(1 - weight)` over the distinct
    ///   phrases found, at most `maximumConfidence`, dropping any below `minimumConfidence`.
    public func classify(_ text: String, sentiment: SentimentScore) -> [ConcernAssessment] {
        var workspace = JudgementWorkspace()
        return JudgementWorkspace.withBytes(of: text) { bytes in
            workspace.read(bytes, tables: tables)
            let found = findConcerns(bytes: bytes, in: &workspace, isNegative: sentiment.label == .negative, citesFeatures: true)
            return assessments(found, bytes: bytes, workspace: workspace)
        }
    }

    // MARK: - Finding

    /// Finds the concerns of the passage read into the workspace: their confidences, with the
    /// evidence left in `workspace.evidence`, grouped by concern and in reading order.
    ///
    /// With `citesFeatures` false the model's evidence carries its probability but not the
    /// features that pushed it most: the confidences are the same, found without that search.
    func findConcerns(bytes: UnsafeBufferPointer<UInt8>, in workspace: inout JudgementWorkspace, isNegative: Bool,
                      citesFeatures: Bool) -> ConcernConfidences {
        var evidence = workspace.evidence
        workspace.evidence = []
        evidence.removeAll(keepingCapacity: true)
        var parts = workspace.parts
        workspace.parts = []
        parts.removeAll(keepingCapacity: true)
        if workspace.hasHyphenatedWord {
            for token in workspace.tokens {
                workspace.appendHyphenParts(of: token, bytes: bytes, tables: tables, to: &parts)
            }
        }
        // The closure below captures these rather than the workspace, which it would copy whole.
        let tokens = workspace.hasHyphenatedWord ? parts : workspace.tokens
        let forms = workspace.forms
        let sentences = workspace.sentences
        var ruleMatches = workspace.ruleMatches
        workspace.ruleMatches = RuleMatches()
        tokens.withUnsafeBufferPointer { tokens in
            phraseEvidence(in: tokens, forms: forms, matches: &ruleMatches, into: &evidence)
            for (index, token) in tokens.enumerated() where token.kind == .word && token.has(PassageToken.isObfuscated)
                && hidesProfanity(forms[Int(token.formStart)..<Int(token.formStart + token.formLength)])
                && !Self.isReportedName(tokens, before: index) {
                evidence.append(ConcernEvidence(concern: .offensive, kind: .obfuscated, key: token.hash,
                                                weight: Self.obfuscatedProfanityWeight, start: token.start, end: token.end, isPhrase: true))
            }
            if evidence.count > 1 { Self.dropContainedPhrases(&evidence) }
            questionEvidence(tokens: tokens, sentences: sentences, into: &evidence)
            for number in PersonalDataPatterns.phoneNumbers(in: bytes) {
                evidence.append(ConcernEvidence(
                    concern: .dataProtection, kind: .phone, key: ByteKeyTable.hash(number.digits.utf8),
                    weight: number.isMobile ? Self.mobileNumberWeight : Self.landlineNumberWeight,
                    start: Int32(number.range.lowerBound), end: Int32(number.range.upperBound), isPhrase: false))
            }
            for range in PersonalDataPatterns.addresses(in: tokens, forms: forms, entries: tables.entries) {
                let written = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                evidence.append(ConcernEvidence(
                    concern: .dataProtection, kind: .address, key: ByteKeyTable.hash(TextForm.normalized(written).utf8),
                    weight: Self.addressWeight, start: Int32(range.lowerBound), end: Int32(range.upperBound), isPhrase: false))
            }
        }
        workspace.parts = parts
        workspace.ruleMatches = ruleMatches
        var isPositiveTowardSchool = false
        if let model = lexicon.concernModel {
            model.addEvidence(in: &workspace, into: &evidence, citesFeatures: citesFeatures)
            // A complaint, abuse or an allegation is hostile to the school: of the labelled posts,
            // 19 of 2,635 complaints, none of 482 offensive posts and none of 492 defamatory ones
            // are positive toward it. So such a concern the model alone raises in a post it reads
            // as positive is its two halves disagreeing, and the stance wins. Abuse loses its
            // phrases too (none of 706 offensive posts is positive toward the school, in the
            // larger count since): swearing in praise ("f***ing buzzing", "bloody brilliant") is
            // not abuse aimed at it. A stance read from a few words ("what a f#cking day" leans
            // on "day") does not outweigh the words of abuse: like the concerns, it must have read
            // enough of the passage.
            isPositiveTowardSchool = model.stance(in: workspace) == .positive
            if isPositiveTowardSchool, model.hasReadEnough(of: workspace) {
                evidence.removeAll { $0.concern == .offensive || (Self.hostileConcerns.contains($0.concern) && $0.kind == .model) }
            }
        }
        // Praise in a passage of negative tone is sarcasm or a reservation, unless the passage is
        // still positive toward the school ("this heat is killing me, hats off to the staff").
        if isNegative, !isPositiveTowardSchool {
            evidence.removeAll { $0.concern == .praise }
        }

        var confidences = ConcernConfidences()
        if !evidence.isEmpty {
            evidence.sort { left, right in
                left.concern != right.concern ? left.concern.rank < right.concern.rank : left.start < right.start
            }
            var byKey = workspace.evidenceOrder
            var distinct = workspace.distinctEvidence
            workspace.evidenceOrder = []
            workspace.distinctEvidence = []
            defer {
                workspace.evidenceOrder = byKey
                workspace.distinctEvidence = distinct
            }
            var index = 0
            while index < evidence.count {
                let concern = evidence[index].concern
                var end = index
                while end < evidence.count, evidence[end].concern == concern { end += 1 }
                // Each distinct key once, with its largest weight: ordered by kind and key, then by
                // position, the items give each key's largest weight, multiplied in that order, so
                // that the product does not depend on where each was found (a judgement that does
                // not look for the model's strongest features gets the same figure to the last bit).
                distinct.removeAll(keepingCapacity: true)
                if end - index == 1 {
                    distinct.append(DistinctEvidence(first: Int32(index), weight: evidence[index].weight))
                } else {
                    byKey.removeAll(keepingCapacity: true)
                    for item in index..<end { byKey.append(Int32(item)) }
                    byKey.sort { left, right in
                        let (a, b) = (evidence[Int(left)], evidence[Int(right)])
                        return (a.kind.rawValue, a.key, left) < (b.kind.rawValue, b.key, right)
                    }
                    for item in byKey {
                        let piece = evidence[Int(item)]
                        if let last = distinct.last, evidence[Int(last.first)].kind == piece.kind, evidence[Int(last.first)].key == piece.key {
                            distinct[distinct.count - 1].weight = max(last.weight, piece.weight)
                        } else {
                            distinct.append(DistinctEvidence(first: item, weight: piece.weight))
                        }
                    }
                }
                var doubt = 1.0
                for item in distinct { doubt *= 1 - item.weight }
                confidences.set(concern, min(Self.maximumConfidence, 1 - doubt))
                index = end
            }
            // A word a safeguarding phrase already holds ("grabbed him by") is not counted twice.
            if confidences[.defamation] >= Self.minimumConfidence(for: .defamation) - 1e-9,
               let harm = allegedHarm(in: workspace, skipping: { word in
                   evidence.prefix { $0.concern == .safeguarding }
                       .contains { $0.kind == .phrase && $0.start <= word.start && word.end <= $0.end }
               }) {
                // Safeguarding ranks first, so its evidence leads the list, in reading order.
                evidence.insert(harm, at: 0)
                let firstOther = evidence.firstIndex { $0.concern != .safeguarding } ?? evidence.count
                evidence[..<firstOther].sort { $0.start < $1.start }
                let doubt = (1 - confidences[.safeguarding]) * (1 - harm.weight)
                confidences.set(.safeguarding, min(Self.maximumConfidence, 1 - doubt))
            }
            for concern in Concern.allCases where confidences[concern] > 0 {
                // A small tolerance so that a single weight of exactly the minimum survives rounding.
                if confidences[concern] < Self.minimumConfidence(for: concern) - 1e-9 { confidences.set(concern, 0) }
            }
        }
        workspace.evidence = evidence
        return confidences
    }

    // MARK: - Alleged harm

    /// An allegation of wrongdoing that names physical harm near a child is possible
    /// safeguarding: "the PE teacher kicked my son" is an adult behaving inappropriately toward a
    /// pupil, which the guide puts under safeguarding whoever is accused. Of the labelled posts
    /// with an allegation, a child and such a word, most are safeguarding too; the allegation
    /// alone would route them to the senior team instead of the DSL.
    public static let allegedHarmWeight = 0.4

    /// Words of physical harm done to someone, as the passage's comparison forms. "Pushed" and
    /// "hurt" are left out: more often than not they are pressure or feelings.
    public static let physicalHarmWords: [String] = [
        "hit", "hits", "hitting", "slapped", "slapping", "smacked", "smacking", "kicked", "kicking",
        "punched", "punching", "grabbed", "grabbing", "shoved", "shoving", "dragged", "dragging",
        "yanked", "restrained", "restraining", "pinned", "manhandled", "manhandling", "shook",
        "threw", "struck", "bruised", "bruises", "bruising", "choked", "strangled", "throttled",
        "headbutted", "elbowed",
    ]

    private static let physicalHarmHashes = Set(physicalHarmWords.map { ByteKeyTable.hash($0.utf8) })

    /// Evidence of alleged harm: the first word of physical harm, not one `skipping` names, with a
    /// word for a child in its sentence or a neighbouring one; nil when there is none.
    private func allegedHarm(in workspace: JudgementWorkspace, skipping: (PassageToken) -> Bool) -> ConcernEvidence? {
        guard let model = lexicon.concernModel, model.childFamily != 0 else { return nil }
        let tokens = workspace.tokens
        func sentenceFacts(_ sentence: SentenceSpan) -> (harm: PassageToken?, hasChild: Bool) {
            var harm: PassageToken?
            var hasChild = false
            var previous: PassageToken?
            for index in Int(sentence.firstToken)..<Int(sentence.endToken) {
                let token = tokens[index]
                guard token.kind == .word else { previous = nil; continue }
                if harm == nil, Self.physicalHarmHashes.contains(token.hash), !skipping(token) { harm = token }
                if !hasChild {
                    var families = model.familyBits(of: token.hash)
                    if let previous { families |= model.familyBits(of: previous.phraseHash(followedBy: token)) }
                    hasChild = families & model.childFamily != 0
                }
                previous = token
            }
            return (harm, hasChild)
        }
        let facts = workspace.sentences.map(sentenceFacts)
        for (index, sentence) in facts.enumerated() {
            guard let harm = sentence.harm else { continue }
            let nearChild = sentence.hasChild || (index > 0 && facts[index - 1].hasChild)
                || (index + 1 < facts.count && facts[index + 1].hasChild)
            guard nearChild else { continue }
            return ConcernEvidence(concern: .safeguarding, kind: .allegedHarm, key: harm.hash, weight: Self.allegedHarmWeight,
                                   start: harm.start, end: harm.end, isPhrase: false)
        }
        return nil
    }

    /// Assessments with their evidence phrases as written.
    func assessments(_ confidences: ConcernConfidences, bytes: UnsafeBufferPointer<UInt8>, workspace: JudgementWorkspace) -> [ConcernAssessment] {
        guard confidences.isEmpty == false else { return [] }
        var assessments: [ConcernAssessment] = []
        for concern in Concern.allCases {
            let confidence = confidences[concern]
            guard confidence > 0 else { continue }
            let ranges = workspace.evidence.lazy.filter { $0.concern == concern }.map { $0.start..<$0.end }
            assessments.append(ConcernAssessment(concern: concern, confidence: confidence, evidence: Self.phrases(at: ranges, in: bytes)))
        }
        return assessments
    }

    /// The passage's words at `ranges` as written, each once whatever its case, in order.
    static func phrases(at ranges: some Sequence<Range<Int32>>, in bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var phrases: [String] = []
        var seen: Set<String> = []
        for range in ranges {
            let phrase = String(decoding: UnsafeBufferPointer(rebasing: bytes[Int(range.lowerBound)..<Int(range.upperBound)]), as: UTF8.self)
            if seen.insert(phrase.lowercased()).inserted { phrases.append(phrase) }
        }
        return phrases
    }

    // MARK: - Phrases

    private func phraseEvidence(in tokens: UnsafeBufferPointer<PassageToken>, forms: [UInt8], matches: inout RuleMatches,
                                into evidence: inout [ConcernEvidence]) {
        let compiled = tables
        matches.benign.removeAll(keepingCapacity: true)
        matches.found.removeAll(keepingCapacity: true)
        forms.withUnsafeBufferPointer { forms in
            compiled.ruleWords.withUnsafeBufferPointer { ruleWords in
                compiled.rulePrefixBytes.withUnsafeBufferPointer { prefixBytes in
                    matchRules(in: tokens, forms: forms, ruleWords: ruleWords, prefixBytes: prefixBytes, into: &matches)
                }
            }
        }
        let (benign, found) = (matches.benign, matches.found)
        // The model reads whole tokens, not the hyphens' parts, so it is told where they lie in bytes.
        matches.innocentSpans.removeAll(keepingCapacity: true)
        for reading in benign {
            matches.innocentSpans.append(InnocentSpan(
                concern: reading.concern, start: tokens[reading.tokens.lowerBound].start, end: tokens[reading.tokens.upperBound - 1].end))
        }
        // Both lists run in reading order, so one sweep finds, per concern, the furthest end of the
        // innocent readings starting at or before each trigger: it covers the trigger if it reaches
        // the trigger's end.
        var furthestBenignEnd = [Int](repeating: -1, count: benign.isEmpty ? 0 : Concern.allCases.count)
        var nextBenign = 0
        for (ruleIndex, start) in found {
            let rule = compiled.rules[Int(ruleIndex)]
            let covered = start..<(start + rule.wordCount)
            if !benign.isEmpty {
                while nextBenign < benign.count, benign[nextBenign].tokens.lowerBound <= start {
                    let reading = benign[nextBenign]
                    furthestBenignEnd[reading.concern.rank] = max(furthestBenignEnd[reading.concern.rank], reading.tokens.upperBound)
                    nextBenign += 1
                }
                if furthestBenignEnd[rule.concern.rank] >= covered.upperBound { continue }
            }
            if rule.concern.isNegatable, isNegated(tokens, before: start, forms: forms) { continue }
            if rule.concern == .offensive, Self.isReportedName(tokens, before: start) { continue }
            evidence.append(ConcernEvidence(
                concern: rule.concern, kind: .phrase, key: UInt64(ruleIndex), weight: rule.weight,
                start: tokens[covered.lowerBound].start, end: tokens[covered.upperBound - 1].end, isPhrase: true))
        }
    }

    /// The rules that match at each word, in reading order.
    private func matchRules(in tokens: UnsafeBufferPointer<PassageToken>, forms: UnsafeBufferPointer<UInt8>,
                            ruleWords: UnsafeBufferPointer<CompiledLexicon.RuleWord>, prefixBytes: UnsafeBufferPointer<UInt8>,
                            into matches: inout RuleMatches) {
        // The tables are read through pointers taken once a passage: read through their arrays at
        // every word, they would be retained and released each time.
        let compiled = tables
        compiled.entries.withUnsafeBufferPointer { entries in
            compiled.ruleLists.withUnsafeBufferPointer { ruleLists in
                compiled.rules.withUnsafeBufferPointer { compiledRules in
                    for (start, token) in tokens.enumerated() where token.kind == .word {
                        let rules = token.entry >= 0 ? entries[Int(token.entry)].rules : 0..<0
                        let prefixRules = token.formLength >= 3 ? prefixRuleRange(of: token, forms: forms) : 0..<0
                        if rules.isEmpty, prefixRules.isEmpty { continue }
                        // Candidate rules in ascending order without repeats: two sorted lists merged.
                        var first = Int(rules.lowerBound)
                        var second = Int(prefixRules.lowerBound)
                        var previous: Int32 = -1
                        while first < Int(rules.upperBound) || second < Int(prefixRules.upperBound) {
                            let ruleIndex: Int32
                            if second >= Int(prefixRules.upperBound)
                                || (first < Int(rules.upperBound) && ruleLists[first] <= ruleLists[second]) {
                                ruleIndex = ruleLists[first]
                                first += 1
                            } else {
                                ruleIndex = ruleLists[second]
                                second += 1
                            }
                            guard ruleIndex != previous else { continue }
                            previous = ruleIndex
                            let rule = compiledRules[Int(ruleIndex)]
                            guard Self.matches(rule.words, of: ruleWords, prefixBytes: prefixBytes, in: tokens, at: start,
                                               forms: forms) else { continue }
                            if rule.isBenign {
                                matches.benign.append((rule.concern, start..<(start + rule.wordCount)))
                            } else {
                                matches.found.append((ruleIndex, start))
                            }
                        }
                    }
                }
            }
        }
    }

    /// Whether an obfuscated word hides profanity. `*` always counts ("f***", "sh*t"). A word
    /// disguised only with `@`, `$` or `#` counts when, each symbol standing for one letter, it
    /// spells a word that an offensive phrase of one word matches ("b@stard", "a$$hole", "f#@k"),
    /// so that "Learning@Home" and "school@home" are not offensive.
    func hidesProfanity(_ form: ArraySlice<UInt8>) -> Bool {
        if form.contains(0x2A) { return true }
        func isSymbol(_ byte: UInt8) -> Bool { byte == 0x40 || byte == 0x24 || byte == 0x23 }
        return offensiveWords.contains { word in
            guard word.isPrefix ? form.count >= word.bytes.count : form.count == word.bytes.count else { return false }
            return zip(form, word.bytes).allSatisfy { written, listed in written == listed || isSymbol(written) }
        }
    }

    /// The rules, as a range of `ruleLists`, whose first word is a prefix of this word.
    @inline(__always)
    private func prefixRuleRange(of token: PassageToken, forms: UnsafeBufferPointer<UInt8>) -> Range<Int32> {
        let compiled = tables
        let formStart = Int(token.formStart)
        let first = forms[formStart]
        let second = forms[formStart + 1]
        let third = forms[formStart + 2]
        if first < 0x80, second < 0x80, third < 0x80 {
            let bit = ((Int(first) &* 31 &+ Int(second)) &* 31 &+ Int(third)) & 0xFFFF
            guard compiled.prefixFilter[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { return 0..<0 }
            let start = UnsafeBufferPointer(rebasing: forms[formStart..<(formStart + 3)])
            let group = compiled.prefixRuleStarts.value(hash: ByteKeyTable.hash(start), bytes: start)
            return group == ByteKeyTable.missing ? 0..<0 : compiled.prefixRuleRanges[Int(group)]
        }
        let start = CompiledLexicon.prefixStart(of: Array(forms[formStart..<(formStart + Int(token.formLength))]))
        let group = compiled.prefixRuleStarts.value(of: start)
        return group == ByteKeyTable.missing ? 0..<0 : compiled.prefixRuleRanges[Int(group)]
    }

    @inline(__always)
    private static func matches(_ words: Range<Int32>, of ruleWords: UnsafeBufferPointer<CompiledLexicon.RuleWord>,
                                prefixBytes: UnsafeBufferPointer<UInt8>, in tokens: UnsafeBufferPointer<PassageToken>, at start: Int,
                                forms: UnsafeBufferPointer<UInt8>) -> Bool {
        guard start + words.count <= tokens.count else { return false }
        var tokenIndex = start
        for wordIndex in words {
            let token = tokens[tokenIndex]
            tokenIndex += 1
            guard token.kind == .word else { return false }
            switch ruleWords[Int(wordIndex)] {
            case .literal(let entry, let bareEntry):
                guard token.entry == entry || (bareEntry >= 0 && token.entry == bareEntry) else { return false }
            case .prefix(let prefix):
                guard token.formLength >= prefix.count else { return false }
                let formStart = Int(token.formStart) - Int(prefix.lowerBound)
                for index in Int(prefix.lowerBound)..<Int(prefix.upperBound) where forms[formStart + index] != prefixBytes[index] {
                    return false
                }
            case .anyWord:
                continue
            }
        }
        return true
    }

    /// Words that report what someone was called. An offensive word up to `reportedNameReach`
    /// words after one, in the same clause, is a name quoted ("they keep calling my son a 'spaz'"):
    /// bullying or discrimination as the post tells it, not the writer's own abuse.
    public static let namingWords: [String] = [
        "call", "calls", "called", "calling", "named", "chanting", "chanted", "singing",
        "shouting", "shouted", "screaming", "screamed", "yelling", "yelled",
    ]

    private static let namingHashes = Set(namingWords.map { ByteKeyTable.hash($0.utf8) })

    /// How many words before an offensive word a naming word may stand.
    static let reportedNameReach = 5

    /// Whether one of `namingWords` is among the `reportedNameReach` words before a token, within its clause.
    private static func isReportedName(_ tokens: UnsafeBufferPointer<PassageToken>, before start: Int) -> Bool {
        hasWord(in: tokens, before: start, within: reportedNameReach) { namingHashes.contains($0.hash) }
    }

    /// Whether a negator is among the `SentimentAnalyzer.lookBack` words before a token, within its clause.
    private func isNegated(_ tokens: UnsafeBufferPointer<PassageToken>, before start: Int, forms: [UInt8]) -> Bool {
        Self.hasWord(in: tokens, before: start, within: SentimentAnalyzer.lookBack) { analyzer.isNegator($0, forms: forms) }
    }

    /// Whether one of the `reach` words before a token passes `test`, looking back no further than
    /// the clause: the first token before it that is not a word ends the search.
    @inline(__always)
    private static func hasWord(in tokens: UnsafeBufferPointer<PassageToken>, before start: Int, within reach: Int,
                                where test: (PassageToken) -> Bool) -> Bool {
        var index = start - 1
        while index >= 0, start - index <= reach {
            guard tokens[index].kind == .word else { return false }
            if test(tokens[index]) { return true }
            index -= 1
        }
        return false
    }

    /// Drops a phrase found inside a longer phrase of the same concern ("bullying" inside
    /// "cyber bullying"), and the weaker of two phrases covering the same words. `evidence` holds
    /// phrases only; what is kept is ordered by concern, then by where it starts.
    private static func dropContainedPhrases(_ evidence: inout [ConcernEvidence]) {
        // Ordered so that anything containing an item comes before it (the sort is stable, so
        // equals keep their order): one sweep per concern.
        evidence.sort { a, b in
            if a.concern != b.concern { return a.concern.rank < b.concern.rank }
            if a.start != b.start { return a.start < b.start }
            if a.end != b.end { return a.end > b.end }
            return a.weight > b.weight
        }
        var kept = 0
        var furthestEnd: (concern: Concern, end: Int32)?
        for index in evidence.indices {
            let item = evidence[index]
            if let furthest = furthestEnd, furthest.concern == item.concern, furthest.end >= item.end {
                continue
            }
            evidence[kept] = item
            kept += 1
            furthestEnd = (item.concern, max(item.end, furthestEnd?.concern == item.concern ? furthestEnd!.end : 0))
        }
        evidence.removeLast(evidence.count - kept)
    }

    // MARK: - Questions

    /// Each sentence holding a `?` that stands alone is a distinct question.
    private func questionEvidence(tokens: UnsafeBufferPointer<PassageToken>, sentences: [SentenceSpan], into evidence: inout [ConcernEvidence]) {
        var questionMarks: [Int32] = []
        for (index, token) in tokens.enumerated() where token.kind == .question {
            let isRunOn = [index - 1, index + 1].contains { neighbour in
                neighbour >= 0 && neighbour < tokens.count
                    && (tokens[neighbour].kind == .question || tokens[neighbour].kind == .exclamation)
                    && (tokens[neighbour].end == token.start || tokens[neighbour].start == token.end)
            }
            if !isRunOn { questionMarks.append(token.start) }
        }
        guard !questionMarks.isEmpty else { return }
        // Sentences and question marks both run in reading order: one sweep pairs them.
        var nextMark = 0
        for sentence in sentences {
            while nextMark < questionMarks.count, questionMarks[nextMark] < sentence.start { nextMark += 1 }
            guard nextMark < questionMarks.count, questionMarks[nextMark] < sentence.end else { continue }
            evidence.append(ConcernEvidence(concern: .question, kind: .question, key: UInt64(sentence.start),
                                            weight: Self.questionMarkWeight, start: sentence.start, end: sentence.end, isPhrase: false))
        }
    }
}

/// The concern rules that matched in a passage, in reading order.
struct RuleMatches {
    /// The innocent readings: their concern and the tokens they cover.
    var benign: [(concern: Concern, tokens: Range<Int>)] = []
    /// The triggers: the rule and the token it starts at.
    var found: [(rule: Int32, start: Int)] = []
    /// The innocent readings by the bytes they cover, for the concern model.
    var innocentSpans: [InnocentSpan] = []
}

/// An innocent reading of a concern's words ("watch this space for", "touched my heart"), by the bytes
/// it covers: the words inside are no evidence of that concern, for the phrases or the model.
struct InnocentSpan {
    var concern: Concern
    var start: Int32
    var end: Int32
}

/// A distinct piece of evidence for a concern: where it first appears among the evidence, and
/// the largest weight it has anywhere.
struct DistinctEvidence {
    var first: Int32
    var weight: Double
}

/// One piece of evidence for a concern, located by byte offsets. `kind` and `key` identify the
/// distinct phrase or item, so repeating it does not raise confidence.
struct ConcernEvidence: Sendable {
    enum Kind: UInt8, Sendable {
        case phrase, obfuscated, phone, address, question, model, allegedHarm
    }

    var concern: Concern
    var kind: Kind
    var key: UInt64
    var weight: Double
    var start: Int32
    var end: Int32
    /// Whether it is a matched phrase or word, which may hide inside a longer one.
    var isPhrase: Bool
}

/// The confidence of each concern found in a passage, zero for those not found.
public struct ConcernConfidences: Hashable, Sendable {
    private var values: (Double, Double, Double, Double, Double, Double, Double, Double, Double, Double) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

    /// No concern found.
    public init() {}

    /// Whether no concern was found.
    public var isEmpty: Bool {
        withUnsafeBytes(of: values) { raw in (0..<10).allSatisfy { raw.load(fromByteOffset: $0 * 8, as: Double.self) == 0 } }
    }

    /// The confidence of one concern; zero when it was not found.
    public subscript(concern: Concern) -> Double {
        withUnsafeBytes(of: values) { $0.load(fromByteOffset: concern.rank * MemoryLayout<Double>.stride, as: Double.self) }
    }

    mutating func set(_ concern: Concern, _ confidence: Double) {
        withUnsafeMutableBytes(of: &values) { $0.storeBytes(of: confidence, toByteOffset: concern.rank * MemoryLayout<Double>.stride, as: Double.self) }
    }

    public static func == (left: ConcernConfidences, right: ConcernConfidences) -> Bool {
        Concern.allCases.allSatisfy { left[$0] == right[$0] }
    }


    public func hash(into hasher: inout Hasher) {
        for concern in Concern.allCases { hasher.combine(self[concern]) }
    }
}

extension Concern {
    /// Whether a negator just before a trigger vetoes it (`ConcernClassifier.negatableConcerns`).
    @inline(__always)
    var isNegatable: Bool {
        switch self {
        case .bullying, .complaint, .pressEnquiry, .praise: true
        default: false
        }
    }

    /// The severity rank (`severityRank`) without searching `allCases`, for the hot path.
    @inline(__always)
    var rank: Int {
        switch self {
        case .safeguarding: 0
        case .bullying: 1
        case .offensive: 2
        case .discrimination: 3
        case .defamation: 4
        case .dataProtection: 5
        case .pressEnquiry: 6
        case .complaint: 7
        case .question: 8
        case .praise: 9
        }
    }
}
