import Model
import Testing

@Suite struct MarkupTextTests {
    @Test func escapesMarkupCharactersThatCarryACombiningMark() {
        // `"` or `<` followed by a combining mark is one Character; it must still be escaped.
        let escaped = MarkupText.escaped("a\"\u{301} onmouseover=x <\u{338}script>'\u{301}&\u{301}")
        #expect(!escaped.unicodeScalars.contains { "\"<>'".unicodeScalars.contains($0) })
        #expect(escaped == "a&quot;\u{301} onmouseover=x &lt;\u{338}script&gt;&#39;\u{301}&amp;\u{301}")
    }

    @Test func invisibleCharactersAreTheOnesWordsAreReadAcross() {
        #expect([0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF].allSatisfy(InvisibleCharacters.contains))
        #expect(![0x20, 0x2D, 0x200E, 0x2061, 0x61].contains(where: InvisibleCharacters.contains))
    }
}
