import Foundation
import Model

extension FeedParser {
    /// RSS 2.0's `<source url="…">Name</source>`: the site whose story the feed relays, as news
    /// search engines write it. When the item's own link leads elsewhere (the engine's redirect),
    /// the first link of its description that is on that site becomes its link; a redirect that
    /// only the engine can read is never fetched.
    func readSource(of item: LibXMLElement, core: Set<String?>, baseURL: URL, into draft: inout ItemDraft) {
        guard let source = item.firstChild("source", in: core), let address = source.attribute("url"),
              let site = link(address, at: source, documentURL: baseURL), let siteName = StoryKey.site(of: site)
        else { return }
        draft.sourceSite = site
        let name = PlainTextBuilder.collapseWhitespace(source.text)
        draft.sourceName = name.isEmpty ? nil : name
        guard draft.link.flatMap(StoryKey.site(of:)) != siteName,
              let description = item.firstChild("description", in: core), !description.hasChildElements
        else { return }
        for target in HTMLAnchors.targets(inHTML: description.text) {
            if let candidate = link(target, at: description, documentURL: baseURL), StoryKey.site(of: candidate) == siteName {
                draft.link = candidate
                return
            }
        }
    }

    /// The story an item carries: the site it names as its source, else the site its link is on,
    /// with its title as the headline (less the site's name, which search engines append).
    static func story(of draft: ItemDraft) -> StoryKey? {
        guard let site = draft.sourceSite ?? draft.link else { return nil }
        return StoryKey(site: site, headline: headline(draft.title, withoutSiteName: draft.sourceName))
    }

    /// `title` without a trailing " - Name" (or "–", "—", "|") naming the site it came from.
    static func headline(_ title: String, withoutSiteName name: String?) -> String {
        guard let name, !name.isEmpty else { return title }
        for separator in [" - ", " – ", " — ", " | "] {
            let suffix = separator + name
            if title.count > suffix.count, title.hasSuffix(suffix) { return String(title.dropLast(suffix.count)) }
        }
        return title
    }
}
