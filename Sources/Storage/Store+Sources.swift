import Foundation
import Model

extension Store {
    /// Makes sure every configured source has a row, keeping the fetch state of known ones.
    public func register(_ sources: [Source]) throws(StorageError) {
        try inTransaction("register sources") {
            for source in sources {
                try connection.query(
                    """
                    INSERT INTO sources (id, current_url, kind, title) VALUES (?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, title = excluded.title
                    """,
                    [.text(source.id.rawValue), .text(source.url.absoluteString), .text(source.kind.rawValue), .text(source.title)]
                )
            }
        }
    }

    /// The fetch state of every known source.
    public func fetchStates() throws(StorageError) -> [SourceID: FetchState] {
        Dictionary(try sourceRecords().map { ($0.state.sourceID, $0.state) }, uniquingKeysWith: { first, _ in first })
    }

    /// A known source: what the configuration called it when last registered, and how fetching it went.
    public struct SourceRecord: Hashable, Sendable {
        /// The title the configuration gave it.
        public var title: String
        /// A feed or a page; nil for a kind this version does not know.
        public var kind: Source.Kind?
        /// Where it is fetched from now and how its fetches went.
        public var state: FetchState
    }

    /// Every known source, by title.
    public func sourceRecords() throws(StorageError) -> [SourceRecord] {
        let rows = try connection.query("SELECT * FROM sources ORDER BY title, id")
        return rows.compactMap { row in
            guard let id = row["id"].text, let url = row["current_url"].text.flatMap(URL.init(string:)) else { return nil }
            let state = FetchState(
                sourceID: SourceID(rawValue: id),
                currentURL: url,
                entityTag: row["entity_tag"].text,
                lastModified: row["last_modified"].text,
                lastFetchedAt: row["last_fetched_at"].date,
                lastChangedAt: row["last_changed_at"].date,
                nextDueAt: row["next_due_at"].date,
                consecutiveErrors: Int(row["consecutive_errors"].integer ?? 0),
                lastError: row["last_error"].text,
                scheduleHints: JSONColumn.decode(ScheduleHints.self, from: row["schedule_hints_json"].text) ?? .none,
                firstReadAt: row["first_read_at"].date
            )
            return SourceRecord(title: row["title"].text ?? state.sourceID.description, kind: row["kind"].text.flatMap(Source.Kind.init(rawValue:)), state: state)
        }
    }

    /// Stores a source's fetch state on its own, for a fetch that produced nothing else to store.
    public func save(_ state: FetchState) throws(StorageError) {
        try inTransaction("save fetch state") { try write(state) }
    }

    func write(_ state: FetchState) throws(StorageError) {
        try connection.query(
            """
            UPDATE sources SET current_url = ?, entity_tag = ?, last_modified = ?, last_fetched_at = ?,
                last_changed_at = ?, next_due_at = ?, consecutive_errors = ?, last_error = ?, schedule_hints_json = ?,
                first_read_at = coalesce(first_read_at, ?)
            WHERE id = ?
            """,
            [
                .text(state.currentURL.absoluteString), SQLValue(state.entityTag), SQLValue(state.lastModified),
                SQLValue(state.lastFetchedAt), SQLValue(state.lastChangedAt), SQLValue(state.nextDueAt),
                SQLValue(state.consecutiveErrors), SQLValue(state.lastError),
                state.scheduleHints == .none ? .null : .text(JSONColumn.encode(state.scheduleHints)),
                SQLValue(state.firstReadAt), .text(state.sourceID.rawValue),
            ]
        )
    }

    /// Runs `body` in one transaction, mapping any failure to a ``StorageError``.
    func inTransaction<Result>(_ operation: String, _ body: () throws -> Result) throws(StorageError) -> Result {
        do {
            return try connection.transaction(body)
        } catch let error as StorageError {
            throw error
        } catch {
            throw StorageError(code: -1, operation: operation, message: "\(error)")
        }
    }
}
