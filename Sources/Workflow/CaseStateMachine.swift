import Foundation
import Model

/// The legal moves of a case through the response workflow.
///
/// Each status lists where it may go and by which action:
///
/// | From | Action → to |
/// |---|---|
/// | new | acknowledge → acknowledged; startDraft → drafting; escalate → escalated; dismiss → dismissed |
/// | acknowledged | startDraft → drafting; escalate → escalated; dismiss → dismissed; markResponded → responded (no approval needed) |
/// | drafting | submitForApproval → awaitingApproval; markResponded → responded (no approval needed); escalate → escalated; dismiss → dismissed |
/// | awaitingApproval | requestChanges → drafting; approve → approved; escalate → escalated |
/// | approved | markResponded → responded; requestChanges → drafting; escalate → escalated |
/// | escalated | startDraft → drafting; acknowledge → acknowledged; markResponded → responded (no approval needed); dismiss → dismissed |
/// | responded | close → closed; reopen → reopened |
/// | closed | reopen → reopened |
/// | dismissed | reopen → reopened |
/// | reopened | acknowledge → acknowledged; startDraft → drafting; escalate → escalated; dismiss → dismissed |
///
/// A case that needs approval can reach `responded` only from `approved`, whoever holds it, so
/// that escalating a case never skips the senior leader's check. Escalating, dismissing and
/// reopening need a reason.
public struct CaseStateMachine: Sendable {
    /// A state machine; it holds no state of its own, the case's status is passed in.
    public init() {}

    /// The status a case moves to when an action is applied.
    ///
    /// - Parameters:
    ///   - action: What the member of staff did.
    ///   - status: The case's current status.
    ///   - needsApproval: Whether the case's reply must be approved by a senior leader.
    /// - Returns: The new status.
    /// - Throws: `WorkflowError.illegalTransition` when the action is not allowed from `status`;
    ///   `WorkflowError.approvalRequired` when a reply needing approval is marked responded without it;
    ///   `WorkflowError.missingReason` when an escalation, dismissal or reopening has no reason.
    public func apply(_ action: CaseAction, to status: CaseStatus, needsApproval: Bool) throws(WorkflowError) -> CaseStatus {
        guard Self.isAllowed(action, from: status) else {
            throw .illegalTransition(from: status, action: action)
        }
        if case .markResponded = action, needsApproval, status != .approved {
            throw .approvalRequired(from: status)
        }
        if let reason = action.reason, reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw .missingReason(action: action)
        }
        return action.targetStatus
    }

    /// The statuses a case may move to from a status.
    public func legalTransitions(from status: CaseStatus, needsApproval: Bool) -> Set<CaseStatus> {
        Set(Self.sampleActions.compactMap { try? apply($0, to: status, needsApproval: needsApproval) })
    }

    /// Whether the action may be taken from the status, before approval and reason checks.
    static func isAllowed(_ action: CaseAction, from status: CaseStatus) -> Bool {
        switch status {
        case .new:
            // new → acknowledged | drafting | escalated | dismissed
            switch action {
            case .acknowledge, .startDraft, .escalate, .dismiss: true
            default: false
            }
        case .acknowledged:
            // acknowledged → drafting | escalated | dismissed | responded (when no approval is needed)
            switch action {
            case .startDraft, .escalate, .dismiss, .markResponded: true
            default: false
            }
        case .drafting:
            // drafting → awaitingApproval | responded (when no approval is needed) | escalated | dismissed
            switch action {
            case .submitForApproval, .markResponded, .escalate, .dismiss: true
            default: false
            }
        case .awaitingApproval:
            // awaitingApproval → drafting (changes requested) | approved | escalated
            switch action {
            case .requestChanges, .approve, .escalate: true
            default: false
            }
        case .approved:
            // approved → responded (the approved reply was posted) | drafting (changes after all) | escalated
            switch action {
            case .markResponded, .requestChanges, .escalate: true
            default: false
            }
        case .escalated:
            // escalated → drafting | acknowledged | responded | dismissed
            switch action {
            case .startDraft, .acknowledge, .markResponded, .dismiss: true
            default: false
            }
        case .responded:
            // responded → closed | reopened
            switch action {
            case .close, .reopen: true
            default: false
            }
        case .closed, .dismissed:
            // closed → reopened; dismissed → reopened
            if case .reopen = action { true } else { false }
        case .reopened:
            // reopened → acknowledged | drafting | escalated | dismissed
            switch action {
            case .acknowledge, .startDraft, .escalate, .dismiss: true
            default: false
            }
        }
    }

    /// One of each action, with a placeholder reason, for listing what a status allows.
    static let sampleActions: [CaseAction] = [
        .acknowledge, .startDraft, .submitForApproval, .approve, .requestChanges, .markResponded,
        .escalate(reason: "reason"), .dismiss(reason: "reason"), .close, .reopen(reason: "reason"),
    ]

    /// The names of the actions allowed from a status, for error messages.
    static func allowedActionNames(from status: CaseStatus) -> [String] {
        sampleActions.filter { isAllowed($0, from: status) }.map(\.name)
    }
}
