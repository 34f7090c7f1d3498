import CXML2
import Foundation

/// The working view of one parsed HTML page for ``PageParser``: which elements are chrome,
/// which are blocks, and the text of each. Borrows the tree; use it while the document lives.
struct PageTree {
    /// One block's text and the author and date found beside it.
    struct BlockText {
        var text: String
        var author: String?
        var dateText: String?
    }

    /// Chrome elements dropped wherever they appear.
    static let alwaysNoiseElements: Set<String> = [
        "nav", "aside", "button", "script", "style", "noscript", "template", "dialog",
    ]
    /// Site header and footer: chrome outside a block. Inside one, the header is the post's own
    /// (kept) and the footer is its metadata (left out of the text, see ``isBlockMetadata(_:)``).
    static let chromeElements: Set<String> = ["header", "footer"]
    /// Elements never treated as chrome, whatever their class says.
    static let exemptElements: Set<String> = ["html", "body", "main"]
    /// Words in an id or class that mark chrome wherever it appears.
    static let alwaysNoiseWords = ["cookie", "consent", "banner", "share", "social", "advert"]
    /// Words in an id or class that mark chrome outside a block.
    static let chromeWords = ["nav", "menu", "sidebar", "breadcrumb", "footer", "header"]
    /// ARIA roles of chrome regions.
    static let chromeRoles: Set<String> = ["navigation", "banner", "contentinfo", "complementary", "search"]
    /// Words that make a class token mark a whole block, when they end the token.
    static let blockWords = ["post", "comment", "message", "entry", "notice", "card"]
    /// Words in a class token that mark an author element.
    static let authorWords = ["author", "user", "byline"]
    /// Last segments of a class token that name something other than the author's name:
    /// the body a user wrote (`user-content`) or facts about the user (`user-title`, `user-info`).
    static let notNameSegments: Set<String> = [
        "content", "text", "body", "message", "post", "comment", "generated", "html", "markdown",
        "title", "rank", "role", "info", "stats", "count", "avatar", "level", "badge", "status", "details",
    ]
    /// Class segments of a block's metadata lines and controls, left out of its text
    /// (`post-meta`, `post-actions`, `read-more`) after its author and date are read.
    static let metadataSegments: Set<String> = [
        "meta", "actions", "permalink", "toolbar", "tools", "controls", "signature",
    ]
    /// Class tokens of "read more" links.
    static let readMoreTokens: Set<String> = ["read-more", "readmore", "more-link", "read_more"]

    let root: xmlNodePtr
    private let body: xmlNodePtr
    /// Elements enclosing `main` (or `role="main"`): never chrome.
    private let mainAncestors: Set<xmlNodePtr>
    /// For each element, how many block candidates it encloses.
    private let enclosedCandidateCount: [xmlNodePtr: Int]
    private let totalCandidateCount: Int

    init(root: xmlNodePtr) {
        self.root = root
        body = Self.elements(below: root, skippingHidden: true).first { Self.name($0) == "body" } ?? root
        var mainAncestors: Set<xmlNodePtr> = []
        var counts: [xmlNodePtr: Int] = [:]
        var total = 0
        for element in Self.elements(below: body, skippingHidden: true) {
            if Self.isMainRegion(element) {
                Self.forEachAncestor(of: element) { mainAncestors.insert($0) }
            }
            if Self.isBlockCandidate(element) {
                total += 1
                Self.forEachAncestor(of: element) { counts[$0, default: 0] += 1 }
            }
        }
        self.mainAncestors = mainAncestors
        enclosedCandidateCount = counts
        totalCandidateCount = total
    }

    /// The page title: `<title>`, else the first `h1`.
    func title() -> String {
        let all = Self.elements(below: root, skippingHidden: false)
        for name in ["title", "h1"] {
            if let element = all.first(where: { Self.name($0) == name }) {
                let text = PlainTextBuilder.collapseWhitespace(LibXMLElement(pointer: element).text)
                if !text.isEmpty { return text }
            }
        }
        return ""
    }

    // MARK: Blocks

    /// Posts, comments and cards, each with its text, author and date.
    func blockTexts() -> [BlockText] {
        var candidates: [xmlNodePtr] = []
        collect(below: body, into: &candidates)
        guard !candidates.isEmpty else { return [] }
        let candidateSet = Set(candidates)

        // A candidate stands alone unless it is the only candidate inside its nearest candidate ancestor.
        var childrenOfCandidate: [xmlNodePtr: Int] = [:]
        var nearestCandidateAncestor: [xmlNodePtr: xmlNodePtr] = [:]
        for candidate in candidates {
            var ancestor = candidate.pointee.parent
            while let current = ancestor, current != body {
                if candidateSet.contains(current) {
                    nearestCandidateAncestor[candidate] = current
                    childrenOfCandidate[current, default: 0] += 1
                    break
                }
                ancestor = current.pointee.parent
            }
        }
        let blocks = candidates.filter { candidate in
            guard let parent = nearestCandidateAncestor[candidate] else { return true }
            return childrenOfCandidate[parent, default: 0] >= 2
        }
        let blockSet = Set(blocks)
        return blocks.map { block in
            let isOtherBlock: (xmlNodePtr) -> Bool = { $0 != block && blockSet.contains($0) }
            let author = authorElement(in: block, excluding: isOtherBlock)
            let time = Self.elements(below: block, skippingHidden: true, skipping: isOtherBlock).first {
                Self.name($0) == "time" && LibXMLElement(pointer: $0).attribute("datetime") != nil
            }
            let text = MarkupTextWalker.text(below: block) { node in
                node == author?.element || node == time || isOtherBlock(node)
                    || isNoise(node, insideBlock: true, respectingClassNames: true) || Self.isBlockMetadata(node)
            }
            return BlockText(
                text: text,
                author: author?.name,
                dateText: time.flatMap { LibXMLElement(pointer: $0).attribute("datetime") }
            )
        }
    }

    /// Block candidates in document order, not looking inside chrome.
    private func collect(below container: xmlNodePtr, into candidates: inout [xmlNodePtr]) {
        var stack: [xmlNodePtr] = Self.childElements(of: container).reversed()
        while let element = stack.popLast() {
            guard !MarkupTextWalker.hiddenElements.contains(Self.name(element)),
                !isNoise(element, insideBlock: false, respectingClassNames: true)
            else { continue }
            if Self.isBlockCandidate(element) {
                candidates.append(element)
            }
            stack.append(contentsOf: Self.childElements(of: element).reversed())
        }
    }

    /// The block's author: the first author element with no author element inside it (the
    /// `username` link rather than the `post-author` box around it), read as a short single line.
    /// The element returned for leaving out of the text is the outermost author box around it.
    private func authorElement(
        in block: xmlNodePtr,
        excluding isOtherBlock: (xmlNodePtr) -> Bool
    ) -> (element: xmlNodePtr, name: String)? {
        let elements = Self.elements(below: block, skippingHidden: true) { node in
            isOtherBlock(node) || isNoise(node, insideBlock: true, respectingClassNames: true)
        }
        let candidates = elements.filter(Self.isAuthorElement)
        let withText = candidates.filter { !Self.authorText(of: $0).isEmpty }
        for element in withText {
            if withText.contains(where: { $0 != element && Self.isDescendant($0, of: element) }) { continue }
            let text = Self.authorText(of: element)
            guard text.count <= PageParser.authorLimit else { continue }
            var name = String(text.split(separator: "\n").first ?? "")
            for prefix in ["by ", "By ", "BY "] where name.hasPrefix(prefix) {
                name = String(name.dropFirst(prefix.count))
            }
            name = name.trimmingCharacters(in: CharacterSet(charactersIn: " ,|·-–—:"))
            guard !name.isEmpty else { continue }
            var box = element
            var ancestor = element.pointee.parent
            while let current = ancestor, current != block {
                if candidates.contains(current) { box = current }
                ancestor = current.pointee.parent
            }
            return (box, name)
        }
        return nil
    }

    private static func authorText(of element: xmlNodePtr) -> String {
        MarkupTextWalker.text(below: element) { name($0) == "time" }
    }

    private static func isDescendant(_ node: xmlNodePtr, of ancestor: xmlNodePtr) -> Bool {
        var current = node.pointee.parent
        while let parent = current {
            if parent == ancestor { return true }
            current = parent.pointee.parent
        }
        return false
    }

    // MARK: Paragraphs

    /// Each paragraph-level run of text in the main content, for pages without posts.
    func paragraphTexts(respectingClassNames: Bool) -> [BlockText] {
        let region = Self.elements(below: body, skippingHidden: true).first(where: Self.isMainRegion) ?? body
        var runs: [BlockText] = []
        var builder = PlainTextBuilder()
        func flush() {
            let text = builder.finish()
            if !text.isEmpty { runs.append(BlockText(text: text)) }
            builder = PlainTextBuilder()
        }
        let isSkipped: (xmlNodePtr) -> Bool = { node in
            isNoise(node, insideBlock: false, respectingClassNames: respectingClassNames)
        }
        // Explicit stack of (node, isLeaving) so that depth cannot exhaust the call stack.
        var stack: [(node: xmlNodePtr, isLeaving: Bool)] = Self.children(of: region).reversed().map { ($0, false) }
        while let (node, isLeaving) = stack.popLast() {
            if isLeaving {
                flush()
                continue
            }
            let name = Self.name(node)
            let isElement = node.pointee.type == XML_ELEMENT_NODE
            if isElement, MarkupTextWalker.hiddenElements.contains(name) || isSkipped(node) {
                continue
            }
            if isElement, MarkupTextWalker.blockElements.contains(name) {
                flush()
                stack.append((node, true))
                stack.append(contentsOf: Self.children(of: node).reversed().map { ($0, false) })
            } else {
                MarkupTextWalker.appendText(of: node, to: &builder, skipping: isSkipped)
            }
        }
        flush()
        return runs
    }

    // MARK: Classification

    /// Whether an element is page chrome to leave out.
    func isNoise(_ node: xmlNodePtr, insideBlock: Bool, respectingClassNames: Bool) -> Bool {
        guard node.pointee.type == XML_ELEMENT_NODE else { return false }
        let name = Self.name(node)
        if Self.exemptElements.contains(name) { return false }
        if Self.alwaysNoiseElements.contains(name) { return true }
        let element = LibXMLElement(pointer: node)
        if element.attribute("hidden") != nil || element.attribute("aria-hidden")?.lowercased() == "true" {
            return true
        }
        if isProtected(node) { return false }
        if name == "form" { return true }
        if !insideBlock {
            if Self.chromeElements.contains(name) { return true }
            if let role = element.attribute("role")?.lowercased(), Self.chromeRoles.contains(role) { return true }
        }
        guard respectingClassNames else { return false }
        let names = ((element.attribute("id") ?? "") + " " + (element.attribute("class") ?? "")).lowercased()
        if Self.alwaysNoiseWords.contains(where: names.contains) { return true }
        return !insideBlock && Self.chromeWords.contains(where: names.contains)
    }

    /// Whether an element encloses the main content, or at least half of the page's posts: such a
    /// wrapper (`<form>` around a thread, `<div class="has-sidebar">` around everything) is never chrome.
    private func isProtected(_ node: xmlNodePtr) -> Bool {
        if mainAncestors.contains(node) { return true }
        let enclosed = enclosedCandidateCount[node, default: 0]
        return enclosed > 0 && enclosed * 2 >= totalCandidateCount
    }

    /// A block's metadata and controls: its `footer`, lines classed `meta`, `actions` and the like,
    /// "read more" links, and in-page anchors without words (`#1` post numbers).
    static func isBlockMetadata(_ node: xmlNodePtr) -> Bool {
        guard node.pointee.type == XML_ELEMENT_NODE else { return false }
        let elementName = name(node)
        if elementName == "footer" { return true }
        let tokens = classTokens(of: node)
        if tokens.contains(where: readMoreTokens.contains) { return true }
        if tokens.contains(where: { segments(of: $0).contains(where: metadataSegments.contains) }) { return true }
        if elementName == "a", LibXMLElement(pointer: node).attribute("href")?.hasPrefix("#") == true {
            return !MarkupTextWalker.text(below: node).contains(where: \.isLetter)
        }
        return false
    }

    static func isMainRegion(_ node: xmlNodePtr) -> Bool {
        name(node) == "main" || LibXMLElement(pointer: node).attribute("role")?.lowercased() == "main"
    }

    /// `article`, or a class token whose last word ends in post, comment, message, entry, notice
    /// or card (`post`, `forum-post`, `hentry`, `message--post`; not `post-body` or `comments`).
    static func isBlockCandidate(_ node: xmlNodePtr) -> Bool {
        if name(node) == "article" { return true }
        return classTokens(of: node).contains { token in
            guard let last = segments(of: token).last else { return false }
            return blockWords.contains { last.hasSuffix($0) }
        }
    }

    /// A class token naming an author (`author`, `username`, `message-cell--user`, `byline`), but not
    /// the body a user wrote (`user-content`); or `rel`/`itemprop` author.
    static func isAuthorElement(_ node: xmlNodePtr) -> Bool {
        let element = LibXMLElement(pointer: node)
        if element.attribute("rel")?.lowercased() == "author"
            || element.attribute("itemprop")?.lowercased() == "author"
        {
            return true
        }
        return classTokens(of: node).contains { token in
            guard authorWords.contains(where: token.contains), let last = segments(of: token).last else { return false }
            return !notNameSegments.contains(last)
        }
    }

    // MARK: Tree helpers

    static func name(_ node: xmlNodePtr) -> String {
        MarkupTextWalker.elementName(node)
    }

    private static func classTokens(of node: xmlNodePtr) -> [String] {
        let classes = LibXMLElement(pointer: node).attribute("class") ?? ""
        return classes.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// The alphabetic words of a class token: `message--post` → message, post; `post-123` → post.
    private static func segments(of token: String) -> [String] {
        token.split { !$0.isLetter }.map(String.init)
    }

    private static func forEachAncestor(of node: xmlNodePtr, _ body: (xmlNodePtr) -> Void) {
        var ancestor = node.pointee.parent
        while let current = ancestor, current.pointee.type == XML_ELEMENT_NODE {
            body(current)
            ancestor = current.pointee.parent
        }
    }

    private static func children(of node: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            result.append(current)
            child = current.pointee.next
        }
        return result
    }

    private static func childElements(of node: xmlNodePtr) -> [xmlNodePtr] {
        children(of: node).filter { $0.pointee.type == XML_ELEMENT_NODE }
    }

    /// Elements below `container` in document order; skipped elements are left out with their subtrees.
    static func elements(
        below container: xmlNodePtr,
        skippingHidden: Bool,
        skipping shouldSkip: (xmlNodePtr) -> Bool = { _ in false }
    ) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var stack: [xmlNodePtr] = childElements(of: container).reversed()
        while let element = stack.popLast() {
            if skippingHidden, MarkupTextWalker.hiddenElements.contains(name(element)) { continue }
            if shouldSkip(element) { continue }
            result.append(element)
            stack.append(contentsOf: childElements(of: element).reversed())
        }
        return result
    }
}

@available(*, unavailable)
extension PageTree: Sendable {}
