import Foundation
import Model

/// Reads the OPML subscription list that configures Earshot into sources.
///
/// The OPML file is written by people, so it is held to a higher standard than feeds: it must be
/// well-formed XML (no recovery), and every mistake is an error naming its line, so that it can be
/// fixed rather than silently skipped. Rules for each `outline`, walked through any nesting:
/// - with `xmlUrl` and `type` rss, atom or none: a feed source;
/// - with `type="html"`: a page source, from `xmlUrl`, else `htmlUrl`;
/// - with `type` rss or atom but no `xmlUrl`: an error; without a type and without `xmlUrl`: a folder;
/// - relative URLs resolve against the OPML file's own location; only http, https and file are allowed;
/// - the title is `title`, else `text`, else the URL with its secrets redacted (`AddressRedaction`);
/// - `earshotAboutSchool="true"` marks a source whose every item is about the school;
/// - `earshotSchoolsOwn="true"` marks the school's own source (its site, its own accounts): the
///   school speaking, counted but never answered;
/// - `earshotConversation="true"` marks a page whose blocks are one conversation (a forum thread),
///   so they join one case; a page's blocks are separate posts otherwise;
/// - `earshotInterval` (`45s`, `30m`, `6h`, `1d`) overrides the refresh interval;
/// - `earshotSchool="id"` gives a source to one school of a trust (the school marks above are then
///   that school's); a source without it is shared by every school;
/// - a URL listed twice keeps its first outline.
public struct OPMLParser: Sendable {
    /// URL schemes a source may use.
    static let allowedSchemes: Set<String> = ["http", "https", "file"]

    /// Creates a parser; it holds no state.
    public init() {}

    /// The sources an OPML document lists.
    /// - Parameters:
    ///   - data: the OPML file's bytes.
    ///   - fileURL: where the file lives; relative outline URLs resolve against it.
    /// - Returns: the sources in document order, duplicates removed.
    /// - Throws: ``ParseError`` with ``ParseError/Code/emptyDocument``, ``ParseError/Code/malformedXML``
    ///   (with libxml2's line and message), ``ParseError/Code/notOPML`` or ``ParseError/Code/invalidOutline``.
    public func sources(from data: Data, fileURL: URL) throws(ParseError) -> [Source] {
        guard data.count <= LibXML.maximumByteCount else { throw .tooLarge(byteCount: data.count) }
        guard data.contains(where: { !(($0 == 0x20) || ($0 == 0x09) || ($0 == 0x0A) || ($0 == 0x0D)) }) else {
            throw ParseError(code: .emptyDocument, message: "the OPML file \(fileURL.lastPathComponent) is empty")
        }
        let outcome = LibXML.readXML(
            data,
            documentURL: fileURL.absoluteString,
            encoding: nil,
            options: LibXML.strictXMLOptions
        )
        let firstFatal = outcome.problems.first { $0.isFatal } ?? outcome.problems.first { !$0.isWarning }
        guard let document = outcome.document, let root = document.rootElement else {
            let problem = firstFatal
                ?? XMLProblem(line: nil, message: "no XML element could be read", isFatal: true, isWarning: false)
            throw ParseError(
                code: .malformedXML,
                message: "the OPML file is not well-formed XML: \(problem.message)",
                line: problem.line
            )
        }
        return try withExtendedLifetime(document) { () throws(ParseError) -> [Source] in
            guard root.localName.lowercased() == "opml" else {
                throw ParseError(
                    code: .notOPML,
                    message: "the file's root element is <\(root.localName)>, not <opml>",
                    line: root.line
                )
            }
            guard let body = root.childElements.first(where: { $0.localName.lowercased() == "body" }) else {
                throw ParseError(code: .notOPML, message: "the OPML file has no <body> element", line: root.line)
            }
            var sources: [Source] = []
            var seenURLs: Set<String> = []
            var stack: [LibXMLElement] = outlines(in: body).reversed()
            while let outline = stack.popLast() {
                if let source = try source(from: outline, fileURL: fileURL),
                    seenURLs.insert(source.url.absoluteString).inserted
                {
                    sources.append(source)
                }
                stack.append(contentsOf: outlines(in: outline).reversed())
            }
            return sources
        }
    }

    private func outlines(in element: LibXMLElement) -> [LibXMLElement] {
        element.childElements.filter { $0.localName == "outline" }
    }

    /// The source one outline describes, nil for a folder.
    private func source(from outline: LibXMLElement, fileURL: URL) throws(ParseError) -> Source? {
        let line = outline.line
        let type = outline.attributeIgnoringCase("type")?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        let feedURL = nonEmpty(outline.attributeIgnoringCase("xmlUrl"))
        let pageURL = nonEmpty(outline.attributeIgnoringCase("htmlUrl"))
        let kind: Source.Kind
        let urlText: String
        let urlAttribute: String
        switch type {
        case "html":
            guard let chosen = feedURL ?? pageURL else {
                throw invalid("an outline of type \"html\" needs an xmlUrl or htmlUrl", line: line)
            }
            kind = .page
            urlText = chosen
            urlAttribute = feedURL != nil ? "xmlUrl" : "htmlUrl"
        case "rss", "atom", "":
            guard let feedURL else {
                if type.isEmpty { return nil }
                throw invalid("an outline of type \"\(type)\" has no xmlUrl", line: line)
            }
            kind = .feed
            urlText = feedURL
            urlAttribute = "xmlUrl"
        default:
            guard feedURL != nil || pageURL != nil else { return nil }
            throw invalid(
                "unsupported outline type \"\(type)\": use rss or atom for feeds, html for pages",
                line: line
            )
        }
        let url = try resolve(urlText, attribute: urlAttribute, fileURL: fileURL, line: line)
        let title = nonEmpty(outline.attributeIgnoringCase("title")) ?? nonEmpty(outline.attributeIgnoringCase("text"))
        return Source(
            url: url,
            kind: kind,
            // An untitled source is shown by its address, without the secrets the fetch needs.
            title: title.map(PlainTextBuilder.collapseWhitespace) ?? AddressRedaction.redacted(url),
            isAboutSchool: try flag("earshotAboutSchool", of: outline, line: line),
            isSchoolsOwn: try flag("earshotSchoolsOwn", of: outline, line: line),
            isOneConversation: try flag("earshotConversation", of: outline, line: line),
            refreshInterval: try interval(outline.attributeIgnoringCase("earshotInterval"), line: line),
            school: try school(outline.attributeIgnoringCase("earshotSchool"), line: line)
        )
    }

    /// The school a source belongs to, by its id; nil for a source every school shares.
    private func school(_ value: String?, line: Int) throws(ParseError) -> SchoolID? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        guard SchoolID.isWellFormed(value) else {
            throw invalid("earshotSchool \"\(value)\" is not a school id: lower-case letters, digits and hyphens, starting with a letter",
                          line: line)
        }
        return SchoolID(rawValue: value)
    }

    private func resolve(_ text: String, attribute: String, fileURL: URL, line: Int) throws(ParseError) -> URL {
        guard let url = URL(string: text, relativeTo: fileURL)?.absoluteURL else {
            throw invalid("\(attribute) \"\(AddressRedaction.redacted(text))\" is not a valid URL", line: line)
        }
        let scheme = url.scheme?.lowercased() ?? ""
        guard Self.allowedSchemes.contains(scheme) else {
            throw invalid(
                "\(attribute) \"\(AddressRedaction.redacted(text))\" uses the unsupported URL scheme \"\(scheme)\": use http, https or file",
                line: line
            )
        }
        if scheme != "file", url.host?.isEmpty ?? true {
            throw invalid("\(attribute) \"\(AddressRedaction.redacted(text))\" has no host", line: line)
        }
        return url
    }

    /// A true-or-false attribute of Earshot's, false when absent.
    private func flag(_ attribute: String, of outline: LibXMLElement, line: Int) throws(ParseError) -> Bool {
        guard let value = outline.attributeIgnoringCase(attribute)?.trimmingCharacters(in: .whitespaces).lowercased(),
              !value.isEmpty
        else { return false }
        switch value {
        case "true", "yes", "1": return true
        case "false", "no", "0": return false
        default:
            throw invalid("\(attribute) \"\(value)\" must be true or false", line: line)
        }
    }

    /// `45s`, `30m`, `6h` or `1d`: a positive whole number and a unit.
    private func interval(_ value: String?, line: Int) throws(ParseError) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        let unitSeconds: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        guard let unit = value.last.flatMap({ unitSeconds[Character($0.lowercased())] }),
            let count = Int64(value.dropLast().trimmingCharacters(in: .whitespaces)), count > 0,
            count <= Int64.max / unit / 1_000
        else {
            throw invalid(
                "earshotInterval \"\(value)\" is not an interval: "
                    + "write a whole number followed by s, m, h or d, such as 30m",
                line: line
            )
        }
        return .seconds(count * unit)
    }

    private func nonEmpty(_ value: String?) -> String? {
        guard let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    private func invalid(_ message: String, line: Int) -> ParseError {
        ParseError(code: .invalidOutline, message: message, line: line > 0 ? line : nil)
    }
}
