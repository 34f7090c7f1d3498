import Model

/// Judges a passage in one pass: its sentiment, the concerns it raises and its stance toward the
/// school.
///
/// `SentimentAnalyzer.score(_:)` and `ConcernClassifier.classify(_:sentiment:)` each read the
/// passage themselves; the judge reads it once and runs both on the same tokens, which is what a
/// scan or `earshot score` wants. `judge(_:in:)` is the quick form for bulk work: with a reused
/// workspace it allocates nothing per passage and makes no strings; `judgement(of:in:)` adds the
/// drivers and evidence as text.
public struct PassageJudge: Sendable {
    /// Everything judged about a passage, with drivers and evidence as text.
    public struct Judgement: Hashable, Sendable {
        public var sentiment: SentimentScore
        /// Most serious first.
        public var concerns: [ConcernAssessment]
        /// The post's attitude toward the school, which is not always its tone: a politely put
        /// complaint or worry about a child is negative, a plain question neutral. The concern
        /// model learns it from labelled posts; without a model that has learnt it, it is the
        /// sentiment's label.
        public var stance: SentimentLabel
        /// The words that set the stance furthest apart from the next likeliest one, as written,
        /// strongest first; empty when the model gave no stance and the sentiment's label stands in.
        public var stanceEvidence: [String]

        /// Pairs a sentiment with concerns and a stance.
        public init(sentiment: SentimentScore, concerns: [ConcernAssessment], stance: SentimentLabel, stanceEvidence: [String] = []) {
            self.sentiment = sentiment
            self.concerns = concerns
            self.stance = stance
            self.stanceEvidence = stanceEvidence
        }
    }

    /// The figures of a judgement without the text of its drivers and evidence.
    public struct QuickJudgement: Hashable, Sendable {
        /// Normalised sentiment in [-1, 1].
        public var compound: Double
        /// The label of `compound`.
        public var label: SentimentLabel
        /// Each concern's confidence, zero for those not raised.
        public var concerns: ConcernConfidences
        /// The attitude toward the school (`Judgement.stance`).
        public var stance: SentimentLabel
    }

    /// The sentiment half.
    public let analyzer: SentimentAnalyzer
    /// The concern half.
    public let classifier: ConcernClassifier

    /// A judge reading with `lexicon`.
    public init(lexicon: Lexicon) {
        analyzer = SentimentAnalyzer(lexicon: lexicon)
        classifier = ConcernClassifier(lexicon: lexicon)
    }

    /// The compound score, label and concern confidences of a passage, using `workspace` as
    /// scratch space. It does not look for the model's strongest features, so it leaves no
    /// evidence in the workspace to show.
    public func judge(_ text: String, in workspace: inout JudgementWorkspace) -> QuickJudgement {
        JudgementWorkspace.withBytes(of: text) { bytes in
            quickJudgement(bytes, in: &workspace, citesFeatures: false)
        }
    }

    /// Sentiment with drivers, and concerns with evidence, using `workspace` as scratch space.
    public func judgement(of text: String, in workspace: inout JudgementWorkspace) -> Judgement {
        JudgementWorkspace.withBytes(of: text) { bytes in
            let quick = quickJudgement(bytes, in: &workspace, citesFeatures: true)
            let sentiment = SentimentScore(compound: quick.compound, drivers: analyzer.drivers(workspace.contributions[...]))
            let concerns = classifier.assessments(quick.concerns, bytes: bytes, workspace: workspace)
            let stanceEvidence = ConcernClassifier.phrases(
                at: classifier.lexicon.concernModel?.stanceEvidence(for: quick.stance, in: workspace) ?? [], in: bytes)
            return Judgement(sentiment: sentiment, concerns: concerns, stance: quick.stance, stanceEvidence: stanceEvidence)
        }
    }

    /// The features the lexicon's concern model reads in a passage, by name, in reading order;
    /// empty without a model. `scripts/train-concerns` trains the model on these.
    public func concernFeatures(of text: String) -> [String] {
        guard let model = classifier.lexicon.concernModel else { return [] }
        var workspace = JudgementWorkspace()
        return JudgementWorkspace.withBytes(of: text) { bytes in
            workspace.read(bytes, tables: analyzer.tables)
            return model.featureNames(in: &workspace)
        }
    }

    /// Sentiment with drivers, and concerns with evidence.
    public func judgement(of text: String) -> Judgement {
        var workspace = JudgementWorkspace()
        return judgement(of: text, in: &workspace)
    }

    /// What the check of a reply's draft needs from the lexicon, from one reading: the draft's
    /// sentiment, and the words of any personal data in it (phone numbers, home addresses).
    public func draftReading(of text: String) -> (sentiment: SentimentScore, personalData: [String]) {
        let judgement = judgement(of: text)
        let personalData = judgement.concerns.filter { $0.concern == .dataProtection }.flatMap(\.evidence)
        return (judgement.sentiment, personalData)
    }

    /// The figures of a judgement; `citesFeatures` as `ConcernClassifier.findConcerns` takes it.
    private func quickJudgement(_ bytes: UnsafeBufferPointer<UInt8>, in workspace: inout JudgementWorkspace,
                                citesFeatures: Bool) -> QuickJudgement {
        workspace.read(bytes, tables: analyzer.tables)
        let compound = SentimentAnalyzer.normalised(analyzer.scoreSentences(bytes: bytes, in: &workspace, eachSentence: nil))
        let label = SentimentLabel(compound: compound)
        let concerns = classifier.findConcerns(bytes: bytes, in: &workspace, isNegative: label == .negative, citesFeatures: citesFeatures)
        let stance = classifier.lexicon.concernModel?.stance(in: workspace) ?? label
        return QuickJudgement(compound: compound, label: label, concerns: concerns, stance: stance)
    }
}
