import Foundation

/// Which items of a source are its history rather than news.
///
/// A source's first read returns whatever it holds, often weeks of posts: opened as cases, they
/// would arrive overdue by weeks on the first day. An item published before the source was first
/// read, by more than the window, is history: stored and counted, but it opens no case and sends
/// no alert until a backfill takes it up. The rule holds for every read of the source, so an old
/// post that surfaces later (a feed that lists more, a page that grows) is history too. An item
/// without a publication date is news: a missed safeguarding post is worse than a false alarm.
struct HistoryWindow: Hashable, Sendable {
    /// How long before a source's first read an item may be published and still be news.
    var length: Duration

    /// Whether an item published at `published` is history for a source first read at `firstReadAt`.
    func isHistory(publishedAt published: Date?, sourceFirstReadAt firstReadAt: Date) -> Bool {
        guard let published else { return false }
        return published < firstReadAt.addingTimeInterval(-TimeInterval(length.components.seconds))
    }
}
