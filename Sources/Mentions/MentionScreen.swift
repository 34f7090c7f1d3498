import Model

/// A quick, conservative screen over a passage's UTF-8 bytes: says "no mention possible" for
/// most passages without tokenizing them, and "maybe" for every passage that could hold one.
///
/// Every mention needs some run of letters and digits from the profile to appear in the
/// passage: a word of a name or alias, a run-together name, a hashtag body, a handle's user
/// part, or the letters of a domain's first label. The screen keeps the hashes of those runs
/// (and of their parts between hyphens, dots and underscores) and checks the passage's own
/// runs of letters, digits, underscores and apostrophes against them, in every shape a token
/// can take: ASCII lowered, with underscores dropped (hashtags) or kept (handles), the word since
/// the last underscore without apostrophes ("O'Neill"), and the part before an apostrophe
/// (possessives); each is tried at every underscore and apostrophe and at the run's end. A run holding any other letter (accented, or from another script) cannot be
/// folded here, so the passage is passed on as "maybe". False "maybe"s only cost time; the
/// full finder decides.
struct MentionScreen: Sendable {
    private let hashes: Set<UInt64>

    /// A screen for the folded runs of a profile; each is also split at non-alphanumerics.
    init(runs: [String]) {
        var hashes: Set<UInt64> = []
        for run in runs {
            let bytes = Array(run.utf8)
            hashes.insert(Self.hash(bytes.filter { $0 != 0x27 }))
            var part: [UInt8] = []
            for byte in bytes + [0x20] {
                if Self.isAlphanumeric(byte) || byte >= 0x80 {
                    part.append(byte)
                } else if byte != 0x27 {
                    if !part.isEmpty { hashes.insert(Self.hash(part)) }
                    part.removeAll()
                }
            }
        }
        self.hashes = hashes
    }

    private static func hash<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash
    }

    @inline(__always)
    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
    }

    /// The running FNV-1a hashes of one run of the passage (letters, digits, underscores and
    /// apostrophes), each in the shape one kind of token takes.
    private struct RunHashes {
        static let empty: UInt64 = 0xCBF2_9CE4_8422_2325
        /// Underscores and apostrophes dropped: a hashtag body or a run-together name.
        var joined = empty
        /// Underscores kept, apostrophes dropped: a handle's user part.
        var kept = empty
        /// Since the last underscore, apostrophes dropped: a word such as "O'Neill".
        var word = empty
        /// Since the last underscore or apostrophe: a word before a possessive "'s".
        var part = empty
        var wordLength = 0
        var partLength = 0

        @inline(__always)
        static func mix(_ hash: UInt64, _ byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }

        mutating func addLetter(_ lowered: UInt8) {
            joined = Self.mix(joined, lowered)
            kept = Self.mix(kept, lowered)
            word = Self.mix(word, lowered)
            part = Self.mix(part, lowered)
            wordLength += 1
            partLength += 1
        }

        mutating func addUnderscore() {
            kept = Self.mix(kept, 0x5F)
            word = Self.empty
            part = Self.empty
            wordLength = 0
            partLength = 0
        }

        mutating func addApostrophe() {
            part = Self.empty
            partLength = 0
        }

        /// Whether any shape seen so far is a run of the profile.
        func matches(_ hashes: Set<UInt64>) -> Bool {
            (partLength > 0 && hashes.contains(part)) || (wordLength > 0 && hashes.contains(word))
                || hashes.contains(joined) || hashes.contains(kept)
        }
    }

    /// Whether the passage may name the school.
    func mayMention(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                guard Self.isAlphanumeric(byte) || byte == 0x5F || byte >= 0x80 else {
                    index += 1
                    continue
                }
                var run = RunHashes()
                var hasLetters = false
                // Checked before each underscore or apostrophe and at the run's end, so that every
                // prefix a token can stop at is tried.
                scan: while index < bytes.count {
                    let current = bytes[index]
                    if Self.isAlphanumeric(current) {
                        run.addLetter(current >= 0x41 && current <= 0x5A ? current | 0x20 : current)
                        hasLetters = true
                        index += 1
                    } else if current == 0x5F {
                        if hasLetters, run.matches(hashes) { return true }
                        run.addUnderscore()
                        index += 1
                    } else if current == 0x27 {
                        if hasLetters, run.matches(hashes) { return true }
                        run.addApostrophe()
                        index += 1
                    } else if current >= 0x80 {
                        // Curly apostrophes (E2 80 98/99, CA BC) count as apostrophes; a letter or mark
                        // beyond ASCII cannot be folded here, so the passage may name the school.
                        let length = Self.curlyApostropheLength(bytes, at: index)
                        if length > 0 {
                            if hasLetters, run.matches(hashes) { return true }
                            run.addApostrophe()
                            index += length
                        } else if Self.isLetterOrMark(bytes, at: index) {
                            return true
                        } else {
                            break scan
                        }
                    } else {
                        break scan
                    }
                }
                if hasLetters, run.matches(hashes) { return true }
                while index < bytes.count, bytes[index] >= 0x80, Self.curlyApostropheLength(bytes, at: index) == 0,
                      !Self.isLetterOrMark(bytes, at: index) {
                    index += 1
                    while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
                }
            }
            return false
        }
    }

    /// The length of a curly apostrophe (U+2018, U+2019 or U+02BC) at `index`, or 0.
    private static func curlyApostropheLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        if bytes[index] == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x98 || bytes[index + 2] == 0x99 {
            return 3
        }
        if bytes[index] == 0xCA, index + 1 < bytes.count, bytes[index + 1] == 0xBC { return 2 }
        return 0
    }

    /// Whether the non-ASCII scalar starting at `index` is a letter, digit or combining mark, or an
    /// invisible character that words are read across (a soft hyphen, a zero-width joiner).
    private static func isLetterOrMark(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let first = UInt32(bytes[index])
        guard first >= 0xC0 else { return false }
        let length = first < 0xE0 ? 2 : first < 0xF0 ? 3 : 4
        var value = first & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        var offset = 1
        while offset < length, index + offset < bytes.count {
            value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
            offset += 1
        }
        guard let scalar = Unicode.Scalar(value) else { return true }
        if InvisibleCharacters.contains(scalar.value) { return true }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
}
