import Foundation
import Model

extension Store {
    /// Claims for `holder`, with a lease until `expiry`, those of `sources` that no other scanner
    /// holds and that `isDue` still finds due in their fetch state as stored now; returns their
    /// states in the order asked.
    ///
    /// A lease held by someone else keeps the source from everyone else until it expires: a
    /// scanner renews its leases while it works (``renewLeases(of:until:)``), so the sources of a
    /// scanner that was killed come back when its leases run out. Leases `holder` holds already
    /// are taken again. Writing a source's fetch state (``record(_:joinWindow:joining:)``,
    /// ``save(_:)``) ends its lease. On PostgreSQL the rows are locked as they are claimed, and
    /// rows another scanner is claiming at that moment are passed over (`FOR UPDATE SKIP LOCKED`)
    /// rather than waited for; an SQLite file has one writer at a time.
    /// - Parameter isDue: whether a source is still to be fetched, judged from its state as stored
    ///   now: another scanner may have fetched it since the caller read the states.
    public func claim(
        _ sources: [SourceID], for holder: String, until expiry: Date, at now: Date, where isDue: (FetchState) -> Bool
    ) throws(StorageError) -> [FetchState] {
        var claimed: [SourceID: FetchState] = [:]
        try inClaimingTransaction("claim sources for \(holder)") {
            for start in stride(from: 0, to: sources.count, by: Self.sourcesPerStatement) {
                let ids = sources[start..<min(start + Self.sourcesPerStatement, sources.count)].map { SQLValue.text($0.rawValue) }
                let rows = try connection.query(
                    """
                    SELECT * FROM sources WHERE id IN (\(Self.placeholders(ids.count)))
                        AND (lease_holder IS NULL OR lease_holder = ? OR lease_expires_at <= ?)
                    ORDER BY id\(connection.dialect.claimingRows)
                    """,
                    ids + [.text(holder), SQLValue(now)])
                let due = rows.compactMap(fetchState(in:)).filter(isDue)
                guard !due.isEmpty else { continue }
                try connection.query(
                    "UPDATE sources SET lease_holder = ?, lease_expires_at = ? WHERE id IN (\(Self.placeholders(due.count)))",
                    [.text(holder), SQLValue(expiry)] + due.map { .text($0.sourceID.rawValue) })
                for state in due { claimed[state.sourceID] = state }
            }
        }
        return sources.compactMap { claimed[$0] }
    }

    /// Moves every lease `holder` holds on to `expiry`, so that a scanner still at work keeps its
    /// sources; returns how many it holds.
    @discardableResult
    public func renewLeases(of holder: String, until expiry: Date) throws(StorageError) -> Int {
        try connection.query("UPDATE sources SET lease_expires_at = ? WHERE lease_holder = ? RETURNING id",
                             [SQLValue(expiry), .text(holder)]).count
    }

    /// Moves `holder`'s lease on `source` on to `expiry`, as its fetch begins; false when
    /// `holder` no longer holds it: the lease expired and another scanner claimed the source.
    public func renewLease(on source: SourceID, of holder: String, until expiry: Date) throws(StorageError) -> Bool {
        !(try connection.query("UPDATE sources SET lease_expires_at = ? WHERE id = ? AND lease_holder = ? RETURNING id",
                               [SQLValue(expiry), .text(source.rawValue), .text(holder)]).isEmpty)
    }

    /// Ends every lease `holder` still holds: the sources a scan claimed but did not write (it
    /// ended early, or writing failed) are free for the next scanner at once.
    public func releaseLeases(of holder: String) throws(StorageError) {
        try connection.query("UPDATE sources SET lease_holder = NULL, lease_expires_at = NULL WHERE lease_holder = ?",
                             [.text(holder)])
    }

    /// Sources or keys named in one statement, well within both servers' limits on parameters.
    static let sourcesPerStatement = 500
}
