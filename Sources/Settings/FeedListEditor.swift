import Foundation
import Model

/// Adds sources to an OPML feed list and takes them out, as text, keeping everything else in the
/// file as it was: comments, folders, other outlines, attributes Earshot does not know, spacing.
public struct FeedListEditor: Sendable {
    /// What a removal took out.
    public struct Removal: Sendable, Hashable {
        /// The file's text without the outlines.
        public var text: String
        /// The titles (else addresses) of the outlines taken out, in file order.
        public var removed: [String]
    }

    public init() {}

    /// The OPML `text` with an outline for each source inserted before `</body>`, indented one step
    /// further than it.
    /// - Throws: ``ConfigurationError`` when the text has no `</body>` to insert before.
    public func adding(_ sources: [Source], to text: String, file: String) throws(ConfigurationError) -> String {
        guard let bodyEnd = text.range(of: "</body>", options: .backwards) else {
            throw ConfigurationError(file: file, problem: "not an OPML file with a <body> element")
        }
        let lineStart = text[..<bodyEnd.lowerBound].lastIndex(of: "\n").map { text.index(after: $0) } ?? bodyEnd.lowerBound
        let indent = String(text[lineStart..<bodyEnd.lowerBound].prefix { $0 == " " || $0 == "\t" })
        let outlines = sources.map { indent + "  " + Self.outline(for: $0) + "\n" }.joined()
        var result = text
        result.insert(contentsOf: outlines, at: lineStart)
        return result
    }

    /// One self-closing outline for a source, with Earshot's attributes where they differ from the defaults.
    public static func outline(for source: Source) -> String {
        let title = MarkupText.escaped(source.title.isEmpty ? AddressRedaction.redacted(source.url) : source.title)
        var outline = "<outline type=\"\(source.kind == .feed ? "rss" : "html")\" text=\"\(title)\" title=\"\(title)\" "
            + "xmlUrl=\"\(MarkupText.escaped(source.url.absoluteString))\""
        if let interval = source.refreshInterval { outline += " earshotInterval=\"\(intervalText(interval))\"" }
        if source.isAboutSchool { outline += " earshotAboutSchool=\"true\"" }
        if source.isSchoolsOwn { outline += " earshotSchoolsOwn=\"true\"" }
        if source.isOneConversation { outline += " earshotConversation=\"true\"" }
        if let school = source.school { outline += " earshotSchool=\"\(school.rawValue)\"" }
        return outline + "/>"
    }

    /// An interval as people and `earshotInterval` write it (`45s`, `30m`, `6h`, `1d`); nil for
    /// anything else, zero included.
    public static func interval(parsing text: String) -> Duration? {
        TOMLDocument.parseDuration(text).flatMap { $0 > .zero ? $0 : nil }
    }

    /// An interval as `earshotInterval` writes it: in the largest whole unit (`1d`, `6h`, `30m`, `45s`).
    public static func intervalText(_ interval: Duration) -> String {
        let seconds = interval.components.seconds
        for (unit, size) in [("d", Int64(86_400)), ("h", 3600), ("m", 60)] where seconds % size == 0 && seconds >= size {
            return "\(seconds / size)\(unit)"
        }
        return "\(seconds)s"
    }

    /// The OPML `text` without the outlines that `target` names: by address (`xmlUrl`, or a page's
    /// `htmlUrl`, as written or resolved against the file's own location), else by title or text.
    ///
    /// Every outline with that address goes (a list may hold it twice); a title must name exactly
    /// one. An outline that is alone on its lines takes its lines with it; comments stay.
    /// - Throws: ``ConfigurationError`` when nothing matches, a title names several outlines, or the
    ///   matching outline is a folder of others.
    public func removing(_ target: String, from text: String, fileURL: URL) throws(ConfigurationError) -> Removal {
        let wanted = target.trimmingCharacters(in: .whitespaces)
        let outlines = OutlineScanner(text: text).outlines
        func address(_ outline: OutlineScanner.Outline) -> [String] {
            ["xmlurl", "htmlurl"].compactMap { outline.attributes[$0] }.flatMap { value in
                [value, URL(string: value, relativeTo: fileURL)?.absoluteURL.absoluteString].compactMap { $0 }
            }
        }
        var matches = outlines.filter { address($0).contains(wanted) }
        if matches.isEmpty {
            matches = outlines.filter { $0.attributes["title"] == wanted || $0.attributes["text"] == wanted }
            guard matches.count <= 1 else {
                throw ConfigurationError(file: fileURL.path, problem: "\"\(wanted)\" is the title of \(matches.count) outlines; "
                                         + "give the address of the one to remove")
            }
        }
        guard !matches.isEmpty else {
            throw ConfigurationError(file: fileURL.path, problem: "no source with the address or title \"\(wanted)\"")
        }
        if let folder = matches.first(where: \.isFolder) {
            throw ConfigurationError(file: fileURL.path, line: folder.line,
                                     problem: "\"\(wanted)\" is a folder of other outlines; remove its sources one by one")
        }
        // Outline ranges are byte offsets into the original text; the kept bytes are copied around them.
        let bytes = Array(text.utf8)
        var kept: [UInt8] = []
        var position = 0
        for outline in matches {
            let lines = Self.wholeLines(of: outline.range, in: bytes)
            kept += bytes[position..<lines.lowerBound]
            position = lines.upperBound
        }
        kept += bytes[position...]
        let titles = matches.map { $0.attributes["title"] ?? $0.attributes["text"] ?? address($0).first ?? "" }
        return Removal(text: String(decoding: kept, as: UTF8.self), removed: titles)
    }

    /// `range` widened to the whole lines it is on, line break included, when nothing else shares them.
    private static func wholeLines(of range: Range<Int>, in bytes: [UInt8]) -> Range<Int> {
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") }
        var lineStart = range.lowerBound
        while lineStart > 0, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        var lineEnd = range.upperBound
        while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
        guard bytes[lineStart..<range.lowerBound].allSatisfy(isBlank), bytes[range.upperBound..<lineEnd].allSatisfy(isBlank)
        else { return range }
        return lineStart..<min(lineEnd + 1, bytes.count)
    }
}
