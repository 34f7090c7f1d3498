import Foundation
import Model

extension FeedParser {
    /// JSON Feed 1.0 and 1.1, read loosely: ids may be numbers, authors may be 1.0's `author`
    /// or 1.1's `authors`, and fields of the wrong type are ignored rather than fatal.
    func parseJSONFeed(_ bytes: Data, baseURL: URL) throws(ParseError) -> ParsedFeed {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: bytes, options: [])
        } catch {
            throw .invalidJSON(error.localizedDescription)
        }
        guard let feed = object as? [String: Any] else {
            throw .notAFeed("the JSON document is not an object")
        }
        let version = feed["version"] as? String ?? ""
        guard version.contains("jsonfeed.org") || feed["items"] is [Any] else {
            throw .notAFeed("the JSON document has neither a JSON Feed version nor items")
        }
        let entries = (feed["items"] as? [Any] ?? []).compactMap { $0 as? [String: Any] }
        let feedAuthor = Self.jsonAuthor(in: feed)
        let drafts = entries.map { entry in
            var draft = jsonItem(entry, baseURL: baseURL)
            if draft.author == nil {
                draft.author = feedAuthor
            }
            return draft
        }
        let title = (feed["title"] as? String).map(PlainTextBuilder.collapseWhitespace) ?? ""
        let link = (feed["home_page_url"] as? String).flatMap { linkNormalizer.normalize($0, relativeTo: baseURL) }
        var parsed = ParsedFeed(title: title, link: link, items: [], format: .jsonFeed)
        finishItems(drafts, into: &parsed)
        return parsed
    }

    private func jsonItem(_ entry: [String: Any], baseURL: URL) -> ItemDraft {
        var draft = ItemDraft()
        draft.id = Self.jsonScalar(entry["id"])
        for field in ["url", "external_url"] where draft.link == nil {
            if let value = entry[field] as? String {
                draft.link = linkNormalizer.normalize(value, relativeTo: baseURL)
            }
        }
        if let title = entry["title"] as? String {
            draft.title = htmlTextExtractor.text(fromHTML: title).split(separator: "\n").joined(separator: " ")
        }
        draft.author = Self.jsonAuthor(in: entry)
        let published = (entry["date_published"] as? String).flatMap(dateParser.date(from:))
        let updated = (entry["date_modified"] as? String).flatMap(dateParser.date(from:))
        draft.published = published ?? updated
        if let html = entry["content_html"] as? String {
            draft.text = htmlTextExtractor.text(fromHTML: html)
        }
        if draft.text.isEmpty, let text = entry["content_text"] as? String {
            draft.text = PlainTextBuilder.normalizeLines(text)
        }
        let summary = (entry["summary"] as? String).map(PlainTextBuilder.normalizeLines) ?? ""
        if keepsItemDetails {
            draft.details = ItemDetails(published: published, updated: updated, summary: summary, content: draft.text)
        }
        if draft.text.isEmpty {
            draft.text = summary
        }
        return draft
    }

    /// 1.1's `authors[].name`, else 1.0's `author.name`.
    private static func jsonAuthor(in object: [String: Any]) -> String? {
        let authors = (object["authors"] as? [Any] ?? []).compactMap { $0 as? [String: Any] }
        for author in authors + [object["author"] as? [String: Any] ?? [:]] {
            if let name = author["name"] as? String, !name.trimmedWhitespace.isEmpty {
                return name
            }
        }
        return nil
    }

    /// A string, or a number written as one (some generators emit numeric ids).
    private static func jsonScalar(_ value: Any?) -> String? {
        switch value {
        case let string as String: string
        case let integer as Int: String(integer)
        case let number as Double: String(number)
        default: nil
        }
    }
}
