import Foundation
import Model
import Testing

@testable import Parsing

@Suite struct FeedParserTests {
    let parser = FeedParser()
    let feedURL = URL(string: "https://news.example.org/feed.xml")!

    func parseFixture(_ name: String, baseURL: URL? = nil, contentType: String? = nil) throws -> ParsedFeed {
        try parser.parse(Fixture.data(name), baseURL: baseURL ?? feedURL, contentType: contentType)
    }

    // MARK: RSS 2.0

    @Test func rss2ReadsChannelTitleAndNormalisedLink() throws {
        let feed = try parseFixture("rss2-basic.xml")
        #expect(feed.format == .rss20)
        #expect(feed.title == "Riverside Gazette & Echo")
        #expect(feed.link == URL(string: "https://news.example.org/"))
        #expect(!feed.isIllFormed)
        #expect(feed.problems.isEmpty)
    }

    @Test func rss2PrefersContentEncodedAndCleansItsHTML() throws {
        let item = try #require(try parseFixture("rss2-basic.xml").items.first)
        #expect(item.key == ItemKey(rawValue: "id:gazette-1001"))
        #expect(item.title == "Elm Park Primary wins green award")
        #expect(item.text == "Pupils at Elm Park celebrated.\nThe head said \u{201C}well done\u{201D} & thanked parents.")
        #expect(item.author == "Jo Bloggs")
        #expect(item.published == utc(2024, 3, 5, 9, 30))
    }

    @Test func rss2LinkLosesTrackingParametersAndFragment() throws {
        let item = try #require(try parseFixture("rss2-basic.xml").items.first)
        #expect(item.link == URL(string: "https://news.example.org/2024/03/elm-park-award?id=7"))
    }

    @Test func rss2ResolvesRelativeLinkAgainstFeedURLAndDecodesEscapedHTML() throws {
        let items = try parseFixture("rss2-basic.xml").items
        let item = try #require(items.dropFirst().first)
        #expect(item.link == URL(string: "https://news.example.org/2024/03/parents-concerns"))
        #expect(item.key == ItemKey(rawValue: "link:https://news.example.org/2024/03/parents-concerns"))
        #expect(item.author == "Sam Smith")
        #expect(item.published == utc(2024, 3, 4, 18, 5))
        #expect(item.text == "Some parents say the policy is unfair.\ncost\nchoice")
    }

    @Test func rss2AppliesXMLBaseAndFallsBackToDublinCoreDateAndMediaDescription() throws {
        let item = try #require(try parseFixture("rss2-basic.xml").items.dropFirst(2).first)
        #expect(item.link == URL(string: "https://archive.example.org/old/story.html"))
        #expect(item.published == utc(2023, 11, 20, 7, 0))
        #expect(item.text == "A plain media description.")
    }

    @Test func itemWithoutIdOrLinkIsKeyedByContentHash() throws {
        let item = try #require(try parseFixture("rss2-basic.xml").items.dropFirst(3).first)
        #expect(item.title == "")
        #expect(item.link == nil)
        #expect(item.key == ItemIdentity.contentKey("An item with neither title nor link nor guid."))
        #expect(item.key.rawValue.hasPrefix("hash:"))
    }

    @Test func guidWinsOverLinkAndAtomLinkInsideRSSIsUsed() throws {
        let item = try #require(try parseFixture("rss2-basic.xml").items.last)
        #expect(item.key == ItemKey(rawValue: "id:https://news.example.org/permalink-guid"))
        #expect(item.link == URL(string: "https://news.example.org/atom-linked"))
    }

    // MARK: RSS 1.0 and 0.9x

    @Test func rss1ReadsItemsBesideTheChannel() throws {
        let feed = try parseFixture("rss1-rdf.xml")
        #expect(feed.format == .rss10)
        #expect(feed.title == "Council education news")
        #expect(feed.items.count == 2)
        let first = try #require(feed.items.first)
        #expect(first.key == ItemKey(rawValue: "link:https://council.example.gov.uk/news/term-dates"))
        #expect(first.author == "Education Team")
        #expect(first.published == utc(2024, 2, 1, 10, 15))
        let second = try #require(feed.items.last)
        #expect(second.link == URL(string: "https://council.example.gov.uk/news/ofsted"))
        #expect(second.published == utc(2024, 2, 3))
    }

    @Test func rss091ReadsHTMLEntitiesDeclaredOnlyInTheUnloadedNetscapeDTD() throws {
        let feed = try parseFixture("rss091.xml")
        #expect(feed.format == .rss09x)
        #expect(feed.title == "Village Café Noticeboard")
        let item = try #require(feed.items.first)
        #expect(item.text == "Come along on Saturday — all welcome.")
        #expect(item.link == URL(string: "http://village.example.net/notices/summer-fair"))
        #expect(!feed.isIllFormed)
    }

    @Test func undeclaredNamespacePrefixesAreStillRecognised() throws {
        let feed = try parseFixture("undeclared-prefix.xml")
        let item = try #require(feed.items.first)
        #expect(item.author == "Undeclared Author")
        #expect(item.text == "Full body here.")
        #expect(feed.isIllFormed)
        #expect(feed.problems.contains { $0.contains("Namespace prefix dc") })
    }

    // MARK: Atom

    @Test func atom10ReadsXHTMLContentAndHTMLTitle() throws {
        let feed = try parseFixture("atom10.xml")
        #expect(feed.format == .atom10)
        #expect(feed.title == "Head's blog")
        #expect(feed.link == URL(string: "https://blog.example.com/"))
        let item = try #require(feed.items.first)
        #expect(item.key == ItemKey(rawValue: "id:tag:blog.example.com,2024:1"))
        #expect(item.title == "Sports day moved")
        #expect(item.link == URL(string: "https://blog.example.com/posts/sports-day"))
        #expect(item.text == "Sports day is now on Friday.\nBring water\nWear a hat")
        #expect(item.published == utc(2024, 3, 6, 9, 0))
        #expect(item.author == "Mrs Head")
    }

    @Test func atom10EntryUsesItsOwnXMLBaseAndAuthor() throws {
        let item = try #require(try parseFixture("atom10.xml").items.dropFirst().first)
        #expect(item.title == "5 < 6: maths week")
        #expect(item.link == URL(string: "https://blog.example.com/archive/maths-week"))
        #expect(item.author == "Mr Numbers")
        #expect(item.text == "Maths week starts.\nPuzzles & prizes.")
        #expect(item.published == utc(2024, 2, 28, 16, 30).addingTimeInterval(0.25))
    }

    @Test func atomTextConstructIsLiteralAndKeepsLines() throws {
        let item = try #require(try parseFixture("atom10.xml").items.last)
        #expect(item.title == "Plain <tags> stay literal")
        #expect(item.text == "Line one\nLine two")
        #expect(item.link == nil)
    }

    @Test func atom03ReadsEscapedBase64AndXMLModes() throws {
        let feed = try parseFixture("atom03.xml")
        #expect(feed.format == .atom03)
        #expect(feed.title == "Old Atom blog")
        #expect(feed.items.map(\.text) == ["Escaped HTML body.", "Encoded body.", "Inline XHTML body."])
        #expect(feed.items.first?.published == utc(2005, 1, 9, 13, 0))
        #expect(feed.items.last?.published == utc(2005, 1, 7, 8, 0))
        #expect(feed.items.allSatisfy { $0.author == "Legacy Writer" })
    }

    @Test func youTubeEntryTakesTextFromMediaGroup() throws {
        let feed = try parseFixture("youtube-atom.xml")
        let item = try #require(feed.items.first)
        #expect(item.key == ItemKey(rawValue: "id:yt:video:abc123"))
        #expect(item.title == "Christmas concert 2023")
        #expect(item.text == "Years 1 and 2 sing carols.\nThanks to all the parents who came.")
        #expect(item.link == URL(string: "https://www.youtube.com/watch?v=abc123"))
    }

    @Test func googleAlertsRedirectLinksAreUnwrapped() throws {
        let feed = try parseFixture("google-alerts.xml")
        let item = try #require(feed.items.first)
        #expect(item.link == URL(string: "https://localpaper.example.co.uk/news/trees?id=5"))
        #expect(item.title == "Elm Park Primary pupils plant trees")
        #expect(item.text == "Pupils from Elm Park Primary planted 30 trees ...")
        #expect(item.author == nil)
    }

    @Test func aGoogleNewsItemNamesItsPublishersStoryAndStandsInForItWhenItsLinksAllRedirect() throws {
        let feed = try parseFixture("google-news-search.xml", baseURL: URL(string: "https://news.google.com/rss/search?q=x")!)
        let item = try #require(feed.items.first)
        #expect(item.link == URL(string: "https://news.google.com/rss/articles/CBMiVkFVX3lxTE1xZWxtcGFya3RyZWVz?oc=5"))
        #expect(item.title == "Elm Park Primary pupils plant 30 trees - Local Paper")
        #expect(item.story?.rawValue == "story:localpaper.example.co.uk elm park primary pupils plant 30 trees")
        #expect(item.isStandIn)
    }

    @Test func aGoogleNewsItemTakesThePublishersLinkFromItsDescription() throws {
        let feed = try parseFixture("google-news-search.xml", baseURL: URL(string: "https://news.google.com/rss/search?q=x")!)
        let item = try #require(feed.items.dropFirst().first)
        #expect(item.link == URL(string: "https://www.eveningpost.example/news/elm-park-fair"))
        #expect(item.story?.rawValue == "story:eveningpost.example summer fair at elm park primary raises 2 000")
        #expect(!item.isStandIn)
    }

    @Test func aBingNewsItemLinksToThePublisherThroughItsClickThrough() throws {
        let feed = try parseFixture("bing-news-search.xml", baseURL: URL(string: "https://www.bing.com/news/search?format=rss")!)
        let item = try #require(feed.items.first)
        #expect(item.link == URL(string: "https://www.localpaper.example.co.uk/news/elm-park-trees"))
        #expect(item.story?.rawValue == "story:localpaper.example.co.uk elm park primary pupils plant 30 trees")
        #expect(!item.isStandIn)
    }

    @Test func aPublishersOwnItemCarriesTheStoryOfItsLinksSite() throws {
        let feed = try parseFixture("rss2-basic.xml")
        for item in feed.items {
            guard let link = item.link else { continue }
            #expect(item.story?.site == StoryKey.site(of: link))
            #expect(!item.isStandIn)
        }
    }

    @Test(arguments: [
        ("Head resigns - Local Paper", "Local Paper", "Head resigns"),
        ("Head resigns | Local Paper", "Local Paper", "Head resigns"),
        ("Head resigns – Local Paper", "Local Paper", "Head resigns"),
        ("Head resigns - Local Paper", "Evening Post", "Head resigns - Local Paper"),
        ("Local Paper", "Local Paper", "Local Paper"),
    ])
    func theHeadlineLosesTheSiteNameSearchEnginesAppend(title: String, site: String, headline: String) {
        #expect(FeedParser.headline(title, withoutSiteName: site) == headline)
    }

    // MARK: JSON Feed

    @Test func jsonFeedReadsItemsWithTheirIdentities() throws {
        let feed = try parseFixture("jsonfeed.json", baseURL: URL(string: "https://forum.example.org/feed.json")!)
        #expect(feed.format == .jsonFeed)
        #expect(feed.title == "Parents' forum digest")
        #expect(feed.link == URL(string: "https://forum.example.org/"))
        #expect(feed.items.map(\.key.rawValue) == ["id:post-42", "id:43", "link:https://forum.example.org/t/44"])
        let first = try #require(feed.items.first)
        #expect(first.link == URL(string: "https://forum.example.org/t/42"))
        #expect(first.text == "The new bus route\nstarts Monday.")
        #expect(first.author == "Parent One")
        #expect(first.published == utc(2024, 3, 1, 7, 45))
        #expect(feed.items[1].text == "Numeric ids are read as text.\nSecond paragraph.")
        #expect(feed.items[1].author == "Forum bot")
        #expect(feed.items[1].published == utc(2024, 3, 2, 8, 0))
    }

    @Test func invalidJSONThrowsInvalidJSON() {
        #expect {
            try parser.parse(Data("{\"version\": ".utf8), baseURL: feedURL)
        } throws: { error in
            (error as? ParseError)?.code == .invalidJSON
        }
    }

    // MARK: Ill-formed input

    @Test func bareAmpersandsAreRepairedAndReported() throws {
        let feed = try parseFixture("illformed-ampersand.xml")
        #expect(feed.isIllFormed)
        #expect(feed.title == "Fish & Chips Weekly")
        #expect(feed.items.count == 2)
        let first = try #require(feed.items.first)
        #expect(first.title == "Fish & chips night at Elm Park")
        #expect(first.link == URL(string: "https://chips.example.com/night?a=1&b=2"))
        #expect(first.text == "Tickets £5 each — book now.")
        #expect(feed.problems.first == "line 4: a bare '&' was read as an ampersand (it should be written '&amp;')")
        #expect(feed.problems.contains { $0.hasPrefix("line 9: the entity '&nbsp;'") })
    }

    @Test func itemsAfterAnErrorKeepTheirEscapedMarkupCharacters() throws {
        let feed = try parseFixture("illformed-ampersand.xml")
        let second = try #require(feed.items.last)
        #expect(second.title == "Second item keeps its escaped markup")
        #expect(second.text == "Still readable after the broken ampersand.")
    }

    @Test func ampersandsInsideCDATAAndCommentsAreNotRepairs() throws {
        let document = """
            <rss version="2.0"><channel><title>Clean</title><!-- a & b -->
            <item><guid>c</guid><title><![CDATA[Tom & Jerry]]></title>
            <description><![CDATA[<p>Salt &amp; vinegar & more</p>]]></description></item>
            </channel></rss>
            """
        let feed = try parser.parse(Data(document.utf8), baseURL: feedURL)
        #expect(!feed.isIllFormed)
        #expect(feed.items.first?.title == "Tom & Jerry")
        #expect(feed.items.first?.text == "Salt & vinegar & more")
    }

    @Test func entitiesDeclaredByTheDocumentStandForTheirOwnTextNotHTMLs() throws {
        let document = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY nbsp "EXPANDED"><!ENTITY school "Elm Park&#233;"><!ENTITY nested "&school;!">]>
            <rss version="2.0"><channel><title>Declared</title>
            <item><guid>d</guid><title>At&nbsp;&school; today&nested;</title></item>
            </channel></rss>
            """
        let feed = try parser.parse(Data(document.utf8), baseURL: feedURL)
        // Short literal values are substituted; one that refers to other entities is never expanded.
        #expect(feed.items.first?.title == "AtEXPANDEDElm Parké today")
        #expect(!feed.isIllFormed)
    }

    @Test func truncatedFeedKeepsItsItemsAndSaysWhy() throws {
        let feed = try parseFixture("truncated.xml")
        #expect(feed.isIllFormed)
        #expect(feed.items.map(\.title) == ["Complete item", "Partial item"])
        #expect(feed.items.last?.text == "This item was cut off in the mid")
        #expect(!feed.problems.isEmpty)
        #expect(feed.problems.allSatisfy { $0.hasPrefix("line ") })
    }

    @Test func manyErrorsAreSummarisedAfterTheFirstFew() throws {
        let items = (1...20).map { "<item><title>Item \($0) & more</title><guid>\($0)</guid></item>" }
        let document = "<rss version=\"2.0\"><channel><title>T</title>\n\(items.joined(separator: "\n"))</channel></rss>"
        let feed = try parser.parse(Data(document.utf8), baseURL: feedURL)
        #expect(feed.items.count == 20)
        #expect(feed.problems.count == FeedParser.listedProblemLimit + 1)
        #expect(feed.problems.first?.hasPrefix("line 2: a bare '&'") == true)
        #expect(feed.problems.last == "and 15 more problems")
    }

    @Test func byteOrderMarkAndJunkBeforeTheDocumentAreSkipped() throws {
        let feed = try parseFixture("bom-junk.xml")
        #expect(feed.title == "After junk")
        #expect(feed.items.first?.title == "Still read")
        #expect(feed.isIllFormed)
        #expect(feed.problems.first?.contains("bytes of junk before the first '<' were skipped") == true)
    }

    @Test func byteOrderMarkAloneIsNotAProblem() throws {
        let document = Data([0xEF, 0xBB, 0xBF]) + Data("<rss version=\"2.0\"><channel><title>Clean</title></channel></rss>".utf8)
        let feed = try parser.parse(document, baseURL: feedURL)
        #expect(feed.title == "Clean")
        #expect(!feed.isIllFormed)
    }

    // MARK: Encodings

    @Test func latin1DeclaredInTheDocumentIsDecoded() throws {
        let feed = try parseFixture("latin1.xml", contentType: "application/rss+xml; charset=utf-8")
        let item = try #require(feed.items.first)
        #expect(item.title == "Trip costs £12")
        #expect(item.text == "Café visit")
        #expect(!feed.isIllFormed)
    }

    @Test func charsetFromContentTypeIsUsedWhenTheDocumentDeclaresNone() throws {
        let feed = try parseFixture("latin1-no-declaration.xml", contentType: "text/xml; charset=\"ISO-8859-1\"")
        #expect(feed.items.first?.title == "Trip costs £12")
        #expect(!feed.isIllFormed)
    }

    @Test func latin1WithoutAnyCharsetIsReadAsWindows1252AndFlagged() throws {
        let feed = try parseFixture("latin1-no-declaration.xml")
        #expect(feed.isIllFormed)
        #expect(feed.items.first?.title == "Trip costs £12")
        #expect(feed.problems == [
            "line 1: bytes that are not UTF-8 were read as Windows-1252 (declare the encoding the file really uses)"
        ])
    }

    @Test func strayLatin1BytesInAUTF8FeedAreRepairedWithoutHarmingValidCharacters() throws {
        let head = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>Mixed</title>\n"
        var document = Data((head + "<item><guid>m</guid><title>Caf").utf8)
        document.append(0xE9)
        document.append(contentsOf: Data(" \u{2014} \u{00A3}5 ".utf8))
        document.append(0x93)
        document.append(contentsOf: Data("quoted".utf8))
        document.append(0x94)
        document.append(contentsOf: Data("</title></item></channel></rss>".utf8))
        let feed = try parser.parse(document, baseURL: feedURL)
        #expect(feed.items.first?.title == "Café — £5 \u{201C}quoted\u{201D}")
        #expect(feed.isIllFormed)
        #expect(feed.problems.first?.hasPrefix("line 3: bytes that are not UTF-8") == true)
    }

    @Test func utf16WithByteOrderMarkIsDecoded() throws {
        let feed = try parseFixture("utf16.xml", contentType: "application/xml; charset=iso-8859-1")
        #expect(feed.title == "Wide été")
        #expect(feed.items.first?.title == "UTF-16 item — £3")
        #expect(!feed.isIllFormed)
    }

    // MARK: Not a feed

    @Test(arguments: [
        NotAFeedCase(name: "empty", bytes: Data(), code: .emptyDocument),
        NotAFeedCase(name: "whitespace only", bytes: Data(" \n\t ".utf8), code: .emptyDocument),
        NotAFeedCase(name: "plain text", bytes: Data("Service unavailable".utf8), code: .notAFeed),
        NotAFeedCase(name: "JSON array", bytes: Data("[1, 2]".utf8), code: .notAFeed),
        NotAFeedCase(name: "JSON without items", bytes: Data("{\"name\": \"x\"}".utf8), code: .notAFeed),
        NotAFeedCase(name: "HTML without doctype", bytes: Data("<html><body><p>Hello</p></body></html>".utf8), code: .notAFeed),
    ])
    func documentsThatAreNotFeedsThrow(_ testCase: NotAFeedCase) {
        #expect {
            try parser.parse(testCase.bytes, baseURL: feedURL)
        } throws: { error in
            (error as? ParseError)?.code == testCase.code
        }
    }

    @Test func htmlPageThrowsNotAFeedWithAnActionableMessage() throws {
        let data = try Fixture.data("not-a-feed.html")
        do {
            _ = try parser.parse(data, baseURL: feedURL)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .notAFeed)
            #expect(error.message.contains("HTML page"))
        }
    }

    @Test func otherXMLNamesItsRootElement() throws {
        let data = try Fixture.data("not-a-feed.xml")
        do {
            _ = try parser.parse(data, baseURL: feedURL)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .notAFeed)
            #expect(error.message.contains("<svg>"))
        }
    }

    @Test func duplicateGuidsKeepTheFirstItem() throws {
        let document = """
            <rss version="2.0"><channel><title>Dupes</title>
            <item><title>First</title><guid>same</guid></item>
            <item><title>Second</title><guid>same</guid></item>
            </channel></rss>
            """
        let feed = try parser.parse(Data(document.utf8), baseURL: feedURL)
        #expect(feed.items.map(\.title) == ["First"])
    }
}

/// A document that must be refused, and the code it must be refused with.
struct NotAFeedCase: CustomTestStringConvertible, Sendable {
    let name: String
    let bytes: Data
    let code: ParseError.Code
    var testDescription: String { name }
}
