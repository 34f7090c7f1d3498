import Foundation

/// A case as people see it in listings and digests: its state, its clock, and the post behind it.
public struct CaseSummary: Hashable, Sendable, Identifiable {
    public var id: CaseID
    public var status: CaseStatus
    public var primaryConcern: Concern
    public var concerns: [Concern]
    public var owner: Role
    public var openedAt: Date
    public var clockStartedAt: Date
    public var dueAt: Date
    public var needsApproval: Bool
    public var wasOverdueWhenFound: Bool
    /// The post's title, or the start of its text when it has none.
    public var title: String
    /// The start of the post's text, for a one-line listing.
    public var snippet: String
    public var link: URL?
    public var sourceTitle: String
    /// The person the case is assigned to, if anyone (its owner is a role).
    public var assignee: String?
    /// The first acknowledgement, reply or dismissal since the case's clock started. The policy's
    /// time limit is met by any of them ("even if only to acknowledge"), so a case answered in this
    /// way is no longer overdue or at risk, though it stays open until it is finished.
    public var firstResponseAt: Date?
    /// Whether any post in the case was found to raise safeguarding, whether or not that concern
    /// opened the case: such a case is for the designated safeguarding lead and senior leaders.
    public var hasSafeguardingPost: Bool
    /// The school whose case it is (``SchoolID/sole`` in a single-school installation).
    public var school: SchoolID

    public init(
        id: CaseID, status: CaseStatus, primaryConcern: Concern, concerns: [Concern], owner: Role,
        openedAt: Date, clockStartedAt: Date, dueAt: Date, needsApproval: Bool, wasOverdueWhenFound: Bool,
        title: String, snippet: String, link: URL?, sourceTitle: String, assignee: String? = nil, firstResponseAt: Date? = nil,
        hasSafeguardingPost: Bool = false, school: SchoolID = .sole
    ) {
        self.id = id
        self.status = status
        self.primaryConcern = primaryConcern
        self.concerns = concerns
        self.owner = owner
        self.openedAt = openedAt
        self.clockStartedAt = clockStartedAt
        self.dueAt = dueAt
        self.needsApproval = needsApproval
        self.wasOverdueWhenFound = wasOverdueWhenFound
        self.title = title
        self.snippet = snippet
        self.link = link
        self.sourceTitle = sourceTitle
        self.assignee = assignee
        self.firstResponseAt = firstResponseAt
        self.hasSafeguardingPost = hasSafeguardingPost
        self.school = school
    }

    /// Whether the case touches safeguarding at all: by its concerns or by any of its posts.
    public var touchesSafeguarding: Bool {
        primaryConcern == .safeguarding || concerns.contains(.safeguarding) || hasSafeguardingPost
    }

    /// Whether the case is still waiting for its first response at `now`.
    public var awaitsResponse: Bool { status.isOpen && firstResponseAt == nil }

    /// Whether the case awaits its first response and is past its due time at `now`.
    public func isOverdue(at now: Date) -> Bool { awaitsResponse && dueAt < now }

    /// Whether the case awaits its first response, is not yet overdue, and is due within `margin`
    /// of `now` (two hours by default).
    public func isAtRisk(at now: Date, margin: TimeInterval = 2 * 3600) -> Bool {
        awaitsResponse && dueAt >= now && dueAt < now.addingTimeInterval(margin)
    }
}

extension Sequence<CaseSummary> {
    /// Overdue first, then at risk (due within two hours), then the rest; soonest due first within
    /// each, then by case number. The order of the queue, the case list and the digest.
    public func urgentFirst(at now: Date) -> [CaseSummary] {
        func rank(_ item: CaseSummary) -> Int { item.isOverdue(at: now) ? 0 : (item.isAtRisk(at: now) ? 1 : 2) }
        return sorted { rank($0) == rank($1) ? ($0.dueAt, $0.id.rawValue) < ($1.dueAt, $1.id.rawValue) : rank($0) < rank($1) }
    }
}
