/// Identifies a configured source (a feed or a web page) by its URL as written in the OPML file.
///
/// The URL string is the identity because that is what a feed reader exchanges; a permanent
/// redirect changes the stored fetch URL but keeps the identity. Interpolated into text, it shows
/// the address without login details or tokens; ``rawValue`` is the address as configured.
public struct SourceID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The address with its secrets redacted (``AddressRedaction``), for log lines and messages.
    public var description: String { AddressRedaction.redacted(rawValue) }

    public static func < (lhs: SourceID, rhs: SourceID) -> Bool { lhs.rawValue < rhs.rawValue }
}
