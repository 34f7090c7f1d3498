import Foundation

/// An item's parts as read, before its key is decided.
struct ItemDraft {
    var id: String?
    var link: URL?
    var title = ""
    var author: String?
    var published: Date?
    var text = ""
    /// The parts kept apart, filled only when the parser keeps item details.
    var details = ItemDetails()

    /// Whether the feed said nothing at all about the item; such an item is dropped. An item with
    /// only an id, a date or an author is kept: it exists, even if there is nothing to read.
    var isEmpty: Bool {
        title.isEmpty && text.isEmpty && link == nil && id == nil && author == nil && published == nil
    }
}
