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
        let titleElement = root.firstChild("title", in: atom) ?? root.firstChild("title", in: FeedNamespace.dublinCoreSet)
        let title = titleElement.map { Self.oneLine(atomText($0)) } ?? ""
        // The site's page; else, as readers do, the feed's id when it is a web address, else any link.
        let link = alternateLink(in: root, atom: atom, baseURL: baseURL)
            ?? webAddress(root.firstChild("id", in: atom), baseURL: baseURL)
            ?? anyLink(in: root, atom: atom, baseURL: baseURL)
        var feed = ParsedFeed(title: title, link: link, items: [], format: format)
        finishItems(drafts, into: &feed)
        return feed
    }

    /// An Atom Entry Document (RFC 4287 §2): one entry as the root, read as a feed of one item.
    func parseAtomEntryDocument(_ root: LibXMLElement, baseURL: URL, format: FeedFormat) -> ParsedFeed {
        let atom: Set<String?> = [root.namespaceURI, FeedNamespace.atom10, FeedNamespace.atom03]
        var feed = ParsedFeed(title: "", link: nil, items: [], format: format)
        finishItems([atomEntry(root, atom: atom, baseURL: baseURL)], into: &feed)
        return feed
    }

    private func atomEntry(_ entry: LibXMLElement, atom: Set<String?>, baseURL: URL) -> ItemDraft {
        var draft = ItemDraft()
        let media = FeedNamespace.mediaSet
        let mediaGroups = entry.children("group", in: media)

        if let element = entry.firstChild("title", in: atom) ?? entry.firstChild("title", in: FeedNamespace.dublinCoreSet) {
            draft.title = Self.oneLine(atomText(element))
        }
        if draft.title.isEmpty, let element = firstMedia("title", in: entry, groups: mediaGroups) {
            draft.title = line(of: element, as: mediaKind(element))
        }
        let idElement = entry.firstChild("id", in: atom)
        let id = idElement?.text.trimmedWhitespace
        draft.id = id?.isEmpty == false ? id : nil
        draft.link = alternateLink(in: entry, atom: atom, baseURL: baseURL) ?? webAddress(idElement, baseURL: baseURL)
        draft.author = authorName(in: entry, atom: atom)
            ?? entry.firstChild("source", in: atom).flatMap { authorName(in: $0, atom: atom) }
            ?? entry.children("creator", in: FeedNamespace.dublinCoreSet).first.map { Self.nameFromEmailAuthor($0.text) }
        let publishedDates = ["published", "issued", "created"].flatMap { entry.children($0, in: atom) }
        let updatedDates = ["updated", "modified"].flatMap { entry.children($0, in: atom) }
            + entry.children("date", in: FeedNamespace.dublinCoreSet)
        setDates(of: &draft, published: publishedDates, updated: updatedDates)
        if let element = entry.firstChild("content", in: atom) {
            draft.text = atomText(element)
            if keepsItemDetails { draft.details.content = draft.text }
        }
        if draft.text.isEmpty || keepsItemDetails, let element = entry.firstChild("summary", in: atom) {
            let summary = atomText(element)
            if draft.text.isEmpty { draft.text = summary }
            if keepsItemDetails { draft.details.summary = summary }
        }
        if draft.text.isEmpty || (keepsItemDetails && draft.details.summary.isEmpty),
            let element = firstMedia("description", in: entry, groups: mediaGroups)
                ?? entry.firstChild("description", in: FeedNamespace.dublinCoreSet)
        {
            let summary = element.namespaceURI == FeedNamespace.media
                ? text(of: element, as: mediaKind(element)) : text(of: element, as: .html)
            if draft.text.isEmpty { draft.text = summary }
            if keepsItemDetails { draft.details.summary = summary }
        }
        return draft
    }

    /// The first `author/name` with text.
    private func authorName(in element: LibXMLElement, atom: Set<String?>) -> String? {
        for author in element.children("author", in: atom) {
            let name = author.firstChild("name", in: atom)?.text.trimmedWhitespace
            if let name, !name.isEmpty { return name }
        }
        return nil
    }

    /// The `link` with rel `alternate` (the default): one declared HTML first, then one without a
    /// type, then any other; else none.
    private func alternateLink(in element: LibXMLElement, atom: Set<String?>, baseURL: URL) -> URL? {
        let alternates = element.children("link", in: atom).filter {
            ($0.attribute("rel")?.lowercased() ?? "alternate") == "alternate" && $0.attribute("href") != nil
        }
        let declaredHTML = alternates.filter { $0.attribute("type")?.lowercased().contains("html") == true }
        let untyped = alternates.filter { $0.attribute("type") == nil }
        let preferred = declaredHTML + untyped + alternates.filter { !Self.isHTMLLink($0) }
        for candidate in preferred {
            if let url = link(candidate.attribute("href"), at: candidate, documentURL: baseURL) { return url }
        }
        return nil
    }

    /// The first `link` with an `href`, whatever its relation.
    private func anyLink(in element: LibXMLElement, atom: Set<String?>, baseURL: URL) -> URL? {
        for candidate in element.children("link", in: atom) {
            if let url = link(candidate.attribute("href"), at: candidate, documentURL: baseURL) { return url }
        }
        return nil
    }

    /// An `id` that is an absolute http(s) address, as a link.
    private func webAddress(_ element: LibXMLElement?, baseURL: URL) -> URL? {
        guard let element else { return nil }
        let value = element.text.trimmedWhitespace
        guard value.lowercased().hasPrefix("http://") || value.lowercased().hasPrefix("https://") else { return nil }
        return link(value, at: element, documentURL: baseURL)
    }

    private static func isHTMLLink(_ element: LibXMLElement) -> Bool {
        guard let type = element.attribute("type")?.lowercased() else { return true }
        return type.contains("html")
    }

    /// How an Atom text construct is typed: 1.0's `text`/`html`/`xhtml`, or a MIME type as 0.3 writes.
    func atomKind(_ element: LibXMLElement) -> TextKind {
        let type = element.attribute("type")?.lowercased().trimmedWhitespace ?? "text"
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

    /// An Atom text construct (`title`, `summary`, `content`): text, HTML, XHTML, or 0.3's
    /// base64 mode. Content given by `src` (elsewhere) or of a non-textual type reads as empty.
    func atomText(_ element: LibXMLElement) -> String {
        var type = element.attribute("type")?.lowercased().trimmedWhitespace ?? "text"
        if type.isEmpty { type = "text" }
        // Content kept elsewhere (`src`) should be empty here; when a feed writes it anyway, it is read.
        if element.attribute("src") != nil, !element.hasChildElements,
            element.text.allSatisfy(\.isWhitespace)
        {
            return ""
        }
        let isTextual = ["text", "html", "xhtml"].contains(type) || type.hasPrefix("text/") || type.hasSuffix("xml")
        guard isTextual else {
            // RFC 4287 §4.1.3.3: any other media type is Base64. Shown only when it decodes to text;
            // content that is not Base64 at all is shown as written.
            let encoded = element.text.filter { !$0.isWhitespace }
            guard let data = Data(base64Encoded: encoded) else { return PlainTextBuilder.normalizeLines(element.text) }
            guard let decoded = String(validating: data, as: UTF8.self) else { return "" }
            return PlainTextBuilder.normalizeLines(decoded)
        }
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
