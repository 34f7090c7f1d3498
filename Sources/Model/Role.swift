/// A staff role that owns or approves cases, named as in the configuration file
/// (`dsl`, `slt`, `communications`, `moderator`, or any other name a school adds).
public struct Role: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The designated safeguarding lead.
    public static let designatedSafeguardingLead = Role(rawValue: "dsl")
    /// The senior leadership team.
    public static let seniorLeadership = Role(rawValue: "slt")
    /// Communications staff, who answer most posts.
    public static let communications = Role(rawValue: "communications")
    /// Moderators, who deal with offensive content on the school's own channels.
    public static let moderator = Role(rawValue: "moderator")
}
