import CXML2
import Foundation
import Model

/// Reads a web page (a forum thread, a news listing, a school's own news page) into blocks of
/// plain text that mentions and sentiment can read, without the page's chrome.
///
/// Rule order:
/// 1. Parse with libxml2's forgiving HTML parser; the HTTP charset wins over the page's own
///    `meta` charset when given.
/// 2. Drop chrome: `nav`, `aside`, `script`, `style`, `noscript`, `button`, `form` (unless it holds
///    posts, as forum software often wraps a thread in one), `header` and `footer` outside posts,
///    and elements whose id or class names a cookie, consent, banner, share, social, nav, menu,
///    sidebar, breadcrumb, footer, header or advert region (or whose role is navigation, banner,
///    contentinfo or complementary). Such an element is kept when it encloses the page's main
///    content or its posts.
/// 3. Find blocks: each `article`, and each element with a class that names a post, comment,
///    message, entry, notice or card (`post`, `forum-post`, `hentry`, `comment`, but not the parts
///    of one, such as `post-body`). A block inside another block is split out when its parent holds
///    two or more (a post's comments); otherwise it stays part of its parent. Each block's author
///    comes from its first short element whose class names an author, user or byline (the
///    innermost, so the `username` rather than the box around it), its date from its first
///    `time[datetime]`. The author box, the time, and the block's metadata (its `footer`, lines
///    classed `meta` or `actions`, "read more" links, `#1` anchors) are left out of its text.
/// 4. With no blocks, each paragraph-level run of text of the main content (`main`, else the
///    body) is a block.
/// 5. Each block becomes an `Item` keyed by the hash of its normalised text, titled by its first
///    line (at most 100 characters), linked to the page.
public struct PageParser: Sendable {
    /// Longest block title, in characters.
    static let titleLimit = 100
    /// Longest text taken as an author name.
    static let authorLimit = 80

    let linkNormalizer = LinkNormalizer()
    let dateParser = FeedDateParser()

    /// Creates a parser; it holds no state.
    public init() {}

    /// Parses one page.
    /// - Parameters:
    ///   - data: the response body.
    ///   - baseURL: the page's URL, which every block links to.
    ///   - contentType: the HTTP Content-Type; its charset overrides the page's own.
    /// - Returns: the page's title and blocks; empty when the bytes hold no readable HTML.
    public func parse(_ data: Data, baseURL: URL, contentType: String? = nil) -> ParsedPage {
        guard !data.isEmpty, data.count <= LibXML.maximumByteCount else { return ParsedPage(title: "", blocks: []) }
        let encoding = DocumentBytes.charset(fromContentType: contentType)
        let outcome = LibXML.readHTML(data, documentURL: baseURL.absoluteString, encoding: encoding)
        guard let document = outcome.document else { return ParsedPage(title: "", blocks: []) }
        return withExtendedLifetime(document) {
            guard let root = xmlDocGetRootElement(document.pointer) else { return ParsedPage(title: "", blocks: []) }
            let tree = PageTree(root: root)
            let link = linkNormalizer.normalize(baseURL) ?? baseURL
            var texts = tree.blockTexts()
            if texts.isEmpty {
                texts = tree.paragraphTexts(respectingClassNames: true)
            }
            if texts.isEmpty {
                texts = tree.paragraphTexts(respectingClassNames: false)
            }
            return ParsedPage(title: tree.title(), blocks: items(from: texts, link: link))
        }
    }

    private func items(from blocks: [PageTree.BlockText], link: URL) -> [Item] {
        var seen: Set<ItemKey> = []
        var items: [Item] = []
        for block in blocks where !block.text.isEmpty {
            let key = ItemIdentity.contentKey(block.text)
            guard seen.insert(key).inserted else { continue }
            items.append(
                Item(
                    key: key,
                    title: Self.title(from: block.text),
                    link: link,
                    author: block.author,
                    published: block.dateText.flatMap(dateParser.date(from:)),
                    text: block.text
                )
            )
        }
        return items
    }

    /// The first line with a letter in it (skipping lines such as `#1` or `12`), cut at a word
    /// boundary to at most ``titleLimit`` characters.
    static func title(from text: String) -> String {
        let lines = text.split(separator: "\n")
        let firstLine = String(lines.first(where: { $0.contains(where: \.isLetter) }) ?? lines.first ?? "")
        guard firstLine.count > titleLimit else { return firstLine }
        let cut = firstLine.prefix(titleLimit - 1)
        let atWord = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        let shortened = atWord.count >= titleLimit / 2 ? atWord : cut
        return shortened.trimmingCharacters(in: .whitespaces) + "…"
    }
}
