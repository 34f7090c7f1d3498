/// One concern found in a passage, with how sure the rules are and the phrases that showed it.
public struct ConcernAssessment: Hashable, Sendable, Codable {
    public var concern: Concern
    /// In (0, 1].
    public var confidence: Double
    /// The phrases of the passage that triggered the concern.
    public var evidence: [String]

    public init(concern: Concern, confidence: Double, evidence: [String]) {
        self.concern = concern
        self.confidence = confidence
        self.evidence = evidence
    }
}
