import Foundation

/// A case as it stands when a new post of its conversation arrives: what deciding the join needs.
public struct CaseSnapshot: Hashable, Sendable {
    public var status: CaseStatus
    public var primaryConcern: Concern
    /// Every concern of its posts, most serious first.
    public var concerns: [Concern]
    public var owner: Role
    public var dueAt: Date
    public var needsApproval: Bool
    public var shouldAlertAtOnce: Bool

    public init(status: CaseStatus, primaryConcern: Concern, concerns: [Concern], owner: Role, dueAt: Date,
                needsApproval: Bool, shouldAlertAtOnce: Bool) {
        self.status = status
        self.primaryConcern = primaryConcern
        self.concerns = concerns
        self.owner = owner
        self.dueAt = dueAt
        self.needsApproval = needsApproval
        self.shouldAlertAtOnce = shouldAlertAtOnce
    }
}

/// What a new post does to the case of its conversation: decided by Workflow's policy, applied
/// as it stands by Storage.
public struct CaseJoin: Hashable, Sendable {
    /// The case's concerns and owner after the post.
    public var primaryConcern: Concern
    public var concerns: [Concern]
    public var owner: Role
    public var dueAt: Date
    public var needsApproval: Bool
    public var shouldAlertAtOnce: Bool
    /// Whether the post brought a more serious concern, which now owns the case.
    public var raisesConcern: Bool
    /// For a finished case the post reopens: its new status and clock; nil when the case stays as it is.
    public var reopening: Reopening?
    /// Whether the owner is to be alerted again (a post that asks for an instant alert moved the
    /// case to a new owner, or reopened it).
    public var alertsAgain: Bool

    /// A finished case taken up again by a new post.
    public struct Reopening: Hashable, Sendable {
        public var status: CaseStatus
        public var clockStartedAt: Date
        public var wasOverdueWhenFound: Bool

        public init(status: CaseStatus, clockStartedAt: Date, wasOverdueWhenFound: Bool) {
            self.status = status
            self.clockStartedAt = clockStartedAt
            self.wasOverdueWhenFound = wasOverdueWhenFound
        }
    }

    public init(primaryConcern: Concern, concerns: [Concern], owner: Role, dueAt: Date, needsApproval: Bool, shouldAlertAtOnce: Bool,
                raisesConcern: Bool, reopening: Reopening?, alertsAgain: Bool) {
        self.primaryConcern = primaryConcern
        self.concerns = concerns
        self.owner = owner
        self.dueAt = dueAt
        self.needsApproval = needsApproval
        self.shouldAlertAtOnce = shouldAlertAtOnce
        self.raisesConcern = raisesConcern
        self.reopening = reopening
        self.alertsAgain = alertsAgain
    }
}
