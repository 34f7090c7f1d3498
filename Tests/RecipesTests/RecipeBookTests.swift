import Foundation
import Model
import Recipes
import Testing

@Suite struct RecipeBookTests {
    static let terms = SearchTerms(names: ["Hollin Brook Academy"], ambiguousAliases: ["Hollin Brook"], place: "Aireby")

    @Test func eachSearchEnginesTemplateIsItsPublicAddress() {
        #expect(SearchEngine.googleNews.urlTemplate == "https://news.google.com/rss/search?q=QUERY&hl=en-GB&gl=GB&ceid=GB:en")
        #expect(SearchEngine.bingNews.urlTemplate == "https://www.bing.com/news/search?q=QUERY&format=rss")
        #expect(SearchEngine.reddit.urlTemplate == "https://www.reddit.com/search.rss?q=QUERY&sort=new")
    }

    @Test func aSearchFeedEncodesItsQuerySoThatNoCharacterChangesTheAddress() {
        let recipe = RecipeBook().searchFeed(on: .googleNews, query: #""St Mary & St John's" -"Road""#)
        #expect(recipe.source.url.absoluteString
                == "https://news.google.com/rss/search?q=%22St%20Mary%20%26%20St%20John%27s%22%20-%22Road%22&hl=en-GB&gl=GB&ceid=GB:en")
        #expect(recipe.source.title == #"Google News: "St Mary & St John's" -"Road""#)
        #expect(recipe.kind == .googleNews && recipe.source.kind == .feed)
    }

    @Test func searchFeedsFollowTheConfiguredBaseAndTheRecipesInterval() throws {
        let base = try #require(URL(string: "http://127.0.0.1:8123/mirror/"))
        let book = RecipeBook(settings: RecipeSettings(searchBases: [.reddit: base]))
        let feeds = book.searchFeeds(on: .reddit, for: Self.terms)
        #expect(feeds.map(\.source.url.absoluteString) == [
            "http://127.0.0.1:8123/mirror/search.rss?q=%22Hollin%20Brook%20Academy%22&sort=new",
            "http://127.0.0.1:8123/mirror/search.rss?q=%22Hollin%20Brook%22%20%22Aireby%22&sort=new",
        ])
        #expect(feeds.allSatisfy { $0.source.refreshInterval == .seconds(1800) && !$0.source.isSchoolsOwn })
    }

    @Test func searchFeedsAreReadNoMoreOftenThanEveryFifteenMinutes() throws {
        for kind in [RecipeKind.googleNews, .bingNews, .reddit] {
            let shortest = try #require(kind.shortestInterval)
            #expect(shortest >= .seconds(900))
            #expect(try #require(kind.defaultInterval) >= shortest)
        }
    }

    @Test func hashtagFeedsAreMadeForEveryTagOnEveryServer() throws {
        let settings = RecipeSettings(mastodonInstances: [URL(string: "https://mastodon.social")!, URL(string: "https://mastodonapp.uk/")!])
        let feeds = RecipeBook(settings: settings).hashtagFeeds(["#HollinBrookAcademy", "Aireby"])
        #expect(feeds.map(\.source.url.absoluteString) == [
            "https://mastodon.social/tags/HollinBrookAcademy.rss", "https://mastodon.social/tags/Aireby.rss",
            "https://mastodonapp.uk/tags/HollinBrookAcademy.rss", "https://mastodonapp.uk/tags/Aireby.rss",
        ])
        #expect(feeds[0].source.title == "Mastodon #HollinBrookAcademy on mastodon.social")
        #expect(feeds[0].source.refreshInterval == .seconds(900))
    }

    @Test func aMastodonServerIsWrittenByNameOrAddressAndOnlyWebAddressesAreTaken() {
        #expect(RecipeSettings.mastodonInstance("mastodon.social")?.absoluteString == "https://mastodon.social")
        #expect(RecipeSettings.mastodonInstance(" http://127.0.0.1:8080 ")?.absoluteString == "http://127.0.0.1:8080")
        #expect(RecipeSettings.mastodonInstance("ftp://mastodon.social") == nil)
        #expect(RecipeSettings.webAddress("news.example/rss") == nil && RecipeSettings.webAddress("https:///rss") == nil)
    }

    @Test func aYouTubeFeedTakesAChannelIDAndNothingElse() throws {
        let recipe = try RecipeBook().youtubeFeed(channelID: "UCq3Hb7dY1mKx2pLr8sT4vWz", isSchoolsOwn: true)
        #expect(recipe.source.url.absoluteString == "https://www.youtube.com/feeds/videos.xml?channel_id=UCq3Hb7dY1mKx2pLr8sT4vWz")
        #expect(recipe.source.isSchoolsOwn && recipe.source.isAboutSchool)
        for wrong in ["@HollinBrookAcademy", "UCq3Hb7dY1mKx2pLr8sT4vW", "https://www.youtube.com/@HollinBrook", "UCq3Hb7dY1mKx2pLr8sT4v&z"] {
            #expect(throws: RecipeError.notAChannelID(wrong)) { try RecipeBook().youtubeFeed(channelID: wrong, isSchoolsOwn: false) }
        }
    }

    /// A bridge feed's address for one software and network.
    struct BridgeCase: CustomTestStringConvertible, Sendable {
        let software: Bridge.Software
        let network: Bridge.Network
        let address: String
        var testDescription: String { "\(software.rawValue) \(network.rawValue)" }
    }

    @Test(arguments: [
        BridgeCase(software: .rssBridge, network: .facebook,
                   address: "https://bridge.school.example/rss-bridge/?action=display&bridge=FacebookBridge&context=User&u=AirebyNoticeboard&format=Atom"),
        BridgeCase(software: .rssBridge, network: .x,
                   address: "https://bridge.school.example/rss-bridge/?action=display&bridge=TwitterBridge&context=By+username&u=AirebyNoticeboard&format=Atom"),
        BridgeCase(software: .rssBridge, network: .instagram,
                   address: "https://bridge.school.example/rss-bridge/?action=display&bridge=InstagramBridge&context=Username&u=AirebyNoticeboard&format=Atom"),
        BridgeCase(software: .rssBridge, network: .tiktok,
                   address: "https://bridge.school.example/rss-bridge/?action=display&bridge=TikTokBridge&context=By+user&username=@AirebyNoticeboard&format=Atom"),
        BridgeCase(software: .rssHub, network: .facebook, address: "https://bridge.school.example/rss-bridge/facebook/page/AirebyNoticeboard"),
        BridgeCase(software: .rssHub, network: .x, address: "https://bridge.school.example/rss-bridge/twitter/user/AirebyNoticeboard"),
        BridgeCase(software: .rssHub, network: .instagram, address: "https://bridge.school.example/rss-bridge/instagram/user/AirebyNoticeboard"),
        BridgeCase(software: .rssHub, network: .tiktok, address: "https://bridge.school.example/rss-bridge/tiktok/user/@AirebyNoticeboard"),
    ])
    func bridgeFeedsUseEachSoftwaresOwnRoutes(_ example: BridgeCase) throws {
        let bridge = Bridge(software: example.software, baseURL: URL(string: "https://bridge.school.example/rss-bridge/")!)
        let book = RecipeBook(settings: RecipeSettings(bridge: bridge))
        for written in ["AirebyNoticeboard", "@AirebyNoticeboard", "https://www.facebook.com/AirebyNoticeboard/"] {
            let recipe = try book.bridgeFeed(network: example.network, account: written)
            #expect(recipe.source.url.absoluteString == example.address)
            #expect(recipe.source.refreshInterval == .seconds(3600))
        }
    }

    @Test func aBridgeFeedNeedsABridgeAndAnAccount() {
        #expect(throws: RecipeError.noBridge) { try RecipeBook().bridgeFeed(network: .facebook, account: "AirebyNoticeboard") }
        let book = RecipeBook(settings: RecipeSettings(bridge: Bridge(software: .rssHub, baseURL: URL(string: "http://127.0.0.1:1200")!)))
        #expect(throws: RecipeError.noAccount("@")) { try book.bridgeFeed(network: .x, account: "@") }
        #expect(throws: RecipeError.unknownNetwork("myspace")) {
            try book.sources(.bridge, arguments: ["myspace", "someone"], terms: Self.terms, hashtags: [])
        }
    }

    @Test func feedsAddArgumentsAreCheckedForEachRecipe() throws {
        let book = RecipeBook()
        let built = try book.sources(.bingNews, arguments: [], terms: Self.terms, hashtags: [])
        #expect(built.count == 2)
        let own = try book.sources(.bingNews, arguments: [#""HBA""#, "Aireby"], terms: Self.terms, hashtags: [])
        #expect(own.map(\.source.title) == [#"Bing News: "HBA" Aireby"#])
        #expect(throws: RecipeError.nothingToSearchFor(.reddit)) {
            try book.sources(.reddit, arguments: [], terms: SearchTerms(names: []), hashtags: [])
        }
        #expect(throws: RecipeError.noHashtags) { try book.sources(.mastodon, arguments: [], terms: Self.terms, hashtags: []) }
        #expect(try book.sources(.mastodon, arguments: [], terms: Self.terms, hashtags: ["HollinBrookAcademy"]).count == 1)
        #expect(throws: RecipeError.wrongArguments(.youtube, expected: "one channel id (UC…)")) {
            try book.sources(.youtube, arguments: [], terms: Self.terms, hashtags: [])
        }
        #expect(throws: RecipeError.notAWebAddress("ftp://news.example/rss")) {
            try book.sources(.feed, arguments: ["ftp://news.example/rss"], terms: Self.terms, hashtags: [])
        }
        let page = try #require(try book.sources(.page, arguments: ["https://www.mumsnet.example/aireby"], terms: Self.terms, hashtags: []).first)
        #expect(page.source.kind == .page && page.source.title == "www.mumsnet.example" && page.source.refreshInterval == nil)
    }

    @Test func aSchoolStartsWithItsSiteSearchesHashtagsChannelsAndBridgeFeeds() throws {
        let bridge = Bridge(software: .rssBridge, baseURL: URL(string: "https://bridge.school.example")!)
        let profile = StarterProfile(school: "Hollin Brook Academy", website: URL(string: "https://hollinbrook.sch.uk"), town: "Aireby")
        let site = SiteSources(website: URL(string: "https://hollinbrook.sch.uk")!,
                               feeds: [.init(url: URL(string: "https://hollinbrook.sch.uk/news/feed/")!, title: "")])
        let sources = try RecipeBook(settings: RecipeSettings(bridge: bridge)).starterSources(
            for: profile, site: site, youtubeChannels: ["UCq3Hb7dY1mKx2pLr8sT4vWz"], bridgeAccounts: [(.facebook, "AirebyNoticeboard")])
        #expect(Set(sources.map(\.kind)) == [.feed, .googleNews, .bingNews, .reddit, .mastodon, .youtube, .bridge])
        let own = try #require(sources.first)
        #expect(own.source.title == "School website feed" && own.source.isSchoolsOwn && own.source.isAboutSchool)
        #expect(own.source.refreshInterval == .seconds(6 * 3600))
    }

    @Test func aSiteWithoutFeedsIsReadAsItsNewsPageElseItsHomePage() {
        let website = URL(string: "https://hollinbrook.sch.uk")!
        let withNews = RecipeBook().siteSources(SiteSources(website: website, newsPage: URL(string: "https://hollinbrook.sch.uk/news")))
        #expect(withNews.map(\.source.url.absoluteString) == ["https://hollinbrook.sch.uk/news"])
        #expect(withNews.allSatisfy { $0.kind == .page && $0.source.kind == .page && $0.source.isSchoolsOwn })
        #expect(RecipeBook().siteSources(SiteSources(website: website)).map(\.source.url) == [website])
    }
}
