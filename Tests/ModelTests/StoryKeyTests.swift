import Foundation
import Model
import Testing

/// The story an item carries, told apart from its link, and when an item only stands in for it.
@Suite struct StoryKeyTests {
    @Test func theSiteLosesItsWwwAndTheHeadlineItsCasePunctuationAndAccents() throws {
        let key = try #require(StoryKey(site: URL(string: "https://WWW.Paper.example.co.uk/news")!,
                                        headline: "  Millbrook Academy’s café: “A Triumph!” — 2026 "))
        #expect(key.site == "paper.example.co.uk")
        #expect(key.headline == "millbrook academy s cafe a triumph 2026")
        #expect(key.rawValue == "story:paper.example.co.uk millbrook academy s cafe a triumph 2026")
    }

    @Test func aHeadlineWithoutWordsOrASiteWithoutAHostGivesNoStory() {
        #expect(StoryKey(site: URL(string: "https://paper.example/")!, headline: " — !! ") == nil)
        #expect(StoryKey(site: URL(string: "file:///srv/feed.xml")!, headline: "Headline") == nil)
    }

    @Test func anItemStandsInWhenItsLinkLeadsAwayFromItsStorysSite() {
        let story = StoryKey(site: URL(string: "https://paper.example/")!, headline: "Head resigns")
        let relayed = Item(key: ItemKey(rawValue: "id:x"), title: "Head resigns - Paper",
                           link: URL(string: "https://news.google.com/rss/articles/CBMiQ?oc=5"), text: "", story: story)
        let own = Item(key: ItemKey(rawValue: "id:y"), title: "Head resigns",
                       link: URL(string: "https://www.paper.example/news/head-resigns"), text: "", story: story)
        let unlinked = Item(key: ItemKey(rawValue: "id:z"), title: "Head resigns", text: "", story: story)
        let storyless = Item(key: ItemKey(rawValue: "id:w"), title: "Head resigns", link: URL(string: "https://elsewhere.example/"), text: "")
        #expect(relayed.isStandIn)
        #expect(!own.isStandIn)
        #expect(unlinked.isStandIn)
        #expect(!storyless.isStandIn)
    }

    @Test func publicationTimesMoreThanThreeDaysApartAreTwoStories() {
        let monday = Date(timeIntervalSince1970: 1_795_000_000)
        #expect(StoryKey.canBeOneStory(publishedAt: monday, and: monday.addingTimeInterval(3 * 86_400)))
        #expect(!StoryKey.canBeOneStory(publishedAt: monday, and: monday.addingTimeInterval(3 * 86_400 + 1)))
        #expect(!StoryKey.canBeOneStory(publishedAt: monday.addingTimeInterval(7 * 86_400), and: monday))
        #expect(StoryKey.canBeOneStory(publishedAt: nil, and: monday))
        #expect(StoryKey.canBeOneStory(publishedAt: monday, and: nil))
    }
}
