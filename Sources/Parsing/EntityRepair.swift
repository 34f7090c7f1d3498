import CXML2
import Foundation

/// Rewrites entity references in feed bytes before libxml2 sees them, so that one mistake does
/// not cost the rest of the document its text.
///
/// Why: once libxml2 (2.9) has met any well-formedness error in recovery mode, it silently drops
/// every later entity reference, even `&amp;` and `&lt;`; escaped HTML then loses its markup
/// characters. Character references survive. So, outside comments, CDATA sections, processing
/// instructions and the DOCTYPE:
/// - the five predefined references become character references (`&lt;` → `&#60;`);
/// - a reference to an HTML entity that the document does not declare becomes a character
///   reference (`&nbsp;` → `&#160;`), a repair when the document has no DOCTYPE that might declare it;
/// - a bare `&` that starts no reference becomes `&#38;`, a repair;
/// - in a document without a DOCTYPE, a reference to an entity that is neither predefined nor
///   HTML's is kept as written (`&#38;name;`), a repair; with a DOCTYPE it may be declared in an
///   external DTD (never loaded), so it is left alone;
/// - a hexadecimal character reference spelled `&#X41;` becomes `&#x41;`;
/// - a reference to an entity the document declares with short literal text is replaced by that
///   text, within a budget of the document's own size (so that a reference repeated thousands of
///   times cannot multiply it); any other declared entity is left alone (libxml2 keeps it as a
///   reference, and this room never expands it).
/// Works on ASCII-compatible encodings only: `&`, `;`, `<` and `>` never occur inside a
/// multi-byte character of UTF-8, Latin-1, Windows-125x, Shift_JIS, Big5 or GB18030.
struct EntityRepair {
    /// The rewritten bytes.
    private(set) var bytes: [UInt8] = []
    /// What was repaired, with lines (kept up to ``XMLErrorCollector/keptProblemLimit``).
    private(set) var problems: [XMLProblem] = []
    /// How many repairs were made in all.
    private(set) var repairCount = 0

    private static let predefined: [String: String] = [
        "amp": "&#38;", "lt": "&#60;", "gt": "&#62;", "quot": "&#34;", "apos": "&#39;",
    ]
    private static let longestName = 64
    /// The longest entity value substituted for its references.
    private static let longestSubstitutedValue = 1024
    /// Substituted bytes allowed per document: its own size, or this much for a small one, so
    /// that references to a declared entity cannot multiply a document (entity bombs).
    private static let minimumSubstitutionBudget = 65_536
    private var substitutionBudget = 0

    init(_ input: [UInt8]) {
        bytes.reserveCapacity(input.count + input.count / 16)
        var declaredEntities: [String: [UInt8]?] = [:]
        substitutionBudget = max(Self.minimumSubstitutionBudget, input.count)
        var hasDoctype = false
        var line = 1
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "<") {
                if let end = Self.endOfSkippedSection(
                    input,
                    at: index,
                    declaredEntities: &declaredEntities,
                    hasDoctype: &hasDoctype
                ) {
                    line += input[index..<end].count { $0 == 0x0A }
                    bytes.append(contentsOf: input[index..<end])
                    index = end
                    continue
                }
            } else if byte == UInt8(ascii: "&") {
                index = rewriteReference(
                    input,
                    at: index,
                    line: line,
                    declaredEntities: declaredEntities,
                    hasDoctype: hasDoctype
                )
                continue
            } else if byte == 0x0A {
                line += 1
            }
            bytes.append(byte)
            index += 1
        }
    }

    /// Handles the `&` at `index`; returns the index after what it consumed.
    private mutating func rewriteReference(
        _ input: [UInt8],
        at index: Int,
        line: Int,
        declaredEntities: [String: [UInt8]?],
        hasDoctype: Bool
    ) -> Int {
        var cursor = index + 1
        if cursor < input.count, input[cursor] == UInt8(ascii: "#") {
            cursor += 1
            let isHex = cursor < input.count
                && (input[cursor] == UInt8(ascii: "x") || input[cursor] == UInt8(ascii: "X"))
            if isHex { cursor += 1 }
            let digitsStart = cursor
            while cursor < input.count, cursor - digitsStart < 10,
                isHex ? Self.isHexDigit(input[cursor]) : DigitScanner.isDigit(input[cursor])
            {
                cursor += 1
            }
            if cursor > digitsStart, cursor < input.count, input[cursor] == UInt8(ascii: ";") {
                bytes.append(contentsOf: input[index...cursor])
                if isHex, input[index + 2] == UInt8(ascii: "X") {
                    // XML spells it '&#x'; HTML and most readers also accept '&#X'.
                    bytes[bytes.count - (cursor - index) + 1] = UInt8(ascii: "x")
                }
                return cursor + 1
            }
            return escapeBareAmpersand(at: index, line: line)
        }
        let nameStart = cursor
        while cursor < input.count, cursor - nameStart <= Self.longestName, Self.isNameByte(input[cursor]) {
            cursor += 1
        }
        guard cursor > nameStart, cursor < input.count, input[cursor] == UInt8(ascii: ";"),
            Self.isNameStartByte(input[nameStart])
        else {
            return escapeBareAmpersand(at: index, line: line)
        }
        let name = String(decoding: input[nameStart..<cursor], as: UTF8.self)
        let end = cursor + 1
        if let replacement = Self.predefined[name] {
            bytes.append(contentsOf: replacement.utf8)
        } else if let declared = declaredEntities[name] {
            if let replacement = declared, replacement.count <= substitutionBudget {
                substitutionBudget -= replacement.count
                bytes.append(contentsOf: replacement)
            } else {
                bytes.append(contentsOf: input[index..<end])
            }
        } else if let scalar = Self.htmlEntityScalar(name) {
            bytes.append(contentsOf: "&#\(scalar);".utf8)
            if !hasDoctype {
                record("the entity '&\(name);' is not defined in XML; read as its HTML character", line: line)
            }
        } else if hasDoctype {
            // Perhaps declared in an external DTD, which is never loaded: libxml2 keeps the
            // reference and this room skips it.
            bytes.append(contentsOf: input[index..<end])
        } else {
            // Neither XML's, nor declared, nor HTML's: shown as written, as a browser would.
            bytes.append(contentsOf: "&#38;".utf8)
            bytes.append(contentsOf: input[(index + 1)..<end])
            record("the entity '&\(name);' is not defined; kept as written", line: line)
        }
        return end
    }

    private mutating func escapeBareAmpersand(at index: Int, line: Int) -> Int {
        bytes.append(contentsOf: "&#38;".utf8)
        record("a bare '&' was read as an ampersand (it should be written '&amp;')", line: line)
        return index + 1
    }

    private mutating func record(_ message: String, line: Int) {
        repairCount += 1
        guard problems.count < XMLErrorCollector.keptProblemLimit else { return }
        problems.append(XMLProblem(line: line, message: message, isFatal: false, isWarning: false))
    }

    /// For a comment, CDATA section, processing instruction or DOCTYPE starting at `index`, the
    /// index just after it; nil for anything else (a tag). Collects entity names the DOCTYPE declares.
    private static func endOfSkippedSection(
        _ input: [UInt8],
        at index: Int,
        declaredEntities: inout [String: [UInt8]?],
        hasDoctype: inout Bool
    ) -> Int? {
        if matches(input, at: index, "<!--") {
            return find(input, "-->", from: index + 4).map { $0 + 3 } ?? input.count
        }
        if matches(input, at: index, "<![CDATA[") {
            return find(input, "]]>", from: index + 9).map { $0 + 3 } ?? input.count
        }
        if matches(input, at: index, "<?") {
            return find(input, "?>", from: index + 2).map { $0 + 2 } ?? input.count
        }
        guard matchesIgnoringCase(input, at: index, "<!DOCTYPE") else { return nil }
        hasDoctype = true
        var cursor = index + 9
        var bracketDepth = 0
        var quote: UInt8?
        while cursor < input.count {
            let byte = input[cursor]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "[") {
                bracketDepth += 1
            } else if byte == UInt8(ascii: "]") {
                bracketDepth = max(0, bracketDepth - 1)
            } else if byte == UInt8(ascii: "<"), bracketDepth > 0, matches(input, at: cursor, "<!ENTITY") {
                if let declaration = declaration(input, after: cursor + 8) {
                    declaredEntities[declaration.name] = declaration.replacement
                }
            } else if byte == UInt8(ascii: ">"), bracketDepth == 0 {
                return cursor + 1
            }
            cursor += 1
        }
        return input.count
    }

    /// A general entity declaration (not a `%` parameter entity): its name, and the bytes that may
    /// stand in for a reference to it, when its value is short literal text (character references
    /// allowed, no markup, no other references) made safe for text and attributes alike.
    private static func declaration(_ input: [UInt8], after start: Int) -> (name: String, replacement: [UInt8]?)? {
        var cursor = start
        skipSpace(input, &cursor)
        guard cursor < input.count, input[cursor] != UInt8(ascii: "%") else { return nil }
        let nameStart = cursor
        while cursor < input.count, cursor - nameStart <= longestName, isNameByte(input[cursor]) {
            cursor += 1
        }
        guard cursor > nameStart else { return nil }
        let name = String(decoding: input[nameStart..<cursor], as: UTF8.self)
        skipSpace(input, &cursor)
        guard cursor < input.count, input[cursor] == UInt8(ascii: "\"") || input[cursor] == UInt8(ascii: "'") else {
            return (name, nil)
        }
        let quote = input[cursor]
        let valueStart = cursor + 1
        guard let valueEnd = input[valueStart...].prefix(longestSubstitutedValue + 1).firstIndex(of: quote) else {
            return (name, nil)
        }
        var replacement: [UInt8] = []
        for (offset, byte) in input[valueStart..<valueEnd].enumerated() {
            switch byte {
            case UInt8(ascii: "<"), UInt8(ascii: "%"):
                return (name, nil)
            case UInt8(ascii: "&"):
                let next = valueStart + offset + 1
                guard next < valueEnd, input[next] == UInt8(ascii: "#") else { return (name, nil) }
                replacement.append(byte)
            case UInt8(ascii: "\""):
                replacement.append(contentsOf: "&#34;".utf8)
            case UInt8(ascii: "'"):
                replacement.append(contentsOf: "&#39;".utf8)
            default:
                replacement.append(byte)
            }
        }
        return (name, replacement)
    }

    private static func skipSpace(_ input: [UInt8], _ cursor: inout Int) {
        while cursor < input.count, [0x20, 0x09, 0x0A, 0x0D].contains(input[cursor]) {
            cursor += 1
        }
    }

    private static func htmlEntityScalar(_ name: String) -> UInt32? {
        name.withCString { pointer in
            htmlEntityLookup(UnsafeRawPointer(pointer).assumingMemoryBound(to: xmlChar.self))?.pointee.value
        }
    }

    private static func matches(_ input: [UInt8], at index: Int, _ literal: String) -> Bool {
        let pattern = Array(literal.utf8)
        guard index + pattern.count <= input.count else { return false }
        return input[index..<(index + pattern.count)].elementsEqual(pattern)
    }

    private static func matchesIgnoringCase(_ input: [UInt8], at index: Int, _ literal: String) -> Bool {
        let pattern = Array(literal.uppercased().utf8)
        guard index + pattern.count <= input.count else { return false }
        return zip(input[index..<(index + pattern.count)], pattern).allSatisfy { byte, expected in
            let upper = (byte >= 0x61 && byte <= 0x7A) ? byte - 0x20 : byte
            return upper == expected
        }
    }

    private static func find(_ input: [UInt8], _ literal: String, from start: Int) -> Int? {
        let pattern = Array(literal.utf8)
        guard let first = pattern.first, start < input.count else { return nil }
        var cursor = start
        while cursor + pattern.count <= input.count {
            guard let candidate = input[cursor...].firstIndex(of: first) else { return nil }
            if matches(input, at: candidate, literal) { return candidate }
            cursor = candidate + 1
        }
        return nil
    }

    private static func isNameStartByte(_ byte: UInt8) -> Bool {
        DigitScanner.isLetter(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte >= 0x80
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isNameStartByte(byte) || DigitScanner.isDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        DigitScanner.isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }
}
