/// A person's role in the workspace, and what it lets them see and do.
///
/// Only the designated safeguarding lead and senior leaders see safeguarding cases in full; only
/// senior leaders approve replies; read-only accounts look but never act.
public enum WorkspaceRole: String, CaseIterable, Sendable, Hashable {
    case slt
    case dsl
    case communications
    case moderator
    case readonly

    /// Whether the role may open safeguarding cases and read their posts.
    public var canSeeSafeguarding: Bool { self == .slt || self == .dsl }
    /// Whether the role may draft, respond, escalate or dismiss.
    public var canAct: Bool { self != .readonly }
    /// Whether the role may approve a reply.
    public var canApprove: Bool { self == .slt }

    /// Words for people.
    public var displayName: String {
        switch self {
        case .slt: "Senior leadership"
        case .dsl: "Designated safeguarding lead"
        case .communications: "Communications"
        case .moderator: "Moderator"
        case .readonly: "Read only"
        }
    }
}
