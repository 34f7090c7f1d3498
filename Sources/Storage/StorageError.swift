/// Why the database could not do what was asked, in the database's own words.
public struct StorageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// SQLite's result code (extended); -1 for a failure found by Earshot itself or reported by
    /// PostgreSQL (see ``sqlState``); ``conflictCode`` when a case moved under the caller's feet.
    public var code: Int32
    /// What Earshot was doing.
    public var operation: String
    /// The database's message.
    public var message: String
    /// PostgreSQL's SQLSTATE for an error the server reported, such as `40P01`; nil otherwise.
    public var sqlState: String?

    /// The code of a move refused because someone else moved the case first; nothing is wrong
    /// with the database, and reading the case again shows where it is now.
    public static let conflictCode: Int32 = -2

    /// Whether the case had already moved when this move was tried.
    public var isConflict: Bool { code == Self.conflictCode }

    /// An error from its parts.
    public init(code: Int32, operation: String, message: String, sqlState: String? = nil) {
        self.code = code
        self.operation = operation
        self.message = message
        self.sqlState = sqlState
    }

    public var description: String {
        if let sqlState { return "\(operation): \(message) (PostgreSQL \(sqlState))" }
        return code < 0 ? "\(operation): \(message)" : "\(operation): \(message) (SQLite code \(code))"
    }
}
