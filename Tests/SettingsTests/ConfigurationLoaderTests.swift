import Settings
import Fetching
import Foundation
import Mentions
import Model
import Parsing
import Recipes
import Scheduling
import TestSupport
import Testing
import Workflow

@Suite struct ConfigurationLoaderTests {
    static let feedList = """
    <?xml version="1.0" encoding="UTF-8"?>
    <opml version="2.0"><head><title>t</title></head><body>
      <outline type="rss" text="Gazette" xmlUrl="gazette.rss"/>
      <outline type="html" text="School news" xmlUrl="https://school.example/news" earshotAboutSchool="true"/>
    </body></opml>
    """

    static let minimal = """
    [school]
    names = ["Millbrook Academy"]
    ambiguous_aliases = ["MBA"]

    [roles]
    dsl = ["dsl@school.example"]
    slt = ["head@school.example"]
    communications = ["office@school.example"]

    [feeds]
    opml = ["feeds.opml"]
    default_interval = "15m"
    """

    /// Writes `configuration` and the feed list into a fresh folder and loads them.
    func load(_ configuration: String, feedList: String = feedList) async throws -> Result<EarshotConfiguration, ConfigurationError> {
        try await loadWritten(configuration, feedList: feedList)
    }

    func problem(_ configuration: String, feedList: String = feedList) async throws -> ConfigurationError {
        let result = try await load(configuration, feedList: feedList)
        guard case .failure(let error) = result else {
            Issue.record("expected a configuration error")
            return ConfigurationError(file: "", problem: "")
        }
        return error
    }

    @Test func loadsAMinimalConfigurationWithTheFeedsOfItsOPMLFile() async throws {
        let configuration = try await load(Self.minimal).get()
        #expect(configuration.displayName == "Millbrook Academy")
        #expect(configuration.schools[0].profile.ambiguousAliases == ["MBA"])
        #expect(configuration.calendar.timeZone.identifier == "Europe/London")
        #expect(configuration.schedule.defaultInterval == .seconds(900))
        #expect(configuration.sources.map(\.title) == ["Gazette", "School news"])
        #expect(configuration.sources[0].url.isFileURL)
        #expect(configuration.sources[0].url.lastPathComponent == "gazette.rss")
        #expect(configuration.sources[1].kind == .page && configuration.sources[1].isAboutSchool)
        #expect(configuration.fetchSettings.allowsLoopback == false)
        #expect(configuration.databaseFile.lastPathComponent == "earshot.sqlite")
    }

    @Test func theStarterFilesLoad() async throws {
        let configuration = try await load(StarterFiles.configuration.replacingOccurrences(of: "feeds/feeds.opml", with: "feeds.opml"),
                                           feedList: StarterFiles.feedList).get()
        #expect(configuration.sources.count == 2)
        #expect(configuration.routing[.praise]?.opensCase == true)
    }

    @Test func theStarterFilesOfANamedSchoolLoadWithItsProfileAndSources() async throws {
        let profile = StarterProfile(school: "Hollin Brook Academy", aliases: ["HBA"], website: URL(string: "https://hollinbrook.sch.uk"),
                                     town: "Aireby", handles: ["@HollinBrookAcad"])
        let bridge = Bridge(software: .rssHub, baseURL: URL(string: "http://127.0.0.1:1200")!)
        let settings = RecipeSettings(mastodonInstances: [URL(string: "https://mastodonapp.uk")!], bridge: bridge)
        let sources = try RecipeBook(settings: settings).starterSources(
            for: profile, site: SiteSources(website: URL(string: "https://hollinbrook.sch.uk")!),
            bridgeAccounts: [(.instagram, "airebymums")])
        let text = StarterFiles.configuration(for: profile, recipes: settings, loopbackReason: "the bridge runs on this machine")
            .replacingOccurrences(of: "feeds/feeds.opml", with: "feeds.opml")
        let list = StarterFeedList(profile: profile, sources: sources, siteNotes: ["hollinbrook.sch.uk advertises no feed"]).text
        let configuration = try await load(text, feedList: list).get()
        #expect(configuration.schools[0].profile.names == ["Hollin Brook Academy"])
        #expect(configuration.schools[0].profile.ambiguousAliases == ["Hollin Brook", "HBA"])
        #expect(configuration.schools[0].profile.hashtags == ["HollinBrookAcademy"])
        #expect(configuration.schools[0].profile.handles == ["@HollinBrookAcad"])
        #expect(configuration.schools[0].profile.domains == ["hollinbrook.sch.uk"])
        #expect(configuration.schools[0].profile.contextWords == ["Aireby"], "the town is context")
        #expect(configuration.schools[0].searchTerms.place == "Aireby")
        #expect(configuration.recipes == settings)
        #expect(configuration.fetchSettings.allowsLoopback)
        #expect(configuration.sources == sources.map(\.source), "every source as made, in order")
        #expect(list.contains("<!-- Google Alerts: sign in at https://www.google.com/alerts"))
        #expect(list.contains("What `earshot init` found: hollinbrook.sch.uk advertises no"))
    }

    @Test func recipeAddressesAndTheBridgeAreRead() async throws {
        let configuration = try await load(Self.minimal + """

            [recipes]
            google_news = "http://127.0.0.1:9001/"
            mastodon_instances = ["mastodon.social", "https://mastodonapp.uk"]

            [bridges]
            base_url = "https://bridge.school.example/rss-bridge/"
            """).get()
        #expect(configuration.recipes.base(of: .googleNews).absoluteString == "http://127.0.0.1:9001/")
        #expect(configuration.recipes.base(of: .bingNews) == SearchEngine.bingNews.standardBase)
        #expect(configuration.recipes.mastodonInstances.map(\.absoluteString) == ["https://mastodon.social", "https://mastodonapp.uk"])
        #expect(configuration.recipes.bridge == Bridge(software: .rssBridge, baseURL: URL(string: "https://bridge.school.example/rss-bridge/")!))
    }

    @Test func aWrongBridgeOrRecipeAddressNamesItsLine() async throws {
        let kind = try await problem(Self.minimal + "\n[bridges]\nbase_url = \"https://bridge.school.example\"\nkind = \"nitter\"\n")
        #expect(kind.line == 15 && kind.problem.contains("rss-bridge"))
        let address = try await problem(Self.minimal + "\n[recipes]\nreddit = \"old.reddit.com\"\n")
        #expect(address.line == 14 && address.problem.contains("http or https"))
        let unknown = try await problem(Self.minimal + "\n[recipes]\ntwitter = \"https://x.com\"\n")
        #expect(unknown.problem.contains("unknown key \"twitter\""))
    }

    @Test func invalidTOMLNamesTheLine() async throws {
        let error = try await problem(Self.minimal + "\n[fetch\ntimeout = 3\n")
        #expect(error.line == 13)
        #expect(error.description.contains("earshot.toml:13:"))
    }

    @Test func anUnknownKeyNamesItsLineAndTheKnownKeys() async throws {
        let error = try await problem(Self.minimal.replacingOccurrences(of: "default_interval", with: "default_intervall"))
        #expect(error.line == 12)
        #expect(error.problem.contains("unknown key \"default_intervall\""))
    }

    @Test func aValueOfTheWrongKindNamesItsLine() async throws {
        let error = try await problem(Self.minimal.replacingOccurrences(of: "\"15m\"", with: "\"fortnightly\""))
        #expect(error.line == 12)
        #expect(error.problem.contains("duration"))
    }

    @Test func anUnknownTimeZoneIsRefused() async throws {
        let error = try await problem(Self.minimal + "\n[calendar]\ntime_zone = \"Europe/Atlantis\"\n")
        #expect(error.line == 14)
        #expect(error.problem.contains("Europe/Atlantis"))
    }

    @Test(arguments: ["", "dsl = []\n"])
    func anOwnerRoleWithoutAddressesIsRefused(replacement: String) async throws {
        let error = try await problem(Self.minimal.replacingOccurrences(of: "dsl = [\"dsl@school.example\"]\n", with: replacement))
        #expect(error.problem.contains("\"dsl\"") && error.problem.contains("no email addresses"))
    }

    @Test(arguments: ["\"999999999999999d\"", "\"-1d\"", "\"3w\""])
    func aDurationThatOverflowsOrMeansNothingIsAnErrorNotACrash(value: String) async throws {
        let error = try await problem(Self.minimal + "\n[cases]\njoin_window = \(value)\n")
        #expect(error.line != nil && error.problem.contains("must be a duration"), "\(error.line ?? -1) \(error.problem)")
    }

    @Test func theHistoryWindowIsTwoDaysUnlessTheScanTableSaysOtherwise() async throws {
        #expect(try await load(Self.minimal).get().historyWindow == .seconds(48 * 3600))
        #expect(try await load(Self.minimal + "\n[scan]\nhistory_window = \"12h\"\n").get().historyWindow == .seconds(12 * 3600))
        #expect(try await load(Self.minimal + "\n[scan]\nhistory_window = \"0h\"\n").get().historyWindow == .zero)
    }

    /// A `[scan]` table that is wrong, and what the error must say.
    struct HistoryWindowError: CustomTestStringConvertible, Sendable {
        let table: String
        let says: String
        let note: String
        var testDescription: String { note }
    }

    @Test(arguments: [
        HistoryWindowError(table: "history_window = 48", says: "scan.history_window must be a duration in quotes, such as \"48h\"",
                           note: "a number without a unit"),
        HistoryWindowError(table: "history_window = \"two days\"", says: "scan.history_window must be a duration such as",
                           note: "words"),
        HistoryWindowError(table: "history_window = \"-2d\"", says: "scan.history_window must be a duration such as", note: "negative"),
        HistoryWindowError(table: "history_window_hours = 48", says: "unknown key \"history_window_hours\" in [scan]; known keys: history_window",
                           note: "a key of another name"),
    ])
    func aWrongHistoryWindowNamesItsLineAndSaysWhatIsWanted(_ wrong: HistoryWindowError) async throws {
        let error = try await problem(Self.minimal + "\n[scan]\n\(wrong.table)\n")
        #expect(error.line == 14, "\(error.description)")
        #expect(error.problem.contains(wrong.says), "\(error.problem)")
    }

    @Test func aProxyIsReadAndAnythingButAProxyURLIsRefused() async throws {
        let configuration = try await load(Self.minimal + "\n[fetch]\nproxy = \"http://proxy.school.example:3128\"\n").get()
        #expect(configuration.fetchSettings.proxy == "http://proxy.school.example:3128")
        #expect(configuration.fetchSettings.mayUseProxy)
        for value in ["\"proxy.school.example:3128\"", "\"ftp://proxy.school.example\"", "\"http://\""] {
            let error = try await problem(Self.minimal + "\n[fetch]\nproxy = \(value)\n")
            #expect(error.line != nil && error.problem.contains("fetch.proxy must be a proxy URL"), "\(value): \(error.problem)")
        }
    }

    @Test(arguments: ["\"99999999999999999h\"", "\"8785h\"", "\"0h\"", "\"soon\""])
    func aResponseTimeThatMeansNothingOrOverflowsIsRefused(value: String) async throws {
        let error = try await problem(Self.minimal + "\n[response.complaint]\nresponse_time = \(value)\n")
        #expect(error.line != nil && error.problem.contains("response_time must be"), "\(value): \(error.problem)")
    }

    @Test func aDefaultIntervalUnderAMinuteIsRefused() async throws {
        let error = try await problem(Self.minimal.replacingOccurrences(of: "default_interval = \"15m\"", with: "default_interval = \"0s\""))
        #expect(error.line != nil && error.problem.contains("at least 1m"), "\(error.problem)")
    }

    @Test func aRetentionOfZeroWouldPurgeEverythingAndIsRefused() async throws {
        let error = try await problem(Self.minimal + "\n[retention]\npost_text = \"0d\"\n")
        #expect(error.line != nil && error.problem.contains("longer than zero"), "\(error.line ?? -1) \(error.problem)")
    }

    @Test(arguments: ["password = 1234", "password = \"hunter2\"", "username = [\"me\"]"])
    func loginDetailsOfAnyKindAreRefusedInTheFile(line: String) async throws {
        let error = try await problem(Self.minimal + "\n[email]\nhost = \"smtp.school.example\"\nfrom = \"earshot@school.example\"\n\(line)\n")
        #expect(error.problem.contains("EARSHOT_SMTP_PASSWORD"))
    }

    @Test func aMalformedOPMLFileNamesItsLine() async throws {
        let broken = Self.feedList.replacingOccurrences(of: "<outline type=\"rss\" text=\"Gazette\" xmlUrl=\"gazette.rss\"/>",
                                                        with: "<outline type=\"rss\" text=\"Gazette\" xmlUrl=\"gazette.rss\">")
        let error = try await problem(Self.minimal, feedList: broken)
        #expect(error.file.hasSuffix("feeds.opml"))
        #expect(error.line != nil)
    }

    @Test func aMissingConfigurationFileSaysHowToMakeOne() throws {
        #expect {
            try ConfigurationLoader().load(from: URL(fileURLWithPath: "/nonexistent/earshot.toml"))
        } throws: { error in
            (error as? ConfigurationError)?.problem.contains("earshot init") == true
        }
    }
}

/// Writes `configuration` as `earshot.toml` and `feedList` as `feeds.opml` into a fresh folder and
/// loads them: the configuration, or the error that stops it.
func loadWritten(_ configuration: String, feedList: String) async throws -> Result<EarshotConfiguration, ConfigurationError> {
    try await withTemporaryDirectory { folder in
        try configuration.write(to: folder.appendingPathComponent("earshot.toml"), atomically: true, encoding: .utf8)
        try feedList.write(to: folder.appendingPathComponent("feeds.opml"), atomically: true, encoding: .utf8)
        do {
            return .success(try ConfigurationLoader().load(from: folder.appendingPathComponent("earshot.toml")))
        } catch let error as ConfigurationError {
            return .failure(error)
        }
    }
}
