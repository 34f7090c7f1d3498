import Foundation

/// Writes one header field, folded into lines of at most 76 characters joined by CRLF space.
///
/// Text from outside goes in through ``appendUnstructured(_:)`` or ``appendPhrase(_:)``, which
/// turn line breaks and other control characters into spaces, so a value can never end the
/// field early or start a new one. Text that is not plain ASCII becomes RFC 2047 encoded-words
/// (UTF-8, B encoding), each at most 75 characters and each holding whole Unicode scalars, so
/// every line holding one stays within RFC 2047's 76-character limit.
struct HeaderFieldWriter {
    /// The longest line this writer makes, unless a single word is longer.
    static let lineLimit = 76
    /// The longest encoded-word RFC 2047 allows.
    static let encodedWordLimit = 75
    private static let encodedWordPrefix = "=?utf-8?B?"
    private static let encodedWordSuffix = "?="

    private var lines: [String] = []
    private var current: String
    private var currentHasWord = false

    /// Starts a field; `name` must already be a valid field name.
    init(name: String) {
        current = name + ":"
    }

    /// The whole field, lines joined by CRLF, without a final CRLF.
    var field: String {
        (lines + [current]).joined(separator: "\r\n")
    }

    /// Appends one word that must not be split (an address in angle brackets, an atom), after a
    /// space; starts a new line first when the word would not fit on this one.
    mutating func appendWord(_ word: String) {
        if currentHasWord, current.utf8.count + 1 + word.utf8.count > Self.lineLimit {
            startNewLine()
        }
        current += " " + word
        currentHasWord = true
    }

    /// Appends free text, as in Subject: plain words when it is printable ASCII, encoded-words
    /// otherwise. Runs of white space and control characters become one space.
    mutating func appendUnstructured(_ text: String) {
        let cleaned = Self.normalizedSpacing(text)
        if Self.needsEncoding(cleaned) {
            appendEncoded(cleaned)
        } else {
            for word in cleaned.split(separator: " ") { appendWord(String(word)) }
        }
    }

    /// Appends a display name: plain atoms when it has only letters, digits and atom
    /// characters, encoded-words when it holds anything else (non-ASCII, or specials such as
    /// `,` `"` `<` `@` `.` that would change how the header is read).
    mutating func appendPhrase(_ text: String) {
        let cleaned = Self.normalizedSpacing(text)
        let words = cleaned.split(separator: " ")
        let isPlain = !Self.needsEncoding(cleaned)
            && words.allSatisfy { $0.utf8.allSatisfy(MailAddress.isAtomText) }
        if isPlain {
            for word in words { appendWord(String(word)) }
        } else {
            appendEncoded(cleaned)
        }
    }

    /// Appends `text` as one or more encoded-words, filling the current line before folding.
    mutating func appendEncoded(_ text: String) {
        let overhead = Self.encodedWordPrefix.utf8.count + Self.encodedWordSuffix.utf8.count
        var remaining = Substring(text).unicodeScalars[...]
        while !remaining.isEmpty {
            let wordRoom = min(Self.encodedWordLimit, Self.lineLimit - current.utf8.count - 1) - overhead
            let byteRoom = max(0, wordRoom) / 4 * 3
            let (chunk, rest) = Self.takeScalars(from: remaining, fittingIn: byteRoom)
            if chunk.isEmpty {
                // Not even one character fits here: fold, and a whole line is free for it.
                startNewLine()
                continue
            }
            appendRawWord(Self.encodedWord(chunk))
            remaining = rest
        }
    }

    private mutating func appendRawWord(_ word: String) {
        current += " " + word
        currentHasWord = true
    }

    private mutating func startNewLine() {
        lines.append(current)
        current = ""
        currentHasWord = false
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        encodedWordPrefix + Data(bytes).base64EncodedString() + encodedWordSuffix
    }

    /// The longest run of whole scalars from the front of `scalars` whose UTF-8 fits in `limit` bytes.
    private static func takeScalars(
        from scalars: Substring.UnicodeScalarView.SubSequence, fittingIn limit: Int
    ) -> (bytes: [UInt8], rest: Substring.UnicodeScalarView.SubSequence) {
        var bytes: [UInt8] = []
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let encoded = Array(String(scalars[index]).utf8)
            guard bytes.count + encoded.count <= limit else { break }
            bytes += encoded
            index = scalars.index(after: index)
        }
        return (bytes, scalars[index...])
    }

    /// Whether `text` must be sent as encoded-words: anything outside printable ASCII, or a
    /// `=?` that a reader could mistake for the start of an encoded-word.
    static func needsEncoding(_ text: String) -> Bool {
        text.utf8.contains { $0 < 0x20 || $0 > 0x7E } || text.contains("=?")
    }

    /// `text` with every run of white space and control characters (CR and LF among them)
    /// turned into one space, and no space at either end.
    static func normalizedSpacing(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar.properties.generalCategory == .control {
                pendingSpace = true
                continue
            }
            if pendingSpace, !result.isEmpty { result += " " }
            pendingSpace = false
            result.unicodeScalars.append(scalar)
        }
        return result
    }
}
