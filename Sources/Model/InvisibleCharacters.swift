/// Characters that may sit inside a word without being seen: a soft hyphen (`&shy;` in pages),
/// zero-width space, joiner and non-joiner, word joiner and byte order mark.
///
/// Finding mentions and scoring sentiment both read words across them and fold them away, so
/// that "Mill&shy;brook" is "Millbrook" to each.
public enum InvisibleCharacters {
    /// Whether the scalar with this value is one of them.
    @inlinable
    public static func contains(_ value: UInt32) -> Bool {
        value == 0x00AD || (value >= 0x200B && value <= 0x200D) || value == 0x2060 || value == 0xFEFF
    }
}
