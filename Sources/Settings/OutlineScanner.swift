import Foundation

/// Finds the `<outline>` elements of an OPML file's text with where each one starts and ends, so
/// that one can be cut out and the rest of the text left byte for byte as it was.
///
/// A small scanner rather than libxml2, whose tree keeps no byte offsets: it skips comments,
/// CDATA sections, processing instructions and declarations, reads each outline's attributes
/// (either quote, entities decoded), and pairs an outline that is not self-closing with its own
/// `</outline>`, counting the outlines nested inside it. The file is expected to be well-formed;
/// callers check that with the OPML parser.
struct OutlineScanner {
    /// One `<outline>` element.
    struct Outline {
        /// Byte offsets of the element in the text, from `<` to the end of `/>` or of its `</outline>`.
        var range: Range<Int>
        /// Its attributes, names lowercased, values with entities decoded.
        var attributes: [String: String]
        /// Whether other outlines are nested inside it.
        var isFolder: Bool
        /// The line it starts on (1-based).
        var line: Int
    }

    /// Every outline, in the order they start.
    let outlines: [Outline]

    init(text: String) {
        let bytes = Array(text.utf8)
        var found: [Outline] = []
        // Outlines still open (not self-closing), as indices into `found`.
        var open: [Int] = []
        var index = 0
        var line = 1
        func skip(past terminator: String) {
            let end = Array(terminator.utf8)
            while index < bytes.count, !bytes[index...].starts(with: end) {
                if bytes[index] == UInt8(ascii: "\n") { line += 1 }
                index += 1
            }
            index = min(index + end.count, bytes.count)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") { line += 1 }
            guard byte == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            let rest = bytes[index...]
            if rest.starts(with: Array("<!--".utf8)) {
                skip(past: "-->")
            } else if rest.starts(with: Array("<![CDATA[".utf8)) {
                skip(past: "]]>")
            } else if rest.starts(with: Array("<?".utf8)) {
                skip(past: "?>")
            } else if rest.starts(with: Array("<!".utf8)) {
                skip(past: ">")
            } else if Self.startsTag("outline", at: index, in: bytes) {
                let start = index
                let startLine = line
                index += "<outline".utf8.count
                let (attributes, isSelfClosing) = Self.readAttributes(bytes, from: &index, line: &line)
                found.append(Outline(range: start..<index, attributes: attributes, isFolder: false, line: startLine))
                if let parent = open.last { found[parent].isFolder = true }
                if !isSelfClosing { open.append(found.count - 1) }
            } else if rest.starts(with: Array("</outline".utf8)) {
                skip(past: ">")
                if let closed = open.popLast() {
                    found[closed].range = found[closed].range.lowerBound..<index
                }
            } else {
                index += 1
            }
        }
        outlines = found
    }

    /// Whether `<name` starts at `index`, followed by the end of the name.
    private static func startsTag(_ name: String, at index: Int, in bytes: [UInt8]) -> Bool {
        let opening = Array(("<" + name).utf8)
        guard bytes[index...].starts(with: opening) else { return false }
        let next = index + opening.count
        guard next < bytes.count else { return false }
        return [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "/"),
                UInt8(ascii: ">")].contains(bytes[next])
    }

    /// Reads `name="value"` pairs (either quote, spaces around `=` allowed) up to the tag's `>`,
    /// leaving `index` just past it.
    /// - Returns: the attributes, and whether the tag closes itself with `/>`.
    private static func readAttributes(_ bytes: [UInt8], from index: inout Int, line: inout Int) -> ([String: String], Bool) {
        var attributes: [String: String] = [:]
        func isSpace(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
        }
        func skipSpaces() {
            while index < bytes.count, isSpace(bytes[index]) {
                if bytes[index] == UInt8(ascii: "\n") { line += 1 }
                index += 1
            }
        }
        while true {
            skipSpaces()
            guard index < bytes.count else { return (attributes, false) }
            if bytes[index] == UInt8(ascii: ">") {
                index += 1
                return (attributes, false)
            }
            if bytes[index...].starts(with: [UInt8(ascii: "/"), UInt8(ascii: ">")]) {
                index += 2
                return (attributes, true)
            }
            let nameStart = index
            while index < bytes.count, !isSpace(bytes[index]), ![UInt8(ascii: "="), UInt8(ascii: ">"), UInt8(ascii: "/")].contains(bytes[index]) {
                index += 1
            }
            let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
            skipSpaces()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                // A name without a value is not XML; step past anything unexpected so the scan moves on.
                if index == nameStart { index += 1 }
                continue
            }
            index += 1
            skipSpaces()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else { continue }
            let quote = bytes[index]
            let valueStart = index + 1
            index = valueStart
            while index < bytes.count, bytes[index] != quote {
                if bytes[index] == UInt8(ascii: "\n") { line += 1 }
                index += 1
            }
            attributes[name] = decodedEntities(String(decoding: bytes[valueStart..<index], as: UTF8.self))
            index = min(index + 1, bytes.count)
        }
    }

    /// XML's five named entities and numeric character references, decoded.
    static func decodedEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            guard let semicolon = rest[ampersand...].firstIndex(of: ";") else { break }
            let entity = rest[rest.index(after: ampersand)..<semicolon]
            let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]
            if let value = named[String(entity)] {
                result += value
            } else if entity.hasPrefix("#x") || entity.hasPrefix("#X"), let code = UInt32(entity.dropFirst(2), radix: 16),
                      let scalar = Unicode.Scalar(code) {
                result.unicodeScalars.append(scalar)
            } else if entity.hasPrefix("#"), let code = UInt32(entity.dropFirst()), let scalar = Unicode.Scalar(code) {
                result.unicodeScalars.append(scalar)
            } else {
                result += rest[ampersand...semicolon]
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return result + rest
    }
}
