import Foundation

/// Where the recipes' feeds come from: the configuration's `[recipes]` and `[bridges]` tables.
///
/// Every address has a standard value; a school changes one only to go through a mirror, and the
/// tests point them at servers of their own on this machine.
public struct RecipeSettings: Sendable, Hashable {
    /// The standard YouTube address.
    public static let standardYouTube = URL(string: "https://www.youtube.com")!
    /// The Mastodon server read when the configuration names none: the largest general one.
    public static let standardMastodonInstances = [URL(string: "https://mastodon.social")!]

    /// Google News, Bing News and Reddit, each at its base address.
    public var searchBases: [SearchEngine: URL]
    /// YouTube's base address.
    public var youtube: URL
    /// The Mastodon servers whose hashtag feeds are read.
    public var mastodonInstances: [URL]
    /// The bridge the school runs, when it runs one.
    public var bridge: Bridge?

    /// Creates settings; anything not given takes its standard value.
    public init(
        searchBases: [SearchEngine: URL] = [:],
        youtube: URL = RecipeSettings.standardYouTube,
        mastodonInstances: [URL] = RecipeSettings.standardMastodonInstances,
        bridge: Bridge? = nil
    ) {
        self.searchBases = searchBases
        self.youtube = youtube
        self.mastodonInstances = mastodonInstances
        self.bridge = bridge
    }

    /// The base address of a search engine: the configured one, else the engine's own.
    public func base(of engine: SearchEngine) -> URL {
        searchBases[engine] ?? engine.standardBase
    }

    /// An absolute http or https address with a host, else nil.
    public static func webAddress(_ text: String) -> URL? {
        guard let url = URL(string: text.trimmingCharacters(in: .whitespaces)),
              ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host?.isEmpty == false
        else { return nil }
        return url
    }

    /// A Mastodon server as people write it, by name ("mastodon.social") or by address, else nil.
    public static func mastodonInstance(_ text: String) -> URL? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return webAddress(trimmed.contains("://") ? trimmed : "https://" + trimmed)
    }
}
