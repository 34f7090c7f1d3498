import Foundation

/// An item's parts as read, before its key is decided.
struct ItemDraft {
    var id: String?
    var link: URL?
    var title = ""
    var author: String?
    var published: Date?
    var text = ""
}
