import Foundation

/// A problem in a configuration or OPML file, located for the person who has to fix it.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file at fault.
    public var file: String
    /// The line at fault, when known (1-based).
    public var line: Int?
    /// What is wrong and, where it helps, what would be right.
    public var problem: String

    public init(file: String, line: Int? = nil, problem: String) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    /// One line: `file:line: problem`.
    public var description: String {
        if let line { return "\(file):\(line): \(problem)" }
        return "\(file): \(problem)"
    }
}
