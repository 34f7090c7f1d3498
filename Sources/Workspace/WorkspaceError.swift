/// What went wrong serving the workspace: a refused request, a storage failure, or a server that
/// could not start.
public struct WorkspaceError: Error, Sendable, CustomStringConvertible {
    /// The HTTP status the failure maps to.
    public var status: Int
    /// Words for the person at the browser or terminal.
    public var message: String

    /// A failure with its HTTP status and message.
    public init(status: Int, message: String) {
        self.status = status
        self.message = message
    }

    /// The request is not allowed for this person or lacks its form token.
    static func forbidden(_ message: String) -> WorkspaceError { WorkspaceError(status: 403, message: message) }
    /// No such page or case.
    static func notFound(_ message: String) -> WorkspaceError { WorkspaceError(status: 404, message: message) }
    /// The form is missing something.
    static func badRequest(_ message: String) -> WorkspaceError { WorkspaceError(status: 400, message: message) }
    /// The workflow does not allow the move from where the case is now.
    static func conflict(_ message: String) -> WorkspaceError { WorkspaceError(status: 409, message: message) }

    public var description: String { message }
}
