import Foundation

/// Builds plain text line by line: whitespace collapsed within a line, lines trimmed, empty lines
/// dropped, lines joined with a single newline. Works on UTF-8 bytes, without a `String` per line.
///
/// Two repairs of text that feeds get wrong are made on the way, because no reader wants them:
/// - C1 control characters (U+0080–U+009F), which never belong in text, are the Windows-1252
///   characters their byte stood for (`don\u{92}t` → `don’t`): text decoded as Latin-1 that was
///   written in Windows-1252.
/// - UTF-8 read as Latin-1 or Windows-1252 and encoded again (`â€™` for `’`, `Ã©` for `é`) is
///   decoded once more: a run of a lead character (U+00C2–U+00F4) and the continuation characters
///   its UTF-8 sequence needs, which together form valid UTF-8.
struct PlainTextBuilder {
    private var output: [UInt8] = []
    private var lineHasText = false
    private var pendingSpace = false
    private var pendingBreak = false

    /// Windows-1252's characters for 0x80–0x9F; the five unassigned bytes keep their C1 code point.
    static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// The byte a character stood for when UTF-8 was misread as Windows-1252 or Latin-1, for the
    /// continuation range 0x80–0xBF; nil for any other character.
    private static func continuationByte(_ scalar: UInt32) -> UInt8? {
        if scalar >= 0x80 && scalar <= 0xBF { return UInt8(scalar) }
        guard scalar > 0xFF, let index = windows1252High.firstIndex(of: scalar) else { return nil }
        return UInt8(0x80 + index)
    }

    /// Appends text to the current line; its whitespace, newlines included, collapses to one space.
    mutating func append(_ text: String) {
        append(text, newlinesBreakLines: false)
    }

    /// Appends text; when `newlinesBreakLines`, each line break in it ends a line.
    mutating func append(_ text: String, newlinesBreakLines: Bool) {
        var text = text
        text.withUTF8 { append(bytes: $0, newlinesBreakLines: newlinesBreakLines) }
    }

    /// Appends a run of UTF-8 bytes (a libxml2 SAX text callback's).
    mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
        append(bytes: bytes, newlinesBreakLines: false)
    }

    /// Appends a NUL-terminated run of UTF-8 bytes (a libxml2 text node's content).
    mutating func append(cString pointer: UnsafePointer<UInt8>) {
        let length = strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
        append(bytes: UnsafeBufferPointer(start: pointer, count: length), newlinesBreakLines: false)
    }

    /// Ends the current line (a block boundary or `br`).
    mutating func breakLine() {
        if lineHasText {
            pendingBreak = true
            lineHasText = false
        }
        pendingSpace = false
    }

    /// The finished text.
    mutating func finish() -> String {
        let text = String(decoding: output, as: UTF8.self)
        self = PlainTextBuilder()
        return text
    }

    /// Collapses every run of whitespace (including no-break spaces and newlines) to one space, and trims.
    static func collapseWhitespace(_ text: String) -> String {
        var builder = PlainTextBuilder()
        builder.append(text)
        return builder.finish()
    }

    /// NUL-terminated UTF-8 kept as lines: each line collapsed and trimmed, empty lines dropped.
    static func normalizeLines(cString pointer: UnsafePointer<UInt8>) -> String {
        var builder = PlainTextBuilder()
        let length = strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
        builder.append(bytes: UnsafeBufferPointer(start: pointer, count: length), newlinesBreakLines: true)
        return builder.finish()
    }

    /// Plain text kept as lines: each line collapsed and trimmed, empty lines dropped.
    static func normalizeLines(_ text: String) -> String {
        var builder = PlainTextBuilder()
        builder.append(text, newlinesBreakLines: true)
        return builder.finish()
    }

    // MARK: Bytes

    private mutating func append(bytes: UnsafeBufferPointer<UInt8>, newlinesBreakLines: Bool) {
        if output.isEmpty { output.reserveCapacity(bytes.count) }
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte > 0x20, byte < 0x7F {
                // A run of visible ASCII, copied at once: most text is made of these.
                var end = index + 1
                while end < count, bytes[end] > 0x20, bytes[end] < 0x7F {
                    end += 1
                }
                startText()
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                index = end
                continue
            }
            if byte < 0x80 {
                index += 1
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    if newlinesBreakLines, byte == 0x0A || byte == 0x0D {
                        breakLine()
                    } else {
                        pendingSpace = lineHasText
                    }
                } else if byte >= 0x20 || byte == 0x09 {
                    appendByte(byte)
                } else {
                    // Other C0 controls are not text.
                    pendingSpace = lineHasText
                }
                continue
            }
            let (scalar, length) = Self.decode(bytes, at: index)
            index += length
            switch scalar {
            case 0x80...0x9F:
                appendScalar(Self.windows1252High[Int(scalar - 0x80)])
            case 0xC2...0xF4:
                if let (repaired, consumed) = Self.repairedMisreadUTF8(lead: scalar, bytes, at: index) {
                    index += consumed
                    appendScalar(repaired)
                } else {
                    appendScalar(scalar)
                }
            case 0x2028 where newlinesBreakLines, 0x2029 where newlinesBreakLines:
                breakLine()
            default:
                if Self.isSpace(scalar) {
                    pendingSpace = lineHasText
                } else {
                    appendScalar(scalar)
                }
            }
        }
    }

    private mutating func startText() {
        if pendingBreak {
            output.append(0x0A)
            pendingBreak = false
        } else if pendingSpace {
            output.append(0x20)
        }
        pendingSpace = false
        lineHasText = true
    }

    private mutating func appendByte(_ byte: UInt8) {
        startText()
        output.append(byte)
    }

    private mutating func appendScalar(_ value: UInt32) {
        guard let scalar = Unicode.Scalar(value) else { return }
        if Self.isSpace(value) {
            pendingSpace = lineHasText
            return
        }
        startText()
        for unit in UTF8.encode(scalar)! {
            output.append(unit)
        }
    }

    /// Unicode's white space, plus the zero-width space and the byte order mark.
    private static func isSpace(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: true
        default: false
        }
    }

    /// The scalar at `index` and its length in bytes. A byte that starts no valid UTF-8 sequence
    /// (C strings from libxml2's HTML parser may carry them) is read as its Windows-1252 character.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let lead = bytes[index]
        let length: Int
        var lowest: UInt8 = 0x80
        var highest: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lowest = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; highest = 0x9F
        case 0xF0: length = 4; lowest = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; highest = 0x8F
        default: return (fallbackScalar(lead), 1)
        }
        guard index + length <= bytes.count, (lowest...highest).contains(bytes[index + 1]) else {
            return (fallbackScalar(lead), 1)
        }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return (fallbackScalar(lead), 1) }
            value = (value << 6) | UInt32(byte & 0x3F)
        }
        return (value, length)
    }

    private static func fallbackScalar(_ byte: UInt8) -> UInt32 {
        byte >= 0x80 && byte <= 0x9F ? windows1252High[Int(byte - 0x80)] : UInt32(byte)
    }

    /// When `lead` (a character U+00C2–U+00F4) and the characters after it are UTF-8 bytes
    /// misread one character per byte, the character they encode and the bytes consumed after `lead`.
    private static func repairedMisreadUTF8(
        lead: UInt32,
        _ bytes: UnsafeBufferPointer<UInt8>,
        at start: Int
    ) -> (UInt32, Int)? {
        let continuationCount = lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3
        var sequence: [UInt8] = [UInt8(lead)]
        var index = start
        for _ in 0..<continuationCount {
            guard index < bytes.count, bytes[index] >= 0x80 else { return nil }
            let (scalar, length) = decode(bytes, at: index)
            guard let byte = continuationByte(scalar) else { return nil }
            sequence.append(byte)
            index += length
        }
        var iterator = sequence.makeIterator()
        var decoder = UTF8()
        guard case let .scalarValue(scalar) = decoder.decode(&iterator), iterator.next() == nil else { return nil }
        // A misread no-break space ("Â " for U+00A0) is still a space; anything else must be a
        // character that Latin-1 could not have written itself.
        guard scalar.value >= 0xA0 else { return nil }
        return (scalar.value, index - start)
    }
}
