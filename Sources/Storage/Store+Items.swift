import Foundation
import Model

extension Store {
    /// The items among `items` that the scan is to judge, in their order: those the store has not
    /// seen, by key, link or story, and those that are the publisher's own copy of a story stored
    /// so far only through a stand-in (see ``Model/Item/isStandIn``), which are read in full.
    ///
    /// ``record(_:joinWindow:joining:)`` checks again inside its transaction.
    public func itemsToJudge(_ items: [Item]) throws(StorageError) -> [Item] {
        let stored = try StoredItems(sharingIdentityWith: items, in: connection)
        return items.filter { item in
            switch stored.copy(of: item) {
            case nil, .standIn?: true
            case .same?: false
            }
        }
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

    /// How an item is already stored, if it is.
    enum StoredCopy {
        /// The same item, or the same story seen before: a repeat sighting.
        case same(ItemKey)
        /// The same story, stored so far only through a stand-in that this item, the publisher's
        /// own copy, completes.
        case standIn(ItemKey)
    }

    /// Writes one fetch of one source: its fetch state, new items and findings, sightings of known
    /// items, and a case for each new finding that needs one at each school it names — kept back,
    /// beside the item, for an item taken as history — all in one transaction.
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
            let seenAt = record.state.lastFetchedAt ?? Date()
            var stored = try StoredItems(sharingIdentityWith: record.observations.map(\.item), in: connection)
            var writes = ItemWrites(source: record.state.sourceID, seenAt: seenAt)
            for observation in record.observations {
                switch stored.copy(of: observation.item) {
                case .same(let key)?:
                    writes.sight(key)
                    continue
                case .standIn(let key)?:
                    writes.sight(key)
                    try writes.flushItems(to: connection)
                    try complete(key, with: observation, at: seenAt, joinWindow: joinWindow, joining: joining, into: &summary)
                    stored.complete(key, link: observation.item.link?.absoluteString)
                    continue
                case nil:
                    break
                }
                writes.insert(observation)
                stored.add(StoredItems.Row(observation, seenAt: seenAt))
                summary.newItems += 1
                if observation.finding != nil { summary.newFindings += 1 }
                if observation.isHistory {
                    summary.takenAsHistory += 1
                    summary.casesHeldBack += observation.schools.filter { $0.triage != nil }.count
                    continue
                }
                for school in observation.schools {
                    guard let triage = school.triage else { continue }
                    try writes.flushItems(to: connection)
                    try file(observation.item.key, of: school.school, triage: triage, at: seenAt, joinWindow: joinWindow,
                             joining: joining, into: &summary)
                }
            }
            summary.repeatSightings += try writes.flush(to: connection)
            return summary
        }
    }

    /// The publisher's own copy of a story stored so far through a stand-in: the stored item takes
    /// the publisher's link and stands in no more. When the copy names a school, its text and
    /// judgement replace the stand-in's (a search engine's item carries little more than a
    /// headline), and the case the copy calls for at each school is filed as for a new post, into
    /// the case the stand-in is in there if it is in one. The item stays history only if both
    /// readings are: then the copy's cases are the ones kept back.
    private func complete(
        _ key: ItemKey, with observation: SourceScanRecord.Observation, at seenAt: Date, joinWindow: TimeInterval,
        joining: CaseJoining, into summary: inout RecordSummary
    ) throws(StorageError) {
        let item = observation.item.withinTextLimits
        try connection.query("UPDATE items SET link = ?, is_stand_in = 0 WHERE key = ?",
                             [SQLValue(item.link?.absoluteString), .text(key.rawValue)])
        if let finding = observation.finding {
            try replaceJudgement(of: key, with: item, finding, into: &summary)
        }
        var withheld: [SchoolID: CaseTriage] = [:]
        for row in try connection.query(
            "SELECT school_id, withheld_triage_json FROM item_schools WHERE item_key = ? AND withheld_triage_json IS NOT NULL",
            [.text(key.rawValue)]) {
            guard let school = row["school_id"].text.map(SchoolID.init(rawValue:)),
                  let triage = JSONColumn.decode(CaseTriage.self, from: row["withheld_triage_json"].text) else { continue }
            withheld[school] = triage
        }
        for school in observation.schools {
            try noteSchool(school.school, of: key, mentions: school.mentions)
        }
        let wasHistory = try connection.query("SELECT is_history FROM items WHERE key = ?", [.text(key.rawValue)])
            .first?["is_history"].integer == 1
        if wasHistory {
            if observation.isHistory {
                for school in observation.schools {
                    guard let triage = school.triage else { continue }
                    try connection.query("UPDATE item_schools SET withheld_triage_json = ? WHERE item_key = ? AND school_id = ?",
                                         [.text(JSONColumn.encode(triage)), .text(key.rawValue), .text(school.school.rawValue)])
                    if withheld[school.school] == nil { summary.casesHeldBack += 1 }
                }
                return
            }
            // Read as news from the publisher: the item is history no more.
            try connection.query("UPDATE items SET is_history = 0 WHERE key = ?", [.text(key.rawValue)])
            try connection.query("UPDATE item_schools SET withheld_triage_json = NULL WHERE item_key = ?", [.text(key.rawValue)])
        }
        let named = observation.schools.map(\.school)
        for school in named + withheld.keys.filter({ !named.contains($0) }).sorted() {
            let triage = observation.schools.first { $0.school == school }?.triage ?? withheld[school]
            guard let triage else { continue }
            try file(key, of: school, triage: triage, at: seenAt, joinWindow: joinWindow, joining: joining, occasion: .publishersCopy,
                     into: &summary)
        }
    }

    /// Notes that an item is a finding for `school`, with its mentions of that school (replacing
    /// those of a shorter copy read before).
    private func noteSchool(_ school: SchoolID, of key: ItemKey, mentions: [Mention]) throws(StorageError) {
        try connection.query(
            """
            INSERT INTO item_schools (item_key, school_id, mentions_json) VALUES (?, ?, ?)
            ON CONFLICT (item_key, school_id) DO UPDATE SET mentions_json = excluded.mentions_json
            """,
            [.text(key.rawValue), .text(school.rawValue), .text(JSONColumn.encode(mentions))])
    }

    /// The text and judgement of a stored item replaced by those of a fuller copy that names the school.
    private func replaceJudgement(of key: ItemKey, with item: Item, _ finding: Finding, into summary: inout RecordSummary) throws(StorageError) {
        let wasMention = try connection.query("SELECT is_mention FROM items WHERE key = ?", [.text(key.rawValue)])
            .first?["is_mention"].integer == 1
        // A mention keeps the time it was first found, which the digest's windows count by; an
        // item that becomes one is found now. (SET reads the row as it was before the update.)
        try connection.query(
            """
            UPDATE items SET title = ?, author = ?, text = ?, is_mention = 1,
                discovered_at = CASE WHEN is_mention = 1 THEN discovered_at ELSE ? END, mentions_json = ?,
                sentiment = ?, sentiment_label = ?, sentiment_drivers_json = ?, concerns_json = ?
            WHERE key = ?
            """,
            [
                .text(item.title), SQLValue(item.author), .text(item.text), SQLValue(finding.discoveredAt),
                .text(JSONColumn.encode(finding.mentions)), .real(finding.sentiment.compound),
                .text(finding.sentiment.label.rawValue), .text(JSONColumn.encode(finding.sentiment.drivers)),
                .text(JSONColumn.encode(finding.concerns)), .text(key.rawValue),
            ]
        )
        if !wasMention { summary.newFindings += 1 }
    }

    /// Takes up every item kept as history, as `earshot scan --backfill` asks: each counts as news
    /// from now on, and each case kept back is filed now, oldest post first, as a new post would
    /// be (into its conversation's case at that school, or a case of its own). One transaction: an
    /// interrupted backfill takes up nothing, and a second one finds nothing left to take up.
    /// - Parameters:
    ///   - now: when the cases are opened or joined.
    ///   - joinWindow: how long after a case opens a new post by the same author joins it.
    ///   - joining: what a post does to the case of its conversation: Workflow's `CaseJoin.init(joining:to:)`.
    @discardableResult
    public func takeUpHistory(at now: Date, joinWindow: TimeInterval = 72 * 3600, joining: CaseJoining) throws(StorageError) -> RecordSummary {
        try inTransaction("take up history") {
            var summary = RecordSummary()
            let keys = try connection.query("SELECT key FROM items WHERE is_history = 1 ORDER BY published_at, discovered_at, key")
                .compactMap { $0["key"].text.map(ItemKey.init(rawValue:)) }
            for key in keys {
                // A backfill running beside this one (scanners sharing PostgreSQL) may have taken it up first.
                let takenUp = try connection.query(
                    "UPDATE items SET is_history = 0 WHERE key = ? AND is_history = 1 RETURNING key", [.text(key.rawValue)])
                guard !takenUp.isEmpty else { continue }
                summary.takenUpFromHistory += 1
                let withheld = try connection.query(
                    """
                    SELECT school_id, withheld_triage_json FROM item_schools
                    WHERE item_key = ? AND withheld_triage_json IS NOT NULL ORDER BY school_id
                    """, [.text(key.rawValue)])
                try connection.query("UPDATE item_schools SET withheld_triage_json = NULL WHERE item_key = ?", [.text(key.rawValue)])
                for row in withheld {
                    guard let school = row["school_id"].text.map(SchoolID.init(rawValue:)),
                          let triage = JSONColumn.decode(CaseTriage.self, from: row["withheld_triage_json"].text) else { continue }
                    try file(key, of: school, triage: triage, at: now, joinWindow: joinWindow, joining: joining,
                             occasion: .takenUpFromHistory, into: &summary)
                }
            }
            return summary
        }
    }

    /// `values` in slices of at most ``sourcesPerStatement``.
    static func chunks(of values: [String]) -> [ArraySlice<String>] {
        stride(from: 0, to: values.count, by: sourcesPerStatement).map { values[$0..<min($0 + sourcesPerStatement, values.count)] }
    }

    /// `count` placeholders separated by commas.
    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }

    /// Findings discovered in `[start, end)` as news, oldest first, of `school` or of every
    /// school: those taken as history (and not taken up since) are counted by
    /// ``takenAsHistory(discoveredFrom:to:school:)`` instead.
    public func findings(discoveredFrom start: Date, to end: Date, school: SchoolID? = nil) throws(StorageError) -> [FindingSummary] {
        let (ofSchool, bindings) = Self.ofSchool(school)
        return try findings(where: "is_mention = 1 AND is_history = 0 AND discovered_at >= ? AND discovered_at < ?" + ofSchool,
                            [SQLValue(start), SQLValue(end)] + bindings)
    }

    /// The condition (to append with AND) that an item is a finding of `school`, and its binding;
    /// none for every school.
    static func ofSchool(_ school: SchoolID?, item column: String = "items.key") -> (condition: String, bindings: [SQLValue]) {
        guard let school else { return ("", []) }
        return (" AND \(column) IN (SELECT item_key FROM item_schools WHERE school_id = ?)", [.text(school.rawValue)])
    }

    /// What was taken as history in `[start, end)` and not taken up since, of `school` or of every
    /// school: the items, the mentions among them, and the cases kept back until a backfill.
    public func takenAsHistory(
        discoveredFrom start: Date, to end: Date, school: SchoolID? = nil
    ) throws(StorageError) -> (items: Int, mentions: Int, casesHeldBack: Int) {
        let (ofSchool, bindings) = Self.ofSchool(school)
        let heldBack = school == nil ? "" : " AND item_schools.school_id = ?"
        let row = try connection.query(
            """
            SELECT count(*) AS items, count(CASE WHEN is_mention = 1 THEN 1 END) AS mentions,
                   (SELECT count(*) FROM item_schools JOIN items AS held ON held.key = item_schools.item_key
                    WHERE held.is_history = 1 AND held.discovered_at >= ? AND held.discovered_at < ?
                      AND item_schools.withheld_triage_json IS NOT NULL\(heldBack)) AS held_back
            FROM items WHERE is_history = 1 AND discovered_at >= ? AND discovered_at < ?\(ofSchool)
            """,
            [SQLValue(start), SQLValue(end)] + bindings + [SQLValue(start), SQLValue(end)] + bindings).first
        return (Int(row?["items"].integer ?? 0), Int(row?["mentions"].integer ?? 0), Int(row?["held_back"].integer ?? 0))
    }

    /// Findings whose title or text holds every word of `words` (ASCII letters in any case), that
    /// carry `concern` and whose sentiment reads as `sentiment` when those are given, and that do
    /// not carry `hidden`, of `school` when one is given; newest first, at most `limit` of them.
    public func searchFindings(
        _ words: String, concern: Concern? = nil, sentiment: SentimentLabel? = nil, hiding hidden: Concern? = nil,
        school: SchoolID? = nil, limit: Int = 200
    ) throws(StorageError) -> [FindingSummary] {
        var (condition, bindings) = Self.ofSchool(school)
        condition = "is_mention = 1" + condition
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

