import Foundation

/// A story told apart from the link it was reached by: the publisher's site and the words of its
/// headline.
///
/// A news search engine's item (Google News) links through a redirect of its own, so neither its
/// link nor its id says which article it is; it does say which site published it and under what
/// headline. The publisher's own feed says the same through its link and title. Two items with
/// equal story keys are taken as one story only when one of them is such a stand-in (see
/// ``Item/isStandIn``) and their publication dates, when both are known, are within
/// ``sameStoryWindow``: two articles a site published under one headline with links of their own
/// stay two.
public struct StoryKey: Hashable, Sendable, CustomStringConvertible {
    /// The publisher's host, lowercased, without a leading `www.`.
    public let site: String
    /// The headline's letters and digits, lowercased and without accents, one space between words.
    public let headline: String

    /// Publication dates further apart than this are different stories whatever their headlines.
    public static let sameStoryWindow: TimeInterval = 3 * 86_400

    /// The story published on `site` under `headline`; nil when the site has no host or the
    /// headline no letter or digit.
    public init?(site: URL, headline: String) {
        guard let host = Self.site(of: site) else { return nil }
        let words = headline.lowercased()
            .folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
            .split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        guard !words.isEmpty else { return nil }
        self.site = host
        self.headline = words.joined(separator: " ")
    }

    /// `story:<site> <headline>`, as stored.
    public var rawValue: String { "story:" + site + " " + headline }

    public var description: String { rawValue }

    /// The site a link is on: its host, lowercased, without a leading `www.`; nil without a host.
    public static func site(of url: URL) -> String? {
        guard let host = url.host?.lowercased(), !host.isEmpty else { return nil }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }

    /// Whether items published at these times can be one story: always when either time is
    /// unknown, else when they are at most ``sameStoryWindow`` apart.
    public static func canBeOneStory(publishedAt first: Date?, and second: Date?) -> Bool {
        guard let first, let second else { return true }
        return abs(first.timeIntervalSince(second)) <= sameStoryWindow
    }
}
