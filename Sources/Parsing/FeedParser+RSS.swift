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
            title = channel.firstChild("title", in: core).map { line(of: $0, as: .html) } ?? ""
            if let element = channel.firstChild("link", in: core) {
                link = self.link(element.text, at: element, documentURL: baseURL)
            }
            if link == nil {
                link = alternateAtomLink(in: channel, baseURL: baseURL)
            }
        }
        return ParsedFeed(
            title: title, link: link, items: finishItems(drafts), format: rssFormat(root),
            scheduleHints: channel.map { scheduleHints(in: $0, core: core) } ?? .none
        )
    }

    /// RSS 2.0's `ttl` (minutes), `skipHours` (0–23, GMT) and `skipDays` (day names, GMT).
    private func scheduleHints(in channel: LibXMLElement, core: Set<String?>) -> ScheduleHints {
        var hints = ScheduleHints()
        if let ttl = channel.firstChild("ttl", in: core).flatMap({ Int($0.text.trimmingCharacters(in: .whitespacesAndNewlines)) }),
           ttl > 0 {
            hints.minimumInterval = .seconds(min(ttl, 7 * 24 * 60) * 60)
        }
        if let skipHours = channel.firstChild("skipHours", in: core) {
            hints.skipHours = Set(skipHours.children("hour", in: core).compactMap {
                Int($0.text.trimmingCharacters(in: .whitespacesAndNewlines)).map { $0 % 24 }
            })
        }
        let dayNumbers = ["sunday": 1, "monday": 2, "tuesday": 3, "wednesday": 4, "thursday": 5, "friday": 6, "saturday": 7]
        if let skipDays = channel.firstChild("skipDays", in: core) {
            hints.skipDays = Set(skipDays.children("day", in: core).compactMap {
                dayNumbers[$0.text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()]
            })
        }
        // A feed that skips every hour or every day would never be fetched: ignore such a request.
        if hints.skipHours.count >= 24 { hints.skipHours = [] }
        if hints.skipDays.count >= 7 { hints.skipDays = [] }
        return hints
    }

    private func rssFormat(_ root: LibXMLElement) -> FeedFormat {
        if root.localName.lowercased() == "rdf" {
            return root.namespaceURI == FeedNamespace.rss090
                || root.firstChild("channel", in: [FeedNamespace.rss090]) != nil ? .rss09x : .rss10
        }
        let version = root.attribute("version")?.trimmingCharacters(in: .whitespaces) ?? ""
        return version.hasPrefix("2") ? .rss20 : .rss09x
    }

    private func rssItem(_ item: LibXMLElement, core: Set<String?>, baseURL: URL) -> ItemDraft {
        var draft = ItemDraft()
        let dublinCore: Set<String?> = [FeedNamespace.dublinCore]
        let media: Set<String?> = [FeedNamespace.media]
        let mediaGroups = item.children("group", in: media)

        if let element = item.firstChild("title", in: core) ?? item.firstChild("title", in: dublinCore) {
            draft.title = line(of: element, as: .html)
        }
        if draft.title.isEmpty, let element = firstMedia("title", in: item, groups: mediaGroups) {
            draft.title = line(of: element, as: mediaKind(element))
        }

        let guid = item.firstChild("guid", in: core)
        let guidText = guid?.text.trimmingCharacters(in: .whitespacesAndNewlines)
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
        if draft.link == nil, let about = item.attribute("about", namespaceURI: FeedNamespace.rdf) {
            draft.link = link(about, at: item, documentURL: baseURL)
        }

        if let creator = item.children("creator", in: dublinCore).first(where: { !$0.text.isEmpty }) {
            draft.author = creator.text
        } else if let author = item.firstChild("author", in: core) {
            draft.author = Self.nameFromEmailAuthor(author.text)
        }

        draft.published = firstDate(
            item.children("pubDate", in: core) + item.children("date", in: dublinCore)
                + item.children("published", in: [FeedNamespace.atom10])
                + item.children("updated", in: [FeedNamespace.atom10])
        )

        if let element = item.firstChild("encoded", in: [FeedNamespace.content]) {
            draft.text = text(of: element, as: .html)
        }
        if draft.text.isEmpty, let element = item.firstChild("description", in: core) {
            draft.text = text(of: element, as: .html)
        }
        if draft.text.isEmpty, let element = firstMedia("description", in: item, groups: mediaGroups) {
            draft.text = text(of: element, as: mediaKind(element))
        }
        return draft
    }

    /// An `atom:link` with rel `alternate` (or none) inside RSS.
    private func alternateAtomLink(in element: LibXMLElement, baseURL: URL) -> URL? {
        for candidate in element.children("link", in: [FeedNamespace.atom10]) {
            let relation = candidate.attribute("rel")?.lowercased() ?? "alternate"
            guard relation == "alternate", let href = candidate.attribute("href") else { continue }
            if let url = link(href, at: candidate, documentURL: baseURL) { return url }
        }
        return nil
    }

    /// A Media RSS element on the item itself, else inside a `media:group` or `media:content`.
    func firstMedia(_ name: String, in item: LibXMLElement, groups: [LibXMLElement]) -> LibXMLElement? {
        let media: Set<String?> = [FeedNamespace.media]
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

    /// RSS 2.0's `author` is an address, often with the name in brackets: `jo@example.org (Jo Bloggs)`.
    static func nameFromEmailAuthor(_ author: String) -> String {
        let trimmed = author.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasSuffix(")"), let open = trimmed.firstIndex(of: "(") else { return trimmed }
        let name = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
        let cleaned = name.trimmingCharacters(in: .whitespaces)
        return cleaned.isEmpty ? trimmed : cleaned
    }
}
