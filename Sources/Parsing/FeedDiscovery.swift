import Foundation
import Model

/// Finds the feeds a web page advertises in its `<link rel="alternate">` tags (RSS, Atom and
/// JSON Feed), as feed readers do when given a site's address.
public struct FeedDiscovery: Sendable {
    /// One advertised feed.
    public struct Feed: Hashable, Sendable {
        public var url: URL
        /// The title the page gives it, else empty.
        public var title: String
        /// The advertised media type, such as `application/rss+xml`.
        public var mediaType: String
    }

    /// Media types that name a feed.
    static let feedMediaTypes: Set<String> = [
        "application/rss+xml", "application/atom+xml", "application/feed+json", "application/json",
        "application/rdf+xml", "application/x.atom+xml", "application/x-atom+xml", "text/xml",
    ]

    public init() {}

    /// The feeds advertised by the HTML page `data` fetched from `pageURL`, in page order, without duplicates.
    public func feeds(inPage data: Data, pageURL: URL, contentType: String? = nil) -> [Feed] {
        let outcome = LibXML.readHTML(data, documentURL: pageURL.absoluteString, encoding: DocumentBytes.charset(fromContentType: contentType))
        guard let document = outcome.document, let root = document.rootElement else { return [] }
        // The elements point into the document's tree, which must outlive the walk.
        return withExtendedLifetime(document) { feeds(under: root, pageURL: pageURL) }
    }

    private func feeds(under root: LibXMLElement, pageURL: URL) -> [Feed] {
        // Relative addresses resolve against the page's own `<base href>` when it has one.
        let base = Self.baseHref(under: root).flatMap { URL(string: $0, relativeTo: pageURL)?.absoluteURL } ?? pageURL
        var found: [Feed] = []
        var seen = Set<URL>()
        var pending = [root]
        while let element = pending.popLast() {
            pending.append(contentsOf: element.childElements.reversed())
            guard element.localName.lowercased() == "link",
                  let rel = element.attributeIgnoringCase("rel")?.lowercased().split(separator: " "), rel.contains("alternate"),
                  let type = element.attributeIgnoringCase("type")?.lowercased().trimmingCharacters(in: .whitespaces),
                  Self.feedMediaTypes.contains(type),
                  let href = element.attributeIgnoringCase("href"),
                  let url = LinkNormalizer().normalize(href, relativeTo: base),
                  seen.insert(url).inserted else { continue }
            found.append(Feed(url: url, title: element.attributeIgnoringCase("title") ?? "", mediaType: type))
        }
        return found
    }

    /// The `href` of the first `<base>` element of a page, in document order.
    private static func baseHref(under root: LibXMLElement) -> String? {
        var pending = [root]
        while let element = pending.popLast() {
            if element.localName.lowercased() == "base", let href = element.attributeIgnoringCase("href"), !href.isEmpty {
                return href
            }
            pending.append(contentsOf: element.childElements.reversed())
        }
        return nil
    }
}
