import Foundation
import Model

/// What the store holds that a batch of items may already be: every stored item sharing a key,
/// link or story with one of them, read in one statement (per few hundred items) rather than
/// three per item, and kept up to date with what the batch itself writes, so that the second copy
/// of a post within one feed is seen as the first one's.
struct StoredItems {
    /// The columns of a stored item that say whether another item is the same post.
    struct Row {
        var key: ItemKey
        var link: String?
        var story: String?
        var isStandIn: Bool
        var publishedAt: Date?
        var discoveredAt: Date
    }

    private var rows: [ItemKey: Row] = [:]
    private var keysByLink: [String: [ItemKey]] = [:]
    private var keysByStory: [String: [ItemKey]] = [:]

    /// Items per statement: three bindings each stays well inside both stores' limits.
    private static let itemsPerStatement = 300

    /// Reads the stored items that share a key, a link or a story with any of `items`.
    init(sharingIdentityWith items: [Item], in connection: any DatabaseConnection) throws(StorageError) {
        for start in stride(from: 0, to: items.count, by: Self.itemsPerStatement) {
            let batch = items[start..<min(start + Self.itemsPerStatement, items.count)]
            let keys = batch.map { SQLValue.text($0.key.rawValue) }
            let links = Set(batch.compactMap(Self.matchableLink)).sorted().map(SQLValue.text)
            let stories = Set(batch.compactMap(\.story?.rawValue)).sorted().map(SQLValue.text)
            var clauses = ["key IN (\(Store.placeholders(keys.count)))"]
            if !links.isEmpty { clauses.append("link IN (\(Store.placeholders(links.count)))") }
            if !stories.isEmpty { clauses.append("story_key IN (\(Store.placeholders(stories.count)))") }
            let found = try connection.query(
                """
                SELECT key, link, story_key, is_stand_in, published_at, discovered_at FROM items
                WHERE \(clauses.joined(separator: " OR "))
                """,
                keys + links + stories)
            for row in found {
                guard let key = row["key"].text.map(ItemKey.init(rawValue:)), rows[key] == nil,
                      let discoveredAt = row["discovered_at"].date else { continue }
                add(Row(key: key, link: row["link"].text, story: row["story_key"].text,
                        isStandIn: row["is_stand_in"].integer == 1, publishedAt: row["published_at"].date,
                        discoveredAt: discoveredAt))
            }
        }
    }

    /// The link by which an item is matched across sources: blocks of one web page share the
    /// page's link and are told apart by their content hash, so only items with an identity of
    /// their own are matched by link.
    private static func matchableLink(of item: Item) -> String? {
        item.key.rawValue.hasPrefix("hash:") ? nil : item.link?.absoluteString
    }

    /// Where `item`, or the same story from another source, is stored: by key; by link; else by
    /// story, when this item or the stored one is a stand-in (see ``Model/Item/isStandIn``) and
    /// the two were published close enough together to be one story. The earliest found wins.
    func copy(of item: Item) -> Store.StoredCopy? {
        if rows[item.key] != nil { return .same(item.key) }
        if let link = Self.matchableLink(of: item), let first = earliest(keysByLink[link]).first {
            return .same(first.key)
        }
        guard let story = item.story?.rawValue else { return nil }
        for row in earliest(keysByStory[story]) where StoryKey.canBeOneStory(publishedAt: item.published, and: row.publishedAt) {
            if item.isStandIn { return .same(row.key) }
            if row.isStandIn { return .standIn(row.key) }
        }
        return nil
    }

    /// The rows of `keys`, earliest discovered first (then by key), as the store orders them.
    private func earliest(_ keys: [ItemKey]?) -> [Row] {
        (keys ?? []).compactMap { rows[$0] }.sorted {
            ($0.discoveredAt, $0.key.rawValue) < ($1.discoveredAt, $1.key.rawValue)
        }
    }

    /// Notes an item the batch writes.
    mutating func add(_ row: Row) {
        rows[row.key] = row
        if let link = row.link { keysByLink[link, default: []].append(row.key) }
        if let story = row.story { keysByStory[story, default: []].append(row.key) }
    }

    /// Notes that a stand-in took its publisher's link and stands in no more.
    mutating func complete(_ key: ItemKey, link: String?) {
        guard var row = rows[key] else { return }
        if let old = row.link { keysByLink[old]?.removeAll { $0 == key } }
        row.link = link
        row.isStandIn = false
        if let link { keysByLink[link, default: []].append(key) }
        rows[key] = row
    }
}

extension StoredItems.Row {
    /// The row a new item of a fetch at `seenAt` is stored as.
    init(_ observation: SourceScanRecord.Observation, seenAt: Date) {
        self.init(key: observation.item.key, link: observation.item.link?.absoluteString, story: observation.item.story?.rawValue,
                  isStandIn: observation.item.isStandIn, publishedAt: observation.item.published,
                  discoveredAt: observation.finding?.discoveredAt ?? seenAt)
    }
}
