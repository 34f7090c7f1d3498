import Foundation
import Model

extension FeedParser {
    /// Microsoft's Channel Definition Format: the root `CHANNEL` is the channel, its link is the
    /// `HREF` attribute, and each `ITEM` has an `HREF`, a `LASTMOD` date, a `TITLE` and an
    /// `ABSTRACT`. Names match without regard to case, as CDF files were written in capitals.
    func parseCDF(_ root: LibXMLElement, baseURL: URL) -> ParsedFeed {
        let none = FeedNamespace.noneSet
        let drafts = root.children("item", in: none).map { item in
            var draft = ItemDraft()
            draft.title = item.firstChild("title", in: none).map { line(of: $0, as: .html) } ?? ""
            draft.link = link(item.attributeIgnoringCase("href"), at: item, documentURL: baseURL)
            draft.published = item.attributeIgnoringCase("lastmod").flatMap(dateParser.date(from:))
            draft.text = item.firstChild("abstract", in: none).map { text(of: $0, as: .html) } ?? ""
            if keepsItemDetails {
                draft.details = ItemDetails(updated: draft.published, summary: draft.text)
            }
            return draft
        }
        var feed = ParsedFeed(
            title: root.firstChild("title", in: none).map { line(of: $0, as: .html) } ?? "",
            link: link(root.attributeIgnoringCase("href"), at: root, documentURL: baseURL),
            items: [],
            format: .cdf
        )
        finishItems(drafts, into: &feed)
        return feed
    }
}
