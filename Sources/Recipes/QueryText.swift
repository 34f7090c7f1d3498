import Foundation

/// Writing search terms and URL parts.
enum QueryText {
    /// A term as an exact phrase: in double quotes, with any quotes of its own removed and its
    /// spaces collapsed.
    static func phrase(_ term: String) -> String {
        let words = term.replacingOccurrences(of: "\"", with: " ").split(whereSeparator: \.isWhitespace)
        return "\"" + words.joined(separator: " ") + "\""
    }

    /// A term as it is searched for, its letters folded to lower case, for comparing: quotes gone,
    /// spaces collapsed.
    static func folded(_ term: String) -> String {
        term.lowercased().replacingOccurrences(of: "\"", with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// `text` percent-encoded for a URL query value or path segment: everything but the unreserved
    /// characters of RFC 3986 (letters, digits, `-`, `.`, `_`, `~`) is encoded, so that `&`, `+`,
    /// `#` and `/` in a name can never change the address's meaning.
    static func encoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }

    /// A base address written so that a path can follow it: without its trailing slashes.
    static func trimmedBase(_ base: String) -> String {
        var text = base
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
