import Foundation
import Testing

@testable import Parsing

@Suite struct LinkNormalizerTests {
    /// A link as written, the base it is read against, and its canonical form (nil: refused).
    struct LinkCase: CustomTestStringConvertible, Sendable {
        let link: String
        let base: String?
        let expected: String?
        let note: String
        var testDescription: String { note }
    }

    static let cases: [LinkCase] = [
        LinkCase(link: "HTTPS://News.Example.ORG/Path/Story", base: nil, expected: "https://news.example.org/Path/Story", note: "scheme and host lowercased, path kept"),
        LinkCase(link: "https://example.org/a#section-2", base: nil, expected: "https://example.org/a", note: "fragment dropped"),
        LinkCase(link: "https://example.org/a?utm_source=x&id=3&UTM_Medium=y&page=2", base: nil, expected: "https://example.org/a?id=3&page=2", note: "utm parameters dropped, others kept in order"),
        LinkCase(link: "https://example.org/a?fbclid=1&gclid=2&mc_cid=3&mc_eid=4&ref_src=5", base: nil, expected: "https://example.org/a", note: "every tracking parameter dropped"),
        LinkCase(link: "https://example.org/a?q=a%26b&x", base: nil, expected: "https://example.org/a?q=a%26b&x", note: "encoding and bare keys kept"),
        LinkCase(link: "https://example.org", base: nil, expected: "https://example.org/", note: "empty path becomes slash"),
        LinkCase(link: "/news/1", base: "https://example.org/feed.xml", expected: "https://example.org/news/1", note: "root-relative"),
        LinkCase(link: "story.html", base: "https://example.org/archive/", expected: "https://example.org/archive/story.html", note: "relative to a folder"),
        LinkCase(link: "//cdn.example.net/x", base: "https://example.org/", expected: "https://cdn.example.net/x", note: "scheme-relative"),
        LinkCase(link: "  https://example.org/spaced  ", base: nil, expected: "https://example.org/spaced", note: "whitespace trimmed"),
        LinkCase(link: "https://www.google.com/url?rct=j&sa=t&url=https://paper.example.co.uk/story%3Fid%3D9%26utm_source%3Dga&ct=ga", base: nil, expected: "https://paper.example.co.uk/story?id=9", note: "Google Alerts redirect unwrapped"),
        LinkCase(link: "https://www.google.co.uk/url?q=https://paper.example.co.uk/q&sa=U", base: nil, expected: "https://paper.example.co.uk/q", note: "Google redirect with q"),
        LinkCase(link: "https://www.bing.com/news/apiclick.aspx?ref=FexRss&aid=&tid=68A1B2&url=https%3a%2f%2fwww.paper.example.co.uk%2fnews%2fhead-resigns%3futm_source%3dbing&c=1234&mkt=en-gb", base: nil, expected: "https://www.paper.example.co.uk/news/head-resigns", note: "Bing News click-through unwrapped"),
        LinkCase(link: "http://BING.com/news/ApiClick.aspx?url=https%3A%2F%2Fpaper.example%2Fa", base: nil, expected: "https://paper.example/a", note: "Bing click-through in any case"),
        LinkCase(link: "https://elsewhere.example/news/apiclick.aspx?url=https%3a%2f%2fpaper.example%2fa", base: nil, expected: "https://elsewhere.example/news/apiclick.aspx?url=https%3a%2f%2fpaper.example%2fa", note: "a click-through path off Bing is left alone"),
        LinkCase(link: "https://news.google.com/rss/articles/CBMiWmh0dHBz?oc=5", base: nil, expected: "https://news.google.com/rss/articles/CBMiWmh0dHBz?oc=5", note: "a Google News article redirect cannot be read and is kept"),
        LinkCase(link: "https://example.org/url?other=1", base: nil, expected: "https://example.org/url?other=1", note: "a /url path without a target is left alone"),
        LinkCase(link: "https://example.org/url?url=javascript:alert(1)", base: nil, expected: "https://example.org/url?url=javascript:alert(1)", note: "non-http redirect target not followed"),
        LinkCase(link: "file:///srv/feeds/local.xml", base: nil, expected: "file:///srv/feeds/local.xml", note: "file links kept"),
        LinkCase(link: "javascript:alert(1)", base: nil, expected: nil, note: "javascript refused"),
        LinkCase(link: "mailto:head@example.org", base: nil, expected: nil, note: "mailto refused"),
        LinkCase(link: "", base: "https://example.org/", expected: nil, note: "empty refused"),
        LinkCase(link: "https://", base: nil, expected: nil, note: "no host refused"),
    ]

    @Test(arguments: cases)
    func normalisesLinks(_ testCase: LinkCase) {
        let base = testCase.base.flatMap(URL.init(string:))
        let normalized = LinkNormalizer().normalize(testCase.link, relativeTo: base)
        #expect(normalized?.absoluteString == testCase.expected)
    }

    @Test(arguments: [
        "https://Example.ORG/Path/Story?id=3&utm_source=x#top", "http://example.org", "http://example.org:8080/a/b.html?",
        "https://example.org/a?&&x=1&&", "https://example.org/a?fbclid=1", "https://example.org/a%20b?q=%C3%A9",
        "https://example.org/a?UTM_Medium=y&page=2", "http://news.example.co.uk/2024/03/05/story-title/",
        "https://example.org/a?q=a%26b&x", "https://example.org/path;params?x=a:b@c!$'()*+,=",
    ])
    func theTextShortcutAgreesWithTheFullNormaliser(_ link: String) throws {
        let shortcut = try #require(LinkNormalizer.simpleCanonicalForm(link))
        let url = try #require(URL(string: link))
        let full = try #require(LinkNormalizer().normalize(url))
        #expect(shortcut == full.absoluteString)
    }

    @Test(arguments: [
        "https://example.org/a b", "https://exa_mple.org/", "https://example.org/%zz", "ftp://example.org/",
        "https://example.org/url?url=https://elsewhere.example/", "https://user@example.org/", "https://[::1]/",
        "https://example.org/caf\u{E9}",
    ])
    func linksTheShortcutCannotHandleGoTheLongWay(_ link: String) {
        #expect(LinkNormalizer.simpleCanonicalForm(link) == nil)
    }

    @Test func normalisingTwiceChangesNothing() throws {
        let once = try #require(LinkNormalizer().normalize("HTTP://Example.org/a?utm_x=1&b=2#f", relativeTo: nil))
        #expect(LinkNormalizer().normalize(once) == once)
    }
}
