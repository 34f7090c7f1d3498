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
        /// The trimmed line's bytes, read as text only for an error message.
        var contentBytes: ArraySlice<UInt8>
        var fields: [String]

        /// The trimmed line, as quoted in error messages.
        var content: String { String(decoding: contentBytes, as: UTF8.self) }

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
    ///
    /// Read as UTF-8 bytes: lines end at LF (a CR before it is dropped), fields at TAB, and
    /// fields are trimmed of ASCII spaces. Reading the bytes rather than characters keeps loading
    /// the larger files (the concern model's weights) from dominating a short run's start.
    func entries(fieldCount: Int) throws(SentimentError) -> [Entry] {
        var entries: [Entry] = []
        var bytes = Array(contents.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var lineNumber = 0
        var lineStart = 0
        while lineStart <= bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            lineNumber += 1
            defer { lineStart = lineEnd + 1 }
            var contentEnd = lineEnd
            if contentEnd > lineStart, bytes[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
            let line = bytes[lineStart..<contentEnd]
            let trimmed = line.trimmingSpaces()
            if trimmed.isEmpty || trimmed.first == UInt8(ascii: "#") { continue }

            let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
                .map { String(decoding: $0.trimmingSpaces(), as: UTF8.self) }
            let entry = Entry(file: name, line: lineNumber, contentBytes: trimmed, fields: fields)
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

extension ArraySlice<UInt8> {
    /// The bytes without leading and trailing ASCII spaces and tabs.
    fileprivate func trimmingSpaces() -> ArraySlice<UInt8> {
        var result = self
        while let first = result.first, first == 0x20 || first == 0x09 { result = result.dropFirst() }
        while let last = result.last, last == 0x20 || last == 0x09 { result = result.dropLast() }
        return result
    }
}
