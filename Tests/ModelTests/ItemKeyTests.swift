import Model
import Testing

/// Which ids are a feed's own (scoped to the source) and which are meant to be unique everywhere.
@Suite struct ItemKeyTests {
    let source = SourceID(rawValue: "https://forum.example/feed")

    @Test(arguments: ["id:1234", "id:post-12", "id:12:30", "id:post:", "id::x", "id:é:x"])
    func aFeedsOwnIdIsScopedToTheSource(raw: String) {
        #expect(ItemKey(rawValue: raw).scoped(to: source)?.rawValue == "id:https://forum.example/feed " + raw.dropFirst(3))
    }

    @Test(arguments: ["id:https://news.example/1", "id:tag:google.com,2005:alert-1", "id:urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a",
                      "link:https://news.example/1", "hash:0123456789abcdef0123456789abcdef"])
    func uriIdsLinksAndHashesAreNotScoped(raw: String) {
        #expect(ItemKey(rawValue: raw).scoped(to: source) == nil)
    }
}
