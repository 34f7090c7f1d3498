import Foundation
import Testing

@testable import Parsing

@Suite struct HTMLTextExtractorTests {
    struct HTMLCase: CustomTestStringConvertible, Sendable {
        let html: String
        let expected: String
        let note: String
        var testDescription: String { note }
    }

    static let cases: [HTMLCase] = [
        HTMLCase(html: "<p>One</p><p>Two</p>", expected: "One\nTwo", note: "paragraphs become lines"),
        HTMLCase(html: "Line<br>break<br/>again", expected: "Line\nbreak\nagain", note: "br breaks lines"),
        HTMLCase(html: "<ul><li>a</li><li>b</li></ul>", expected: "a\nb", note: "list items are lines"),
        HTMLCase(html: "<h2>Head</h2>Body <b>bold</b> <i>italic</i>", expected: "Head\nBody bold italic", note: "headings are lines, inline kept on the line"),
        HTMLCase(html: "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", expected: "a b\nc", note: "cells spaced, rows lines"),
        HTMLCase(html: "<blockquote>Quoted</blockquote>After", expected: "Quoted\nAfter", note: "blockquote is a block"),
        HTMLCase(html: "<div><article>A</article><section>B</section></div>", expected: "A\nB", note: "article and section are blocks"),
        HTMLCase(html: "Fish &amp; chips &pound;5&nbsp;&mdash; &#8220;yum&#8221; &eacute;", expected: "Fish & chips £5 — \u{201C}yum\u{201D} é", note: "entities decoded"),
        HTMLCase(html: "<p>Keep</p><script>var x = 1;</script><style>p{}</style><noscript>enable js</noscript>", expected: "Keep", note: "script, style and noscript dropped"),
        HTMLCase(html: "  lots   of \n\n  space\t here  ", expected: "lots of space here", note: "whitespace collapsed without markup"),
        HTMLCase(html: "<p>  lots \n of   space </p>", expected: "lots of space", note: "whitespace collapsed within a line"),
        HTMLCase(html: "5 < 6 and 7 > 3", expected: "5 < 6 and 7 > 3", note: "bare angle brackets survive"),
        HTMLCase(html: "<p>Unclosed <b>bold", expected: "Unclosed bold", note: "broken markup recovered"),
        HTMLCase(html: "", expected: "", note: "empty"),
        HTMLCase(html: "<p> </p><div></div>", expected: "", note: "no text"),
        HTMLCase(html: "<b>one</b> <i>two</i>", expected: "one two", note: "the space between inline elements is kept"),
        HTMLCase(html: "safe<embed src=\"x\"> <b>description</b>", expected: "safe description", note: "an unclosed embed hides nothing"),
        HTMLCase(html: "<object data=\"x\">Fallback <b>text</b></object>", expected: "Fallback text", note: "object fallback text is read"),
        HTMLCase(html: "<!-- SC_OFF --><div class=\"md\"><p>Our own words</p></div><!-- SC_ON --> submitted by <a href=\"u\">/u/someone</a> to r/town <a href=\"l\">[link]</a>",
                 expected: "Our own words", note: "a Reddit listing's trailer after the post's own text is dropped"),
        HTMLCase(html: "<!-- SC_OFF --><p>First</p><!-- SC_ON --> submitted by a <!-- SC_OFF --><p>Second</p><!-- SC_ON --> submitted by b",
                 expected: "First\nSecond", note: "each post's own text is read, each trailer dropped"),
        HTMLCase(html: "<p>Before</p><!-- a note --><p>After</p>", expected: "Before\nAfter", note: "other comments hide nothing"),
        HTMLCase(html: "don&#146;t &#147;quote&#148;", expected: "don\u{2019}t \u{201C}quote\u{201D}", note: "Windows-1252 code points in references"),
    ]

    @Test(arguments: cases)
    func extractsPlainText(_ testCase: HTMLCase) {
        #expect(HTMLTextExtractor().text(fromHTML: testCase.html) == testCase.expected)
    }

    @Test func bytesInADeclaredCharsetAreDecoded() throws {
        let data = try Fixture.data("windows1252-page.html")
        #expect(HTMLTextExtractor().text(fromHTML: data, encoding: "windows-1252") == "Price €5 and café")
    }
}
