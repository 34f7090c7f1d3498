import Foundation
import Model
import Testing

@testable import Parsing

@Suite struct OPMLParserTests {
    let parser = OPMLParser()

    func sources(_ name: String) throws -> [Source] {
        let url = try Fixture.url(name)
        return try parser.sources(from: Fixture.data(name), fileURL: url)
    }

    func error(_ name: String) throws -> ParseError? {
        let url = try Fixture.url(name)
        let data = try Fixture.data(name)
        do {
            _ = try parser.sources(from: data, fileURL: url)
            return nil
        } catch {
            return error
        }
    }

    @Test func everyOutlineWithAURLBecomesASourceInDocumentOrder() throws {
        let found = try sources("feeds.opml")
        #expect(found.map(\.title) == [
            "School news", "Head's blog", "Riverside Gazette", "Deep feed", "Parents forum thread", "Council page",
            "Local test feed",
        ])
    }

    @Test func typesDecideTheKindAndHTMLFallsBackToHTMLURL() throws {
        let found = try sources("feeds.opml")
        #expect(found.map(\.kind) == [.feed, .feed, .feed, .feed, .page, .page, .feed])
        #expect(found[4].url == URL(string: "https://forum.example.org/t/elm-park"))
        #expect(found[5].url == URL(string: "https://council.example.gov.uk/schools/elm-park"))
    }

    @Test func earshotAttributesSetAboutSchoolAndInterval() throws {
        let found = try sources("feeds.opml")
        #expect(found[0].isAboutSchool)
        #expect(found[0].refreshInterval == .seconds(30 * 60))
        #expect(found[2].refreshInterval == .seconds(6 * 3600))
        #expect(found[3].refreshInterval == .seconds(86_400))
        #expect(found[4].refreshInterval == .seconds(45))
        #expect(found[1].refreshInterval == nil)
        #expect(!found[6].isAboutSchool)
    }

    @Test func relativeURLsResolveAgainstTheOPMLFile() throws {
        let fileURL = try Fixture.url("feeds.opml")
        let local = try #require(try sources("feeds.opml").last)
        #expect(local.url == fileURL.deletingLastPathComponent().appendingPathComponent("samples/local.xml"))
        #expect(local.url.isFileURL)
    }

    @Test func duplicateURLsKeepTheFirstOutline() throws {
        let found = try sources("feeds.opml")
        #expect(found.filter { $0.url.absoluteString == "https://news.example.org/feed.xml" }.map(\.title) == ["Riverside Gazette"])
    }

    @Test func escapedAmpersandsInURLsAreRead() throws {
        let deep = try #require(try sources("feeds.opml").first { $0.title == "Deep feed" })
        #expect(deep.url.absoluteString == "http://deep.example.net/rss?a=1&b=2")
    }

    @Test func earshotSchoolsOwnMarksTheSchoolSpeaking() throws {
        let document = """
            <opml version="2.0"><body>
            <outline type="rss" text="Our news" xmlUrl="https://own.example/feed" earshotSchoolsOwn="true"/>
            <outline type="rss" text="Their news" xmlUrl="https://other.example/feed"/>
            </body></opml>
            """
        let found = try parser.sources(from: Data(document.utf8), fileURL: URL(fileURLWithPath: "/srv/earshot/sources.opml"))
        #expect(found.map(\.isSchoolsOwn) == [true, false])
        let wrong = Data(#"<opml version="2.0"><body><outline type="rss" xmlUrl="https://a.example/f" earshotSchoolsOwn="maybe"/></body></opml>"#.utf8)
        #expect(throws: ParseError.self) { try parser.sources(from: wrong, fileURL: URL(fileURLWithPath: "/srv/earshot/sources.opml")) }
    }

    @Test func attributeNamesAreMatchedWithoutRegardToCase() throws {
        let document = """
            <opml version="1.0"><body>
            <outline TYPE="rss" Text="Lower" xmlurl="https://lower.example/feed" EarshotAboutSchool="TRUE"/>
            </body></opml>
            """
        let found = try parser.sources(from: Data(document.utf8), fileURL: URL(fileURLWithPath: "/srv/earshot/sources.opml"))
        #expect(found.map(\.url.absoluteString) == ["https://lower.example/feed"])
        #expect(found.first?.title == "Lower")
        #expect(found.first?.isAboutSchool == true)
    }

    @Test func malformedOPMLNamesTheLineAndTheProblem() throws {
        let failure = try #require(try error("broken.opml"))
        #expect(failure.code == .malformedXML)
        #expect(failure.line == 7)
        #expect(failure.message.contains("mismatch"))
        #expect(failure.description.hasPrefix("line 7: "))
    }

    @Test(arguments: [
        OutlineErrorCase(fixture: "opml-rss-without-url.opml", line: 7, fragment: "has no xmlUrl"),
        OutlineErrorCase(fixture: "opml-bad-scheme.opml", line: 5, fragment: "unsupported URL scheme \"ftp\""),
        OutlineErrorCase(fixture: "opml-bad-interval.opml", line: 6, fragment: "\"1w\" is not an interval"),
    ])
    func badOutlinesNameTheirLine(_ testCase: OutlineErrorCase) throws {
        let failure = try #require(try error(testCase.fixture))
        #expect(failure.code == .invalidOutline)
        #expect(failure.line == testCase.line)
        #expect(failure.message.contains(testCase.fragment))
    }

    @Test func aFeedIsNotOPML() throws {
        let failure = try #require(try error("rss2-basic.xml"))
        #expect(failure.code == .notOPML)
        #expect(failure.message.contains("<rss>"))
    }

    @Test func emptyFileIsAnError() throws {
        #expect {
            try parser.sources(from: Data("  \n".utf8), fileURL: URL(fileURLWithPath: "/srv/earshot/empty.opml"))
        } throws: { error in
            (error as? ParseError)?.code == .emptyDocument
        }
    }

    @Test(arguments: ["0m", "-5m", "m", "10", "1.5h", "10 minutes"])
    func invalidIntervalsAreRejected(_ interval: String) {
        let document = """
            <opml version="2.0"><body>
            <outline type="rss" xmlUrl="https://a.example/feed" earshotInterval="\(interval)"/>
            </body></opml>
            """
        #expect {
            try parser.sources(from: Data(document.utf8), fileURL: URL(fileURLWithPath: "/srv/earshot/sources.opml"))
        } throws: { error in
            (error as? ParseError)?.code == .invalidOutline
        }
    }

    @Test func externalEntitiesInOPMLAreRefusedNotRead() throws {
        let document = """
            <?xml version="1.0"?>
            <!DOCTYPE opml [<!ENTITY leak SYSTEM "file:///etc/passwd">]>
            <opml version="2.0"><body>
            <outline type="rss" text="x &leak; y" xmlUrl="https://a.example/feed"/>
            </body></opml>
            """
        do {
            _ = try parser.sources(from: Data(document.utf8), fileURL: URL(fileURLWithPath: "/srv/earshot/sources.opml"))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .malformedXML)
            #expect(error.line == 4)
            #expect(!error.message.contains("root:"))
        }
    }

    @Test func internalEntitiesInOPMLAttributesAreNotExpanded() throws {
        let document = """
            <?xml version="1.0"?>
            <!DOCTYPE opml [<!ENTITY school "Elm Park">]>
            <opml version="2.0"><body>
            <outline type="rss" text="x &school; y" xmlUrl="https://a.example/feed"/>
            </body></opml>
            """
        let found = try parser.sources(from: Data(document.utf8), fileURL: URL(fileURLWithPath: "/srv/earshot/sources.opml"))
        #expect(found.first?.title == "x y")
    }
}

/// An OPML fixture with one bad outline, the line it is on, and words the message must contain.
struct OutlineErrorCase: CustomTestStringConvertible, Sendable {
    let fixture: String
    let line: Int
    let fragment: String
    var testDescription: String { fixture }
}
