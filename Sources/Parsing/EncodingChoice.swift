import CXML2
import Foundation

/// The character encoding a feed is read in, decided before libxml2 sees the bytes.
///
/// Rule order (RFC 7303, with the corrections the web needs):
/// 1. UTF-16 and UTF-32, told by a byte order mark or by how `<` is spelled in the first bytes.
/// 2. A UTF-8 byte order mark: UTF-8.
/// 3. The HTTP charset, else the XML declaration, else UTF-8. When the two disagree and one of
///    them says UTF-8, the bytes decide: non-ASCII bytes that are valid UTF-8 are read as UTF-8,
///    and bytes that are not as the other label says (a server's default charset is often
///    wrong, and so is a copied declaration).
/// 4. Labels are read as the web reads them: US-ASCII text with non-ASCII bytes as UTF-8 when it
///    is valid UTF-8, else as Windows-1252; ISO-8859-1 as Windows-1252 (its superset, which is
///    what such feeds almost always hold); GB2312 and GBK as GB18030.
/// 5. A label libxml2 cannot decode, or a UTF-16 label on bytes that are not UTF-16, gives UTF-8
///    and a problem, so the feed is still read.
struct EncodingChoice: Equatable {
    /// The encoding reported on ``ParsedFeed/encoding``, lowercased (the label, not the decoder).
    let reportedName: String
    /// The decoder handed to libxml2 (which then ignores the XML declaration's).
    let decoderName: String
    /// Whether the bytes are to be read as UTF-8, so that stray bytes are repaired first.
    let isUTF8: Bool
    /// Why the label was not followed, when it was not.
    let problem: String?

    private static let utf8Labels: Set<String> = ["utf-8", "utf8", "unicode-1-1-utf-8"]
    private static let asciiLabels: Set<String> = [
        "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "us", "cp367", "iso-ir-6", "ibm367",
    ]
    private static let latin1Labels: Set<String> = [
        "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819", "ibm819",
        "iso-ir-100", "iso_8859-1:1987", "csisolatin1",
    ]
    private static let chineseLabels: Set<String> = ["gb2312", "gbk", "x-gbk", "cp936", "euc-cn", "gb_2312-80", "csgb2312"]

    /// Decides the encoding of an ASCII-compatible document.
    /// - Parameters:
    ///   - bytes: the document from its first `<`.
    ///   - httpCharset: the charset of the HTTP Content-Type, when there was one.
    ///   - declared: the encoding the XML declaration names, when it names one.
    static func choose(bytes: [UInt8], httpCharset: String?, declared: String?) -> EncodingChoice {
        let http = httpCharset.map(normalizedLabel).flatMap { $0.isEmpty ? nil : $0 }
        let declaration = declared.map(normalizedLabel).flatMap { $0.isEmpty ? nil : $0 }
        var label = http ?? declaration ?? "utf-8"
        if let http, let declaration, http != declaration,
            utf8Labels.contains(http) || utf8Labels.contains(declaration)
        {
            let shape = UTF8Shape(bytes)
            if shape.isASCII {
                label = http
            } else {
                let other = utf8Labels.contains(http) ? declaration : http
                label = shape.isValid ? "utf-8" : other
            }
        }
        return choice(forLabel: label).resolved(for: bytes)
    }

    /// A document in UTF-16 or UTF-32, as its first bytes showed (see ``DocumentBytes``).
    static func wide(decoderName: String) -> EncodingChoice {
        EncodingChoice(reportedName: decoderName.lowercased(), decoderName: decoderName, isUTF8: false, problem: nil)
    }

    /// UTF-8, as a byte order mark says.
    static let utf8ByteOrderMark = EncodingChoice(reportedName: "utf-8", decoderName: "UTF-8", isUTF8: true, problem: nil)

    private static func choice(forLabel label: String) -> PendingChoice {
        if utf8Labels.contains(label) {
            return PendingChoice(label: "utf-8", kind: .utf8)
        }
        if asciiLabels.contains(label) {
            return PendingChoice(label: "us-ascii", kind: .ascii)
        }
        if latin1Labels.contains(label) {
            return PendingChoice(label: "iso-8859-1", kind: .decoder("windows-1252"))
        }
        if chineseLabels.contains(label) || label == "gb18030" {
            return PendingChoice(label: "gb18030", kind: .decoder("GB18030"))
        }
        if label.hasPrefix("utf-16") || label.hasPrefix("utf-32") || label.hasPrefix("ucs-") {
            return PendingChoice(
                label: label,
                kind: .unusable("the document says \(label) but its bytes are not; read as UTF-8")
            )
        }
        guard isKnownToLibXML(label) else {
            return PendingChoice(label: label, kind: .unusable("the encoding \"\(label)\" is unknown; read as UTF-8"))
        }
        return PendingChoice(label: label, kind: .decoder(label))
    }

    /// A label lowercased, without quotes or spaces around it.
    static func normalizedLabel(_ label: String) -> String {
        label.trimmingCharacters(in: CharacterSet(charactersIn: " \t\r\n\"'")).lowercased()
    }

    /// Whether libxml2 (through iconv) has a decoder for this label.
    private static func isKnownToLibXML(_ label: String) -> Bool {
        LibXML.ensureInitialized()
        guard let handler = xmlFindCharEncodingHandler(label) else { return false }
        xmlCharEncCloseFunc(handler)
        return true
    }
}

/// A label read, before the bytes are looked at where that matters (US-ASCII).
private struct PendingChoice {
    enum Kind {
        case utf8
        case ascii
        case decoder(String)
        case unusable(String)
    }

    let label: String
    let kind: Kind

    /// The choice for these bytes.
    func resolved(for bytes: [UInt8]) -> EncodingChoice {
        let reported = label
        switch kind {
        case .utf8:
            return EncodingChoice(reportedName: reported, decoderName: "UTF-8", isUTF8: true, problem: nil)
        case .ascii:
            let shape = UTF8Shape(bytes)
            if shape.isASCII || shape.isValid {
                return EncodingChoice(reportedName: reported, decoderName: "UTF-8", isUTF8: true, problem: nil)
            }
            return EncodingChoice(reportedName: reported, decoderName: "windows-1252", isUTF8: false, problem: nil)
        case let .decoder(name):
            return EncodingChoice(reportedName: reported, decoderName: name, isUTF8: false, problem: nil)
        case let .unusable(problem):
            return EncodingChoice(reportedName: "utf-8", decoderName: "UTF-8", isUTF8: true, problem: problem)
        }
    }
}

/// Whether bytes are ASCII, and whether they are valid UTF-8, found in one pass.
struct UTF8Shape {
    let isASCII: Bool
    let isValid: Bool

    init(_ bytes: [UInt8]) {
        isASCII = !bytes.contains { $0 >= 0x80 }
        isValid = isASCII || UTF8Repair.isValid(bytes)
    }
}
