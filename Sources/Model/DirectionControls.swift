/// Unicode's explicit direction controls: the embeddings and overrides U+202A–U+202E and the
/// isolates U+2066–U+2069.
///
/// Inside a title or a post from the internet they reorder what a reader sees after them (a
/// right-to-left override shows "gnp.exe" as "exe.png", and can turn a sentence round), so every
/// place that shows such text replaces them with U+FFFD: ``MarkupText`` for the digest, the
/// workspace pages and the mail, the text digest, and the command line.
public enum DirectionControls {
    /// What a direction control is shown as.
    public static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// Whether the scalar with this value is a direction control.
    @inlinable
    public static func contains(_ value: UInt32) -> Bool {
        (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }

    /// `text` with each direction control replaced by ``replacement``.
    public static func neutralised(_ text: String) -> String {
        // Every direction control is encoded in UTF-8 with a leading byte 0xE2: text without one
        // (most of it) is returned as it is, with no walk over its scalars.
        guard text.utf8.contains(0xE2) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(contains(scalar.value) ? replacement : scalar)
        }
        return String(scalars)
    }
}
