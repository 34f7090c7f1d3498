import Foundation
import Model
import Parsing
import Settings
import Testing

/// Adding and removing sources keeps everything else in a feed list as it was.
@Suite struct FeedListEditorTests {
    static let fileURL = URL(fileURLWithPath: "/srv/earshot/feeds/feeds.opml")

    /// A list as a person keeps it: comments, folders, an outline over two lines, a relative address,
    /// an escaped ampersand, an attribute Earshot does not know and a comment that looks like an outline.
    static let list = """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0">
          <head><title>Hollin Brook sources</title></head>
          <body>
            <!-- Local press. Checked by Sam every term. -->
            <outline text="Press">
              <outline type="rss" text="Aireby Gazette" xmlUrl="https://www.airebygazette.example/rss?section=news&amp;area=aireby"/>
              <outline type="rss" text="Gazette letters" xmlUrl="letters.xml" customTag="kept"/>
            </outline>
            <!-- <outline type="rss" text="Old paper" xmlUrl="https://old.example/rss"/> retired in 2025 -->
            <outline type="html" text="School news page" xmlUrl="https://hollinbrook.sch.uk/news"
                     earshotAboutSchool="true" earshotSchoolsOwn="true" earshotInterval="6h"/>
            <outline type='rss' title="Reddit: &quot;Hollin Brook Academy&quot;" text="Reddit"
                     xmlUrl='https://www.reddit.com/search.rss?q=%22Hollin%20Brook%20Academy%22&amp;sort=new'></outline>
          </body>
        </opml>

        """

    func titles(_ text: String) throws -> [String] {
        try OPMLParser().sources(from: Data(text.utf8), fileURL: Self.fileURL).map(\.title)
    }

    @Test func addingKeepsEveryLineAndAppendsTheOutlinesBeforeTheBodyEnds() throws {
        let source = Source(url: URL(string: "https://news.google.com/rss/search?q=%22Hollin%20Brook%22&hl=en-GB")!, kind: .feed,
                            title: #"Google News: "Hollin Brook" <GB>"#, isAboutSchool: true, refreshInterval: .seconds(1800))
        let edited = try FeedListEditor().adding([source], to: Self.list, file: Self.fileURL.path)
        let added = #"    <outline type="rss" text="Google News: &quot;Hollin Brook&quot; &lt;GB&gt;" title="Google News: &quot;Hollin Brook&quot; &lt;GB&gt;" xmlUrl="https://news.google.com/rss/search?q=%22Hollin%20Brook%22&amp;hl=en-GB" earshotInterval="30m" earshotAboutSchool="true"/>"#
        #expect(edited == Self.list.replacingOccurrences(of: "  </body>", with: added + "\n  </body>"))
        let sources = try OPMLParser().sources(from: Data(edited.utf8), fileURL: Self.fileURL)
        #expect(sources.last == source)
    }

    @Test func removingByAddressTakesOutTheOutlinesLinesAndNothingElse() throws {
        let removal = try FeedListEditor().removing("https://www.airebygazette.example/rss?section=news&area=aireby", from: Self.list,
                                                    fileURL: Self.fileURL)
        #expect(removal.removed == ["Aireby Gazette"])
        let expected = Self.list.replacingOccurrences(
            of: "      <outline type=\"rss\" text=\"Aireby Gazette\" xmlUrl=\"https://www.airebygazette.example/rss?section=news&amp;area=aireby\"/>\n",
            with: "")
        #expect(removal.text == expected)
        #expect(try titles(removal.text) == ["Gazette letters", "School news page", #"Reddit: "Hollin Brook Academy""#])
        #expect(removal.text.contains("<!-- Local press. Checked by Sam every term. -->"))
        #expect(removal.text.contains("retired in 2025 -->"))
    }

    @Test func anOutlineOverSeveralLinesAndOneWithAClosingTagGoWhole() throws {
        var text = try FeedListEditor().removing("School news page", from: Self.list, fileURL: Self.fileURL).text
        text = try FeedListEditor().removing("https://www.reddit.com/search.rss?q=%22Hollin%20Brook%20Academy%22&sort=new", from: text,
                                             fileURL: Self.fileURL).text
        #expect(try titles(text) == ["Aireby Gazette", "Gazette letters"])
        #expect(!text.contains("earshotSchoolsOwn") && !text.contains("reddit"))
        #expect(text.hasSuffix("    <!-- <outline type=\"rss\" text=\"Old paper\" xmlUrl=\"https://old.example/rss\"/> retired in 2025 -->\n  </body>\n</opml>\n"))
    }

    @Test func aRelativeAddressMatchesAsWrittenOrResolvedAgainstTheFile() throws {
        for written in ["letters.xml", "file:///srv/earshot/feeds/letters.xml"] {
            let removal = try FeedListEditor().removing(written, from: Self.list, fileURL: Self.fileURL)
            #expect(removal.removed == ["Gazette letters"])
            #expect(!removal.text.contains("customTag"))
        }
    }

    @Test func whatCannotBeRemovedIsExplained() throws {
        #expect(throws: ConfigurationError.self) { try FeedListEditor().removing("https://old.example/rss", from: Self.list, fileURL: Self.fileURL) }
        do {
            _ = try FeedListEditor().removing("Press", from: Self.list, fileURL: Self.fileURL)
            Issue.record("a folder was removed")
        } catch {
            #expect(error.problem.contains("is a folder") && error.line == 6)
        }
        let twice = Self.list.replacingOccurrences(of: "text=\"Gazette letters\"", with: "text=\"Aireby Gazette\"")
        do {
            _ = try FeedListEditor().removing("Aireby Gazette", from: twice, fileURL: Self.fileURL)
            Issue.record("an ambiguous title removed something")
        } catch {
            #expect(error.problem.contains("is the title of 2 outlines"))
        }
    }

    @Test func addingThenRemovingGivesBackTheFileByteForByte() throws {
        let source = Source(url: URL(string: "https://mastodon.social/tags/HollinBrookAcademy.rss")!, kind: .feed, title: "Mastodon")
        let added = try FeedListEditor().adding([source], to: Self.list, file: Self.fileURL.path)
        #expect(try FeedListEditor().removing(source.url.absoluteString, from: added, fileURL: Self.fileURL).text == Self.list)
    }

    @Test func aQuoteWithACombiningMarkCannotEndTheAttribute() throws {
        let title = "Gazette\"\u{301} xmlUrl=\"http://evil.example/"
        let source = Source(url: URL(string: "https://school.example/feed")!, kind: .feed, title: title)
        let edited = try FeedListEditor().adding([source], to: Self.list, file: Self.fileURL.path)
        let sources = try OPMLParser().sources(from: Data(edited.utf8), fileURL: Self.fileURL)
        #expect(sources.last?.url.absoluteString == "https://school.example/feed")
        #expect(sources.last?.title == title)
    }

    @Test func refusesAFileWithoutABody() {
        #expect(throws: ConfigurationError.self) {
            try FeedListEditor().adding([], to: "<opml/>", file: "x.opml")
        }
    }

    @Test func intervalsAreWrittenInTheirLargestWholeUnitAndReadBack() {
        #expect(FeedListEditor.intervalText(.seconds(86_400)) == "1d")
        #expect(FeedListEditor.intervalText(.seconds(6 * 3600)) == "6h")
        #expect(FeedListEditor.intervalText(.seconds(90 * 60)) == "90m")
        #expect(FeedListEditor.intervalText(.seconds(45)) == "45s")
        #expect(FeedListEditor.interval(parsing: "15m") == .seconds(900))
        #expect(FeedListEditor.interval(parsing: "0m") == nil && FeedListEditor.interval(parsing: "soon") == nil)
    }
}
