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
    static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
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
