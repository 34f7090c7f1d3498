import Foundation
import Testing
@testable import Mailing

/// A body text with a name for the test report.
struct BodySample: CustomTestStringConvertible, Sendable {
    let name: String
    let text: String
    var testDescription: String { name }

    static let all: [BodySample] = [
        BodySample(name: "empty", text: ""),
        BodySample(name: "short ASCII", text: "Hello, governors.\nThe digest is attached.\n"),
        BodySample(name: "one long ASCII line", text: String(repeating: "word ", count: 200)),
        BodySample(name: "long line without spaces", text: String(repeating: "x", count: 500)),
        BodySample(name: "equals signs everywhere", text: String(repeating: "a=b ", count: 60) + "=\n=="),
        BodySample(name: "trailing spaces and tabs", text: "ends in space \nends in tab\t\n \n\t"),
        BodySample(name: "space at the soft-break column", text: String(repeating: "y", count: 74) + " z " + String(repeating: "q", count: 80)),
        BodySample(name: "Welsh with accents", text: String(repeating: "Ysgol Gymraeg Bro Morgannwg: llongyfarchiadau i’r disgyblion! Mae’n ŵyl. ", count: 8)),
        BodySample(name: "mostly Japanese", text: String(repeating: "学校の評判についての投稿があります。", count: 20)),
        BodySample(name: "emoji and joiners", text: String(repeating: "👨‍👩‍👧‍👦 🇬🇧 café ", count: 30)),
        BodySample(name: "mixed line endings", text: "one\rtwo\nthree\r\nfour\n\rfive"),
        BodySample(name: "lines starting with dots", text: ".\n..\n.hidden\nnormal\n."),
        BodySample(name: "one-line HTML", text: "<html><body>" + String(repeating: "<p style=\"margin:0;color:#333\">Mention &amp; reply</p>", count: 40) + "</body></html>"),
        BodySample(name: "control characters", text: "nul\u{0}bell\u{7}escape\u{1B}delete\u{7F}"),
    ]
}

@Suite("BodyEncoding")
struct BodyEncodingTests {
    @Test("Quoted-printable lines are at most 76 characters and contain only printable ASCII", arguments: BodySample.all)
    func quotedPrintableLineLengths(sample: BodySample) {
        let encoded = BodyEncoding.quotedPrintable(lines: BodyEncoding.canonicalLines(sample.text))
        for line in encoded.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 76, "line of \(line.utf8.count): \(line)")
            #expect(line.utf8.allSatisfy { (32...126).contains($0) || $0 == 9 })
            #expect(!line.hasSuffix(" ") && !line.hasSuffix("\t"), "white space at the end of \(line)")
        }
        #expect(MailText.bareLineBreakCount(Data(encoded.utf8)) == 0)
    }

    @Test("Quoted-printable decodes back to the text with CRLF line ends", arguments: BodySample.all)
    func quotedPrintableRoundTrip(sample: BodySample) {
        let encoded = BodyEncoding.quotedPrintable(lines: BodyEncoding.canonicalLines(sample.text))
        #expect(MailText.decodeQuotedPrintable(encoded) == Array(MailText.withCRLF(sample.text).utf8))
    }

    @Test("Base64 lines are 76 characters except the last, and decode back to the text", arguments: BodySample.all)
    func base64LinesAndRoundTrip(sample: BodySample) throws {
        let encoded = BodyEncoding.base64(lines: BodyEncoding.canonicalLines(sample.text))
        let lines = encoded.components(separatedBy: "\r\n")
        for line in lines.dropLast() { #expect(line.utf8.count == 76) }
        #expect((lines.last?.utf8.count ?? 0) <= 76)
        let decoded = try #require(Data(base64Encoded: lines.joined()))
        #expect(decoded == Data(MailText.withCRLF(sample.text).utf8))
    }

    @Test("Quoted-printable escapes '=', non-ASCII bytes and white space before a line end")
    func quotedPrintableEscapes() {
        let encoded = BodyEncoding.quotedPrintable(lines: BodyEncoding.canonicalLines("a=b é \nx\t"))
        #expect(encoded == "a=3Db =C3=A9=20\r\nx=09")
    }

    @Test("Quoted-printable keeps empty lines and a final line break")
    func quotedPrintableKeepsEmptyLines() {
        let encoded = BodyEncoding.quotedPrintable(lines: BodyEncoding.canonicalLines("a\n\n\nb\n"))
        #expect(encoded == "a\r\n\r\n\r\nb\r\n")
    }

    @Test("A soft line break never splits an escape sequence")
    func softBreaksKeepEscapesWhole() {
        let text = String(repeating: "é", count: 100)
        let encoded = BodyEncoding.quotedPrintable(lines: BodyEncoding.canonicalLines(text))
        for line in encoded.components(separatedBy: "\r\n") {
            let content = line.hasSuffix("=") ? String(line.dropLast()) : line
            #expect(content.utf8.count % 3 == 0, "escape split in \(line)")
            #expect(content.allSatisfy { $0 == "=" || $0.isHexDigit })
        }
    }

    @Test("Lines split at CRLF, lone CR and lone LF alike")
    func canonicalLinesSplitEveryLineEnding() {
        let lines = BodyEncoding.canonicalLines("one\rtwo\nthree\r\nfour")
        #expect(lines.map { String(decoding: $0, as: UTF8.self) } == ["one", "two", "three", "four"])
    }

    @Test("Mostly-ASCII text is sent quoted-printable, mostly non-ASCII text base64")
    func choosesTheShorterEncoding() {
        #expect(BodyEncoding.encode("The school fair raised £2,000 for the library.").encoding == .quotedPrintable)
        #expect(BodyEncoding.encode(String(repeating: "学校の評判", count: 30)).encoding == .base64)
    }
}
