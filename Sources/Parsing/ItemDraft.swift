import Foundation

/// An item's parts as read, before its key is decided.
struct ItemDraft {
    var id: String?
    var link: URL?
    var title = ""
    var author: String?
    var published: Date?
    var text = ""
    /// The site the item says it comes from (RSS `<source url="…">`), when the feed relays
    /// another site's story, as news search engines do.
    var sourceSite: URL?
    /// That site's name as the feed writes it (the text of `<source>`).
    var sourceName: String?
    /// The parts kept apart, filled only when the parser keeps item details.
    var details = ItemDetails()

    /// Whether the feed said nothing at all about the item; such an item is dropped. An item with
    /// only an id, a date or an author is kept: it exists, even if there is nothing to read.
    var isEmpty: Bool {
        title.isEmpty && text.isEmpty && link == nil && id == nil && author == nil && published == nil
    }
}
