import CXML2
import Foundation

/// Turns HTML (a feed item's escaped or CDATA body, or a whole page) into clean plain text.
///
/// Feeds carry titles and bodies as HTML of every quality. Mentions and sentiment read words, so
/// this parses the markup with libxml2's forgiving HTML parser (no network, errors silenced),
/// decodes entities, drops script, style, noscript and the like, turns block boundaries
/// (`p`, `div`, `br`, `li`, `h1`–`h6`, `tr`, `blockquote`, `article`, `section`, ...) into
/// newlines, collapses whitespace within each line and trims the result.
public struct HTMLTextExtractor: Sendable {
    /// Creates an extractor; it holds no state.
    public init() {}

    /// The plain text of an HTML fragment or document.
    /// - Parameter html: markup as found in a feed; text without `<` or `&` is only tidied.
    /// - Returns: lines of text separated by single newlines; empty when nothing readable remains.
    public func text(fromHTML html: String) -> String {
        guard html.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }) else {
            return PlainTextBuilder.collapseWhitespace(html)
        }
        return HTMLTextCollector.text(ofHTML: html)
    }

    /// The plain text of HTML bytes.
    /// - Parameters:
    ///   - data: the markup.
    ///   - encoding: the character set, when known from elsewhere (an HTTP header); nil lets
    ///     libxml2 look for a byte order mark or a `meta` charset.
    public func text(fromHTML data: Data, encoding: String?) -> String {
        guard !data.isEmpty, data.count <= LibXML.maximumByteCount else { return "" }
        let outcome = LibXML.readHTML(data, documentURL: nil, encoding: encoding)
        guard let document = outcome.document else { return "" }
        return withExtendedLifetime(document) {
            guard let root = xmlDocGetRootElement(document.pointer) else { return "" }
            return MarkupTextWalker.text(below: root)
        }
    }
}
