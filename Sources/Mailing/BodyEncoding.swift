import Foundation

/// How a text part travels: quoted-printable or base64, both in lines of at most 76
/// characters ending in CRLF, so the message is 7-bit clean for any SMTP server.
enum BodyEncoding: String, Sendable, Hashable {
    case quotedPrintable = "quoted-printable"
    case base64

    /// The longest encoded line, as RFC 2045 requires for both encodings.
    static let lineLimit = 76

    /// Encodes `text` with whichever encoding is shorter: quoted-printable keeps mostly-ASCII
    /// text readable, base64 is smaller for text that is mostly non-ASCII.
    /// - Returns: the encoding chosen and the encoded lines joined by CRLF.
    static func encode(_ text: String) -> (encoding: BodyEncoding, body: String) {
        let lines = canonicalLines(text)
        let quoted = quotedPrintable(lines: lines)
        let base64 = base64(lines: lines)
        return quoted.utf8.count <= base64.utf8.count ? (.quotedPrintable, quoted) : (.base64, base64)
    }

    /// The text's lines as UTF-8, split at CRLF, CR or LF: the canonical form of RFC 2045,
    /// where every line break is CRLF.
    static func canonicalLines(_ text: String) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var line: [UInt8] = []
        var previousWasCarriageReturn = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\r"):
                lines.append(line)
                line = []
                previousWasCarriageReturn = true
                continue
            case UInt8(ascii: "\n"):
                if !previousWasCarriageReturn {
                    lines.append(line)
                    line = []
                }
            default:
                line.append(byte)
            }
            previousWasCarriageReturn = false
        }
        lines.append(line)
        return lines
    }

    /// Quoted-printable (RFC 2045 section 6.7) of canonical lines: printable ASCII other than
    /// `=` as it is, space and tab as they are except at the end of a line, everything else as
    /// `=XX`; soft line breaks (`=` then CRLF) keep every line within 76 characters and never
    /// split an `=XX`.
    static func quotedPrintable(lines: [[UInt8]]) -> String {
        var output: [String] = []
        for line in lines {
            var encoded = ""
            for (index, byte) in line.enumerated() {
                let isLast = index == line.count - 1
                let token: String
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "\t"):
                    token = isLast ? escaped(byte) : String(UnicodeScalar(byte))
                case 33...126 where byte != UInt8(ascii: "="):
                    token = String(UnicodeScalar(byte))
                default:
                    token = escaped(byte)
                }
                // The last token of a line may fill it to 76; others must leave room for a soft break.
                let limit = isLast ? lineLimit : lineLimit - 1
                if encoded.utf8.count + token.utf8.count > limit {
                    output.append(encoded + "=")
                    encoded = ""
                }
                encoded += token
            }
            output.append(encoded)
        }
        return output.joined(separator: "\r\n")
    }

    /// Base64 of the canonical text (lines joined by CRLF), in lines of 76 characters.
    static func base64(lines: [[UInt8]]) -> String {
        let bytes = Array(lines.joined(separator: [UInt8(ascii: "\r"), UInt8(ascii: "\n")]))
        let encoded = Array(Data(bytes).base64EncodedString().utf8)
        let lines = stride(from: 0, to: encoded.count, by: lineLimit).map { start in
            String(decoding: encoded[start..<min(start + lineLimit, encoded.count)], as: UTF8.self)
        }
        return lines.joined(separator: "\r\n")
    }

    private static let hexDigits = Array("0123456789ABCDEF")

    private static func escaped(_ byte: UInt8) -> String {
        "=" + String(hexDigits[Int(byte >> 4)]) + String(hexDigits[Int(byte & 0x0F)])
    }
}
