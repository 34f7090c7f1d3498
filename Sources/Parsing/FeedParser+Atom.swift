import Foundation
import Model

extension FeedParser {
    /// Atom 1.0 and the 0.3 draft. Entries without an author take the feed's; text constructs
    /// are read by their `type` (and, in 0.3, `mode`).
    func parseAtom(_ root: LibXMLElement, baseURL: URL, format: FeedFormat) -> ParsedFeed {
        let atom: Set<String?> = [root.namespaceURI, FeedNamespace.atom10, FeedNamespace.atom03]
        let feedAuthor = authorName(in: root, atom: atom)
        let drafts = root.children("entry", in: atom).map { entry in
            var draft = atomEntry(entry, atom: atom, baseURL: baseURL)
            if draft.author == nil {
                draft.author = feedAuthor
            }
            return draft
        }
        let title = root.firstChild("title", in: atom).map { line(of: $0, as: atomKind($0)) } ?? ""
        let link = alternateLink(in: root, atom: atom, baseURL: baseURL)
        return ParsedFeed(title: title, link: link, items: finishItems(drafts), format: format)
    }

    private func atomEntry(_ entry: LibXMLElement, atom: Set<String?>, baseURL: URL) -> ItemDraft {
        var draft = ItemDraft()
        let media: Set<String?> = [FeedNamespace.media]
        let mediaGroups = entry.children("group", in: media)

        if let element = entry.firstChild("title", in: atom) {
            draft.title = line(of: element, as: atomKind(element))
        }
        if draft.title.isEmpty, let element = firstMedia("title", in: entry, groups: mediaGroups) {
            draft.title = line(of: element, as: mediaKind(element))
        }
        let id = entry.firstChild("id", in: atom)?.text.trimmingCharacters(in: .whitespacesAndNewlines)
        draft.id = id?.isEmpty == false ? id : nil
        draft.link = alternateLink(in: entry, atom: atom, baseURL: baseURL)
        draft.author = authorName(in: entry, atom: atom)
            ?? entry.firstChild("source", in: atom).flatMap { authorName(in: $0, atom: atom) }
            ?? entry.children("creator", in: [FeedNamespace.dublinCore]).first.map(\.text)
        draft.published = firstDate(
            ["published", "issued", "created", "updated", "modified"].flatMap { entry.children($0, in: atom) }
                + entry.children("date", in: [FeedNamespace.dublinCore])
        )
        for name in ["content", "summary"] where draft.text.isEmpty {
            if let element = entry.firstChild(name, in: atom) {
                draft.text = atomText(element)
            }
        }
        if draft.text.isEmpty, let element = firstMedia("description", in: entry, groups: mediaGroups) {
            draft.text = text(of: element, as: mediaKind(element))
        }
        return draft
    }

    /// The first `author/name` with text.
    private func authorName(in element: LibXMLElement, atom: Set<String?>) -> String? {
        for author in element.children("author", in: atom) {
            let name = author.firstChild("name", in: atom)?.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if let name, !name.isEmpty { return name }
        }
        return nil
    }

    /// The `link` with rel `alternate` (the default), preferring an HTML one; else none.
    private func alternateLink(in element: LibXMLElement, atom: Set<String?>, baseURL: URL) -> URL? {
        let alternates = element.children("link", in: atom).filter {
            ($0.attribute("rel")?.lowercased() ?? "alternate") == "alternate" && $0.attribute("href") != nil
        }
        let preferred = alternates.filter(Self.isHTMLLink) + alternates.filter { !Self.isHTMLLink($0) }
        for candidate in preferred {
            if let url = link(candidate.attribute("href"), at: candidate, documentURL: baseURL) { return url }
        }
        return nil
    }

    private static func isHTMLLink(_ element: LibXMLElement) -> Bool {
        guard let type = element.attribute("type")?.lowercased() else { return true }
        return type.contains("html")
    }

    /// How an Atom text construct is typed: 1.0's `text`/`html`/`xhtml`, or a MIME type as 0.3 writes.
    func atomKind(_ element: LibXMLElement) -> TextKind {
        let type = element.attribute("type")?.lowercased().trimmingCharacters(in: .whitespaces) ?? "text"
        let mode = element.attribute("mode")?.lowercased()
        switch type {
        case "xhtml", "application/xhtml+xml":
            return mode == "escaped" ? .html : .xhtml
        case "html", "text/html":
            return mode == "xml" && element.hasChildElements ? .xhtml : .html
        default:
            return .plain
        }
    }

    /// An Atom `content` or `summary`: text, HTML, XHTML, or 0.3's base64 mode.
    private func atomText(_ element: LibXMLElement) -> String {
        let type = element.attribute("type")?.lowercased() ?? "text"
        if element.attribute("src") != nil { return "" }
        let isTextual = ["text", "html", "xhtml"].contains(type) || type.hasPrefix("text/") || type.hasSuffix("xml")
        guard isTextual else { return "" }
        if element.attribute("mode")?.lowercased() == "base64" {
            let encoded = element.text.filter { !$0.isWhitespace }
            guard let data = Data(base64Encoded: encoded), let decoded = String(data: data, encoding: .utf8) else {
                return ""
            }
            return type.contains("html")
                ? htmlTextExtractor.text(fromHTML: decoded)
                : PlainTextBuilder.normalizeLines(decoded)
        }
        return text(of: element, as: atomKind(element))
    }
}
