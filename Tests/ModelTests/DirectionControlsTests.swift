import Model
import Testing

@Suite struct DirectionControlsTests {
    static let controls: [UInt32] = [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]

    @Test func everyEmbeddingOverrideAndIsolateIsOne() {
        #expect(Self.controls.allSatisfy(DirectionControls.contains))
        #expect(![0x2029, 0x202F, 0x2065, 0x206A, 0x200E, 0x200F, 0x61].contains(where: DirectionControls.contains))
    }

    @Test func neutralisingReplacesEachControlAndKeepsTheRest() {
        let hostile = "invoice\u{202E}fdp.exe \u{2067}שלום\u{2069} café"
        #expect(DirectionControls.neutralised(hostile) == "invoice\u{FFFD}fdp.exe \u{FFFD}שלום\u{FFFD} café")
        #expect(DirectionControls.neutralised("plain text") == "plain text")
    }

    @Test func theMarkupEscaperReplacesThemToo() {
        let escaped = MarkupText.escaped("<b>\u{202E}gnp.exe</b>")
        #expect(escaped == "&lt;b&gt;\u{FFFD}gnp.exe&lt;/b&gt;")
        let every = MarkupText.escaped(String(String.UnicodeScalarView(Self.controls.compactMap(Unicode.Scalar.init))))
        #expect(every == String(repeating: "\u{FFFD}", count: Self.controls.count))
    }
}
