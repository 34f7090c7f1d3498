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
    /// Whether a DOCTYPE near the start declares entities (`<!ENTITY`), which ``EntityRepair``
    /// substitutes, so that the document is repaired before its first parse.
    let declaresEntities: Bool
    /// `UTF-16LE`, `UTF-16BE`, `UTF-32LE` or `UTF-32BE` when the bytes are in one of them (their
    /// byte order mark removed); byte-level repairs do not apply there.
    let wideEncodingName: String?

    /// Whether the bytes are UTF-16 or UTF-32.
    var isWideEncoding: Bool { wideEncodingName != nil }

    init(_ data: Data) {
        let all = [UInt8](data)
        // UTF-16 and UTF-32, with or without a byte order mark: leave them to libxml2's detection.
        if let wide = Self.wideEncoding(all) {
            self.init(bytes: Data(all[wide.byteOrderMarkLength...]), shape: .markup, wideEncodingName: wide.name)
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
            looksLikeHTML: Self.opensLikeHTML(markup),
            declaresEntities: Self.declaresEntities(markup)
        )
    }

    private init(
        bytes: Data,
        shape: Shape,
        junk: Int = 0,
        declaredEncoding: String? = nil,
        hadUTF8ByteOrderMark: Bool = false,
        looksLikeHTML: Bool = false,
        declaresEntities: Bool = false,
        wideEncodingName: String? = nil
    ) {
        self.bytes = bytes
        self.shape = shape
        self.skippedJunkCount = junk
        self.declaredEncoding = declaredEncoding
        self.hadUTF8ByteOrderMark = hadUTF8ByteOrderMark
        self.looksLikeHTML = looksLikeHTML
        self.declaresEntities = declaresEntities
        self.wideEncodingName = wideEncodingName
    }

    /// The encoding to read the document in (see ``EncodingChoice`` for the rule order).
    func encoding(contentType: String?) -> EncodingChoice {
        if let wideEncodingName { return EncodingChoice.wide(decoderName: wideEncodingName) }
        if hadUTF8ByteOrderMark { return EncodingChoice.utf8ByteOrderMark }
        return EncodingChoice.choose(
            bytes: [UInt8](bytes),
            httpCharset: Self.charset(fromContentType: contentType),
            declared: declaredEncoding
        )
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

    /// UTF-32 or UTF-16 told by a byte order mark, or by how `<?` or `<` is spelled in the first bytes.
    private static func wideEncoding(_ bytes: [UInt8]) -> (name: String, byteOrderMarkLength: Int)? {
        let patterns: [(prefix: [UInt8], name: String, byteOrderMarkLength: Int)] = [
            ([0x00, 0x00, 0xFE, 0xFF], "UTF-32BE", 4), ([0xFF, 0xFE, 0x00, 0x00], "UTF-32LE", 4),
            ([0xFE, 0xFF], "UTF-16BE", 2), ([0xFF, 0xFE], "UTF-16LE", 2),
            ([0x00, 0x00, 0x00, 0x3C], "UTF-32BE", 0), ([0x3C, 0x00, 0x00, 0x00], "UTF-32LE", 0),
            ([0x00, 0x3C], "UTF-16BE", 0), ([0x3C, 0x00], "UTF-16LE", 0),
        ]
        return patterns.first { bytes.starts(with: $0.prefix) }.map { ($0.name, $0.byteOrderMarkLength) }
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

    /// Whether `<!DOCTYPE` appears in the first 4 KB and `<!ENTITY` within 64 KB after it.
    private static func declaresEntities(_ markup: [UInt8]) -> Bool {
        guard let doctype = firstIndex(of: Array("<!DOCTYPE".utf8), in: markup, from: 0, limit: 4_096) else { return false }
        return firstIndex(of: Array("<!ENTITY".utf8), in: markup, from: doctype, limit: 65_536) != nil
    }

    private static func firstIndex(of pattern: [UInt8], in bytes: [UInt8], from start: Int, limit: Int) -> Int? {
        let end = min(bytes.count, start + limit) - pattern.count
        guard end >= start else { return nil }
        for index in start...end where bytes[index] == pattern[0] {
            if bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
        }
        return nil
    }

    private static func opensLikeHTML(_ markup: [UInt8]) -> Bool {
        let head = String(decoding: markup.prefix(64), as: UTF8.self).lowercased()
        return head.hasPrefix("<!doctype html") || head.hasPrefix("<html")
    }
}
