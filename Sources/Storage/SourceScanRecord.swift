import Model

/// Everything one fetch of one source produced, written by ``Store/record(_:)`` in one transaction.
public struct SourceScanRecord: Sendable {
    /// What a single item turned out to be.
    public struct Observation: Sendable {
        public var item: Item
        /// Set when the item mentions a school: the judgement of its text, with every school's mentions.
        public var finding: Finding?
        /// Each school the item is a finding for, with the case the policy calls for there, in
        /// the order the schools are configured.
        public var schools: [SchoolFinding]
        /// Whether the item is its source's history (published before the source was first read,
        /// by more than the history window): stored and counted, but its cases are kept back.
        public var isHistory: Bool

        /// What an item turned out to be for the school of a single-school installation.
        public init(item: Item, finding: Finding? = nil, triage: CaseTriage? = nil, isHistory: Bool = false) {
            self.init(item: item, finding: finding,
                      schools: finding.map { [SchoolFinding(school: .sole, mentions: $0.mentions, triage: triage)] } ?? [],
                      isHistory: isHistory)
        }

        /// What an item turned out to be for each school it names.
        public init(item: Item, finding: Finding?, schools: [SchoolFinding], isHistory: Bool = false) {
            self.item = item
            self.finding = finding
            self.schools = schools
            self.isHistory = isHistory
        }

        /// The case the item calls for at its first school, if any: for a single school, its case.
        public var triage: CaseTriage? { schools.first?.triage }
    }

    /// An item as one school's finding: its mentions of that school and, when the policy calls for
    /// a response there, the case's triage under that school's roles and calendar.
    public struct SchoolFinding: Sendable {
        public var school: SchoolID
        public var mentions: [Mention]
        public var triage: CaseTriage?

        public init(school: SchoolID, mentions: [Mention], triage: CaseTriage?) {
            self.school = school
            self.mentions = mentions
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
