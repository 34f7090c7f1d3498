import Foundation
import Model

/// Adds feeds to an OPML feed list as text, keeping everything else in the file as it was.
public struct FeedListEditor: Sendable {
    /// A feed to add.
    public struct Entry: Hashable, Sendable {
        public var url: URL
        public var title: String

        public init(url: URL, title: String) {
            self.url = url
            self.title = title
        }
    }

    public init() {}

    /// The OPML `text` with an `<outline type="rss">` for each entry inserted before `</body>`.
    /// - Throws: ``ConfigurationError`` when the text has no `</body>` to insert before.
    public func adding(_ entries: [Entry], to text: String, file: String) throws(ConfigurationError) -> String {
        guard let bodyEnd = text.range(of: "</body>", options: .backwards) else {
            throw ConfigurationError(file: file, problem: "not an OPML file with a <body> element")
        }
        let lineStart = text[..<bodyEnd.lowerBound].lastIndex(of: "\n").map { text.index(after: $0) } ?? bodyEnd.lowerBound
        let indent = String(text[lineStart..<bodyEnd.lowerBound].prefix { $0 == " " || $0 == "\t" })
        let outlines = entries.map { entry in
            let title = MarkupText.escaped(entry.title.isEmpty ? entry.url.absoluteString : entry.title)
            return "\(indent)  <outline type=\"rss\" text=\"\(title)\" title=\"\(title)\" xmlUrl=\"\(MarkupText.escaped(entry.url.absoluteString))\"/>\n"
        }.joined()
        var result = text
        result.insert(contentsOf: outlines, at: lineStart)
        return result
    }
}
