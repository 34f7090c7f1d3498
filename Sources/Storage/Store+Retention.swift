import Foundation
import Model

extension Store {
    /// What a purge removed, or would remove.
    public struct PurgeSummary: Hashable, Sendable {
        /// Items whose text is (or would be) removed.
        public var items: Int
        /// Of those, findings (items that mentioned the school).
        public var findings: Int
        /// Of those, findings that belong to a case; the case and its audit trail stay.
        public var findingsInCases: Int
        /// The discovery time of the oldest item affected.
        public var oldest: Date?
    }

    /// Removes the text of posts and page blocks discovered before `cutoff`: title, text, author,
    /// the matched words and the concern evidence. What remains is what de-duplication and the
    /// case record need: the item's key and link, its times, scores and concern names. Cases and
    /// their audit trails are kept.
    /// - Parameter dryRun: when true, only counts what would go.
    @discardableResult
    public func purgePostText(discoveredBefore cutoff: Date, dryRun: Bool, at date: Date) throws(StorageError) -> PurgeSummary {
        try inTransaction("purge post text") {
            let condition = "discovered_at < ? AND purged_at IS NULL"
            let counts = try connection.query(
                """
                SELECT count(*) AS items, sum(is_mention) AS findings, min(discovered_at) AS oldest,
                       (SELECT count(DISTINCT item_key) FROM case_findings WHERE item_key IN
                           (SELECT key FROM items WHERE \(condition))) AS in_cases
                FROM items WHERE \(condition)
                """,
                [SQLValue(cutoff), SQLValue(cutoff)]
            ).first
            let summary = PurgeSummary(
                items: Int(counts?["items"].integer ?? 0), findings: Int(counts?["findings"].integer ?? 0),
                findingsInCases: Int(counts?["in_cases"].integer ?? 0), oldest: counts?["oldest"].date)
            guard !dryRun, summary.items > 0 else { return summary }
            let rows = try connection.query("SELECT key, concerns_json FROM items WHERE \(condition)", [SQLValue(cutoff)])
            for row in rows {
                guard let key = row["key"].text else { continue }
                let concerns = (JSONColumn.decode([ConcernAssessment].self, from: row["concerns_json"].text) ?? [])
                    .map { ConcernAssessment(concern: $0.concern, confidence: $0.confidence, evidence: []) }
                try connection.query(
                    """
                    UPDATE items SET title = '', text = '', author = NULL, mentions_json = NULL, sentiment_drivers_json = NULL,
                        concerns_json = ?, purged_at = ? WHERE key = ?
                    """,
                    [concerns.isEmpty ? .null : .text(JSONColumn.encode(concerns)), SQLValue(date), .text(key)])
            }
            return summary
        }
    }
}
