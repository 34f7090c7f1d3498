import Foundation
import Model
import Testing

@testable import Parsing

/// Formats and elements found by running the parser over other parsers' test corpora.
extension FeedParserTests {
    func parse(_ document: String, contentType: String? = nil, keepsItemDetails: Bool = false) throws -> ParsedFeed {
        try FeedParser(keepsItemDetails: keepsItemDetails).parse(Data(document.utf8), baseURL: feedURL, contentType: contentType)
    }

    @Test func atomEntryDocumentIsReadAsAFeedOfOneItem() throws {
        let feed = try parse("""
            <entry xmlns="http://www.w3.org/2005/Atom"><id>tag:e,1</id><title>Alone</title>
            <updated>2024-03-05T09:30:00Z</updated><content>Body</content></entry>
            """)
        #expect(feed.format == .atom10)
        #expect(feed.items.map(\.title) == ["Alone"])
        #expect(feed.items.first?.published == utc(2024, 3, 5, 9, 30))
    }

    @Test func cdfChannelIsReadLikeRSS() throws {
        let feed = try parse("""
            <CHANNEL HREF="http://cdf.example/"><TITLE>Old channel</TITLE>
            <ITEM HREF="http://cdf.example/1" LASTMOD="2004-04-06T23:05:43-05:00"><TITLE>First</TITLE>
            <ABSTRACT>Summary &amp; more</ABSTRACT></ITEM></CHANNEL>
            """)
        #expect(feed.format == .cdf)
        #expect(feed.title == "Old channel")
        #expect(feed.link == URL(string: "http://cdf.example/"))
        let item = try #require(feed.items.first)
        #expect(item.link == URL(string: "http://cdf.example/1"))
        #expect(item.published == utc(2004, 4, 7, 4, 5, 43))
        #expect(item.text == "Summary & more")
    }

    @Test func preStandardAtomNamespacesAreReadAsAtom03() throws {
        let feed = try parse("<feed xmlns=\"http://purl.org/echo/\"><title>Echo</title><entry><id>1</id><title>E</title></entry></feed>")
        #expect(feed.format == .atom03)
        #expect(feed.title == "Echo")
        #expect(feed.items.map(\.title) == ["E"])
    }

    @Test func base64TitlesAndNonTextualContentAreDecoded() throws {
        let feed = try parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><entry><id>b</id>
            <title type="text/html" mode="base64">PGI+Qm9sZDwvYj4gdGl0bGU=</title>
            <content type="application/octet-stream">RW50cnkgQ29udGVudA==</content></entry></feed>
            """)
        #expect(feed.items.first?.title == "Bold title")
        #expect(feed.items.first?.text == "Entry Content")
    }

    @Test func inlineContentBesideSrcIsStillRead() throws {
        let feed = try parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><entry><id>s</id>
            <content type="html" src="http://elsewhere.example/">&lt;p&gt;Here anyway&lt;/p&gt;</content></entry>
            <entry><id>t</id><title>Empty</title><content type="html" src="http://elsewhere.example/"/></entry></feed>
            """)
        #expect(feed.items.map(\.text) == ["Here anyway", ""])
    }

    @Test func podcastsGiveTheITunesSummaryBesideAShortDescriptionAndTheITunesAuthor() throws {
        let feed = try parse("""
            <rss version="2.0" xmlns:itunes="http://www.itunes.com/DTDs/PodCast-1.0.dtd"><channel><title>Pod</title>
            <item><guid>p1</guid><description>Short...</description><itunes:summary>The whole summary.</itunes:summary>
            <itunes:author>Host Name</itunes:author></item>
            <item><guid>p2</guid><itunes:summary>Only this.</itunes:summary></item>
            </channel></rss>
            """, keepsItemDetails: true)
        #expect(feed.items.map(\.text) == ["The whole summary.", "Only this."])
        #expect(feed.items.first?.author == "Host Name")
        let details = try #require(feed.itemDetails[ItemKey(rawValue: "id:p1")])
        #expect(details.summary == "Short...")
        #expect(details.content == "The whole summary.")
    }

    @Test func earlyRSSBodiesAreTheItemsText() throws {
        let feed = try parse("""
            <rss version="2.0"><channel><title>Early</title>
            <item><guid>b</guid><body>&lt;p&gt;From body&lt;/p&gt;</body></item>
            <item><guid>f</guid><fullitem>&lt;p&gt;From fullitem&lt;/p&gt;</fullitem></item>
            <item><guid>x</guid><body xmlns="http://www.w3.org/1999/xhtml"><p>From XHTML</p></body></item>
            </channel></rss>
            """)
        #expect(feed.items.map(\.text) == ["From body", "From fullitem", "From XHTML"])
    }

    @Test func anItemWithOnlyAnIdIsKeptButAnEmptyOneIsDropped() throws {
        let feed = try parse("""
            <rss version="2.0"><channel><title>T</title>
            <item><guid>only-id</guid></item><item></item><item><pubDate>Tue, 05 Mar 2024 09:30:00 GMT</pubDate></item>
            </channel></rss>
            """)
        #expect(feed.items.map(\.key.rawValue).first == "id:only-id")
        #expect(feed.items.count == 2)
        #expect(feed.items.last?.published == utc(2024, 3, 5, 9, 30))
    }

    @Test func itemDetailsKeepBothDatesAndBothBodiesApart() throws {
        let feed = try parse("""
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
                 xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title>
            <item><guid>d</guid><description>Short</description><content:encoded>&lt;p&gt;Long&lt;/p&gt;</content:encoded>
            <pubDate>Tue, 05 Mar 2024 09:30:00 GMT</pubDate><dc:date>2024-03-06T10:00:00Z</dc:date></item>
            </channel></rss>
            """, keepsItemDetails: true)
        let item = try #require(feed.items.first)
        #expect(item.text == "Long")
        #expect(item.published == utc(2024, 3, 5, 9, 30))
        #expect(feed.itemDetails[item.key] == ItemDetails(
            id: "d", published: utc(2024, 3, 5, 9, 30), updated: utc(2024, 3, 6, 10), summary: "Short", content: "Long"
        ))
    }

    @Test func itemDetailsAreEmptyUnlessAskedFor() throws {
        let feed = try parse("<rss version=\"2.0\"><channel><item><guid>a</guid><title>A</title></item></channel></rss>")
        #expect(feed.itemDetails.isEmpty)
    }

    @Test func rdfAboutIsTheItemsIdInItsDetailsButTheKeyStaysTheLink() throws {
        let feed = try parse("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
            <item rdf:about="http://r.example/1"><title>R</title><link>http://r.example/1?utm_source=x</link></item></rdf:RDF>
            """, keepsItemDetails: true)
        let item = try #require(feed.items.first)
        #expect(item.key == ItemKey(rawValue: "link:http://r.example/1"))
        #expect(feed.itemDetails[item.key]?.id == "http://r.example/1")
    }

    @Test func elementNamesMatchWithoutRegardToCase() throws {
        let feed = try parse("<rss><channel><TiTlE>Shouting</TiTlE><Item><Title>Loud</Title><GUID>g</GUID></Item></channel></rss>")
        #expect(feed.title == "Shouting")
        #expect(feed.items.first?.title == "Loud")
        #expect(feed.items.first?.key == ItemKey(rawValue: "id:g"))
    }

    @Test func atomFeedLinkFallsBackToAnIdThatIsAWebAddressThenToAnyLink() throws {
        let byID = try parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><id>https://Site.example/</id>
            <link rel="self" href="https://site.example/atom.xml"/></feed>
            """)
        #expect(byID.link == URL(string: "https://site.example/"))
        let bySelf = try parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><id>tag:site,1</id>
            <link rel="self" href="https://site.example/atom.xml"/>
            <entry><id>https://site.example/post</id><title>P</title></entry></feed>
            """)
        #expect(bySelf.link == URL(string: "https://site.example/atom.xml"))
        #expect(bySelf.items.first?.link == URL(string: "https://site.example/post"))
    }

    @Test func aDeclaredHTMLAlternateWinsOverAnUntypedOne() throws {
        let feed = try parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><entry><id>x</id>
            <link href="http://a.example/plain"/><link rel="alternate" type="text/html" href="http://a.example/page.html"/>
            </entry></feed>
            """)
        #expect(feed.items.first?.link == URL(string: "http://a.example/page.html"))
    }

    @Test(arguments: [
        ("jo@example.org (Jo Bloggs)", "Jo Bloggs"),
        ("Jo Bloggs (jo@example.org)", "Jo Bloggs"),
        ("Jo Bloggs <jo@example.org>", "Jo Bloggs"),
        ("jo@example.org", "jo@example.org"),
        ("<p>Jo Bloggs</p>", "Jo Bloggs"),
        ("  Jo\n Bloggs ", "Jo Bloggs"),
    ])
    func authorFormsGiveTheName(_ written: String, _ expected: String) throws {
        let escaped = written.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        let feed = try parse("<rss version=\"2.0\"><channel><item><guid>a</guid><author>\(escaped)</author></item></channel></rss>")
        #expect(feed.items.first?.author == expected)
    }

    @Test func anUndefinedEntityWithoutADoctypeIsShownAsWrittenAndFlagged() throws {
        let feed = try parse("<rss version=\"2.0\"><channel><title>a &madeup; b &#X41;</title></channel></rss>")
        #expect(feed.title == "a &madeup; b A")
        #expect(feed.isIllFormed)
        #expect(feed.problems.contains { $0.contains("'&madeup;' is not defined") })
    }

    // MARK: Encodings

    @Test func theHTTPCharsetOverridesTheDeclaration() throws {
        var document = Data("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss version=\"2.0\"><channel><title>".utf8)
        document.append(contentsOf: [0x93, 0x51, 0x94]) // “Q” in Windows-1252
        document.append(contentsOf: Data("</title></channel></rss>".utf8))
        let feed = try parser.parse(document, baseURL: feedURL, contentType: "text/xml; charset=windows-1252")
        #expect(feed.title == "\u{201C}Q\u{201D}")
        #expect(feed.encoding == "windows-1252")
        #expect(!feed.isIllFormed)
    }

    @Test func validUTF8WinsOverAServersOtherCharset() throws {
        let document = Data("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Café</title></channel></rss>".utf8)
        let feed = try parser.parse(document, baseURL: feedURL, contentType: "application/rss+xml; charset=ISO-8859-1")
        #expect(feed.title == "Café")
        #expect(feed.encoding == "utf-8")
    }

    @Test func anUnknownEncodingIsReadAsUTF8AndFlagged() throws {
        let feed = try parse("<?xml version=\"1.0\" encoding=\"bogus\"?><rss version=\"2.0\"><channel><title>Still</title></channel></rss>")
        #expect(feed.title == "Still")
        #expect(feed.encoding == "utf-8")
        #expect(feed.isIllFormed)
        #expect(feed.problems.first?.contains("\"bogus\" is unknown") == true)
    }

    @Test(arguments: [
        ("UTF-32LE", [UInt8]()), ("UTF-32BE", [UInt8]()), ("UTF-16LE", [0xFF, 0xFE]), ("UTF-32BE", [0x00, 0x00, 0xFE, 0xFF]),
    ])
    func wideEncodingsAreToldFromTheirFirstBytes(_ name: String, _ byteOrderMark: [UInt8]) throws {
        let text = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wide é</title></channel></rss>"
        let encoding: String.Encoding = switch name {
        case "UTF-32LE": .utf32LittleEndian
        case "UTF-32BE": .utf32BigEndian
        default: .utf16LittleEndian
        }
        let document = Data(byteOrderMark) + text.data(using: encoding)!
        let feed = try parser.parse(document, baseURL: feedURL)
        #expect(feed.title == "Wide é")
        #expect(feed.encoding == name.lowercased())
    }

    @Test func gb2312IsReadAsItsSupersetGB18030() throws {
        var document = Data("<?xml version=\"1.0\" encoding=\"gb2312\"?><rss version=\"2.0\"><channel><title>".utf8)
        document.append(contentsOf: [0xD6, 0xD0, 0xCE, 0xC4]) // 中文
        document.append(contentsOf: Data("</title></channel></rss>".utf8))
        let feed = try parser.parse(document, baseURL: feedURL)
        #expect(feed.title == "中文")
        #expect(feed.encoding == "gb18030")
    }
}
