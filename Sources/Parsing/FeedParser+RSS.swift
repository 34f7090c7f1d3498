import Foundation
import Model

extension FeedParser {
    /// RSS 0.9x, 1.0 and 2.0. Items are taken from the channel and, as RSS 1.0 places them,
    /// from beside it; namespace extensions fill gaps in the core elements.
    func parseRSS(_ root: LibXMLElement, baseURL: URL) -> ParsedFeed {
        let core: Set<String?> = [
            nil, root.namespaceURI, FeedNamespace.rss10, FeedNamespace.rss090, FeedNamespace.rss20Userland,
        ]
        let channel = root.firstChild("channel", in: core)
        let itemElements = (channel?.children("item", in: core) ?? []) + root.children("item", in: core)
        let drafts = itemElements.map { rssItem($0, core: core, baseURL: baseURL) }

        var title = ""
        var link: URL?
        if let channel {
            let titleElement = channel.firstChild("title", in: core)
                ?? channel.firstChild("title", in: FeedNamespace.dublinCoreSet)
            title = titleElement.map { line(of: $0, as: .html) } ?? ""
            if let element = channel.firstChild("link", in: core) {
                link = self.link(element.text, at: element, documentURL: baseURL)
            }
            if link == nil {
                link = alternateAtomLink(in: channel, baseURL: baseURL)
            }
        }
        var feed = ParsedFeed(
            title: title, link: link, items: [], format: rssFormat(root),
            scheduleHints: channel.map { scheduleHints(in: $0, core: core) } ?? .none
        )
        finishItems(drafts, into: &feed)
        return feed
    }

    /// RSS 2.0's `ttl` (minutes), `skipHours` (0–23, GMT) and `skipDays` (day names, GMT).
    private func scheduleHints(in channel: LibXMLElement, core: Set<String?>) -> ScheduleHints {
        var hints = ScheduleHints()
        if let ttl = channel.firstChild("ttl", in: core).flatMap({ Int($0.text.trimmedWhitespace) }),
           ttl > 0 {
            hints.minimumInterval = .seconds(min(ttl, 7 * 24 * 60) * 60)
        }
        if let skipHours = channel.firstChild("skipHours", in: core) {
            hints.skipHours = Set(skipHours.children("hour", in: core).compactMap {
                Int($0.text.trimmedWhitespace).map { $0 % 24 }
            })
        }
        let dayNumbers = ["sunday": 1, "monday": 2, "tuesday": 3, "wednesday": 4, "thursday": 5, "friday": 6, "saturday": 7]
        if let skipDays = channel.firstChild("skipDays", in: core) {
            hints.skipDays = Set(skipDays.children("day", in: core).compactMap {
                dayNumbers[$0.text.trimmedWhitespace.lowercased()]
            })
        }
        // A feed that skips every hour or every day would never be fetched: ignore such a request.
        if hints.skipHours.count >= 24 { hints.skipHours = [] }
        if hints.skipDays.count >= 7 { hints.skipDays = [] }
        return hints
    }

    private func rssFormat(_ root: LibXMLElement) -> FeedFormat {
        if root.localName.lowercased() == "rdf" {
            return root.namespaceURI == FeedNamespace.rss090 || root.declaresNamespace(FeedNamespace.rss090)
                || root.firstChild("channel", in: [FeedNamespace.rss090]) != nil ? .rss09x : .rss10
        }
        let version = root.attribute("version")?.trimmedWhitespace ?? ""
        return version.hasPrefix("2") ? .rss20 : .rss09x
    }

    private func rssItem(_ item: LibXMLElement, core: Set<String?>, baseURL: URL) -> ItemDraft {
        var draft = ItemDraft()
        let dublinCore = FeedNamespace.dublinCoreSet
        let media = FeedNamespace.mediaSet
        let mediaGroups = item.children("group", in: media)

        if let element = item.firstChild("title", in: core) ?? item.firstChild("title", in: dublinCore) {
            draft.title = line(of: element, as: .html)
        }
        if draft.title.isEmpty, let element = firstMedia("title", in: item, groups: mediaGroups) {
            draft.title = line(of: element, as: mediaKind(element))
        }

        let guid = item.firstChild("guid", in: core)
        let guidText = guid?.text.trimmedWhitespace
        draft.id = guidText?.isEmpty == false ? guidText : nil

        for element in item.children("link", in: core) where draft.link == nil {
            draft.link = link(element.text, at: element, documentURL: baseURL)
        }
        if draft.link == nil {
            draft.link = alternateAtomLink(in: item, baseURL: baseURL)
        }
        if draft.link == nil, let guid, let guidText, guid.attribute("isPermaLink")?.lowercased() != "false",
            guidText.hasPrefix("http://") || guidText.hasPrefix("https://")
        {
            draft.link = link(guidText, at: guid, documentURL: baseURL)
        }
        let about = item.attribute("about", namespaceURI: FeedNamespace.rdf)
        if keepsItemDetails {
            draft.details.id = draft.id ?? about?.trimmedWhitespace
        }
        if draft.link == nil, let about {
            draft.link = link(about, at: item, documentURL: baseURL)
        }
        readSource(of: item, core: core, baseURL: baseURL, into: &draft)

        let iTunes = FeedNamespace.iTunesSpellings
        let atom = FeedNamespace.atom10Set
        if let creator = item.children("creator", in: dublinCore).first(where: { !$0.text.isEmpty }) {
            draft.author = Self.nameFromEmailAuthor(creator.text)
        } else if let author = item.firstChild("author", in: core) ?? item.firstChild("author", in: dublinCore) {
            draft.author = Self.nameFromEmailAuthor(author.text)
        } else if let name = item.firstChild("author", in: atom)?.firstChild("name", in: atom) {
            draft.author = name.text
        } else if let author = item.firstChild("author", in: iTunes) {
            draft.author = author.text
        }

        let publishedDates = item.children("pubDate", in: core) + item.children("published", in: FeedNamespace.atom10Set)
            + item.children("issued", in: FeedNamespace.dublinCoreTermsSet)
        let updatedDates = item.children("date", in: dublinCore) + item.children("updated", in: FeedNamespace.atom10Set)
            + item.children("modified", in: FeedNamespace.dublinCoreTermsSet)
        setDates(of: &draft, published: publishedDates, updated: updatedDates)

        if let element = item.firstChild("encoded", in: FeedNamespace.contentSet) {
            draft.text = text(of: element, as: .html)
        } else if let element = item.firstChild("body", in: FeedNamespace.xhtmlSet) {
            draft.text = MarkupTextWalker.text(below: element.pointer)
        } else if let element = item.firstChild("content", in: atom) {
            draft.text = atomText(element)
        } else if let element = item.firstChild("body", in: core) ?? item.firstChild("fullitem", in: core) {
            // Early RSS extensions' full bodies, as escaped HTML.
            draft.text = text(of: element, as: .html)
        } else if item.firstChild("description", in: core) != nil, let element = item.firstChild("summary", in: iTunes) {
            // Podcasts: beside a (often shortened) description, the iTunes summary is the full text.
            draft.text = text(of: element, as: .html)
        }
        if keepsItemDetails { draft.details.content = draft.text }
        if draft.text.isEmpty || keepsItemDetails,
            let element = item.firstChild("description", in: core)
                ?? item.firstChild("description", in: FeedNamespace.dublinCoreSet)
                ?? item.firstChild("summary", in: iTunes)
        {
            let summary = text(of: element, as: .html)
            if draft.text.isEmpty { draft.text = summary }
            if keepsItemDetails { draft.details.summary = summary }
        }
        if draft.text.isEmpty, let element = firstMedia("description", in: item, groups: mediaGroups) {
            draft.text = text(of: element, as: mediaKind(element))
            if keepsItemDetails { draft.details.summary = draft.text }
        }
        return draft
    }

    /// An `atom:link` with rel `alternate` (or none) inside RSS.
    private func alternateAtomLink(in element: LibXMLElement, baseURL: URL) -> URL? {
        for candidate in element.children("link", in: FeedNamespace.atom10Set) {
            let relation = candidate.attribute("rel")?.lowercased() ?? "alternate"
            guard relation == "alternate", let href = candidate.attribute("href") else { continue }
            if let url = link(href, at: candidate, documentURL: baseURL) { return url }
        }
        return nil
    }

    /// A Media RSS element on the item itself, else inside a `media:group` or `media:content`.
    func firstMedia(_ name: String, in item: LibXMLElement, groups: [LibXMLElement]) -> LibXMLElement? {
        let media = FeedNamespace.mediaSet
        if let direct = item.firstChild(name, in: media) { return direct }
        for container in groups + item.children("content", in: media) {
            if let nested = container.firstChild(name, in: media) { return nested }
            for content in container.children("content", in: media) {
                if let nested = content.firstChild(name, in: media) { return nested }
            }
        }
        return nil
    }

    /// Media RSS text is plain unless it says `type="html"`.
    func mediaKind(_ element: LibXMLElement) -> TextKind {
        element.attribute("type")?.lowercased() == "html" ? .html : .plain
    }

    /// RSS 2.0's `author` is an address, often with the name in brackets: `jo@example.org (Jo Bloggs)`;
    /// feeds also write `Jo Bloggs (jo@example.org)` and `Jo Bloggs <jo@example.org>`. The name
    /// when there is one, else the address.
    static func nameFromEmailAuthor(_ author: String) -> String {
        let trimmed = author.trimmedWhitespace
        for (open, close) in [("(", ")"), ("<", ">")] {
            guard trimmed.hasSuffix(close), let start = trimmed.lastIndex(of: Character(open)) else { continue }
            let inside = trimmed[trimmed.index(after: start)..<trimmed.index(before: trimmed.endIndex)]
                .trimmedWhitespace
            // `<...>` only around an address: `<p>Jo</p>` is markup, read later.
            if open == "<", !inside.contains("@") { continue }
            let outside = trimmed[..<start].trimmedWhitespace
            if outside.isEmpty { return inside.isEmpty ? trimmed : inside }
            if inside.isEmpty { return outside }
            return outside.contains("@") && !inside.contains("@") ? inside : outside
        }
        return trimmed
    }
}
