/// What went wrong while loading the sentiment and concern data.
///
/// Every case names the file, and a malformed line also its line number and text, so that a
/// person editing the data can find and fix the entry.
public enum SentimentError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A bundled data file is missing from the module's resources.
    case missingResource(file: String)
    /// A bundled data file exists but could not be read as UTF-8 text.
    case unreadableResource(file: String, reason: String)
    /// A line of a data file does not follow the file's format.
    case malformedLine(file: String, line: Int, content: String, reason: String)

    /// A message a person can act on: which file, which line, what is wrong.
    public var description: String {
        switch self {
        case .missingResource(let file):
            "\(file) is missing from the Sentiment resources; the package must ship it."
        case .unreadableResource(let file, let reason):
            "\(file) could not be read as UTF-8 text: \(reason)"
        case .malformedLine(let file, let line, let content, let reason):
            "\(file) line \(line): \(reason) (line reads \"\(content)\")"
        }
    }
}
