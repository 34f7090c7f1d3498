import Foundation
import Model

extension Store {
    /// Makes sure every configured source has a row, keeping the fetch state of known ones and
    /// updating the kind and title of those whose configuration changed.
    ///
    /// Rows that need no change are not written, so that a scanner starting up never locks the
    /// sources other scanners are claiming.
    public func register(_ sources: [Source]) throws(StorageError) {
        try inTransaction("register sources") {
            var known: [String: (kind: String?, title: String?)] = [:]
            for row in try connection.query("SELECT id, kind, title FROM sources") {
                if let id = row["id"].text { known[id] = (row["kind"].text, row["title"].text) }
            }
            for source in sources {
                guard let stored = known[source.id.rawValue] else {
                    try connection.query(
                        "INSERT INTO sources (id, current_url, kind, title) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                        [.text(source.id.rawValue), .text(source.url.absoluteString), .text(source.kind.rawValue), .text(source.title)])
                    known[source.id.rawValue] = (source.kind.rawValue, source.title)
                    continue
                }
                if stored.kind != source.kind.rawValue || stored.title != source.title {
                    try connection.query("UPDATE sources SET kind = ?, title = ? WHERE id = ?",
                                         [.text(source.kind.rawValue), .text(source.title), .text(source.id.rawValue)])
                }
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
            guard let state = fetchState(in: row) else { return nil }
            return SourceRecord(title: row["title"].text ?? state.sourceID.description, kind: row["kind"].text.flatMap(Source.Kind.init(rawValue:)), state: state)
        }
    }

    /// The fetch state in a row of `sources`; nil for a row without a usable address.
    func fetchState(in row: SQLRow) -> FetchState? {
        guard let id = row["id"].text, let url = row["current_url"].text.flatMap(URL.init(string:)) else { return nil }
        return FetchState(
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
    }

    /// Stores a source's fetch state on its own, for a fetch that produced nothing else to store.
    /// Like ``record(_:joinWindow:joining:)``, it ends the claim on the source: the fetch is over.
    public func save(_ state: FetchState) throws(StorageError) {
        try inTransaction("save fetch state") { try write(state) }
    }

    /// Writes a source's fetch state and ends any claim on it, in the caller's transaction: a
    /// scanner that claims the source from now on sees when it is next due.
    func write(_ state: FetchState) throws(StorageError) {
        try connection.query(
            """
            UPDATE sources SET current_url = ?, entity_tag = ?, last_modified = ?, last_fetched_at = ?,
                last_changed_at = ?, next_due_at = ?, consecutive_errors = ?, last_error = ?, schedule_hints_json = ?,
                first_read_at = coalesce(first_read_at, ?), lease_holder = NULL, lease_expires_at = NULL
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

    /// Runs `body` in one transaction that no other writer runs beside, mapping any failure to a
    /// ``StorageError``.
    func inTransaction<Result>(_ operation: String, _ body: () throws -> Result) throws(StorageError) -> Result {
        do {
            return try connection.transaction(body)
        } catch let error as StorageError {
            throw error
        } catch {
            throw StorageError(code: -1, operation: operation, message: "\(error)")
        }
    }

    /// Runs `body` in one transaction that locks only the rows it claims (see
    /// ``DatabaseConnection/claimingTransaction(_:)``), mapping any failure to a ``StorageError``.
    func inClaimingTransaction<Result>(_ operation: String, _ body: () throws -> Result) throws(StorageError) -> Result {
        do {
            return try connection.claimingTransaction(body)
        } catch let error as StorageError {
            throw error
        } catch {
            throw StorageError(code: -1, operation: operation, message: "\(error)")
        }
    }
}
