import ArgumentParser
import Fetching
import Foundation
import Recipes
import Settings
import Sourcing

/// `earshot init`: writes a commented starter configuration and feed list, for an example school
/// or, with `--school`, for a school named, with its sources found by the recipes.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter earshot.toml and feeds/feeds.opml.",
        discussion: """
        With --school, the files are filled in for that school: its names, aliases, hashtags, handles and \
        domain in earshot.toml, and in feeds/feeds.opml its own site's feeds (or news page), Google News, \
        Bing News and Reddit searches for its names, Mastodon hashtag feeds, and any YouTube channel or \
        bridge feeds asked for. Nothing else needs the internet: when the website cannot be reached, its \
        home page is listed as a page to read.
        """
    )

    @Option(name: .shortAndLong, help: "The folder to write into.")
    var directory = "."

    @Flag(help: "Overwrite files that already exist.")
    var force = false

    @Option(help: "The school's full name, such as \"Hollin Brook Academy\".")
    var school: String?

    @Option(name: .customLong("alias"),
            help: "Another name people use (repeatable). One that says what kind of school it is is a name; any other, such as a place or an acronym, needs context.")
    var aliases: [String] = []

    @Option(help: "The school's website: its feeds are found, else its news page is read.")
    var website: String?

    @Option(help: "The school's town: ambiguous aliases are searched for beside it.")
    var town: String?

    @Option(name: .customLong("hashtag"), help: "A hashtag of the school's (repeatable; default: its names run together).")
    var hashtags: [String] = []

    @Option(name: .customLong("handle"), help: "One of the school's own social media handles (repeatable).")
    var handles: [String] = []

    @Option(name: .customLong("youtube-channel"), help: "The id (UC…) of the school's YouTube channel (repeatable).")
    var youtubeChannels: [String] = []

    @Option(name: .customLong("mastodon-instance"), help: "A Mastodon server to read hashtags on (repeatable; default: mastodon.social).")
    var mastodonInstances: [String] = []

    @Option(name: .customLong("bridge"), help: "The address of a feed bridge the school runs (RSS-Bridge or RSSHub).")
    var bridgeAddress: String?

    @Option(name: .customLong("bridge-kind"), help: "The bridge's software: rss-bridge or rsshub.")
    var bridgeKind = Bridge.Software.rssBridge.rawValue

    @Option(name: .customLong("facebook"), help: "A public Facebook page to read through the bridge (repeatable).")
    var facebookPages: [String] = []

    @Option(name: .customLong("x"), help: "An X account to read through the bridge (repeatable).")
    var xAccounts: [String] = []

    @Option(name: .customLong("instagram"), help: "An Instagram account to read through the bridge (repeatable).")
    var instagramAccounts: [String] = []

    @Option(name: .customLong("tiktok"), help: "A TikTok account to read through the bridge (repeatable).")
    var tiktokAccounts: [String] = []

    @Option(name: .customLong("engine"),
            help: "Read a recipe from another address, such as a mirror (repeatable): google-news=URL, bing-news=URL, reddit=URL or youtube=URL.")
    var engines: [String] = []

    /// The options that describe a school, which mean nothing without `--school`.
    private var hasSchoolOptions: Bool {
        !aliases.isEmpty || website != nil || town != nil || !hashtags.isEmpty || !handles.isEmpty || !youtubeChannels.isEmpty
            || !mastodonInstances.isEmpty || bridgeAddress != nil || !bridgeAccounts.isEmpty || !engines.isEmpty
    }

    private var bridgeAccounts: [(network: Bridge.Network, account: String)] {
        facebookPages.map { (.facebook, $0) } + xAccounts.map { (.x, $0) } + instagramAccounts.map { (.instagram, $0) }
            + tiktokAccounts.map { (.tiktok, $0) }
    }

    func validate() throws {
        if school == nil, hasSchoolOptions { throw ValidationError("the options that describe a school need --school") }
        if let school, school.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--school needs a name") }
    }

    func run() async throws {
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        let configurationFile = folder.appendingPathComponent("earshot.toml")
        let feedListFile = folder.appendingPathComponent("feeds/feeds.opml")
        if !force, let existing = [configurationFile, feedListFile].first(where: { FileManager.default.fileExists(atPath: $0.path) }) {
            printError("\(existing.path) already exists; use --force to overwrite it")
            throw ExitStatus.cannotWrite
        }
        guard let school else {
            try write(StarterFiles.configuration, to: configurationFile)
            try write(StarterFiles.feedList, to: feedListFile)
            print("Edit earshot.toml for your school and feeds/feeds.opml for your sources, then run `earshot scan`.")
            return
        }
        let settings = try recipeSettings()
        let websiteURL = try website.map { try webAddress($0, option: "--website") }
        let profile = StarterProfile(school: school, aliases: aliases, website: websiteURL, town: town, hashtags: hashtags,
                                     handles: handles)
        let givenAddresses = [websiteURL, settings.bridge?.baseURL].compactMap { $0 } + settings.mastodonInstances
            + Array(settings.searchBases.values) + [settings.youtube]
        let loopbackReason = givenAddresses.contains(where: Self.isOnThisMachine)
            ? "an address given to earshot init is on this machine" : nil
        var site: SiteSources?
        if let websiteURL {
            print("looking for the feeds of \(websiteURL.absoluteString) …")
            site = await discoverSources(of: websiteURL, allowsLoopback: loopbackReason != nil)
        }
        let sources: [SourceRecipe]
        do {
            sources = try RecipeBook(settings: settings).starterSources(
                for: profile, site: site, youtubeChannels: youtubeChannels, bridgeAccounts: bridgeAccounts)
        } catch {
            throw ValidationError(error.description)
        }
        try write(StarterFiles.configuration(for: profile, recipes: settings, loopbackReason: loopbackReason), to: configurationFile)
        try write(StarterFeedList(profile: profile, sources: sources, siteNotes: site?.notes ?? []).text, to: feedListFile)
        do {
            _ = try ConfigurationLoader().load(from: configurationFile)
        } catch {
            printError("the written configuration does not load: \(error.description)")
            throw ExitStatus.configurationError
        }
        for note in site?.notes ?? [] { print("  " + terminalSafe(note)) }
        print(summary(of: sources))
        print("Check earshot.toml (roles, exclusion phrases) and feeds/feeds.opml, then run `earshot feeds` and `earshot scan`.")
    }

    /// What the website offers, looked for with one try per address and short time limits, so that
    /// `init` finishes quickly without the internet.
    private func discoverSources(of website: URL, allowsLoopback: Bool) async -> SiteSources {
        let fetchSettings = FetchSettings(connectTimeout: .seconds(10), totalTimeout: .seconds(20), allowsLoopback: allowsLoopback)
        do {
            return try await withTransferEngine(settings: fetchSettings) { engine in
                let fetcher = PoliteFetcher(engine: engine, policy: PolitenessPolicy(maximumAttempts: 1))
                return await SiteDiscovery(fetcher: fetcher).sources(of: website)
            }
        } catch {
            return SiteSources(website: website, notes: ["cannot start fetching (\(error)); the website is listed as a page to read"])
        }
    }

    /// How many sources of each recipe were written.
    private func summary(of sources: [SourceRecipe]) -> String {
        let counts = RecipeKind.allCases.compactMap { kind -> String? in
            let count = sources.filter { $0.kind == kind }.count
            return count == 0 ? nil : "\(count) \(kind.rawValue)"
        }
        return "\(sources.count) sources: " + counts.joined(separator: ", ")
    }

    /// The recipes' addresses from `--engine`, `--mastodon-instance` and `--bridge`.
    private func recipeSettings() throws -> RecipeSettings {
        var settings = RecipeSettings()
        let names: [String: SearchEngine] = ["google-news": .googleNews, "bing-news": .bingNews, "reddit": .reddit]
        for engine in engines {
            let parts = engine.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw ValidationError("--engine takes NAME=URL, such as google-news=https://news.google.com") }
            let address = try webAddress(parts[1], option: "--engine")
            if parts[0] == "youtube" {
                settings.youtube = address
            } else if let searchEngine = names[parts[0]] {
                settings.searchBases[searchEngine] = address
            } else {
                throw ValidationError("--engine names google-news, bing-news, reddit or youtube, not \"\(parts[0])\"")
            }
        }
        if !mastodonInstances.isEmpty {
            settings.mastodonInstances = try mastodonInstances.map { text in
                guard let url = RecipeSettings.mastodonInstance(text) else {
                    throw ValidationError("--mastodon-instance needs a Mastodon server such as mastodon.social, not \"\(text)\"")
                }
                return url
            }
        }
        if let bridgeAddress {
            guard let software = Bridge.Software(rawValue: bridgeKind) else {
                throw ValidationError("--bridge-kind is rss-bridge or rsshub, not \"\(bridgeKind)\"")
            }
            settings.bridge = Bridge(software: software, baseURL: try webAddress(bridgeAddress, option: "--bridge"))
        }
        return settings
    }

    private func webAddress(_ text: String, option: String) throws -> URL {
        guard let url = RecipeSettings.webAddress(text) else {
            throw ValidationError("\(option) needs an http or https address, not \"\(text)\"")
        }
        return url
    }

    /// Whether an address names this machine: `localhost`, a 127.x.x.x address or `::1`.
    static func isOnThisMachine(_ url: URL) -> Bool {
        let host = (url.host ?? "").lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return host == "localhost" || host.hasPrefix("127.") || host == "::1"
    }

    private func write(_ contents: String, to file: URL) throws {
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: file, atomically: true, encoding: .utf8)
        } catch {
            printError("cannot write \(file.path): \(error.localizedDescription)")
            throw ExitStatus.cannotWrite
        }
        print("wrote \(file.path)")
    }
}
