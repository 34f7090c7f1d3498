import Model

/// What the policy says to do with one concern: who owns it, how fast, and how carefully.
public struct RoutingRule: Hashable, Sendable {
    /// The role that owns a case of this concern.
    public var owner: Role
    /// How long the owner has to respond.
    public var responseTime: ResponseTime
    /// Whether a senior leader checks the reply before it goes out.
    public var needsApproval: Bool
    /// Whether the owner is told at once rather than in the daily digest.
    public var shouldAlertAtOnce: Bool
    /// Whether a finding with this concern opens a case at all.
    public var opensCase: Bool
    /// What the policy asks the owner to do, in words for the digest and the case page.
    public var guidance: String

    /// A routing rule.
    public init(
        owner: Role,
        responseTime: ResponseTime,
        needsApproval: Bool,
        shouldAlertAtOnce: Bool,
        opensCase: Bool = true,
        guidance: String = ""
    ) {
        self.owner = owner
        self.responseTime = responseTime
        self.needsApproval = needsApproval
        self.shouldAlertAtOnce = shouldAlertAtOnce
        self.opensCase = opensCase
        self.guidance = guidance
    }
}
