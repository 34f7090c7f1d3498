import Foundation
import Model
import Testing

@testable import Parsing

/// Documents written to attack the parser: none may read files, touch the network or blow up.
@Suite struct HostileDocumentTests {
    let parser = FeedParser()

    /// Everything a feed yields as text, for searching.
    func allText(_ feed: ParsedFeed) -> String {
        ([feed.title] + feed.items.flatMap { [$0.title, $0.text, $0.author ?? ""] }).joined(separator: "\n")
    }

    @Test func externalFileEntitiesAreNotLoaded() throws {
        let url = try Fixture.url("xxe-file.xml")
        let feed = try parser.parse(Fixture.data("xxe-file.xml"), baseURL: url)
        let text = allText(feed)
        #expect(!text.contains("root:"))
        #expect(!text.contains("LOCAL-FILE-WAS-READ"))
        #expect(feed.items.first?.title == "Item")
        #expect(feed.items.first?.text == "Secret: and")
    }

    @Test func externalNetworkEntitiesAreNotLoaded() throws {
        let feed = try parser.parse(Fixture.data("xxe-network.xml"), baseURL: URL(string: "http://127.0.0.1:9/feed")!)
        #expect(feed.items.first?.title == "Fetched:")
        #expect(feed.items.first?.key == ItemKey(rawValue: "id:xxe-2"))
    }

    @Test func externalDTDIsNotLoaded() throws {
        let url = try Fixture.url("external-dtd.xml")
        let feed = try parser.parse(Fixture.data("external-dtd.xml"), baseURL: url)
        #expect(!allText(feed).contains("EXTERNAL-DTD-WAS-LOADED"))
        #expect(feed.items.first?.title == "Value:")
    }

    @Test func billionLaughsYieldsBoundedText() throws {
        let feed = try parser.parse(Fixture.data("billion-laughs.xml"), baseURL: URL(string: "https://bomb.example/")!)
        #expect(allText(feed).count < 1_000)
        // libxml2 refuses the bomb outright; the result says why instead of expanding it.
        #expect(feed.isIllFormed && !feed.problems.isEmpty, "\(feed.problems)")
    }

    @Test func oneLargeEntityReferencedThousandsOfTimesIsNotExpanded() throws {
        let entity = String(repeating: "a", count: 20_000)
        let references = String(repeating: "&big;", count: 20_000)
        let document = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY big "\(entity)">]>
            <rss version="2.0"><channel><title>Quadratic</title>
            <item><guid>q-1</guid><title>Blow-up</title><description>\(references)</description></item>
            </channel></rss>
            """
        let feed = try parser.parse(Data(document.utf8), baseURL: URL(string: "https://bomb.example/")!)
        #expect(allText(feed).count < 1_000)
        #expect(feed.items.map(\.title) == ["Blow-up"])
    }

    @Test func aShortEntityReferencedThousandsOfTimesIsSubstitutedOnlyUpToTheDocumentsOwnSize() throws {
        let entity = String(repeating: "b", count: 1_000)
        let references = String(repeating: "&short;", count: 100_000)
        let document = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY short "\(entity)">]>
            <rss version="2.0"><channel><title>Multiplied</title>
            <item><guid>m-1</guid><title>Blow-up</title><description>\(references)</description></item>
            </channel></rss>
            """
        let feed = try parser.parse(Data(document.utf8), baseURL: URL(string: "https://bomb.example/")!)
        // 100 MB if every reference were expanded; the budget is the document's own size (about 700 KB).
        #expect(allText(feed).utf8.count <= document.utf8.count + 1_000)
        #expect(feed.items.first?.text.hasPrefix(entity) == true)
    }

    @Test func deeplyNestedMarkupDoesNotExhaustTheStack() throws {
        let depth = 5_000
        let html = String(repeating: "<div>", count: depth) + "deep" + String(repeating: "</div>", count: depth)
        let escaped = html.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        let document = "<rss version=\"2.0\"><channel><title>Deep</title><item><guid>d</guid>"
            + "<title>Deep item</title><description>\(escaped)</description></item></channel></rss>"
        let feed = try parser.parse(Data(document.utf8), baseURL: URL(string: "https://deep.example/")!)
        #expect(feed.items.map(\.title) == ["Deep item"])
        let page = PageParser().parse(Data(html.utf8), baseURL: URL(string: "https://deep.example/")!)
        #expect(page.blocks.count <= 1)
    }

    @Test func javascriptLinksAreDropped() throws {
        let document = """
            <rss version="2.0"><channel><title>JS</title>
            <item><title>Click</title><link>javascript:alert(document.cookie)</link></item>
            </channel></rss>
            """
        let feed = try parser.parse(Data(document.utf8), baseURL: URL(string: "https://js.example/")!)
        #expect(feed.items.first?.link == nil)
        #expect(feed.items.first?.key.rawValue.hasPrefix("hash:") == true)
    }
}
