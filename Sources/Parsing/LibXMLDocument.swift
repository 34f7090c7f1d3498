import CXML2
import Foundation

/// Owns one libxml2 document tree: frees it when the last reference goes.
///
/// Element references (``LibXMLElement``) borrow nodes of this tree; keep the document alive
/// (hold it in a local) for as long as they are used. Not `Sendable`: a tree belongs to the
/// call that parsed it.
final class LibXMLDocument {
    let pointer: xmlDocPtr

    init(pointer: xmlDocPtr) {
        self.pointer = pointer
    }

    deinit {
        xmlFreeDoc(pointer)
    }

    /// The root element, or nil when the document has none.
    var rootElement: LibXMLElement? {
        xmlDocGetRootElement(pointer).map(LibXMLElement.init(pointer:))
    }
}

@available(*, unavailable)
extension LibXMLDocument: Sendable {}
