import Foundation

/// Small readers of rendered mail for the tests, written independently of the renderer.
enum MailText {
    /// The rendered bytes as text (they are all ASCII).
    static func text(_ data: Data) -> String {
        String(decoding: data, as: UTF8.self)
    }

    /// The lines of a rendered message, split at CRLF only, without the empty piece after the last CRLF.
    static func lines(_ data: Data) -> [String] {
        var pieces = text(data).components(separatedBy: "\r\n")
        if pieces.last == "" { pieces.removeLast() }
        return pieces
    }

    /// How many CR bytes not followed by LF, and LF bytes not preceded by CR, `data` holds.
    static func bareLineBreakCount(_ data: Data) -> Int {
        let bytes = Array(data)
        var count = 0
        for (index, byte) in bytes.enumerated() {
            if byte == 13, index + 1 >= bytes.count || bytes[index + 1] != 10 { count += 1 }
            if byte == 10, index == 0 || bytes[index - 1] != 13 { count += 1 }
        }
        return count
    }

    /// The header section's fields, unfolded (CRLF before white space removed), in order.
    static func headerFields(_ data: Data) -> [(name: String, value: String)] {
        let head = text(data).components(separatedBy: "\r\n\r\n")[0]
        let unfolded = head.replacingOccurrences(of: "\r\n ", with: " ").replacingOccurrences(of: "\r\n\t", with: "\t")
        return unfolded.components(separatedBy: "\r\n").map { line in
            guard let colon = line.firstIndex(of: ":") else { return (name: line, value: "") }
            return (name: String(line[..<colon]), value: String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        }
    }

    /// The unfolded value of the first header field named `name`, or nil.
    static func header(_ name: String, in data: Data) -> String? {
        headerFields(data).first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Every RFC 2047 encoded-word in `value`, in order.
    static func encodedWords(in value: String) -> [String] {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            .filter { $0.hasPrefix("=?") && $0.hasSuffix("?=") }
    }

    /// Decodes an unstructured header value made of B-encoded UTF-8 words and plain words.
    /// White space between two encoded-words is dropped, as RFC 2047 says.
    static func decodeHeader(_ value: String) -> String {
        var result = ""
        var previousWasEncoded = false
        for word in value.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            if let decoded = decodeEncodedWord(word) {
                result += (previousWasEncoded || result.isEmpty ? "" : " ") + decoded
                previousWasEncoded = true
            } else {
                result += (result.isEmpty ? "" : " ") + word
                previousWasEncoded = false
            }
        }
        return result
    }

    /// The text of one `=?utf-8?B?...?=` word, or nil if it is not one (or not valid UTF-8).
    static func decodeEncodedWord(_ word: String) -> String? {
        let prefix = "=?utf-8?B?"
        guard word.lowercased().hasPrefix(prefix.lowercased()), word.hasSuffix("?="),
              word.count >= prefix.count + 2 else { return nil }
        let payload = word.dropFirst(prefix.count).dropLast(2)
        guard let data = Data(base64Encoded: String(payload)) else { return nil }
        return String(validating: data, as: UTF8.self)
    }

    /// Decodes quoted-printable text to bytes: soft breaks removed, `=XX` turned into bytes.
    static func decodeQuotedPrintable(_ encoded: String) -> [UInt8] {
        var bytes: [UInt8] = []
        let lines = encoded.components(separatedBy: "\r\n")
        for (index, line) in lines.enumerated() {
            var characters = Array(line.utf8)[...]
            var isSoftBreak = false
            while let byte = characters.first {
                characters = characters.dropFirst()
                guard byte == UInt8(ascii: "=") else {
                    bytes.append(byte)
                    continue
                }
                if characters.isEmpty {
                    isSoftBreak = true
                    break
                }
                let hex = String(decoding: characters.prefix(2), as: UTF8.self)
                bytes.append(UInt8(hex, radix: 16)!)
                characters = characters.dropFirst(2)
            }
            if !isSoftBreak, index < lines.count - 1 {
                bytes += [UInt8(ascii: "\r"), UInt8(ascii: "\n")]
            }
        }
        return bytes
    }

    /// `text` with every line break (CRLF, CR or LF) written as CRLF.
    static func withCRLF(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\n", with: "\r\n")
    }
}
