import Foundation
import Model

/// Decides whether a finding opens a case and, if so, who owns it, by when, and how urgently.
///
/// Rule order:
/// 1. Keep the concerns whose routing rule opens a case; with none, no case.
/// 2. The primary concern is the most severe of those (`Concern`'s order); it names the owner.
/// 3. Approval and an immediate alert are needed if any of those concerns' rules asks for them:
///    a complaint that is also defamatory still needs a senior leader's check.
/// 4. The clock starts at the post's publication time when that is credible, else at discovery.
/// 5. The case is due at the earliest due time among those concerns' rules.
public struct CaseTriager: Sendable {
    /// How far a publication time may lie after discovery and still be believed: clocks disagree a little.
    public static let futureTolerance: TimeInterval = 5 * 60
    /// How far before discovery a publication time may lie and still be believed: older dates are
    /// usually a feed's edit or import date, not when the school could have seen the post.
    public static let pastTolerance: TimeInterval = 30 * 86_400

    /// The routing rule for each concern.
    public let policy: RoutingPolicy
    /// Turns response times into due times.
    public let calculator: DueTimeCalculator

    /// A triager for a policy and calendar.
    public init(policy: RoutingPolicy, calculator: DueTimeCalculator) {
        self.policy = policy
        self.calculator = calculator
    }

    /// The case to open for a finding, or nil when none of its concerns calls for one.
    ///
    /// - Parameters:
    ///   - concerns: The concerns found in the post; duplicates and concerns without a rule are ignored.
    ///   - published: When the source says the post was published, if it says.
    ///   - discoveredAt: When Earshot first saw the post.
    /// - Returns: The triage, with `concerns` listing the case-opening concerns, most severe first.
    public func triage(concerns: [ConcernAssessment], published: Date?, discoveredAt: Date) -> CaseTriage? {
        let ruled = policy.caseOpeningRules(for: concerns.map(\.concern))
        guard let primary = ruled.first else { return nil }

        let clockStartedAt = clockStart(published: published, discoveredAt: discoveredAt)
        let dueAt = ruled
            .map { calculator.dueTime(for: $0.rule.responseTime, receivedAt: clockStartedAt) }
            .min()!
        return CaseTriage(
            primaryConcern: primary.concern,
            concerns: ruled.map(\.concern),
            owner: primary.rule.owner,
            clockStartedAt: clockStartedAt,
            dueAt: dueAt,
            needsApproval: ruled.contains { $0.rule.needsApproval },
            shouldAlertAtOnce: ruled.contains { $0.rule.shouldAlertAtOnce },
            wasOverdueWhenFound: dueAt < discoveredAt
        )
    }

    /// When the policy clock starts for a post.
    ///
    /// The policy counts from when the school received the post, which for a public post is when it
    /// was published. A publication time is believed unless it lies more than `futureTolerance` after
    /// discovery (a wrong clock or time zone at the source) or more than `pastTolerance` before it
    /// (an edit or import date rather than when the post appeared).
    public func clockStart(published: Date?, discoveredAt: Date) -> Date {
        guard let published,
              published <= discoveredAt.addingTimeInterval(Self.futureTolerance),
              published >= discoveredAt.addingTimeInterval(-Self.pastTolerance)
        else {
            return discoveredAt
        }
        return published
    }
}
