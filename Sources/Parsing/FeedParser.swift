import Foundation
import Model

/// Reads a fetched feed document into plain-text items: RSS 0.9x, RSS 1.0 (RDF), RSS 2.0,
/// Atom 1.0, 0.3 and an Atom entry alone, Microsoft's CDF, and JSON Feed 1.x.
///
/// Pure: it takes the bytes, the URL they came from (for relative links) and the HTTP
/// Content-Type (for the charset), and touches neither files nor network. XML goes through
/// libxml2's tree parser in recovery mode, so a feed with a bare `&` or a truncated tail still
/// yields its items, flagged ``ParsedFeed/isIllFormed`` with libxml2's first complaints.
/// libxml2 never substitutes entities and never loads an external DTD or entity; short literal
/// entities a document declares itself are substituted here, within a budget of its own size.
public struct FeedParser: Sendable {
    /// How many problems a ``ParsedFeed`` lists before summarising the rest.
    static let listedProblemLimit = 5

    let linkNormalizer = LinkNormalizer()
    let htmlTextExtractor = HTMLTextExtractor()
    let dateParser = FeedDateParser()
    /// Whether ``ParsedFeed/itemDetails`` is filled (both bodies read, both dates kept).
    let keepsItemDetails: Bool

    /// Creates a parser; it holds no state.
    /// - Parameter keepsItemDetails: also keep each item's summary and content, and its
    ///   publication and update dates, apart in ``ParsedFeed/itemDetails``. Off for scans, which
    ///   read only the ``Model/Item``: it costs a second body's text extraction per item.
    public init(keepsItemDetails: Bool = false) {
        self.keepsItemDetails = keepsItemDetails
    }

    /// Parses one feed document.
    /// - Parameters:
    ///   - data: the response body.
    ///   - baseURL: where it was fetched from; relative links resolve against it (after any `xml:base`).
    ///   - contentType: the HTTP Content-Type, whose charset is used when the document declares none.
    /// - Returns: the feed's title, link and items.
    /// - Throws: ``ParseError`` with ``ParseError/Code/emptyDocument``, ``ParseError/Code/invalidJSON``,
    ///   ``ParseError/Code/tooLarge`` or ``ParseError/Code/notAFeed`` (an HTML page, or XML of another kind).
    public func parse(_ data: Data, baseURL: URL, contentType: String? = nil) throws(ParseError) -> ParsedFeed {
        guard data.count <= LibXML.maximumByteCount else { throw .tooLarge(byteCount: data.count) }
        let input = DocumentBytes(data)
        switch input.shape {
        case .empty:
            throw .emptyDocument()
        case .json:
            return try parseJSONFeed(input.bytes, baseURL: baseURL)
        case .unknown:
            throw .notAFeed("the document contains no markup (no '<' found)")
        case .markup:
            break
        }
        if input.looksLikeHTML {
            throw .notAFeed("the document is an HTML page; add the feed it links to, or add it as a page source")
        }
        let encoding = input.encoding(contentType: contentType)
        let options = LibXML.recoveringXMLOptions | LibXML.ignoringDeclaredEncoding
        // Most feeds are well-formed: parse the bytes as they are, and repair (and parse again)
        // only when libxml2 found a fault, or when the document declares entities of its own.
        var repaired: (bytes: Data, problems: [XMLProblem], repairCount: Int) = (input.bytes, [], 0)
        var outcome = input.declaresEntities
            ? nil
            : LibXML.readXML(input.bytes, documentURL: baseURL.absoluteString, encoding: encoding.decoderName, options: options)
        if outcome == nil || outcome?.errorCount ?? 0 > 0 {
            repaired = repairedBytes(input, isUTF8: encoding.isUTF8)
            outcome = LibXML.readXML(repaired.bytes, documentURL: baseURL.absoluteString, encoding: encoding.decoderName, options: options)
        }
        if let problem = encoding.problem {
            repaired.problems.insert(XMLProblem(line: 1, message: problem, isFatal: false, isWarning: false), at: 0)
            repaired.repairCount += 1
        }
        guard let outcome else { throw .notAFeed("no XML element could be read") }
        guard let document = outcome.document, let root = document.rootElement else {
            let reason = outcome.problems.first { !$0.isWarning }.map { " (\($0.summary))" } ?? ""
            throw .notAFeed("no XML element could be read\(reason)")
        }
        var feed = try withExtendedLifetime(document) { () throws(ParseError) -> ParsedFeed in
            try parseFeedElement(root, baseURL: baseURL)
        }
        let errorCount = repaired.repairCount + outcome.errorCount
        feed.encoding = encoding.reportedName
        feed.isIllFormed = input.skippedJunkCount > 0 || errorCount > 0
        feed.problems = Self.problemList(
            skippedJunkCount: input.skippedJunkCount,
            problems: repaired.problems + outcome.problems.filter { !$0.isWarning },
            errorCount: errorCount
        )
        return feed
    }

    /// The bytes handed to libxml2: stray non-UTF-8 bytes read as Windows-1252 when the text is
    /// meant to be UTF-8, then entity references made safe (see ``EntityRepair``).
    private func repairedBytes(
        _ input: DocumentBytes,
        isUTF8: Bool
    ) -> (bytes: Data, problems: [XMLProblem], repairCount: Int) {
        guard !input.isWideEncoding else { return (input.bytes, [], 0) }
        var bytes = [UInt8](input.bytes)
        var problems: [XMLProblem] = []
        var repairCount = 0
        if isUTF8, let fixed = UTF8Repair.repaired(bytes) {
            bytes = fixed.bytes
            problems += fixed.problems
            repairCount += fixed.repairCount
        }
        let fixed = EntityRepair(bytes)
        return (Data(fixed.bytes), problems + fixed.problems, repairCount + fixed.repairCount)
    }

    /// The problems as people read them: junk first, then by line, duplicates once, the first
    /// few in full and a count of the rest.
    private static func problemList(skippedJunkCount: Int, problems: [XMLProblem], errorCount: Int) -> [String] {
        var list: [String] = []
        if skippedJunkCount > 0 {
            list.append("\(skippedJunkCount) bytes of junk before the first '<' were skipped")
        }
        let byLine = problems.enumerated()
            .sorted { ($0.element.line ?? Int.max, $0.offset) < ($1.element.line ?? Int.max, $1.offset) }
            .map(\.element.summary)
        var distinct: [String] = []
        for summary in byLine where !distinct.contains(summary) {
            distinct.append(summary)
        }
        let listed = distinct.prefix(listedProblemLimit)
        list += listed
        if errorCount > listed.count {
            list.append("and \(errorCount - listed.count) more problems")
        }
        return list
    }

    private func parseFeedElement(_ root: LibXMLElement, baseURL: URL) throws(ParseError) -> ParsedFeed {
        let name = root.localName
        let namespace = root.namespaceURI
        switch name.lowercased() {
        case "rss":
            return parseRSS(root, baseURL: baseURL)
        case "rdf" where namespace == FeedNamespace.rdf || namespace == nil:
            return parseRSS(root, baseURL: baseURL)
        case "feed" where namespace == FeedNamespace.atom10 || namespace == nil:
            return parseAtom(root, baseURL: baseURL, format: .atom10)
        case "feed":
            // Atom 0.3, or one of the drafts before it, each in a namespace of its own.
            return parseAtom(root, baseURL: baseURL, format: .atom03)
        case "entry" where namespace == FeedNamespace.atom10 || namespace == FeedNamespace.atom03:
            return parseAtomEntryDocument(root, baseURL: baseURL, format: namespace == FeedNamespace.atom10 ? .atom10 : .atom03)
        case "channel" where namespace == nil:
            return parseCDF(root, baseURL: baseURL)
        case "html":
            throw .notAFeed("the document is an HTML page; add the feed it links to, or add it as a page source")
        default:
            let shown = namespace.map { "<\(name)> in namespace \($0)" } ?? "<\(name)>"
            throw .notAFeed("the root element is \(shown), not RSS, RDF, Atom or CDF")
        }
    }
}

extension FeedParser {
    /// How a feed element's content is to be read.
    enum TextKind {
        /// Plain text: kept as written, whitespace tidied.
        case plain
        /// HTML, escaped or in CDATA (or, in broken feeds, as raw child elements).
        case html
        /// XHTML child elements (Atom `type="xhtml"`).
        case xhtml
    }

    /// The plain text of a feed element, keeping line breaks.
    func text(of element: LibXMLElement, as kind: TextKind) -> String {
        // The common case, one text or CDATA node: its bytes go straight to the text builder or
        // to the HTML parser, without becoming a Swift string first.
        if kind != .xhtml, let content = element.soleTextContent {
            return kind == .plain ? PlainTextBuilder.normalizeLines(cString: content) : HTMLTextCollector.text(ofHTML: content)
        }
        switch kind {
        case .plain:
            return PlainTextBuilder.normalizeLines(element.text)
        case .html where !element.hasChildElements:
            return htmlTextExtractor.text(fromHTML: element.text)
        case .html, .xhtml:
            return MarkupTextWalker.text(below: element.pointer)
        }
    }

    /// The plain text of a feed element as one line, for titles.
    func line(of element: LibXMLElement, as kind: TextKind) -> String {
        Self.oneLine(text(of: element, as: kind))
    }

    /// An author as one line of plain text; markup that some feeds put there is dropped.
    func authorText(_ author: String) -> String {
        let hasMarkup = author.utf8.contains { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }
        return hasMarkup ? Self.oneLine(htmlTextExtractor.text(fromHTML: author)) : PlainTextBuilder.collapseWhitespace(author)
    }

    /// Text with its line breaks made spaces.
    static func oneLine(_ text: String) -> String {
        text.utf8.contains(0x0A) ? text.split(separator: "\n").joined(separator: " ") : text
    }

    /// The item's date: the first readable published date, else the first readable updated one;
    /// with details kept, both are recorded apart as well.
    func setDates(of draft: inout ItemDraft, published: [LibXMLElement], updated: [LibXMLElement]) {
        if keepsItemDetails {
            draft.details.published = firstDate(published)
            draft.details.updated = firstDate(updated)
            draft.published = draft.details.published ?? draft.details.updated
        } else {
            draft.published = firstDate(published + updated)
        }
    }

    /// The first of these date elements that can be read.
    func firstDate(_ candidates: [LibXMLElement]) -> Date? {
        for candidate in candidates {
            if let date = dateParser.date(from: candidate.text) { return date }
        }
        return nil
    }

    /// A link element's target, resolved against the `xml:base` in force there and normalised.
    func link(_ value: String?, at element: LibXMLElement, documentURL: URL) -> URL? {
        guard let value else { return nil }
        return linkNormalizer.normalize(value, relativeTo: element.base(documentURL: documentURL))
    }

    /// Turns drafts into the feed's items (and their details when kept): drops empty ones,
    /// decides keys, keeps the first of each key.
    func finishItems(_ drafts: [ItemDraft], into feed: inout ParsedFeed) {
        var seen: Set<ItemKey> = []
        var items: [Item] = []
        items.reserveCapacity(drafts.count)
        for draft in drafts {
            guard !draft.isEmpty else { continue }
            let key = ItemIdentity.key(id: draft.id, link: draft.link, title: draft.title, text: draft.text)
            guard seen.insert(key).inserted else { continue }
            let author = draft.author.map(authorText)
            items.append(
                Item(
                    key: key,
                    title: draft.title,
                    link: draft.link,
                    author: author?.isEmpty == false ? author : nil,
                    published: draft.published,
                    text: draft.text,
                    story: Self.story(of: draft)
                )
            )
            if keepsItemDetails {
                var details = draft.details
                details.id = details.id ?? draft.id
                feed.itemDetails[key] = details
            }
        }
        feed.items = items
    }
}
