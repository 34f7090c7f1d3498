import Foundation

/// One error or warning that libxml2 reported while parsing, kept as plain values.
struct XMLProblem: Hashable, Sendable {
    /// The line libxml2 was reading, or nil when it did not say.
    var line: Int?
    /// libxml2's own words, without the trailing newline.
    var message: String
    /// Whether libxml2 treated it as fatal (not well-formed) rather than as a recoverable error.
    var isFatal: Bool
    /// Whether it was only a warning.
    var isWarning: Bool

    /// "line 3: message", or the bare message when the line is unknown.
    var summary: String {
        if let line { return "line \(line): \(message)" }
        return message
    }
}
