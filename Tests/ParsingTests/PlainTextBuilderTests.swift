import Foundation
import Testing

@testable import Parsing

@Suite struct PlainTextBuilderTests {
    @Test(arguments: [
        ("  a \t b\n\nc  ", "a b c", "whitespace runs collapse and ends are trimmed"),
        ("a\u{00A0}\u{2009}b\u{200B}c", "a b c", "no-break, thin and zero-width spaces are spaces"),
        ("don\u{0092}t \u{0093}quoted\u{0094} \u{0080}5", "don\u{2019}t \u{201C}quoted\u{201D} \u{20AC}5", "C1 controls are Windows-1252"),
        ("caf\u{00C3}\u{00A9} \u{00E2}\u{0080}\u{00A6} \u{00E2}\u{20AC}\u{2122}", "café \u{2026} \u{2019}", "UTF-8 misread as Latin-1 or Windows-1252"),
        ("NÃO São Paulo", "NÃO São Paulo", "real accented text is left alone"),
        ("a \u{200D} b", "a \u{200D} b", "a zero-width joiner is not a space"),
        ("line\u{0007}bell", "line bell", "other control characters become spaces"),
        ("one\u{2028}two\u{2029}three", "one two three", "line and paragraph separators are spaces on one line"),
    ])
    func collapsesAndRepairs(_ input: String, _ expected: String, _ note: String) {
        #expect(PlainTextBuilder.collapseWhitespace(input) == expected, "\(note)")
    }

    @Test func normalisedLinesKeepLineBreaksAndDropEmptyLines() {
        #expect(PlainTextBuilder.normalizeLines("  one \r\n\n  two  three \u{2028}four\n") == "one\ntwo three\nfour")
    }

    @Test func bytesThatAreNotUTF8AreReadAsWindows1252() {
        var builder = PlainTextBuilder()
        let bytes: [UInt8] = [0x43, 0x61, 0x66, 0xE9, 0x20, 0x93, 0x78, 0x94, 0xE2, 0x82, 0x00]
        bytes.withUnsafeBufferPointer { builder.append(cString: $0.baseAddress!) }
        #expect(builder.finish() == "Café \u{201C}x\u{201D}\u{00E2}\u{201A}")
    }

    @Test func blocksBecomeLinesAndEmptyBlocksVanish() {
        var builder = PlainTextBuilder()
        builder.append("First ")
        builder.breakLine()
        builder.breakLine()
        builder.append("  ")
        builder.breakLine()
        builder.append(" second")
        #expect(builder.finish() == "First\nsecond")
    }
}
