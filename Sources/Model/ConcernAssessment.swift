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

    /// Safeguarding less certain than this is shown as possible safeguarding: it still goes to
    /// the designated safeguarding lead, who should know the rules were unsure.
    public static let possibleSafeguardingBelow = 0.5

    /// Whether this is safeguarding found with little certainty.
    public var isPossibleSafeguarding: Bool {
        concern == .safeguarding && confidence < Self.possibleSafeguardingBelow
    }

    /// Words for people: the concern's name, "Possible safeguarding" when unsure.
    public var displayName: String {
        isPossibleSafeguarding ? "Possible safeguarding" : concern.displayName
    }
}
