import CXML2
import Foundation

/// Turns an HTML or XHTML subtree into plain text: the walk shared by ``HTMLTextExtractor``,
/// XHTML content inside Atom feeds, and ``PageParser``'s blocks.
///
/// Block elements and `br` end lines; table cells are separated by a space; script, style,
/// noscript, template and similar are dropped with everything inside them. The walk is
/// iterative, so depth of nesting cannot exhaust the stack.
enum MarkupTextWalker {
    /// Elements whose start and end are line boundaries.
    static let blockElements: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
        "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
        "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "nav", "ol", "p",
        "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
    ]

    /// Elements dropped with their contents: never text a reader sees. Embedded objects
    /// (`iframe`, `object`, `embed`, `video`, ...) are not among them: their content is the
    /// fallback text a feed reader shows, and when such a tag is left unclosed libxml2 nests the
    /// rest of the body inside it.
    static let hiddenElements: Set<String> = [
        "script", "style", "noscript", "template", "head", "title", "svg", "math", "select", "option", "datalist",
    ]

    /// Elements whose edges separate words without breaking the line.
    static let spacedElements: Set<String> = ["td", "th", "img", "input", "textarea", "label"]

    /// The lowercased local name of an element node.
    static func elementName(_ node: xmlNodePtr) -> String {
        guard let name = node.pointee.name else { return "" }
        return String(cString: name).lowercased()
    }

    /// The plain text of everything below `root`.
    /// - Parameter shouldSkip: also drops elements for which it returns true (page chrome,
    ///   nested blocks, an author line already taken).
    static func text(below root: xmlNodePtr, skipping shouldSkip: (xmlNodePtr) -> Bool = { _ in false }) -> String {
        var builder = PlainTextBuilder()
        var child = root.pointee.children
        while let node = child {
            appendText(of: node, to: &builder, skipping: shouldSkip)
            child = node.pointee.next
        }
        return builder.finish()
    }

    /// Appends the text of one node and its subtree, walking without recursion.
    static func appendText(
        of start: xmlNodePtr,
        to builder: inout PlainTextBuilder,
        skipping shouldSkip: (xmlNodePtr) -> Bool
    ) {
        var node = start
        while true {
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content {
                    builder.append(cString: content)
                }
            case XML_ENTITY_REF_NODE:
                builder.append(htmlEntityCharacter(named: node.pointee.name))
            case XML_ELEMENT_NODE:
                let kind = MarkupElementKind.classify(node.pointee.name)
                guard kind != .hidden, !shouldSkip(node) else { break }
                enter(kind, builder: &builder)
                if let firstChild = node.pointee.children {
                    node = firstChild
                    continue
                }
                leave(kind, builder: &builder)
            default:
                break
            }
            // Move on: to the next sibling, or up through finished parents, never past `start`.
            var cursor = node
            while true {
                if cursor == start { return }
                if let next = cursor.pointee.next {
                    node = next
                    break
                }
                guard let parent = cursor.pointee.parent else { return }
                leave(MarkupElementKind.classify(parent.pointee.name), builder: &builder)
                cursor = parent
            }
        }
    }

    /// What entering an element of this kind does to the text.
    static func enter(_ kind: MarkupElementKind, builder: inout PlainTextBuilder) {
        switch kind {
        case .block, .lineBreak: builder.breakLine()
        case .spaced: builder.append(" ")
        case .hidden, .inline: break
        }
    }

    /// What leaving an element of this kind does to the text.
    static func leave(_ kind: MarkupElementKind, builder: inout PlainTextBuilder) {
        switch kind {
        case .block: builder.breakLine()
        case .spaced: builder.append(" ")
        case .hidden, .inline, .lineBreak: break
        }
    }
}
