import CXML2
import Foundation

/// The link targets of an HTML fragment's `<a href>` elements, read with libxml2's forgiving HTML
/// parser (no network, errors silenced).
///
/// A news search engine's item may carry the publisher's own link only in its description's
/// markup; the text extraction drops markup, so the targets are read apart, and only for the
/// items that need them.
enum HTMLAnchors {
    /// At most this many targets are returned: a description lists a handful of links.
    static let targetLimit = 32

    /// The `href` values of the fragment's anchors, in document order, as written (unresolved).
    static func targets(inHTML html: String) -> [String] {
        guard html.utf8.contains(UInt8(ascii: "<")), html.utf8.count <= LibXML.maximumByteCount else { return [] }
        let outcome = LibXML.readHTML(Data(html.utf8), documentURL: nil, encoding: "UTF-8")
        guard let document = outcome.document else { return [] }
        return withExtendedLifetime(document) {
            var targets: [String] = []
            // Walked without recursion, so that deeply nested hostile markup cannot exhaust the stack.
            var stack: [xmlNodePtr] = []
            var next = xmlDocGetRootElement(document.pointer)
            while targets.count < targetLimit {
                guard let node = next else {
                    guard let resume = stack.popLast() else { break }
                    next = resume.pointee.next
                    continue
                }
                if node.pointee.type == XML_ELEMENT_NODE {
                    let element = LibXMLElement(pointer: node)
                    if element.localName.lowercased() == "a", let href = element.attributeIgnoringCase("href") {
                        targets.append(href)
                    }
                    if let child = node.pointee.children {
                        stack.append(node)
                        next = child
                        continue
                    }
                }
                next = node.pointee.next
            }
            return targets
        }
    }
}
