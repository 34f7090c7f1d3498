/// Reads the common format of the lexicon's data files: UTF-8 lines, `#` comments, blank lines
/// skipped, fields separated by one TAB.
///
/// It only splits lines and checks the field count; each file's own checks live in `Lexicon`,
/// which reports problems through `Entry.error(_:)` so every message carries file and line.
struct LexiconFile {
    /// One data line, split into trimmed fields.
    struct Entry {
        var file: String
        var line: Int
        var content: String
        var fields: [String]

        /// An error about this line.
        func error(_ reason: String) -> SentimentError {
            .malformedLine(file: file, line: line, content: content, reason: reason)
        }

        /// A finite number in the given field.
        func number(at index: Int) throws(SentimentError) -> Double {
            guard let value = Double(fields[index]), value.isFinite else {
                throw error("\"\(fields[index])\" is not a number")
            }
            return value
        }

        /// A valence in -4...4 in the given field.
        func valence(at index: Int) throws(SentimentError) -> Double {
            let value = try number(at: index)
            guard (-4.0...4.0).contains(value) else {
                throw error("the valence \(value) is outside -4...4")
            }
            return value
        }
    }

    var name: String
    var contents: String

    /// The data lines, each with exactly `fieldCount` non-empty fields.
    func entries(fieldCount: Int) throws(SentimentError) -> [Entry] {
        var entries: [Entry] = []
        let lines = contents.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (offset, rawLine) in lines.enumerated() {
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if offset == 0, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }

            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { String($0.trimmingWhitespace()) }
            let entry = Entry(file: name, line: offset + 1, content: String(trimmed), fields: fields)
            guard fields.count == fieldCount else {
                let expected = fieldCount == 1 ? "one entry and no TAB" : "\(fieldCount) TAB-separated fields"
                throw entry.error("expected \(expected), found \(fields.count) field\(fields.count == 1 ? "" : "s")")
            }
            if let empty = fields.firstIndex(where: \.isEmpty) {
                throw entry.error("field \(empty + 1) is empty")
            }
            entries.append(entry)
        }
        return entries
    }
}

extension Substring {
    /// The substring without leading and trailing whitespace.
    fileprivate func trimmingWhitespace() -> Substring {
        var result = self
        while let first = result.first, first.isWhitespace { result = result.dropFirst() }
        while let last = result.last, last.isWhitespace { result = result.dropLast() }
        return result
    }
}
