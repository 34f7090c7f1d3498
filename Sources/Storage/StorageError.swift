/// Why the database could not do what was asked, with SQLite's own words.
public struct StorageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// SQLite's result code (extended), -1 for a failure found by Earshot itself, or
    /// ``conflictCode`` when a case moved under the caller's feet.
    public var code: Int32
    /// What Earshot was doing.
    public var operation: String
    /// SQLite's message.
    public var message: String

    /// The code of a move refused because someone else moved the case first; nothing is wrong
    /// with the database, and reading the case again shows where it is now.
    public static let conflictCode: Int32 = -2

    /// Whether the case had already moved when this move was tried.
    public var isConflict: Bool { code == Self.conflictCode }

    /// An error from its parts.
    public init(code: Int32, operation: String, message: String) {
        self.code = code
        self.operation = operation
        self.message = message
    }

    public var description: String {
        code < 0 ? "\(operation): \(message)" : "\(operation): \(message) (SQLite code \(code))"
    }
}
