/// Why the database could not do what was asked, with SQLite's own words.
public struct StorageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// SQLite's result code (extended), or -1 for a failure found by Earshot itself.
    public var code: Int32
    /// What Earshot was doing.
    public var operation: String
    /// SQLite's message.
    public var message: String

    public init(code: Int32, operation: String, message: String) {
        self.code = code
        self.operation = operation
        self.message = message
    }

    public var description: String { "\(operation): \(message) (SQLite code \(code))" }
}
