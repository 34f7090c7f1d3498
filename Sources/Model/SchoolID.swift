/// Identifies one school of an installation (`[[school]] id` in `earshot.toml`), or the trust
/// itself. Findings, cases, digests and workspace accounts belong to one of them.
///
/// An installation for one school (the single `[school]` table) uses ``sole`` throughout, so that
/// nothing about it changes when it has no id of its own.
public struct SchoolID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The school of a single-school installation.
    public static let sole = SchoolID(rawValue: "school")
    /// The trust itself: posts about the trust go to the trust's own roles.
    public static let trust = SchoolID(rawValue: "trust")

    /// Whether `text` may be a school's id: 1 to 40 lower-case ASCII letters, digits and hyphens,
    /// starting with a letter, so that it is safe as a folder name and in a URL.
    public static func isWellFormed(_ text: String) -> Bool {
        guard let first = text.utf8.first, (0x61...0x7A).contains(first), text.utf8.count <= 40 else { return false }
        return text.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
    }

    public var description: String { rawValue }

    public static func < (lhs: SchoolID, rhs: SchoolID) -> Bool { lhs.rawValue < rhs.rawValue }
}
