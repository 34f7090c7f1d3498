import Foundation

/// How much of one item Earshot keeps and shows, so that a feed cannot put megabytes in front of a
/// reader: a 5 MiB title would otherwise be stored whole and served on every page that lists it.
///
/// Lengths count Unicode scalars, not Characters: one Character may carry any number of combining
/// marks, so a limit in Characters bounds nothing.
public enum TextLimits {
    /// An item's title, as stored and shown.
    public static let title = 300
    /// An item's author, as stored and shown.
    public static let author = 200
    /// The one-line extract of an item's text that listings, the digest and case pages show.
    public static let snippet = 160
    /// An item's text as stored: enough for the snippet and for searching mentions; the rest of a
    /// longer body is not kept.
    public static let storedText = 20_000
    /// A link longer than this (in bytes of its address) is not kept.
    public static let link = 2_048

    /// `text` cut to at most `limit` scalars, the last of them "…" when anything was cut.
    public static func capped(_ text: String, to limit: Int) -> String {
        // Each scalar takes at least one byte: text no longer in bytes than the limit is within it.
        guard text.utf8.count > limit else { return text }
        let scalars = text.unicodeScalars
        guard let end = scalars.index(scalars.startIndex, offsetBy: limit, limitedBy: scalars.endIndex),
              end != scalars.endIndex else { return text }
        return String(scalars[..<scalars.index(before: end)]) + "…"
    }

    /// `link` when its address is within ``link`` bytes, else nil.
    public static func kept(_ link: URL?) -> URL? {
        guard let link, link.absoluteString.utf8.count <= Self.link else { return nil }
        return link
    }
}
