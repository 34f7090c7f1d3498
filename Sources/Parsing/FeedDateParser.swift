import Foundation

/// Reads the dates feeds actually carry: RFC 822/1123 in its many wild variants, RFC 3339,
/// ISO 8601 and the W3C profile used by `dc:date`.
///
/// Foundation's formatters are strict where feeds are sloppy and sloppy where it matters (a
/// two-digit year becomes year 3), so this is a small tokenising parser of its own. It accepts a
/// missing or wrong weekday, two-digit years (00–49 → 20xx, 50–99 → 19xx, as RFC 2822 says),
/// named zones (UT, GMT, Z, BST, EST/EDT, CST/CDT, MST/MDT, PST/PDT, CET/CEST and a few more),
/// numeric offsets with or without a colon, missing seconds, fractions of a second and date-only
/// forms. A date without a zone is read as UTC. What it cannot read gives nil, never "now",
/// so an undated item never looks new.
public struct FeedDateParser: Sendable {
    /// Creates a parser; it holds no state.
    public init() {}

    /// The instant a feed date names, or nil when it cannot be read.
    public func date(from text: String) -> Date? {
        let trimmed = text.trimmedWhitespace
        guard !trimmed.isEmpty, trimmed.utf8.count <= 200 else { return nil }
        if Self.looksLikeISO8601(trimmed) {
            return parseISO8601(trimmed)
        }
        return parseRFC822(trimmed)
    }

    /// Four digits then a hyphen: `2024-03-05...`.
    private static func looksLikeISO8601(_ text: String) -> Bool {
        let bytes = Array(text.utf8.prefix(5))
        guard bytes.count == 5 else { return false }
        return bytes[0..<4].allSatisfy { $0 >= 0x30 && $0 <= 0x39 } && bytes[4] == UInt8(ascii: "-")
    }
}
