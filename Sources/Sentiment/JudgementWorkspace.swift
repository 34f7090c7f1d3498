/// Reusable scratch space for judging passages, so that judging many passages in a row
/// allocates nothing once the buffers have grown to fit.
///
/// Pass the same workspace to `PassageJudge.judge(_:in:)` for each passage of a batch. It holds
/// no results a caller needs between passages; one workspace serves one thread at a time.
public struct JudgementWorkspace: Sendable {
    var tokens: [PassageToken] = []
    var parts: [PassageToken] = []
    var sentences: [SentenceSpan] = []
    var forms: [UInt8] = []
    var leads: [UInt32] = []
    var starts: [Int32] = []
    var units: [ScoringUnit] = []
    var acting: [Bool] = []
    var weights: [Double] = []
    var contributions: [Contribution] = []
    var evidence: [ConcernEvidence] = []
    /// Scratch for the concern rules that matched.
    var ruleMatches = RuleMatches()
    /// Scratch for counting each distinct piece of evidence once: one concern's evidence ordered
    /// by key, and its distinct pieces.
    var evidenceOrder: [Int32] = []
    var distinctEvidence: [DistinctEvidence] = []
    /// Scratch for counting each row of the concern model once per passage: the number of the
    /// passage that last saw each row, and this passage's number.
    var modelRowStamps: [UInt32] = []
    var modelPassage: UInt32 = 0
    /// Scratch for the concern model: the first word of each family in this sentence and the
    /// one before, each column's summed weights (the concerns', then the stance's), and the
    /// passage's features that have a row (their count is the stance's vector of unit length).
    var familyFirsts: [Int32] = []
    var previousFamilyFirsts: [Int32] = []
    var modelSums: [Double] = []
    var modelFeatures: [ModelFeature] = []
    /// Scratch for the concern model's evidence: the strongest features of one concern.
    var strongestFeatures: [WeighedFeature] = []
    /// Whether the passage has a lower-case letter (capitals emphasise only then).
    var hasLowercase = false
    /// Whether any word token holds a hyphen.
    var hasHyphenatedWord = false
    /// How many of the passage's features with a row the concerns weigh (the concern model's
    /// `known`), for deciding whether the model has read enough of it.
    var modelKnownFeatures = 0

    /// An empty workspace.
    public init() {
        tokens.reserveCapacity(64)
        forms.reserveCapacity(512)
    }
}

/// One sentiment driver's share of a score: a term id and its signed value.
struct Contribution: Sendable {
    var term: Int32
    var value: Double
}
