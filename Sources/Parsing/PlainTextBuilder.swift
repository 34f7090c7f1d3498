import Foundation

/// Builds plain text line by line: whitespace collapsed within a line, lines trimmed,
/// empty lines dropped, lines joined with a single newline.
struct PlainTextBuilder {
    private var lines: [String] = []
    private var currentLine = ""

    /// Appends text to the current line; its whitespace, newlines included, collapses later.
    mutating func append(_ text: String) {
        currentLine += text
    }

    /// Ends the current line (a block boundary or `br`).
    mutating func breakLine() {
        let collapsed = Self.collapseWhitespace(currentLine)
        if !collapsed.isEmpty {
            lines.append(collapsed)
        }
        currentLine = ""
    }

    /// The finished text.
    mutating func finish() -> String {
        breakLine()
        return lines.joined(separator: "\n")
    }

    /// Collapses every run of whitespace (including no-break spaces and newlines) to one space, and trims.
    static func collapseWhitespace(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for character in text {
            if character.isWhitespace || character == "\u{200B}" || character == "\u{FEFF}" {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace {
                    result.append(" ")
                    pendingSpace = false
                }
                result.append(character)
            }
        }
        return result
    }

    /// Plain text kept as lines: each line collapsed and trimmed, empty lines dropped.
    static func normalizeLines(_ text: String) -> String {
        var builder = PlainTextBuilder()
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            builder.append(String(line))
            builder.breakLine()
        }
        return builder.finish()
    }
}
