import Model

/// Everything one fetch of one source produced, written by ``Store/record(_:)`` in one transaction.
public struct SourceScanRecord: Sendable {
    /// What a single item turned out to be.
    public struct Observation: Sendable {
        public var item: Item
        /// Set when the item mentions the school.
        public var finding: Finding?
        /// Set when the finding needs a response under the policy.
        public var triage: CaseTriage?

        public init(item: Item, finding: Finding? = nil, triage: CaseTriage? = nil) {
            self.item = item
            self.finding = finding
            self.triage = triage
        }
    }

    public var state: FetchState
    public var observations: [Observation]

    public init(state: FetchState, observations: [Observation]) {
        self.state = state
        self.observations = observations
    }
}

/// What ``Store/record(_:)`` added.
public struct RecordSummary: Hashable, Sendable {
    public var newItems = 0
    public var newFindings = 0
    public var repeatSightings = 0
    /// Cases opened by this write, for instant alerts.
    public var openedCases: [CaseID] = []
    /// Open cases that a new post of the same thread or author joined.
    public var joinedCases: [CaseID] = []
    /// Closed cases that a new post in their thread reopened.
    public var reopenedCases: [CaseID] = []

    public init() {}

    public static func += (lhs: inout RecordSummary, rhs: RecordSummary) {
        lhs.newItems += rhs.newItems
        lhs.newFindings += rhs.newFindings
        lhs.repeatSightings += rhs.repeatSightings
        lhs.openedCases += rhs.openedCases
        lhs.joinedCases += rhs.joinedCases
        lhs.reopenedCases += rhs.reopenedCases
    }
}
