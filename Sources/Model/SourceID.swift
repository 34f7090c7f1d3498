/// Identifies a configured source (a feed or a web page) by its URL as written in the OPML file.
///
/// The URL string is the identity because that is what a feed reader exchanges; a permanent
/// redirect changes the stored fetch URL but keeps the identity.
public struct SourceID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: SourceID, rhs: SourceID) -> Bool { lhs.rawValue < rhs.rawValue }
}
