import Foundation
import Model

/// The SQLite file that holds everything Earshot knows: sources and their fetch state, items,
/// findings, cases and the audit trail.
///
/// One `Store` owns one connection and is used from one thread at a time. The file is in WAL mode
/// and every scan of a source is written in one transaction, so a crash loses at most the source
/// being written and never half of it.
public final class Store {
    let connection: SQLiteConnection
    /// Where the file lives.
    public let path: String

    /// Opens the database at `path`, creating it (mode 0600) and bringing its schema up to date.
    /// - Throws: ``StorageError`` when the file cannot be opened or migrated.
    public init(path: String) throws(StorageError) {
        self.path = path
        connection = try SQLiteConnection(path: path)
        // Switching a new file to WAL needs it to itself, and SQLite answers "busy" at once rather
        // than waiting when another process is opening the same new file: try again for a while.
        var attempt = 0
        while true {
            do {
                try connection.execute(script: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
                break
            } catch where error.code == 5 && attempt < 200 {
                attempt += 1
                usleep(50_000)
            }
        }
        try migrate()
    }

    /// Applies each migration the file has not had, one transaction each. The version is read
    /// inside the transaction, so that two processes opening the file at once (a scan and
    /// `earshot serve`) never both apply the same step.
    private func migrate() throws(StorageError) {
        // Most opens find the file up to date and need no write lock at all.
        let current = try connection.query("PRAGMA user_version").first?["user_version"].integer ?? 0
        guard Int(current) < Schema.migrations.count else { return }
        for (index, migration) in Schema.migrations.enumerated() where index >= Int(current) {
            do {
                try connection.transaction {
                    let version = try connection.query("PRAGMA user_version").first?["user_version"].integer ?? 0
                    guard Int(version) <= index else { return }
                    try connection.execute(script: migration)
                    try connection.execute(script: "PRAGMA user_version = \(index + 1)")
                }
            } catch let error as StorageError {
                throw error
            } catch {
                throw StorageError(code: -1, operation: "migrate to version \(index + 1)", message: "\(error)")
            }
        }
    }

    /// Runs SQLite's own consistency check; an empty array means the file is sound.
    public func integrityProblems() throws(StorageError) -> [String] {
        let rows = try connection.query("PRAGMA integrity_check")
        let messages = rows.compactMap { $0["integrity_check"].text }
        return messages == ["ok"] ? [] : messages
    }
}
