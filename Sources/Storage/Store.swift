import Foundation
import Model

/// Everything Earshot knows: sources and their fetch state, items, findings, cases and the audit
/// trail, in an SQLite file or a PostgreSQL database (see ``StoreLocation``).
///
/// One `Store` owns one connection and is used from one thread at a time. Every scan of a source
/// is written in one transaction, so a crash loses at most the source being written and never
/// half of it. Both stores hold the same tables, brought up to date by the same migrations, and
/// answer every question the same way.
public final class Store {
    let connection: any DatabaseConnection
    /// Where the data lives.
    public let location: StoreLocation

    /// The SQLite file's path, or the PostgreSQL server's address (without its password).
    public var path: String { location.description }

    /// Opens the SQLite file at `path`, creating it (mode 0600) and bringing its schema up to date.
    /// - Throws: ``StorageError`` when the file cannot be opened or migrated.
    public convenience init(path: String) throws(StorageError) {
        try self.init(location: .sqlite(path: path))
    }

    /// Opens the store at `location`, creating its tables or bringing them up to date.
    /// - Throws: ``StorageError`` when the file cannot be opened, the server cannot be reached or
    ///   refuses the login, or the schema cannot be migrated.
    public init(location: StoreLocation) throws(StorageError) {
        self.location = location
        switch location {
        case .sqlite(let path): connection = try SQLiteConnection(path: path)
        case .postgres(let server): connection = try PostgreSQLConnection(server: server)
        }
        try migrate()
    }

    /// Applies each migration the database has not had, one transaction each. The version is
    /// read again inside the transaction, while no other process migrates (see
    /// ``DatabaseConnection/migrating(_:)``), so that two processes opening a new database at once
    /// (a scan and `earshot serve`, or two scanners) never both apply the same step.
    private func migrate() throws(StorageError) {
        // Most opens find the schema up to date and need no lock at all.
        let current = try connection.schemaVersion()
        guard current < Schema.migrations.count else { return }
        try connection.migrating { () throws(StorageError) in
            for (index, migration) in Schema.migrations.enumerated() where index >= current {
                let suspendsForeignKeys = migration.rebuildsTables && connection.dialect == .sqlite
                if suspendsForeignKeys { try connection.execute(script: "PRAGMA foreign_keys = OFF") }
                defer { if suspendsForeignKeys { try? connection.execute(script: "PRAGMA foreign_keys = ON") } }
                try inTransaction("migrate to version \(index + 1)") {
                    guard try connection.schemaVersion() <= index else { return }
                    try connection.execute(script: migration.statements(for: connection.dialect))
                    if suspendsForeignKeys, let broken = try connection.query("PRAGMA foreign_key_check").first {
                        throw StorageError(code: -1, operation: "migrate to version \(index + 1)",
                                           message: "a rebuilt table leaves a broken reference in \(broken["table"].text ?? "a table")")
                    }
                    try connection.recordSchemaVersion(index + 1)
                }
            }
        }
    }

    /// Runs the database's own consistency check (SQLite's; a PostgreSQL server checks its own
    /// pages as it reads them, so there is none to run); an empty array means the store is sound.
    public func integrityProblems() throws(StorageError) -> [String] {
        try connection.integrityProblems()
    }
}
