import CXML2
import Foundation

/// A borrowed reference to one element of a ``LibXMLDocument`` tree, with the reads this room needs.
///
/// Text is gathered from TEXT and CDATA nodes only. Entity-reference nodes are never expanded
/// (that is how a small document becomes gigabytes of text); a reference whose name is an HTML
/// entity such as `&nbsp;` or `&eacute;` contributes that one character, and any other is skipped.
struct LibXMLElement {
    let pointer: xmlNodePtr

    /// The element name without its prefix.
    var localName: String {
        guard let name = pointer.pointee.name else { return "" }
        let full = String(cString: name)
        if pointer.pointee.ns == nil, let colon = full.lastIndex(of: ":") {
            return String(full[full.index(after: colon)...])
        }
        return full
    }

    /// The element's namespace URI. A prefix the document forgot to declare (`dc:`, `content:`,
    /// `media:` and the like) is mapped to the namespace that prefix conventionally names.
    var namespaceURI: String? {
        if let namespace = pointer.pointee.ns {
            if let href = namespace.pointee.href, href.pointee != 0 {
                return String(cString: href)
            }
            if let prefix = namespace.pointee.prefix {
                return FeedNamespace.conventionalURI(forPrefix: String(cString: prefix))
            }
            return nil
        }
        guard let name = pointer.pointee.name,
            strchr(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self), 0x3A) != nil
        else { return nil }
        let full = String(cString: name)
        guard let colon = full.firstIndex(of: ":") else { return nil }
        return FeedNamespace.conventionalURI(forPrefix: String(full[..<colon]))
    }

    /// Whether the element itself declares this namespace (with a prefix or as the default).
    func declaresNamespace(_ uri: String) -> Bool {
        var declaration = pointer.pointee.nsDef
        while let current = declaration {
            if let href = current.pointee.href, String(cString: href) == uri { return true }
            declaration = current.pointee.next
        }
        return false
    }

    /// The line of the start tag in the source document.
    var line: Int {
        Int(xmlGetLineNo(pointer))
    }

    /// The parent element, or nil at the root.
    var parent: LibXMLElement? {
        guard let parent = pointer.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return LibXMLElement(pointer: parent)
    }

    /// Element children, in document order.
    var childElements: [LibXMLElement] {
        var result: [LibXMLElement] = []
        var child = pointer.pointee.children
        while let node = child {
            if node.pointee.type == XML_ELEMENT_NODE {
                result.append(LibXMLElement(pointer: node))
            }
            child = node.pointee.next
        }
        return result
    }

    /// Whether any child is an element (markup inside, rather than text only).
    var hasChildElements: Bool {
        var child = pointer.pointee.children
        while let node = child {
            if node.pointee.type == XML_ELEMENT_NODE { return true }
            child = node.pointee.next
        }
        return false
    }

    /// The first child element with this local name in one of these namespaces. Names match
    /// without regard to ASCII case: hand-written feeds spell `<Title>` and `<TITLE>`.
    func firstChild(_ localName: String, in namespaces: Set<String?>) -> LibXMLElement? {
        var child = pointer.pointee.children
        while let node = child {
            if node.pointee.type == XML_ELEMENT_NODE, Self.hasLocalName(node, localName) {
                let element = LibXMLElement(pointer: node)
                if element.isInNamespace(namespaces) { return element }
            }
            child = node.pointee.next
        }
        return nil
    }

    /// All child elements with this local name in one of these namespaces (names as for ``firstChild(_:in:)``).
    func children(_ localName: String, in namespaces: Set<String?>) -> [LibXMLElement] {
        var result: [LibXMLElement] = []
        var child = pointer.pointee.children
        while let node = child {
            if node.pointee.type == XML_ELEMENT_NODE, Self.hasLocalName(node, localName) {
                let element = LibXMLElement(pointer: node)
                if element.isInNamespace(namespaces) { result.append(element) }
            }
            child = node.pointee.next
        }
        return result
    }

    /// Whether the element's namespace (as ``namespaceURI`` reads it) is one of these, compared
    /// on the C strings in the common cases.
    func isInNamespace(_ namespaces: Set<String?>) -> Bool {
        if let namespace = pointer.pointee.ns {
            guard let href = namespace.pointee.href, href.pointee != 0 else { return namespaces.contains(namespaceURI) }
            for candidate in namespaces {
                if let candidate, Self.equals(href, candidate) { return true }
            }
            return false
        }
        guard let name = pointer.pointee.name,
            strchr(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self), 0x3A) != nil
        else { return namespaces.contains(nil) }
        return namespaces.contains(namespaceURI)
    }

    /// Whether an element's name, without any prefix, is `localName` (ASCII case ignored),
    /// compared on the C string without making a Swift string.
    private static func hasLocalName(_ node: xmlNodePtr, _ localName: String) -> Bool {
        guard var name = node.pointee.name else { return false }
        if node.pointee.ns == nil, let colon = strrchr(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self), 0x3A) {
            name = UnsafeRawPointer(colon).assumingMemoryBound(to: xmlChar.self) + 1
        }
        var index = 0
        for expected in localName.utf8 {
            let byte = name[index]
            guard byte != 0, byte == expected || (byte | 0x20 == expected | 0x20 && (expected | 0x20) >= 0x61 && (expected | 0x20) <= 0x7A) else {
                return false
            }
            index += 1
        }
        return name[index] == 0
    }

    /// An attribute value by local name and namespace (nil namespace: an unprefixed attribute).
    func attribute(_ localName: String, namespaceURI: String? = nil) -> String? {
        var attribute = pointer.pointee.properties
        while let current = attribute {
            defer { attribute = current.pointee.next }
            guard let name = current.pointee.name, Self.equals(name, localName) else { continue }
            let href = current.pointee.ns?.pointee.href
            switch (href, namespaceURI) {
            case (nil, nil):
                break
            case let (href?, wanted?) where Self.equals(href, wanted):
                break
            default:
                continue
            }
            return Self.text(ofChildrenOf: current.pointee.children)
        }
        return nil
    }

    /// Whether a NUL-terminated C string spells exactly `text`.
    private static func equals(_ cString: UnsafePointer<xmlChar>, _ text: String) -> Bool {
        var index = 0
        for byte in text.utf8 {
            guard cString[index] == byte else { return false }
            index += 1
        }
        return cString[index] == 0
    }

    /// An unprefixed attribute value, matching the name without regard to case
    /// (hand-written OPML files spell `xmlUrl` several ways).
    func attributeIgnoringCase(_ localName: String) -> String? {
        let wanted = localName.lowercased()
        var attribute = pointer.pointee.properties
        while let current = attribute {
            defer { attribute = current.pointee.next }
            guard current.pointee.ns == nil, let name = current.pointee.name,
                String(cString: name).lowercased() == wanted
            else { continue }
            return Self.text(ofChildrenOf: current.pointee.children)
        }
        return nil
    }

    /// The content of the element's only child when that child is a TEXT or CDATA node: the
    /// NUL-terminated UTF-8 bytes libxml2 holds, valid while the document lives.
    var soleTextContent: UnsafePointer<xmlChar>? {
        guard let child = pointer.pointee.children, child.pointee.next == nil,
            child.pointee.type == XML_TEXT_NODE || child.pointee.type == XML_CDATA_SECTION_NODE
        else { return nil }
        return UnsafePointer(child.pointee.content)
    }

    /// The element's text: TEXT and CDATA nodes of the whole subtree, in order.
    var text: String {
        var result = ""
        Self.appendText(of: pointer.pointee.children, to: &result)
        return result
    }

    /// The base URL in force at this element: the document URL, refined by every `xml:base`
    /// from the root down to this element.
    func base(documentURL: URL) -> URL {
        var values: [String] = []
        var current: LibXMLElement? = self
        while let element = current {
            if let value = element.attribute("base", namespaceURI: FeedNamespace.xml) {
                values.append(value.trimmedWhitespace)
            }
            current = element.parent
        }
        var base = documentURL
        for value in values.reversed() where !value.isEmpty {
            if let resolved = URL(string: value, relativeTo: base)?.absoluteURL {
                base = resolved
            }
        }
        return base
    }

    private static func text(ofChildrenOf first: xmlNodePtr?) -> String {
        var result = ""
        var child = first
        while let node = child {
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content { result += String(cString: content) }
            case XML_ENTITY_REF_NODE:
                result += htmlEntityCharacter(named: node.pointee.name)
            default:
                break
            }
            child = node.pointee.next
        }
        return result
    }

    /// Appends subtree text without recursion, so that deeply nested hostile markup cannot
    /// exhaust the stack.
    private static func appendText(of first: xmlNodePtr?, to result: inout String) {
        var stack: [xmlNodePtr] = []
        var next = first
        while true {
            guard let node = next else {
                guard let resume = stack.popLast() else { return }
                next = resume.pointee.next
                continue
            }
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content { result += String(cString: content) }
            case XML_ENTITY_REF_NODE:
                result += htmlEntityCharacter(named: node.pointee.name)
            case XML_ELEMENT_NODE:
                if let child = node.pointee.children {
                    stack.append(node)
                    next = child
                    continue
                }
            default:
                break
            }
            next = node.pointee.next
        }
    }
}

/// The character an HTML entity name stands for (`nbsp` → U+00A0), or "" for any other name.
///
/// Used for entity references a feed leaves unresolved, typically because the DTD that
/// declares them is external and is deliberately never loaded.
func htmlEntityCharacter(named name: UnsafePointer<xmlChar>?) -> String {
    guard let name, let description = htmlEntityLookup(name),
        let scalar = Unicode.Scalar(description.pointee.value)
    else { return "" }
    return String(Character(scalar))
}
