import Foundation
import Model
import Testing

@testable import Parsing

@Suite struct PageParserTests {
    let parser = PageParser()
    let pageURL = URL(string: "https://forum.example.org/t/elm-park?utm_source=share#latest")!

    func parseFixture(_ name: String, contentType: String? = nil) throws -> ParsedPage {
        try parser.parse(Fixture.data(name), baseURL: pageURL, contentType: contentType)
    }

    @Test func forumThreadBecomesOneBlockPerPost() throws {
        let page = try parseFixture("forum-thread.html")
        #expect(page.title == "Elm Park Primary - new head? | Riverside Parents Forum")
        #expect(page.blocks.count == 3)
        let first = try #require(page.blocks.first)
        #expect(first.text == """
            Has anyone heard that Elm Park Primary is getting a new head teacher?
            My son says the current head is leaving at Easter.
            """)
        #expect(first.title == "Has anyone heard that Elm Park Primary is getting a new head teacher?")
        #expect(first.author == "Concerned Parent")
        #expect(first.published == utc(2024, 3, 4, 19, 20))
        #expect(first.link == URL(string: "https://forum.example.org/t/elm-park"))
    }

    @Test func postAuthorsAndDatesAreTakenOutOfTheText() throws {
        let blocks = try parseFixture("forum-thread.html").blocks
        let second = try #require(blocks.dropFirst().first)
        #expect(second.author == "Gran of Three")
        #expect(second.published == utc(2024, 3, 5, 8, 2))
        #expect(second.text == "Yes, it was in the newsletter & the letter home.\nQuote: has anyone heard")
        #expect(!second.text.contains("Senior Member"))
        #expect(!second.text.contains("#2"))
        #expect(!second.text.contains("Report"))
        let third = try #require(blocks.last)
        #expect(third.author == nil)
        #expect(third.published == nil)
        #expect(third.text == "No author element on this one.")
    }

    @Test func pageChromeIsLeftOut() throws {
        let text = try parseFixture("forum-thread.html").blocks.map(\.text).joined(separator: "\n")
        let chromeTexts = [
            "cookies", "Accept", "Site header text", "Home", "Forum\nSchools", "Share on Facebook",
            "Sidebar card text", "Recent threads", "Footer text", "tracking script", "color: red",
        ]
        for chrome in chromeTexts {
            #expect(!text.contains(chrome), "\(chrome) leaked into the blocks")
        }
    }

    @Test func blockKeysHashTheNormalisedTextSoLayoutChangesKeepThem() throws {
        let page = try parseFixture("forum-thread.html")
        let first = try #require(page.blocks.first)
        #expect(first.key == ItemIdentity.contentKey(first.text))
        let relaid = """
            <html><body><section><article class="reply">
            <p>HAS ANYONE heard that Elm Park Primary is getting a new head teacher?</p>
            <p>My son   says the current head is leaving at Easter.</p>
            </article></section></body></html>
            """
        let other = parser.parse(Data(relaid.utf8), baseURL: pageURL)
        #expect(other.blocks.first?.key == first.key)
    }

    @Test func newsCardsAreBlocksAndRepeatedCardsAreDropped() throws {
        let page = try parseFixture("news-listing.html")
        #expect(page.blocks.map(\.title) == ["Elm Park Primary rated Good", "Road closure near the high street"])
        let first = try #require(page.blocks.first)
        #expect(first.author == "Alex Reporter")
        #expect(first.published == utc(2024, 3, 1))
        #expect(first.text == "Elm Park Primary rated Good\nInspectors praised the school's reading scheme.")
        #expect(page.blocks.last?.text == "Road closure near the high street\nWorks will last two weeks.")
        let text = page.blocks.map(\.text).joined()
        #expect(!text.contains("consent"))
        #expect(!text.contains("Advertisement"))
        #expect(!text.contains("social media"))
    }

    @Test func pageWithoutPostsIsSplitIntoParagraphsOfTheMainContent() throws {
        let page = try parseFixture("plain-page.html")
        #expect(page.title == "School news")
        #expect(page.blocks.map(\.text) == [
            "Spring term update",
            "Our spring term has been busy. Year 6 visited the museum.",
            "Parents' evening is on Thursday.\nPlease book a slot.",
            "Loose text in a div with a link.",
            "First list item",
            "Second list item",
            "Text after the list.",
        ])
    }

    @Test func commentsInsideAPostAreSplitOut() throws {
        let page = try parseFixture("blog-with-comments.html")
        #expect(page.blocks.count == 3)
        #expect(page.blocks.first?.text == "Why we love our school\nElm Park Primary has wonderful teachers.")
        #expect(page.blocks.first?.author == "Pat Parent")
        #expect(page.blocks.dropFirst().map(\.author) == ["Reader A", "Reader B"])
        #expect(page.blocks.dropFirst().map(\.text) == ["Totally agree!", "The head is great."])
    }

    @Test func formWrappingAThreadIsNotChromeButASearchFormIs() throws {
        let page = try parseFixture("form-wrapped-thread.html")
        #expect(page.blocks.map(\.text) == ["First message in the moderation form.", "Second message in the moderation form."])
    }

    @Test func httpCharsetOverridesTheDefault() throws {
        let page = try parseFixture("windows1252-page.html", contentType: "text/html; charset=windows-1252")
        #expect(page.blocks.map(\.text) == ["Price €5 and café"])
        #expect(page.title == "Windows page")
    }

    @Test func longFirstLinesAreCutAtAWordForTheTitle() {
        let sentence = String(repeating: "word ", count: 40) + "end"
        let page = parser.parse(Data("<html><body><p>\(sentence)</p></body></html>".utf8), baseURL: pageURL)
        let title = page.blocks.first?.title ?? ""
        #expect(title.count <= PageParser.titleLimit)
        #expect(title.hasSuffix("word…"))
    }

    @Test(arguments: ["", "   ", "not html at all"])
    func emptyOrTextOnlyInputGivesAtMostOneBlock(_ input: String) {
        let page = parser.parse(Data(input.utf8), baseURL: pageURL)
        #expect(page.blocks.count <= 1)
        #expect(page.blocks.allSatisfy { $0.text == "not html at all" })
    }
}
