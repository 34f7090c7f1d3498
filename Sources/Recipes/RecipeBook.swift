import Foundation
import Model

/// Makes sources from recipes: the address each recipe reads, its title, how often it is read and
/// whether it is the school's own.
public struct RecipeBook: Sendable {
    /// Where the recipes' feeds come from.
    public let settings: RecipeSettings

    /// The address template of a Mastodon hashtag feed.
    public static let mastodonTemplate = hashtagAddress(instance: "https://INSTANCE", encodedTag: "TAG")
    /// The address template of a YouTube channel's feed.
    public static let youtubeTemplate = channelAddress(base: RecipeSettings.standardYouTube.absoluteString, channelID: "ID")

    private static func hashtagAddress(instance: String, encodedTag: String) -> String {
        QueryText.trimmedBase(instance) + "/tags/" + encodedTag + ".rss"
    }

    private static func channelAddress(base: String, channelID: String) -> String {
        QueryText.trimmedBase(base) + "/feeds/videos.xml?channel_id=" + channelID
    }

    /// How to add a Google Alerts feed, which Earshot cannot create itself: an alert is made while
    /// signed in to a Google account, and its feed address is private to that account.
    public static let googleAlertsInstructions = """
        Google Alerts: sign in at https://www.google.com/alerts, type the school's name in quotes, \
        open "Show options", set "Deliver to" to "RSS feed" and create the alert; then copy the \
        address of its RSS icon and run `earshot feeds add feed ADDRESS`. The address is private \
        to the account: keep it out of shared documents.
        """

    /// A recipe book reading from `settings`' addresses.
    public init(settings: RecipeSettings = RecipeSettings()) {
        self.settings = settings
    }

    /// The sources one recipe makes from what `earshot feeds add` was given.
    ///
    /// - Parameters:
    ///   - kind: the recipe.
    ///   - arguments: for a search, the query in the engine's own syntax (none to build it from
    ///     `terms`); for mastodon, hashtags (none for `hashtags`); for youtube, a channel id; for
    ///     bridge, a network and an account; for feed and page, an address.
    ///   - terms: the school's search terms, from its profile.
    ///   - hashtags: the school's hashtags, from its profile.
    /// - Throws: ``RecipeError`` saying what the recipe needs.
    public func sources(
        _ kind: RecipeKind, arguments: [String], terms: SearchTerms, hashtags: [String]
    ) throws(RecipeError) -> [SourceRecipe] {
        switch kind {
        case .googleNews, .bingNews, .reddit:
            let engine = SearchEngine.allCases.first { $0.recipe == kind }!
            if !arguments.isEmpty { return [searchFeed(on: engine, query: arguments.joined(separator: " "))] }
            let feeds = searchFeeds(on: engine, for: terms)
            guard !feeds.isEmpty else { throw .nothingToSearchFor(kind) }
            return feeds
        case .mastodon:
            let tags = arguments.isEmpty ? hashtags : arguments
            guard !tags.isEmpty else { throw .noHashtags }
            return hashtagFeeds(tags)
        case .youtube:
            guard arguments.count == 1 else { throw .wrongArguments(kind, expected: "one channel id (UC…)") }
            return [try youtubeFeed(channelID: arguments[0], isSchoolsOwn: false)]
        case .bridge:
            guard arguments.count == 2 else {
                let networks = Bridge.Network.allCases.map(\.rawValue).joined(separator: "|")
                throw .wrongArguments(kind, expected: "a network (\(networks)) and a page or account name")
            }
            guard let network = Bridge.Network(rawValue: arguments[0].lowercased()) else { throw .unknownNetwork(arguments[0]) }
            return [try bridgeFeed(network: network, account: arguments[1])]
        case .feed, .page:
            guard arguments.count == 1 else { throw .wrongArguments(kind, expected: "one http or https address") }
            let url = try Self.webAddress(arguments[0])
            return [SourceRecipe(kind: kind, source: Source(url: url, kind: kind == .feed ? .feed : .page,
                                                             title: url.host ?? url.absoluteString,
                                                             refreshInterval: kind.defaultInterval))]
        }
    }

    /// The feeds of one engine's search for the school: one per query the terms need.
    public func searchFeeds(on engine: SearchEngine, for terms: SearchTerms) -> [SourceRecipe] {
        SearchQueryBuilder(engine: engine).queries(for: terms).map { searchFeed(on: engine, query: $0) }
    }

    /// The feed of one engine's results for a query in its own syntax.
    public func searchFeed(on engine: SearchEngine, query: String) -> SourceRecipe {
        let source = Source(url: engine.feedURL(for: query, base: settings.base(of: engine)), kind: .feed,
                            title: "\(engine.displayName): \(query)", refreshInterval: engine.recipe.defaultInterval)
        return SourceRecipe(kind: engine.recipe, source: source)
    }

    /// The hashtag feeds of every tag on every configured Mastodon server.
    /// - Parameter tags: hashtags with or without `#`.
    public func hashtagFeeds(_ tags: [String]) -> [SourceRecipe] {
        let tags = tags.map { String($0.drop { $0 == "#" }) }.filter { !$0.isEmpty }
        return settings.mastodonInstances.flatMap { instance in
            tags.map { tag in
                let address = Self.hashtagAddress(instance: instance.absoluteString, encodedTag: QueryText.encoded(tag))
                let source = Source(url: URL(string: address)!, kind: .feed,
                                    title: "Mastodon #\(tag) on \(instance.host ?? instance.absoluteString)",
                                    refreshInterval: RecipeKind.mastodon.defaultInterval)
                return SourceRecipe(kind: .mastodon, source: source)
            }
        }
    }

    /// The feed of a YouTube channel's uploads.
    /// - Parameters:
    ///   - channelID: the channel's id, `UC` and 22 more letters, digits, `-` or `_`.
    ///   - isSchoolsOwn: whether it is the school's own channel, whose videos are the school speaking.
    /// - Throws: ``RecipeError/notAChannelID(_:)`` for a handle, a name or an address.
    public func youtubeFeed(channelID: String, isSchoolsOwn: Bool) throws(RecipeError) -> SourceRecipe {
        let id = channelID.trimmingCharacters(in: .whitespaces)
        guard id.count == 24, id.hasPrefix("UC"),
              id.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") })
        else { throw .notAChannelID(channelID) }
        let address = Self.channelAddress(base: settings.youtube.absoluteString, channelID: id)
        let source = Source(url: URL(string: address)!, kind: .feed, title: "YouTube channel \(id)",
                            isAboutSchool: isSchoolsOwn, isSchoolsOwn: isSchoolsOwn,
                            refreshInterval: RecipeKind.youtube.defaultInterval)
        return SourceRecipe(kind: .youtube, source: source)
    }

    /// The feed of a public page or account through the school's bridge.
    /// - Throws: ``RecipeError/noBridge`` when no bridge is configured, ``RecipeError/noAccount(_:)``
    ///   when no name can be read from `account`.
    public func bridgeFeed(network: Bridge.Network, account: String) throws(RecipeError) -> SourceRecipe {
        guard let bridge = settings.bridge else { throw .noBridge }
        guard let name = network.account(from: account) else { throw .noAccount(account) }
        let software = bridge.software == .rssBridge ? "RSS-Bridge" : "RSSHub"
        let source = Source(url: bridge.feedURL(network: network, account: name), kind: .feed,
                            title: "\(network.displayName): \(name) (through \(software))",
                            refreshInterval: RecipeKind.bridge.defaultInterval)
        return SourceRecipe(kind: .bridge, source: source)
    }

    /// The school's own site: its feeds, else its news page (or home page) as a page source. All
    /// are the school speaking and about the school, read every six hours.
    public func siteSources(_ site: SiteSources) -> [SourceRecipe] {
        let interval = Duration.seconds(6 * 3600)
        guard !site.feeds.isEmpty else {
            let source = Source(url: site.newsPage ?? site.website, kind: .page,
                                title: site.newsPage == nil ? "School website" : "School news page",
                                isAboutSchool: true, isSchoolsOwn: true, refreshInterval: interval)
            return [SourceRecipe(kind: .page, source: source)]
        }
        return site.feeds.map { feed in
            let source = Source(url: feed.url, kind: .feed, title: feed.title.isEmpty ? "School website feed" : feed.title,
                                isAboutSchool: true, isSchoolsOwn: true, refreshInterval: interval)
            return SourceRecipe(kind: .feed, source: source)
        }
    }

    /// Every source a new school starts with: its site, news and Reddit searches for its names,
    /// hashtag feeds, its YouTube channels and the bridge feeds asked for.
    /// - Parameters:
    ///   - profile: what the school is called.
    ///   - site: what its website offers, when it gave one.
    ///   - youtubeChannels: ids of the school's own YouTube channels.
    ///   - bridgeAccounts: public pages and accounts to read through the bridge.
    /// - Throws: ``RecipeError`` for a channel id or account that cannot be read, or bridge
    ///   accounts without a bridge.
    public func starterSources(
        for profile: StarterProfile, site: SiteSources?, youtubeChannels: [String] = [],
        bridgeAccounts: [(network: Bridge.Network, account: String)] = []
    ) throws(RecipeError) -> [SourceRecipe] {
        var recipes = site.map(siteSources) ?? []
        for engine in SearchEngine.allCases { recipes += searchFeeds(on: engine, for: profile.searchTerms) }
        recipes += hashtagFeeds(profile.hashtags)
        for channel in youtubeChannels { recipes.append(try youtubeFeed(channelID: channel, isSchoolsOwn: true)) }
        for (network, account) in bridgeAccounts { recipes.append(try bridgeFeed(network: network, account: account)) }
        return recipes
    }

    /// An absolute http or https address.
    static func webAddress(_ text: String) throws(RecipeError) -> URL {
        guard let url = RecipeSettings.webAddress(text) else { throw .notAWebAddress(text) }
        return url
    }
}
