import Foundation
import Model

/// The rows one fetch of one source adds to `items`, `item_schools` and `sightings`, written a few
/// hundred at a time in multi-row statements instead of one statement a row: on a server each
/// statement is a round trip, and the writers' turn is held meanwhile.
///
/// Items and their schools are written before anything that reads or refers to them (a case, a
/// stand-in's completion: ``flushItems(to:)``); sightings, which nothing in the same write reads,
/// at the end (``flush(to:)``).
struct ItemWrites {
    let source: SourceID
    let seenAt: Date
    private var items: [[SQLValue]] = []
    private var schools: [[SQLValue]] = []
    /// Items seen in this fetch, in order, each once.
    private var sighted: [ItemKey] = []
    private var sightedKeys: Set<ItemKey> = []
    /// Items this fetch stores for the first time: their sighting is no repeat.
    private var newKeys: Set<ItemKey> = []

    private static let itemColumns = """
        key, link, title, author, published_at, text, first_source_id, discovered_at, is_mention, mentions_json,
        sentiment, sentiment_label, sentiment_drivers_json, concerns_json, story_key, is_stand_in, is_history
        """
    /// At most this many bindings per statement, well inside both stores' limits.
    private static let bindingsPerStatement = 900

    init(source: SourceID, seenAt: Date) {
        self.source = source
        self.seenAt = seenAt
    }

    /// A new item, with its finding at each school it names (the case kept back beside it when it
    /// is history), seen in this fetch.
    mutating func insert(_ observation: SourceScanRecord.Observation) {
        let item = observation.item.withinTextLimits
        let finding = observation.finding
        items.append([
            .text(item.key.rawValue), SQLValue(item.link?.absoluteString), .text(item.title), SQLValue(item.author),
            SQLValue(item.published), .text(item.text), .text(source.rawValue),
            SQLValue(finding?.discoveredAt ?? seenAt), SQLValue(finding != nil),
            SQLValue(finding.map { JSONColumn.encode($0.mentions) }),
            finding.map { .real($0.sentiment.compound) } ?? .null,
            SQLValue(finding?.sentiment.label.rawValue),
            SQLValue(finding.map { JSONColumn.encode($0.sentiment.drivers) }),
            SQLValue(finding.map { JSONColumn.encode($0.concerns) }),
            SQLValue(item.story?.rawValue), SQLValue(item.isStandIn), SQLValue(observation.isHistory),
        ])
        for school in observation.schools {
            schools.append([
                .text(item.key.rawValue), .text(school.school.rawValue), .text(JSONColumn.encode(school.mentions)),
                SQLValue((observation.isHistory ? school.triage : nil).map(JSONColumn.encode)),
            ])
        }
        newKeys.insert(item.key)
        sight(item.key)
    }

    /// An item seen in this fetch.
    mutating func sight(_ key: ItemKey) {
        if sightedKeys.insert(key).inserted { sighted.append(key) }
    }

    /// Writes the items and schools noted so far.
    mutating func flushItems(to connection: any DatabaseConnection) throws(StorageError) {
        try Self.insert(items, into: "items (\(Self.itemColumns))", suffix: "", on: connection)
        try Self.insert(schools, into: "item_schools (item_key, school_id, mentions_json, withheld_triage_json)", suffix: "",
                        on: connection)
        items = []
        schools = []
    }

    /// Writes everything noted, and returns how many items this source showed that it had not
    /// shown before and that were stored before this fetch: its repeat sightings.
    mutating func flush(to connection: any DatabaseConnection) throws(StorageError) -> Int {
        try flushItems(to: connection)
        let rows = sighted.map { [SQLValue.text($0.rawValue), .text(source.rawValue), SQLValue(seenAt)] }
        let added = try Self.insert(rows, into: "sightings (item_key, source_id, seen_at)",
                                    suffix: "ON CONFLICT DO NOTHING RETURNING item_key", on: connection)
        sighted = []
        sightedKeys = []
        return added.filter { row in row["item_key"].text.map { !newKeys.contains(ItemKey(rawValue: $0)) } ?? false }.count
    }

    /// Inserts `rows` (all of one width) in as few statements as the binding limit allows.
    @discardableResult
    private static func insert(
        _ rows: [[SQLValue]], into table: String, suffix: String, on connection: any DatabaseConnection
    ) throws(StorageError) -> [SQLRow] {
        guard let width = rows.first?.count else { return [] }
        let rowsPerStatement = max(1, bindingsPerStatement / width)
        let row = "(\(Store.placeholders(width)))"
        var returned: [SQLRow] = []
        for start in stride(from: 0, to: rows.count, by: rowsPerStatement) {
            let batch = rows[start..<min(start + rowsPerStatement, rows.count)]
            returned += try connection.query(
                "INSERT INTO \(table) VALUES \(Array(repeating: row, count: batch.count).joined(separator: ", ")) \(suffix)",
                batch.flatMap { $0 })
        }
        return returned
    }
}
