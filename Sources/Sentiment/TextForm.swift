import Foundation
import Model

/// The comparison form of words in this room: lower case, accents removed, every apostrophe
/// written as `'`.
///
/// Data files and passages go through the same functions, so "CAN’T" in a post meets "can't"
/// in a file, and "naïve" meets "naive".
enum TextForm {
    /// Apostrophe-like characters that writers and keyboards use interchangeably.
    static func isApostrophe(_ character: Character) -> Bool {
        character == "'" || character == "\u{2019}" || character == "\u{2018}" || character == "\u{02BC}"
    }

    /// Lower case, accents removed, apostrophes straightened, invisible characters dropped.
    static func normalized<S: StringProtocol>(_ text: S) -> String {
        let lowered = String(text).lowercased()
        if lowered.unicodeScalars.allSatisfy({ $0.isASCII }) {
            return lowered
        }
        var scalars = String.UnicodeScalarView()
        for scalar in lowered.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark:
                continue
            case .format where InvisibleCharacters.contains(scalar.value):
                continue
            default:
                scalars.append(scalar)
            }
        }
        return String(String(scalars).map { isApostrophe($0) ? "'" : $0 })
    }

    /// The word with its apostrophes removed ("can't" → "cant").
    static func withoutApostrophes(_ word: String) -> String {
        word.utf8.contains(0x27) ? word.filter { $0 != "'" } : word
    }

    /// The spellings an elongated word may stand for, most likely first: every run of three or
    /// more identical letters collapsed to two ("goooood" → "good"), then to one ("loooove" → "love").
    /// Doubled letters elsewhere in the word are kept. Empty when the word has no such run.
    static func elongationVariants(of word: String) -> [String] {
        guard hasRunOfThree(word) else { return [] }
        let toTwo = collapsingLongRuns(of: word, keeping: 2)
        guard toTwo != word else { return [] }
        let toOne = collapsingLongRuns(of: word, keeping: 1)
        return toOne == toTwo ? [toTwo] : [toTwo, toOne]
    }

    /// A quick byte-level check that lets most words skip the collapsing work.
    private static func hasRunOfThree(_ word: String) -> Bool {
        var previous: UInt8 = 0
        var runLength = 0
        for byte in word.utf8 {
            runLength = byte == previous ? runLength + 1 : 1
            previous = byte
            if runLength >= 3 { return true }
        }
        return false
    }

    private static func collapsingLongRuns(of word: String, keeping kept: Int) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return collapsingLongASCIIRuns(of: word, keeping: kept) }
        let characters = Array(word)
        var result = ""
        var index = 0
        while index < characters.count {
            var end = index
            while end < characters.count, characters[end] == characters[index] {
                end += 1
            }
            if end - index >= 3, characters[index].isLetter {
                result += String(repeating: String(characters[index]), count: kept)
            } else {
                result += String(characters[index..<end])
            }
            index = end
        }
        return result
    }

    /// `collapsingLongRuns` for ASCII text, byte by byte: each byte is one character there, and
    /// runs of anything but letters are kept whole either way.
    private static func collapsingLongASCIIRuns(of word: String, keeping kept: Int) -> String {
        let bytes = Array(word.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            var end = index + 1
            while end < bytes.count, bytes[end] == byte { end += 1 }
            let isLetter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
            let count = isLetter && end - index >= 3 ? kept : end - index
            result.append(contentsOf: repeatElement(byte, count: count))
            index = end
        }
        return String(decoding: result, as: UTF8.self)
    }
}
