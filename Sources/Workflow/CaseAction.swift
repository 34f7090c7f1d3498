import Model

/// Something a member of staff does to a case, which moves it to a new status.
///
/// Actions rather than target statuses are what people do, and two actions can lead to the
/// same status by different routes (`startDraft` and `requestChanges` both lead to `drafting`),
/// so the state machine checks the action against the current status.
public enum CaseAction: Hashable, Sendable, CustomStringConvertible {
    /// Tell the poster the school has seen the post and will reply: the policy's minimum response.
    case acknowledge
    /// Begin writing the reply.
    case startDraft
    /// Hand the draft to a senior leader to check before it goes out.
    case submitForApproval
    /// A senior leader approves the draft; it goes out, and the case is `markResponded`, after.
    case approve
    /// A senior leader sends the draft back with changes to make.
    case requestChanges
    /// The reply has gone out.
    case markResponded
    /// Hand the case up: to the DSL for safeguarding, to the senior leadership team otherwise.
    case escalate(reason: String)
    /// No response is needed; the reason is kept for the audit trail and must not be empty.
    case dismiss(reason: String)
    /// The matter is finished after the reply.
    case close
    /// The matter has come back (a follow-up post, a dismissal that was wrong).
    case reopen(reason: String)

    /// The actions that answer a post as the policy asks ("even if only to acknowledge"): the
    /// first of them on a case is its first response, which response-time compliance counts.
    public static let firstResponses: [CaseAction] = [.acknowledge, .markResponded, .dismiss(reason: "")]

    /// Whether the action is a response in the policy's sense (`firstResponses`).
    public var isFirstResponse: Bool {
        Self.firstResponses.contains { $0.name == name }
    }

    /// The status the case moves to when the action is legal.
    public var targetStatus: CaseStatus {
        switch self {
        case .acknowledge: .acknowledged
        case .startDraft, .requestChanges: .drafting
        case .submitForApproval: .awaitingApproval
        case .approve: .approved
        case .markResponded: .responded
        case .escalate: .escalated
        case .dismiss: .dismissed
        case .close: .closed
        case .reopen: .reopened
        }
    }

    /// The reason given with the action, for escalate, dismiss and reopen.
    public var reason: String? {
        switch self {
        case .escalate(let reason), .dismiss(let reason), .reopen(let reason): reason
        default: nil
        }
    }

    /// The action's name as used in messages and the audit trail (`acknowledge`, `dismiss`, …).
    public var name: String {
        switch self {
        case .acknowledge: "acknowledge"
        case .startDraft: "startDraft"
        case .submitForApproval: "submitForApproval"
        case .approve: "approve"
        case .requestChanges: "requestChanges"
        case .markResponded: "markResponded"
        case .escalate: "escalate"
        case .dismiss: "dismiss"
        case .close: "close"
        case .reopen: "reopen"
        }
    }

    /// The name, with the reason when there is one.
    public var description: String {
        if let reason { return "\(name)(\(reason))" }
        return name
    }
}
