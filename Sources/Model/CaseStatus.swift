/// Where a case is in the response workflow.
///
/// The normal path is new → acknowledged → drafting → awaitingApproval → approved → responded → closed
/// (approval only where a senior leader must check the reply); escalated, dismissed and reopened branch off it. Workflow's `CaseStateMachine` holds the legal transitions.
public enum CaseStatus: String, Hashable, Sendable, Codable, CaseIterable {
    case new
    case acknowledged
    case drafting
    case awaitingApproval
    /// A senior leader approved the draft; it is ready to post.
    case approved
    case responded
    case closed
    case escalated
    case dismissed
    case reopened

    /// Whether the case still needs someone to act.
    public var isOpen: Bool {
        switch self {
        case .responded, .closed, .dismissed: false
        default: true
        }
    }
}
