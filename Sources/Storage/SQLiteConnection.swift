import CSQLite
import Foundation

/// Owns one SQLite connection. Not Sendable: the ``Store`` runs it on one thread at a time.
///
/// The file is in WAL mode: readers never wait for the writer, and SQLite lets one writer in at a
/// time, which is all the locking the store needs.
final class SQLiteConnection: DatabaseConnection {
    private let handle: OpaquePointer
    let dialect = SQLDialect.sqlite

    /// Opens (creating if needed) the database file, readable and writable by its owner only.
    init(path: String) throws(StorageError) {
        if !FileManager.default.fileExists(atPath: path) {
            // Create the file (and its folder) ourselves so that its mode is 0600 whatever the umask.
            do {
                try OwnerOnlyFiles.createFile(URL(fileURLWithPath: path))
            } catch {
                throw StorageError(code: -1, operation: "create \(path)", message: "cannot create the database file: \(error)")
            }
        }
        var opened: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
        let code = sqlite3_open_v2(path, &opened, flags, nil)
        guard code == SQLITE_OK, let opened else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(opened)
            throw StorageError(code: code, operation: "open \(path)", message: message)
        }
        handle = opened
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, 10_000)
        // Switching a new file to WAL needs it to itself, and SQLite answers "busy" at once rather
        // than waiting when another process is opening the same new file: try again for a while.
        var attempt = 0
        while true {
            do {
                try execute(script: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
                break
            } catch where error.code == SQLITE_BUSY && attempt < 200 {
                attempt += 1
                usleep(50_000)
            }
        }
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// The one place SQLite result codes become Swift errors.
    private func validate(_ code: Int32, _ operation: @autoclosure () -> String) throws(StorageError) {
        guard code == SQLITE_OK || code == SQLITE_ROW || code == SQLITE_DONE else {
            throw StorageError(code: code, operation: operation(), message: String(cString: sqlite3_errmsg(handle)))
        }
    }

    /// Runs one or more statements without parameters.
    func execute(script sql: String) throws(StorageError) {
        try validate(sqlite3_exec(handle, sql, nil, nil, nil), "run script")
    }

    /// Runs one statement and returns its rows.
    @discardableResult
    func query(_ sql: String, _ bindings: [SQLValue]) throws(StorageError) -> [SQLRow] {
        var statement: OpaquePointer?
        try validate(sqlite3_prepare_v2(handle, sql, -1, &statement, nil), "prepare \(sql.prefix(60))")
        defer { sqlite3_finalize(statement) }
        for (index, value) in bindings.enumerated() {
            let position = Int32(index + 1)
            let code: Int32 = switch value {
            case .null: sqlite3_bind_null(statement, position)
            case .integer(let integer): sqlite3_bind_int64(statement, position, integer)
            case .real(let real): sqlite3_bind_double(statement, position, real)
            // With its length, so that text holding a NUL is stored whole.
            case .text(let text): sqlite3_bind_text(statement, position, text, Int32(text.utf8.count), sqliteTransient)
            }
            try validate(code, "bind parameter \(position)")
        }
        var rows: [SQLRow] = []
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { break }
            try validate(code, "step \(sql.prefix(60))")
            var values: [String: SQLValue] = [:]
            for column in 0..<sqlite3_column_count(statement) {
                let name = String(cString: sqlite3_column_name(statement, column))
                values[name] = switch sqlite3_column_type(statement, column) {
                case SQLITE_INTEGER: .integer(sqlite3_column_int64(statement, column))
                case SQLITE_FLOAT: .real(sqlite3_column_double(statement, column))
                case SQLITE_NULL: .null
                default: .text(String(cString: sqlite3_column_text(statement, column)))
                }
            }
            rows.append(SQLRow(values: values))
        }
        return rows
    }

    /// Runs `body` in one transaction: all of it is stored, or none of it. It takes SQLite's write
    /// lock at the start, so that what it reads stays true until it ends.
    func transaction<Result>(_ body: () throws -> Result) throws -> Result {
        try execute(script: "BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute(script: "COMMIT")
            return result
        } catch {
            try? execute(script: "ROLLBACK")
            throw error
        }
    }

    /// The same as ``transaction(_:)``: SQLite has one writer at a time, and no row locks.
    func claimingTransaction<Result>(_ body: () throws -> Result) throws -> Result {
        try transaction(body)
    }

    /// Runs `body`: each migration's transaction takes SQLite's write lock, which is enough.
    func migrating(_ body: () throws(StorageError) -> Void) throws(StorageError) {
        try body()
    }

    /// The version kept in the file's header (`PRAGMA user_version`).
    func schemaVersion() throws(StorageError) -> Int {
        Int(try query("PRAGMA user_version").first?["user_version"].integer ?? 0)
    }

    func recordSchemaVersion(_ version: Int) throws(StorageError) {
        try execute(script: "PRAGMA user_version = \(version)")
    }

    /// SQLite's own check of the file's pages and indexes.
    func integrityProblems() throws(StorageError) -> [String] {
        let messages = try query("PRAGMA integrity_check").compactMap { $0["integrity_check"].text }
        return messages == ["ok"] ? [] : messages
    }
}

/// SQLite's SQLITE_TRANSIENT: copy bound text before the call returns.
private let sqliteTransient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
