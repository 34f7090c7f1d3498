import Foundation
import Model

/// What a web page said, as blocks of plain text: one per post, comment or card, or one per
/// paragraph when the page has no such structure.
public struct ParsedPage: Sendable, Hashable {
    /// The page's `<title>` (or first `h1`), as plain text.
    public var title: String
    /// The page's main text split into blocks, in document order, without duplicates.
    /// Each block's key hashes its own normalised text, so a post keeps its key when the layout
    /// around it changes.
    public var blocks: [Item]

    /// Creates a parsed page.
    public init(title: String, blocks: [Item]) {
        self.title = title
        self.blocks = blocks
    }
}
