import Foundation

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

    /// Whether a character belongs inside a word: letters and digits, with their accents.
    /// ASCII is answered from its code; Unicode's tables are consulted only beyond it.
    @inline(__always)
    static func isWordCharacter(_ character: Character) -> Bool {
        if let code = character.asciiValue {
            return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7A)
        }
        return character.isLetter || character.isNumber
    }

    /// Whether a character is a letter, answered from its code for ASCII.
    @inline(__always)
    static func isLetter(_ character: Character) -> Bool {
        if let code = character.asciiValue { return (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7A }
        return character.isLetter
    }

    /// Whether a character is white space or a line break, answered from its code for ASCII.
    @inline(__always)
    static func isWhitespace(_ character: Character) -> Bool {
        if let code = character.asciiValue { return code == 0x20 || (code >= 0x09 && code <= 0x0D) }
        return character.isWhitespace
    }

    /// The folded form of a run of characters; plain ASCII is lowered byte by byte.
    static func fold(_ characters: ArraySlice<Character>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(characters.count)
        for character in characters {
            guard let code = character.asciiValue else { return fold(String(characters)) }
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
