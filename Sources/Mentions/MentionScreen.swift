/// A quick, conservative screen over a passage's UTF-8 bytes: says "no mention possible" for
/// most passages without tokenizing them, and "maybe" for every passage that could hold one.
///
/// Every mention needs some run of letters and digits from the profile to appear in the
/// passage: a word of a name or alias, a run-together name, a hashtag body, a handle's user
/// part, or the letters of a domain's first label. The screen keeps the hashes of those runs
/// (and of their parts between hyphens, dots and underscores) and checks the passage's own
/// runs against them: ASCII letters and digits lowered, apostrophes skipped (also trying the
/// part before one, for possessives), underscores both kept and dropped, and every part between
/// underscores. A run holding any other letter (accented, or from another script) cannot be
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

    /// Whether the passage may name the school.
    func mayMention(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                guard Self.isAlphanumeric(byte) || byte >= 0x80 else {
                    index += 1
                    continue
                }
                // A run of letters, digits, underscores, apostrophes and other non-ASCII bytes.
                var joined: UInt64 = 0xCBF2_9CE4_8422_2325   // underscores dropped
                var kept: UInt64 = 0xCBF2_9CE4_8422_2325     // underscores kept
                var part: UInt64 = 0xCBF2_9CE4_8422_2325     // since the last underscore or apostrophe
                var partLength = 0
                var runLength = 0
                while index < bytes.count {
                    let current = bytes[index]
                    if Self.isAlphanumeric(current) {
                        let lowered = UInt64(current | (current >= 0x41 && current <= 0x5A ? 0x20 : 0))
                        joined = (joined ^ lowered) &* 0x100_0000_01B3
                        kept = (kept ^ lowered) &* 0x100_0000_01B3
                        part = (part ^ lowered) &* 0x100_0000_01B3
                        partLength += 1
                        runLength += 1
                        index += 1
                    } else if current == 0x5F || current == 0x27 {
                        if partLength > 0, hashes.contains(part) { return true }
                        if current == 0x5F {
                            kept = (kept ^ 0x5F) &* 0x100_0000_01B3
                        } else if runLength > 0, hashes.contains(joined) {
                            return true   // the word before a possessive apostrophe
                        }
                        part = 0xCBF2_9CE4_8422_2325
                        partLength = 0
                        index += 1
                    } else if current >= 0x80 {
                        // Curly apostrophes (E2 80 98/99, CA BC) count as apostrophes; anything else
                        // that is not ASCII may be a letter this screen cannot fold.
                        if current == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80,
                           bytes[index + 2] == 0x98 || bytes[index + 2] == 0x99 {
                            if partLength > 0, hashes.contains(part) || hashes.contains(joined) { return true }
                            part = 0xCBF2_9CE4_8422_2325
                            partLength = 0
                            index += 3
                        } else if current == 0xCA, index + 1 < bytes.count, bytes[index + 1] == 0xBC {
                            if partLength > 0, hashes.contains(part) || hashes.contains(joined) { return true }
                            part = 0xCBF2_9CE4_8422_2325
                            partLength = 0
                            index += 2
                        } else if Self.isLetterOrMark(bytes, at: index) {
                            return true
                        } else {
                            break
                        }
                    } else {
                        break
                    }
                }
                if partLength > 0, hashes.contains(part) { return true }
                if runLength > 0, hashes.contains(joined) || hashes.contains(kept) { return true }
                while index < bytes.count, bytes[index] >= 0x80, !Self.isLetterOrMark(bytes, at: index) {
                    index += 1
                    while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
                }
            }
            return false
        }
    }

    /// Whether the non-ASCII scalar starting at `index` is a letter, digit or combining mark.
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
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
}
