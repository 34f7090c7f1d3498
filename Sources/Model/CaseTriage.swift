import Foundation

/// What the policy says to do about a new finding: who owns it, by when, and how urgently.
///
/// Workflow computes it from the finding's concerns and the school's routing rules; Storage opens a
/// case from it, or keeps it for a finding taken as history until `earshot scan --backfill`.
public struct CaseTriage: Hashable, Sendable, Codable {
    public var primaryConcern: Concern
    public var concerns: [Concern]
    public var owner: Role
    /// When the policy clock started: the post's publication time when credible, else discovery.
    public var clockStartedAt: Date
    public var dueAt: Date
    /// Whether a senior leader must approve a reply before it goes out.
    public var needsApproval: Bool
    /// Whether the owner is to be told at once rather than in the daily digest.
    public var shouldAlertAtOnce: Bool
    /// Set when the case was already past its due time when Earshot found it.
    public var wasOverdueWhenFound: Bool
    /// The conversation (thread or page) the post belongs to: a later post in it joins this case.
    public var threadKey: String?
    /// The post's author within its source: their later posts within a window join this case.
    public var authorKey: String?

    public init(
        primaryConcern: Concern,
        concerns: [Concern],
        owner: Role,
        clockStartedAt: Date,
        dueAt: Date,
        needsApproval: Bool,
        shouldAlertAtOnce: Bool,
        wasOverdueWhenFound: Bool,
        threadKey: String? = nil,
        authorKey: String? = nil
    ) {
        self.primaryConcern = primaryConcern
        self.concerns = concerns
        self.owner = owner
        self.clockStartedAt = clockStartedAt
        self.dueAt = dueAt
        self.needsApproval = needsApproval
        self.shouldAlertAtOnce = shouldAlertAtOnce
        self.wasOverdueWhenFound = wasOverdueWhenFound
        self.threadKey = threadKey
        self.authorKey = authorKey
    }
}
