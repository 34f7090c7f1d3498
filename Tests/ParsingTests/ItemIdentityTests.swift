import Foundation
import Model
import Testing

@testable import Parsing

@Suite struct ItemIdentityTests {
    @Test func nonEmptyIdWinsOverLinkAndContent() {
        let key = ItemIdentity.key(id: "  guid-1 ", link: URL(string: "https://example.org/a"), title: "T", text: "B")
        #expect(key == ItemKey(rawValue: "id:guid-1"))
    }

    @Test func blankIdFallsBackToLink() {
        let key = ItemIdentity.key(id: " \n", link: URL(string: "https://example.org/a"), title: "T", text: "B")
        #expect(key == ItemKey(rawValue: "link:https://example.org/a"))
    }

    @Test func withoutIdOrLinkTheKeyHashesTitleAndText() {
        let key = ItemIdentity.key(id: nil, link: nil, title: "Title", text: "Body")
        #expect(key.rawValue.hasPrefix("hash:"))
        #expect(key.rawValue.count == "hash:".count + 32)
        #expect(key == ItemIdentity.contentKey("Title\nBody"))
    }

    @Test func contentKeyIgnoresCaseAndWhitespace() {
        #expect(ItemIdentity.contentKey("Hello   World\n again") == ItemIdentity.contentKey("hello world again"))
        #expect(ItemIdentity.contentKey("Hello world") != ItemIdentity.contentKey("Hello world!"))
    }

    @Test func fingerprintIsStableAcrossRuns() {
        // FNV-1a 64 of "" is its offset basis; the second half uses the second basis.
        #expect(ItemIdentity.fingerprint("") == "cbf29ce4842223256c62272e07bb0142")
        // Published FNV-1a 64 test vector: "a" → af63dc4c8601ec8c.
        #expect(ItemIdentity.fingerprint("a").hasPrefix("af63dc4c8601ec8c"))
        #expect(ItemIdentity.fingerprint("Elm Park") == ItemIdentity.fingerprint("Elm Park"))
    }
}
