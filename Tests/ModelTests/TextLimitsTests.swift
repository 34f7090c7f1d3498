import Foundation
import Model
import Testing

@Suite struct TextLimitsTests {
    @Test func aLongTextIsCutToTheLimitEndingInAnEllipsis() {
        let title = String(repeating: "a", count: 5 << 20)
        let capped = TextLimits.capped(title, to: TextLimits.title)
        #expect(capped.unicodeScalars.count == TextLimits.title)
        #expect(capped.hasSuffix("aa…"))
        #expect(TextLimits.capped("short", to: 10) == "short")
        #expect(TextLimits.capped("exactly10!", to: 10) == "exactly10!")
    }

    @Test func oneCharacterCarryingAMillionCombiningMarksIsCutToo() {
        // One Character, one million and one scalars: a limit counted in Characters would keep it whole.
        let zalgo = "a" + String(repeating: "\u{301}", count: 1_000_000)
        #expect(zalgo.count == 1)
        #expect(TextLimits.capped(zalgo, to: TextLimits.title).unicodeScalars.count == TextLimits.title)
    }

    @Test func anItemIsStoredWithinTheLimits() throws {
        let huge = String(repeating: "word ", count: 1 << 20)
        let link = try #require(URL(string: "https://news.example/" + String(repeating: "x", count: 5000)))
        let item = Item(key: ItemKey(rawValue: "id:1"), title: huge, link: link, author: huge, text: huge)
        let kept = item.withinTextLimits
        #expect(kept.title.unicodeScalars.count == TextLimits.title)
        #expect(kept.author?.unicodeScalars.count == TextLimits.author)
        #expect(kept.text.unicodeScalars.count == TextLimits.storedText)
        #expect(kept.link == nil)
        #expect(kept.key == item.key)
        let modest = Item(key: ItemKey(rawValue: "id:2"), title: "Open evening", link: URL(string: "https://news.example/a"), text: "Tonight.")
        #expect(modest.withinTextLimits == modest)
    }
}
