import CXML2
import Foundation

/// Turns an HTML fragment into plain text while libxml2's HTML parser reads it, through SAX
/// callbacks, without building a tree: the fast path for the many small fragments of a feed.
///
/// The rules are ``MarkupTextWalker``'s (blocks end lines, hidden elements are dropped with
/// their contents, table cells are spaced); libxml2 decodes entities, closes what the author left
/// open and recovers from whatever else the fragment gets wrong.
///
/// Reddit's feeds wrap a post's own words between `<!-- SC_OFF -->` and `<!-- SC_ON -->` comments
/// and follow them with the listing's trailer (who submitted it to which subreddit, "[link]
/// [comments]"): text from an `SC_ON` to the next `SC_OFF` is not a post, so it is left out.
final class HTMLTextCollector {
    private var builder = PlainTextBuilder()
    /// How many hidden elements (script, style, ...) the parser is inside.
    private var hiddenDepth = 0
    /// Whether the parser is between a Reddit post's end (`SC_ON`) and the next post (`SC_OFF`).
    private var inListingTrailer = false

    /// The plain text of an HTML fragment.
    static func text(ofHTML html: String) -> String {
        html.withCString { pointer in
            text(ofHTML: UnsafeRawPointer(pointer).assumingMemoryBound(to: xmlChar.self))
        }
    }

    /// The plain text of an HTML fragment held as NUL-terminated UTF-8. Text without markup or
    /// references is only tidied, without starting the HTML parser.
    static func text(ofHTML html: UnsafePointer<xmlChar>) -> String {
        let raw = UnsafeRawPointer(html).assumingMemoryBound(to: CChar.self)
        guard strpbrk(raw, "<&") != nil else {
            var builder = PlainTextBuilder()
            builder.append(cString: html)
            return builder.finish()
        }
        let collector = HTMLTextCollector()
        let context = Unmanaged.passUnretained(collector).toOpaque()
        withExtendedLifetime(collector) {
            LibXML.withSilencedErrors {
                var handler = textHandler
                _ = htmlSAXParseDoc(html, "UTF-8", &handler, context)
            }
        }
        return collector.builder.finish()
    }

    fileprivate func start(_ name: UnsafePointer<xmlChar>?) {
        guard !inListingTrailer else { return }
        let kind = MarkupElementKind.classify(name)
        if kind == .hidden {
            hiddenDepth += 1
        } else if hiddenDepth == 0 {
            MarkupTextWalker.enter(kind, builder: &builder)
        }
    }

    fileprivate func end(_ name: UnsafePointer<xmlChar>?) {
        guard !inListingTrailer else { return }
        let kind = MarkupElementKind.classify(name)
        if kind == .hidden {
            hiddenDepth = max(0, hiddenDepth - 1)
        } else if hiddenDepth == 0 {
            MarkupTextWalker.leave(kind, builder: &builder)
        }
    }

    fileprivate func characters(_ characters: UnsafePointer<xmlChar>?, _ length: Int32) {
        guard hiddenDepth == 0, !inListingTrailer, let characters, length > 0 else { return }
        builder.append(bytes: UnsafeBufferPointer(start: characters, count: Int(length)))
    }

    fileprivate func comment(_ value: UnsafePointer<xmlChar>?) {
        guard let value else { return }
        switch String(cString: value).trimmingCharacters(in: .whitespaces) {
        case "SC_ON": inListingTrailer = true
        case "SC_OFF": inListingTrailer = false
        default: break
        }
    }

    /// The callbacks: element starts and ends, text (whitespace the parser calls ignorable
    /// included, since it separates words) and comments. Script and style contents, which the
    /// HTML parser reports as CDATA, are not text.
    // A table of C function pointers that is never written after it is built; each parse copies it.
    nonisolated(unsafe) private static let textHandler: htmlSAXHandler = {
        var handler = htmlSAXHandler()
        handler.startElement = { context, name, _ in
            guard let context else { return }
            Unmanaged<HTMLTextCollector>.fromOpaque(context).takeUnretainedValue().start(name)
        }
        handler.endElement = { context, name in
            guard let context else { return }
            Unmanaged<HTMLTextCollector>.fromOpaque(context).takeUnretainedValue().end(name)
        }
        handler.characters = { context, characters, length in
            guard let context else { return }
            Unmanaged<HTMLTextCollector>.fromOpaque(context).takeUnretainedValue().characters(characters, length)
        }
        handler.ignorableWhitespace = handler.characters
        handler.comment = { context, value in
            guard let context else { return }
            Unmanaged<HTMLTextCollector>.fromOpaque(context).takeUnretainedValue().comment(value)
        }
        handler.cdataBlock = { _, _, _ in }
        return handler
    }()
}

@available(*, unavailable)
extension HTMLTextCollector: Sendable {}
