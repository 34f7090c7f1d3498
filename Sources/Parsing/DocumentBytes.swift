import Foundation

/// The bytes of a fetched document, sniffed before any parser sees them.
///
/// Feeds arrive with byte order marks, stray whitespace or junk before the first `<` (a PHP
/// notice, say), and charsets declared in the HTTP header but not in the document. This finds
/// where the markup starts, whether it is JSON, and which encoding to tell libxml2 about.
struct DocumentBytes {
    /// What the document looks like from its first bytes.
    enum Shape: Equatable {
        /// Nothing but whitespace.
        case empty
        /// A JSON object (JSON Feed).
        case json
        /// Markup: XML or HTML.
        case markup
        /// Neither `<` nor `{` anywhere near the start.
        case unknown
    }

    /// The bytes to parse: the markup from its first `<`, or the JSON from its `{`.
    let bytes: Data
    let shape: Shape
    /// Bytes other than whitespace and a byte order mark skipped before the start.
    let skippedJunkCount: Int
    /// The `encoding` named in the XML declaration, if any.
    let declaredEncoding: String?
    /// Whether a UTF-8 byte order mark was removed from the front.
    let hadUTF8ByteOrderMark: Bool
    /// Whether the markup opens like an HTML page (`<!DOCTYPE html`, `<html`).
    let looksLikeHTML: Bool
    /// Whether the bytes are UTF-16 or UTF-32, where byte-level repairs do not apply.
    let isWideEncoding: Bool

    init(_ data: Data) {
        let all = [UInt8](data)
        // UTF-16 and UTF-32, with or without a byte order mark: leave them to libxml2's detection.
        if Self.isWideEncoding(all) {
            self.init(bytes: data, shape: .markup, isWideEncoding: true)
            return
        }
        var start = 0
        let hasByteOrderMark = all.starts(with: [0xEF, 0xBB, 0xBF])
        if hasByteOrderMark {
            start = 3
        }
        while start < all.count, Self.isSpace(all[start]) {
            start += 1
        }
        if start == all.count {
            self.init(bytes: Data(), shape: .empty)
            return
        }
        if all[start] == UInt8(ascii: "{") {
            self.init(bytes: Data(all[start...]), shape: .json, hadUTF8ByteOrderMark: hasByteOrderMark)
            return
        }
        guard let markupStart = all[start...].firstIndex(of: UInt8(ascii: "<")) else {
            self.init(bytes: Data(), shape: .unknown, junk: all.count - start)
            return
        }
        let markup = Array(all[markupStart...])
        self.init(
            bytes: Data(markup),
            shape: .markup,
            junk: all[start..<markupStart].count { !Self.isSpace($0) },
            declaredEncoding: Self.declaredEncoding(markup),
            hadUTF8ByteOrderMark: hasByteOrderMark,
            looksLikeHTML: Self.opensLikeHTML(markup)
        )
    }

    private init(
        bytes: Data,
        shape: Shape,
        junk: Int = 0,
        declaredEncoding: String? = nil,
        hadUTF8ByteOrderMark: Bool = false,
        looksLikeHTML: Bool = false,
        isWideEncoding: Bool = false
    ) {
        self.bytes = bytes
        self.shape = shape
        self.skippedJunkCount = junk
        self.declaredEncoding = declaredEncoding
        self.hadUTF8ByteOrderMark = hadUTF8ByteOrderMark
        self.looksLikeHTML = looksLikeHTML
        self.isWideEncoding = isWideEncoding
    }

    /// The encoding to hand libxml2, and whether the text is meant to be UTF-8.
    ///
    /// The document's own word wins: a byte order mark, then the XML declaration. Only when the
    /// document says nothing is the HTTP charset used; with no charset either, XML means UTF-8.
    func encoding(contentType: String?) -> (name: String?, isUTF8: Bool) {
        if isWideEncoding { return (nil, false) }
        if hadUTF8ByteOrderMark { return ("UTF-8", true) }
        if let declaredEncoding { return (nil, Self.isUTF8Name(declaredEncoding)) }
        if let charset = Self.charset(fromContentType: contentType) { return (charset, Self.isUTF8Name(charset)) }
        return (nil, true)
    }

    private static func isUTF8Name(_ name: String) -> Bool {
        let normalized = name.lowercased().filter { $0.isLetter || $0.isNumber }
        return normalized == "utf8"
    }

    /// The charset parameter of an HTTP Content-Type, unquoted (`text/xml; charset="iso-8859-1"`).
    static func charset(fromContentType contentType: String?) -> String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2,
                parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset"
            else { continue }
            let value = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'"))
            return value.isEmpty ? nil : value
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isWideEncoding(_ bytes: [UInt8]) -> Bool {
        let prefixes: [[UInt8]] = [
            [0xFE, 0xFF], [0xFF, 0xFE], [0x00, 0x00, 0xFE, 0xFF],
            [0x00, 0x3C, 0x00, 0x3F], [0x3C, 0x00, 0x3F, 0x00],
            [0x00, 0x00, 0x00, 0x3C], [0x3C, 0x00, 0x00, 0x00],
        ]
        return prefixes.contains { bytes.starts(with: $0) }
    }

    /// The encoding an XML declaration at the very start names: `<?xml version="1.0" encoding="…"?>`.
    private static func declaredEncoding(_ markup: [UInt8]) -> String? {
        guard markup.starts(with: Array("<?xml".utf8)) else { return nil }
        let head = markup.prefix(512)
        guard let end = head.firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let declaration = String(decoding: head[..<end], as: UTF8.self)
        guard let keyword = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[keyword.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let value = rest.dropFirst().prefix { $0 != quote }
        return value.isEmpty ? nil : String(value)
    }

    private static func opensLikeHTML(_ markup: [UInt8]) -> Bool {
        let head = String(decoding: markup.prefix(64), as: UTF8.self).lowercased()
        return head.hasPrefix("<!doctype html") || head.hasPrefix("<html")
    }
}
