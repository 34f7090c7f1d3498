import Model

/// A passage seen as a sequence of characters over its UTF-8 bytes: each character's first
/// scalar, and the bytes it spans.
///
/// Plain ASCII text, the common case, is read straight from its bytes (`ASCIIUnits`); other
/// text is first grouped into characters (`ClusterUnits`), a scalar and the marks, joiners,
/// variation selectors and skin tones that extend it. The reader is generic over both, so the
/// ASCII path pays for none of the Unicode work.
protocol CharacterUnits {
    /// How many characters.
    var count: Int { get }
    /// The first scalar of a character.
    func lead(_ index: Int) -> UInt32
    /// The byte offset where a character starts; `byteStart(count)` is the text's length.
    func byteStart(_ index: Int) -> Int
}

/// ASCII text: one byte, one character.
struct ASCIIUnits: CharacterUnits {
    let bytes: UnsafeBufferPointer<UInt8>

    var count: Int { bytes.count }

    @inline(__always)
    func lead(_ index: Int) -> UInt32 { UInt32(bytes[index]) }

    @inline(__always)
    func byteStart(_ index: Int) -> Int { index }
}

/// Text with non-ASCII characters, grouped in advance.
struct ClusterUnits: CharacterUnits {
    let leads: UnsafeBufferPointer<UInt32>
    /// One more entry than `leads`: the end of the text.
    let starts: UnsafeBufferPointer<Int32>

    var count: Int { leads.count }

    @inline(__always)
    func lead(_ index: Int) -> UInt32 { leads[index] }

    @inline(__always)
    func byteStart(_ index: Int) -> Int { Int(starts[index]) }

    /// Groups UTF-8 bytes into characters: first scalars and start offsets (plus the end).
    static func group(_ bytes: UnsafeBufferPointer<UInt8>, leads: inout [UInt32], starts: inout [Int32]) {
        leads.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        var index = 0
        var previous: UInt32 = 0
        var regionalIndicatorRun = 0
        while index < bytes.count {
            let (scalar, length) = decode(bytes, at: index)
            var extends = false
            if !leads.isEmpty {
                if previous == 0x0D && scalar == 0x0A {
                    extends = true
                } else if previous == 0x200D, scalar >= 0x80, ScalarClass.isEmoji(scalar), let lead = leads.last, lead >= 0x80,
                          ScalarClass.isEmoji(lead) {
                    // A zero-width joiner joins an emoji to an emoji ("👩‍🏫"), never to a letter, space or line break.
                    extends = true
                } else if scalar >= 0x80 {
                    extends = ScalarClass.extendsCharacter(scalar)
                    if scalar >= 0x1F1E6, scalar <= 0x1F1FF {
                        extends = regionalIndicatorRun % 2 == 1
                    }
                }
            }
            regionalIndicatorRun = scalar >= 0x1F1E6 && scalar <= 0x1F1FF ? regionalIndicatorRun + 1 : 0
            if !extends {
                leads.append(scalar)
                starts.append(Int32(index))
            }
            previous = scalar
            index += length
        }
        starts.append(Int32(bytes.count))
    }

    /// The scalar starting at `index` of valid UTF-8, and its length in bytes.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let first = UInt32(bytes[index])
        if first < 0x80 { return (first, 1) }
        func continuation(_ offset: Int) -> UInt32 {
            index + offset < bytes.count ? UInt32(bytes[index + offset] & 0x3F) : 0
        }
        if first < 0xE0 { return ((first & 0x1F) << 6 | continuation(1), 2) }
        if first < 0xF0 { return ((first & 0x0F) << 12 | continuation(1) << 6 | continuation(2), 3) }
        return ((first & 0x07) << 18 | continuation(1) << 12 | continuation(2) << 6 | continuation(3), 4)
    }
}

/// Character classes by a character's first scalar, with ASCII answered without table look-ups.
enum ScalarClass {
    @inline(__always)
    static func properties(_ value: UInt32) -> Unicode.Scalar.Properties? {
        Unicode.Scalar(value)?.properties
    }

    @inline(__always)
    static func isWhitespace(_ value: UInt32) -> Bool {
        if value < 0x80 { return value == 0x20 || (value >= 0x09 && value <= 0x0D) }
        return properties(value)?.isWhitespace ?? false
    }

    @inline(__always)
    static func isNewline(_ value: UInt32) -> Bool {
        (value >= 0x0A && value <= 0x0D) || value == 0x85 || value == 0x2028 || value == 0x2029
    }

    @inline(__always)
    static func isLetter(_ value: UInt32) -> Bool {
        if value < 0x80 { return (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A }
        return properties(value)?.isAlphabetic ?? false
    }

    @inline(__always)
    static func isNumber(_ value: UInt32) -> Bool {
        if value < 0x80 { return value >= 0x30 && value <= 0x39 }
        return properties(value)?.numericType != nil
    }

    @inline(__always)
    static func isLetterOrNumber(_ value: UInt32) -> Bool {
        if value < 0x80 {
            return (value >= 0x30 && value <= 0x39) || ((value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A)
        }
        guard let properties = properties(value) else { return false }
        return properties.isAlphabetic || properties.numericType != nil
    }

    @inline(__always)
    static func isLowercase(_ value: UInt32) -> Bool {
        if value < 0x80 { return value >= 0x61 && value <= 0x7A }
        return properties(value)?.isLowercase ?? false
    }

    @inline(__always)
    static func isUppercase(_ value: UInt32) -> Bool {
        if value < 0x80 { return value >= 0x41 && value <= 0x5A }
        return properties(value)?.isUppercase ?? false
    }

    @inline(__always)
    static func isEmoji(_ value: UInt32) -> Bool {
        value > 0x7F && (properties(value)?.isEmoji ?? false)
    }

    @inline(__always)
    static func isApostrophe(_ value: UInt32) -> Bool {
        value == 0x27 || value == 0x2019 || value == 0x2018 || value == 0x02BC
    }

    /// Whether a scalar belongs to the character before it: marks, variation selectors, skin tones,
    /// and invisible characters that words are read across (soft hyphen, zero-width space, joiner
    /// and non-joiner, word joiner, byte order mark), which `TextForm.normalized` then drops.
    static func extendsCharacter(_ value: UInt32) -> Bool {
        if (value >= 0xFE00 && value <= 0xFE0F) || (value >= 0x1F3FB && value <= 0x1F3FF) { return true }
        if InvisibleCharacters.contains(value) { return true }
        if value >= 0xE0020, value <= 0xE007F { return true }
        guard let properties = properties(value) else { return false }
        if properties.isGraphemeExtend { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
}
