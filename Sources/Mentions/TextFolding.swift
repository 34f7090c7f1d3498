import Foundation
import Model

/// Folds text to the form profile terms and passages are compared in: lower case, no accents,
/// no apostrophes.
///
/// Both sides of every comparison go through the same function, so "Café", "cafe" and "CAFÉ"
/// meet as "cafe", and "O’Neill" meets "O'Neill" and "ONeill" as "oneill".
enum TextFolding {
    /// Letters that carry no canonical decomposition but have a plain Latin spelling.
    private static let plainSpellings: [Character: String] = [
        "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d",
        "ł": "l", "ı": "i", "þ": "th", "ŧ": "t", "ħ": "h",
    ]

    /// Apostrophe-like characters that writers and keyboards use interchangeably.
    static func isApostrophe(_ character: Character) -> Bool {
        character == "'" || character == "\u{2019}" || character == "\u{2018}" || character == "\u{02BC}"
    }

    /// The same for one scalar.
    @inline(__always)
    static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "\u{2019}" || scalar == "\u{2018}" || scalar == "\u{02BC}"
    }

    /// Whether a scalar belongs inside a word: letters and digits, and the combining marks that
    /// accent them. ASCII is answered from its code; Unicode's tables are consulted only beyond it.
    @inline(__always)
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let code = UInt8(scalar.value)
            return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7A)
        }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Whether a scalar is a letter, answered from its code for ASCII.
    @inline(__always)
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return (UInt8(scalar.value) | 0x20) >= 0x61 && (UInt8(scalar.value) | 0x20) <= 0x7A }
        return scalar.properties.isAlphabetic
    }

    /// Whether a scalar is white space or a line break, answered from its code for ASCII.
    @inline(__always)
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.value == 0x20 || (scalar.value >= 0x09 && scalar.value <= 0x0D) }
        return scalar.properties.isWhitespace
    }

    /// The folded form of a run of scalars; plain ASCII is lowered byte by byte.
    static func fold(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count)
        for scalar in scalars {
            guard scalar.isASCII else {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars)
                return fold(String(view))
            }
            let code = UInt8(scalar.value)
            if code == 0x27 { continue }
            bytes.append(code >= 0x41 && code <= 0x5A ? code | 0x20 : code)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The folded form of some text: lower case, accents removed, apostrophes dropped.
    static func fold<S: StringProtocol>(_ text: S) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return text.lowercased().filter { $0 != "'" }
        }
        let decomposed = String(text).lowercased().decomposedStringWithCanonicalMapping
        var scalars = String.UnicodeScalarView()
        for scalar in decomposed.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                continue
            case .format where InvisibleCharacters.contains(scalar.value):
                continue
            default:
                scalars.append(scalar)
            }
        }
        var result = ""
        for character in String(scalars) where !isApostrophe(character) {
            if let plain = plainSpellings[character] {
                result += plain
            } else {
                result.append(character)
            }
        }
        return result
    }
}
