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
        /// Whether the item is its source's history (published before the source was first read,
        /// by more than the history window): stored and counted, but its case is kept back.
        public var isHistory: Bool

        public init(item: Item, finding: Finding? = nil, triage: CaseTriage? = nil, isHistory: Bool = false) {
            self.item = item
            self.finding = finding
            self.triage = triage
            self.isHistory = isHistory
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
    /// New items taken as history.
    public var takenAsHistory = 0
    /// Findings taken as history whose case is kept back until a backfill.
    public var casesHeldBack = 0
    /// Items of history taken up by a backfill, now counted as news.
    public var takenUpFromHistory = 0

    public init() {}

    public static func += (lhs: inout RecordSummary, rhs: RecordSummary) {
        lhs.newItems += rhs.newItems
        lhs.newFindings += rhs.newFindings
        lhs.repeatSightings += rhs.repeatSightings
        lhs.openedCases += rhs.openedCases
        lhs.joinedCases += rhs.joinedCases
        lhs.reopenedCases += rhs.reopenedCases
        lhs.takenAsHistory += rhs.takenAsHistory
        lhs.casesHeldBack += rhs.casesHeldBack
        lhs.takenUpFromHistory += rhs.takenUpFromHistory
    }
}
