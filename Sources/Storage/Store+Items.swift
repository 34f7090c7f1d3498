import Foundation
import Model

extension Store {
    /// The items among `items` that the store has not seen, by key or by link, in their order.
    ///
    /// The scan analyses only these; ``record(_:)`` checks again inside its transaction.
    public func unseen(_ items: [Item]) throws(StorageError) -> [Item] {
        let known = try knownItems(matching: items)
        return items.filter { known.existingKey(for: $0) == nil }
    }

    /// The items of one source with their feed-local ids scoped to it (see ``ItemKey/scoped(to:)``),
    /// so that two feeds numbering their posts alike never hide each other's posts. An item this
    /// source already stored under its unscoped key keeps that key, so nothing stored before ids
    /// were scoped is seen as new again.
    public func scopingFeedLocalIDs(_ items: [Item], from source: SourceID) throws(StorageError) -> [Item] {
        let unscoped = items.filter { $0.key.scoped(to: source) != nil }.map(\.key.rawValue)
        var storedBefore: Set<String> = []
        for chunk in Self.chunks(of: unscoped) {
            storedBefore.formUnion(try connection.query(
                "SELECT item_key FROM sightings WHERE source_id = ? AND item_key IN (\(Self.placeholders(chunk.count)))",
                [.text(source.rawValue)] + chunk.map(SQLValue.text)).compactMap { $0["item_key"].text })
        }
        return items.map { item in
            var item = item
            if let scoped = item.key.scoped(to: source), !storedBefore.contains(item.key.rawValue) { item.key = scoped }
            return item
        }
    }

    /// What the store knows of `items`: which of their keys it holds, and under which key it holds
    /// each of their links. Two queries, whatever the number of items.
    func knownItems(matching items: [Item]) throws(StorageError) -> KnownItems {
        var known = KnownItems()
        for chunk in Self.chunks(of: items.map(\.key.rawValue)) {
            let rows = try connection.query("SELECT key FROM items WHERE key IN (\(Self.placeholders(chunk.count)))", chunk.map(SQLValue.text))
            known.keys.formUnion(rows.compactMap { $0["key"].text })
        }
        let links = Array(Set(items.filter(KnownItems.isMatchedByLink).compactMap { $0.link?.absoluteString }))
        for chunk in Self.chunks(of: links) {
            // The story first found, when several items share a link.
            let rows = try connection.query(
                "SELECT key, link FROM items WHERE link IN (\(Self.placeholders(chunk.count))) ORDER BY discovered_at DESC, key DESC",
                chunk.map(SQLValue.text))
            for row in rows {
                if let key = row["key"].text, let link = row["link"].text { known.keyByLink[link] = key }
            }
        }
        return known
    }

    /// Writes one fetch of one source: its fetch state, new items and findings, sightings of known
    /// items, and a case for each new finding that needs one — all in one transaction.
    ///
    /// Writing the same record twice adds nothing the second time.
    /// - Parameters:
    ///   - joinWindow: how long after a case opens a new post by the same author joins it.
    ///   - joining: what a post does to the case of its conversation: Workflow's `CaseJoin.init(joining:to:)`.
    @discardableResult
    public func record(
        _ record: SourceScanRecord, joinWindow: TimeInterval = 72 * 3600, joining: CaseJoining
    ) throws(StorageError) -> RecordSummary {
        try inTransaction("record scan of \(record.state.sourceID)") {
            var summary = RecordSummary()
            try write(record.state)
            let sourceID = record.state.sourceID
            let seenAt = record.state.lastFetchedAt ?? Date()
            var known = try knownItems(matching: record.observations.map(\.item))
            // Each item is stored or seen again in the observations' order: an item repeated
            // within the record, by key or by link, is a sighting of the first.
            var newItems: [SourceScanRecord.Observation] = []
            var sighted: [String] = []
            for observation in record.observations {
                if let key = known.existingKey(for: observation.item) {
                    sighted.append(key.rawValue)
                    continue
                }
                let stored = observation.item.withinTextLimits
                known.add(stored)
                newItems.append(SourceScanRecord.Observation(item: stored, finding: observation.finding, triage: observation.triage))
                sighted.append(stored.key.rawValue)
            }
            try insert(newItems, from: sourceID, at: seenAt)
            let newKeys = Set(newItems.map(\.item.key.rawValue))
            summary.repeatSightings = try insertSightings(of: sighted, from: sourceID, at: seenAt).subtracting(newKeys).count
            summary.newItems = newItems.count
            summary.newFindings = newItems.filter { $0.finding != nil }.count
            for observation in newItems {
                if let triage = observation.triage {
                    try file(observation.item.key, triage: triage, at: seenAt, joinWindow: joinWindow, joining: joining, into: &summary)
                }
            }
            return summary
        }
    }

    /// Stores new items (already within the text limits) and their findings, a few hundred to a statement.
    private func insert(_ observations: [SourceScanRecord.Observation], from source: SourceID, at seenAt: Date) throws(StorageError) {
        let columns = 14
        for start in stride(from: 0, to: observations.count, by: Self.itemsPerStatement) {
            let chunk = observations[start..<min(start + Self.itemsPerStatement, observations.count)]
            var bindings: [SQLValue] = []
            bindings.reserveCapacity(chunk.count * columns)
            for observation in chunk {
                let item = observation.item
                let finding = observation.finding
                bindings += [
                    .text(item.key.rawValue), SQLValue(item.link?.absoluteString), .text(item.title), SQLValue(item.author),
                    SQLValue(item.published), .text(item.text), .text(source.rawValue),
                    SQLValue(finding?.discoveredAt ?? seenAt), SQLValue(finding != nil),
                    SQLValue(finding.map { JSONColumn.encode($0.mentions) }),
                    finding.map { .real($0.sentiment.compound) } ?? .null,
                    SQLValue(finding?.sentiment.label.rawValue),
                    SQLValue(finding.map { JSONColumn.encode($0.sentiment.drivers) }),
                    SQLValue(finding.map { JSONColumn.encode($0.concerns) }),
                ]
            }
            let rows = Array(repeating: "(\(Self.placeholders(columns)))", count: chunk.count).joined(separator: ", ")
            try connection.query(
                """
                INSERT INTO items (key, link, title, author, published_at, text, first_source_id, discovered_at,
                    is_mention, mentions_json, sentiment, sentiment_label, sentiment_drivers_json, concerns_json)
                VALUES \(rows)
                """,
                bindings)
        }
    }

    /// Notes that `source` carries the items stored under `keys`; returns the keys it had not carried before.
    private func insertSightings(of keys: [String], from source: SourceID, at seenAt: Date) throws(StorageError) -> Set<String> {
        var unique: [String] = []
        var seen: Set<String> = []
        for key in keys where seen.insert(key).inserted { unique.append(key) }
        var added: Set<String> = []
        for chunk in Self.chunks(of: unique) {
            let rows = try connection.query(
                """
                INSERT INTO sightings (item_key, source_id, seen_at)
                VALUES \(Array(repeating: "(?, ?, ?)", count: chunk.count).joined(separator: ", "))
                ON CONFLICT DO NOTHING RETURNING item_key
                """,
                chunk.flatMap { [.text($0), .text(source.rawValue), SQLValue(seenAt)] })
            added.formUnion(rows.compactMap { $0["item_key"].text })
        }
        return added
    }

    /// Rows written, or keys named, in one statement: well within both servers' limits on parameters.
    static let itemsPerStatement = 200

    /// `values` in slices of at most ``sourcesPerStatement``.
    static func chunks(of values: [String]) -> [ArraySlice<String>] {
        stride(from: 0, to: values.count, by: sourcesPerStatement).map { values[$0..<min($0 + sourcesPerStatement, values.count)] }
    }

    /// `count` placeholders separated by commas.
    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }

    /// Findings discovered in `[start, end)`, oldest first.
    public func findings(discoveredFrom start: Date, to end: Date) throws(StorageError) -> [FindingSummary] {
        try findings(where: "is_mention = 1 AND discovered_at >= ? AND discovered_at < ?", [SQLValue(start), SQLValue(end)])
    }

    /// Findings whose title or text holds every word of `words` (ASCII letters in any case), that
    /// carry `concern` and whose sentiment reads as `sentiment` when those are given, and that do
    /// not carry `hidden`; newest first, at most `limit` of them.
    public func searchFindings(
        _ words: String, concern: Concern? = nil, sentiment: SentimentLabel? = nil, hiding hidden: Concern? = nil, limit: Int = 200
    ) throws(StorageError) -> [FindingSummary] {
        var condition = "is_mention = 1"
        var bindings: [SQLValue] = []
        let like = connection.dialect.caseInsensitiveLike
        for word in words.split(whereSeparator: \.isWhitespace).prefix(8) {
            // LIKE's wildcards in the query match themselves.
            let pattern = "%" + word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
            condition += " AND (coalesce(title, '') \(like) ? ESCAPE '\\' OR coalesce(text, '') \(like) ? ESCAPE '\\')"
            bindings += [.text(pattern), .text(pattern)]
        }
        let carries = connection.dialect.carries("?", inConcernList: "items.concerns_json")
        if let concern {
            condition += " AND " + carries
            bindings.append(.text(concern.rawValue))
        }
        if let hidden {
            condition += " AND NOT " + carries
            bindings.append(.text(hidden.rawValue))
        }
        switch sentiment {
        case .positive: condition += " AND coalesce(sentiment, 0) >= 0.05"
        case .negative: condition += " AND coalesce(sentiment, 0) <= -0.05"
        case .neutral: condition += " AND coalesce(sentiment, 0) > -0.05 AND coalesce(sentiment, 0) < 0.05"
        case nil: break
        }
        return try findings(where: condition, bindings, newestFirst: true, limit: limit)
    }

    /// The findings stored under `keys`, in that order.
    func findings(keys: [ItemKey]) throws(StorageError) -> [FindingSummary] {
        var result: [FindingSummary] = []
        for key in keys {
            result += try findings(where: "key = ?", [.text(key.rawValue)])
        }
        return result
    }

    private func findings(
        where condition: String, _ bindings: [SQLValue], newestFirst: Bool = false, limit: Int? = nil
    ) throws(StorageError) -> [FindingSummary] {
        let sourceTitles = connection.dialect.joinedText(
            "sources.title",
            from: "sightings JOIN sources ON sources.id = sightings.source_id WHERE sightings.item_key = items.key",
            orderedBy: "sightings.seen_at, sources.title")
        let rows = try connection.query(
            """
            SELECT items.*, \(sourceTitles) AS source_titles
            FROM items WHERE \(condition)
            ORDER BY \(newestFirst ? "discovered_at DESC, key DESC" : "discovered_at, key") LIMIT ?
            """,
            bindings + [.integer(limit.map(Int64.init) ?? .max)]
        )
        return rows.map { row in
            let text = row["text"].text ?? ""
            return FindingSummary(
                key: ItemKey(rawValue: row["key"].text ?? ""),
                // Capped again on the way out for items stored before there were limits.
                title: TextLimits.capped(row["title"].text ?? "", to: TextLimits.title),
                snippet: Snippet.make(from: text),
                link: TextLimits.kept(row["link"].text.flatMap(URL.init(string:))),
                sourceTitles: (row["source_titles"].text ?? "").split(separator: "\u{1F}").map(String.init),
                published: row["published_at"].date,
                discoveredAt: row["discovered_at"].date ?? .distantPast,
                sentiment: SentimentScore(
                    compound: row["sentiment"].real ?? 0,
                    drivers: JSONColumn.decode([String].self, from: row["sentiment_drivers_json"].text) ?? []
                ),
                concerns: JSONColumn.decode([ConcernAssessment].self, from: row["concerns_json"].text) ?? []
            )
        }
    }

    /// How many items and findings are stored, for reports and checks.
    public func counts() throws(StorageError) -> (items: Int, findings: Int, cases: Int, sightings: Int) {
        let row = try connection.query(
            """
            SELECT (SELECT count(*) FROM items) AS items,
                   (SELECT count(*) FROM items WHERE is_mention = 1) AS findings,
                   (SELECT count(*) FROM cases) AS cases,
                   (SELECT count(*) FROM sightings) AS sightings
            """
        ).first
        return (
            Int(row?["items"].integer ?? 0), Int(row?["findings"].integer ?? 0),
            Int(row?["cases"].integer ?? 0), Int(row?["sightings"].integer ?? 0)
        )
    }
}

/// JSON text in a column, for small nested values.
enum JSONColumn {
    static func encode<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from text: String?) -> Value? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

/// The start of a text on one line, for listings.
enum Snippet {
    /// The start of `text` on one line, at most `limit` scalars.
    static func make(from text: String, limit: Int = TextLimits.snippet) -> String {
        // Only the start is shown: words are joined from a bounded prefix, not the whole text.
        let start = TextLimits.capped(text, to: limit * 4)
        return TextLimits.capped(start.split(whereSeparator: \.isWhitespace).joined(separator: " "), to: limit)
    }
}

/// What the store holds of some items: their keys, and the key each of their links is stored under.
struct KnownItems {
    var keys: Set<String> = []
    var keyByLink: [String: String] = [:]

    /// Blocks of one web page share the page's link and are told apart by their content hash, so
    /// only items with an identity of their own are matched across sources by link.
    static func isMatchedByLink(_ item: Item) -> Bool {
        item.link != nil && !item.key.rawValue.hasPrefix("hash:")
    }

    /// The key under which this item, or the same story from another source, is stored.
    func existingKey(for item: Item) -> ItemKey? {
        if keys.contains(item.key.rawValue) { return item.key }
        guard Self.isMatchedByLink(item), let link = item.link?.absoluteString, let key = keyByLink[link] else { return nil }
        return ItemKey(rawValue: key)
    }

    /// Notes an item just stored.
    mutating func add(_ item: Item) {
        keys.insert(item.key.rawValue)
        if let link = item.link?.absoluteString, keyByLink[link] == nil { keyByLink[link] = item.key.rawValue }
    }
}
