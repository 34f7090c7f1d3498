import Foundation

extension StringProtocol {
    /// The text without white space at either end: ASCII spaces and line breaks, no-break and
    /// other Unicode spaces, zero-width spaces and byte order marks. Foundation's
    /// `trimmingCharacters(in:)` goes through NSString on Linux, which costs more than the parse
    /// of the element the text came from.
    var trimmedWhitespace: String {
        // Most text has nothing to trim, or only ASCII space: no scalar walk for those.
        let text = String(self)
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return "" }
        if first < 0x80, last < 0x80, !Self.isASCIISpace(first), !Self.isASCIISpace(last) {
            return text
        }
        var bytes = utf8[...]
        while let byte = bytes.first, Self.isASCIISpace(byte) {
            bytes = bytes.dropFirst()
        }
        while let byte = bytes.last, Self.isASCIISpace(byte) {
            bytes = bytes.dropLast()
        }
        if let head = bytes.first, let tail = bytes.last, head < 0x80, tail < 0x80 {
            return String(decoding: bytes, as: UTF8.self)
        }
        if bytes.isEmpty { return "" }
        return Self.trimmingScalars(String(decoding: bytes, as: UTF8.self))
    }

    private static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    private static func trimmingScalars(_ text: String) -> String {
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, Self.isTrimmable(scalars[start]) {
            start = scalars.index(after: start)
        }
        while end > start {
            let before = scalars.index(before: end)
            guard Self.isTrimmable(scalars[before]) else { break }
            end = before
        }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }

    private static func isTrimmable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
            true
        default:
            false
        }
    }
}
