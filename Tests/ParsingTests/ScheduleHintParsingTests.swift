import Foundation
import Model
import Parsing
import Testing

@Suite struct ScheduleHintParsingTests {
    func parse(_ channelExtras: String) throws -> ParsedFeed {
        let document = """
            <?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://a.example/</link>
            \(channelExtras)<item><guid>1</guid><title>One</title></item></channel></rss>
            """
        return try FeedParser().parse(Data(document.utf8), baseURL: URL(string: "https://a.example/feed")!)
    }

    @Test func readsTimeToLiveSkipHoursAndSkipDays() throws {
        let feed = try parse("""
            <ttl>90</ttl><skipHours><hour>0</hour><hour>1</hour><hour>24</hour></skipHours>
            <skipDays><day>Saturday</day><day>sunday</day><day>Someday</day></skipDays>
            """)
        #expect(feed.scheduleHints == ScheduleHints(minimumInterval: .seconds(5400), skipHours: [0, 1], skipDays: [7, 1]))
    }

    @Test func aFeedWithoutHintsHasNone() throws {
        #expect(try parse("").scheduleHints == .none)
    }

    @Test func askingToSkipEveryHourIsIgnored() throws {
        let hours = (0..<24).map { "<hour>\($0)</hour>" }.joined()
        #expect(try parse("<skipHours>\(hours)</skipHours>").scheduleHints.skipHours.isEmpty)
    }
}
