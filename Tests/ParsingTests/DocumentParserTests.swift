import Foundation
import Testing
@testable import Parsing

/// Batches parsed on several threads give each document's own result, in the order given.
@Suite struct DocumentParserTests {
    /// Fixtures by name; a name that is not one stands for a file that cannot be read.
    func documents(_ names: [String]) -> [DocumentParser.Document] {
        names.map { name in
            let url = (try? Fixture.url(name)) ?? URL(fileURLWithPath: "/nonexistent/\(name)")
            return DocumentParser.Document(location: name, baseURL: url)
        }
    }

    @Test func aBatchOnSeveralWorkersGivesEachDocumentsOwnResultInOrder() throws {
        let names = Array(repeating: ["rss2-basic.xml", "atom10.xml", "not-a-feed.html", "missing.xml", "jsonfeed.json", "rss1-rdf.xml"],
                          count: 20).flatMap { $0 }
        let parser = DocumentParser()
        let outcomes = parser.parse(documents(names), workers: 4, load: { try? Data(contentsOf: $0.baseURL) }, present: { $0 })
        #expect(outcomes.map(\.document.location) == names)
        for outcome in outcomes {
            let name = outcome.document.location
            switch (name, outcome.result) {
            case ("missing.xml", .failure(.unreadable)):
                #expect(outcome.byteCount == 0)
            case ("not-a-feed.html", .failure(.unparseable(let error))):
                #expect(error.code == .notAFeed)
            case (_, .success(let parsed)):
                // The same items as parsing the document alone.
                let alone = try parser.parse(try Fixture.data(name), baseURL: try Fixture.url(name))
                #expect(parsed.items == alone.items, "\(name)")
                let size = try Fixture.data(name).count
                #expect(!parsed.items.isEmpty && outcome.byteCount == size, "\(name)")
            default:
                Issue.record("\(name): unexpected \(outcome.result)")
            }
        }
    }

    @Test func readsPagesWhenToldAndPresentsEachResultOnTheWorker() throws {
        let names = ["forum-thread.html", "news-listing.html", "plain-page.html"]
        let titles = DocumentParser(readsPages: true).parse(documents(names), workers: 2, load: { try? Data(contentsOf: $0.baseURL) }) { outcome in
            guard case .success(.page(let page)) = outcome.result else { return "not a page" }
            return "\(outcome.document.location): \(page.blocks.count) blocks"
        }
        #expect(titles.count == 3)
        for (name, line) in zip(names, titles) {
            let blocks = PageParser().parse(try Fixture.data(name), baseURL: try Fixture.url(name)).blocks.count
            #expect(line == "\(name): \(blocks) blocks")
        }
    }

    @Test func anEmptyBatchGivesNothing() {
        #expect(DocumentParser().parse([], workers: 8, load: { _ in nil }, present: { $0 }).isEmpty)
    }
}
