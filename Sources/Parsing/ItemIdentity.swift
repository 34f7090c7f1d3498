import Foundation
import Model

/// Decides the ``Model/ItemKey`` of an item, so that the same post is recognised on every scan.
///
/// Rule order: a non-empty guid or id gives `id:<value>`; else a normalised link gives
/// `link:<absolute url>`; else `hash:<32 hex digits>` of the normalised title and text.
/// The hash is two 64-bit FNV-1a passes with different offset bases: stable across runs and
/// platforms (unlike `Hasher`), and needing no cryptography library, which Linux lacks by default.
public enum ItemIdentity {
    /// The key for an item with these parts.
    /// - Parameters:
    ///   - id: the guid (RSS), id (Atom, JSON Feed) or nil.
    ///   - link: the item's link, already normalised by ``LinkNormalizer``.
    ///   - title: the item's plain-text title.
    ///   - text: the item's plain-text body.
    public static func key(id: String?, link: URL?, title: String, text: String) -> ItemKey {
        if let id = id?.trimmedWhitespace, !id.isEmpty {
            return ItemKey(rawValue: "id:" + id)
        }
        if let link {
            return ItemKey(rawValue: "link:" + link.absoluteString)
        }
        return contentKey(title.isEmpty ? text : title + "\n" + text)
    }

    /// The `hash:` key of a passage of text, after ``normalizedForHashing(_:)``, so that changes
    /// of case, spacing or line breaks around the same words give the same key.
    public static func contentKey(_ text: String) -> ItemKey {
        ItemKey(rawValue: "hash:" + fingerprint(normalizedForHashing(text)))
    }

    /// Lowercased, with every run of whitespace (line breaks included) collapsed to one space, trimmed.
    public static func normalizedForHashing(_ text: String) -> String {
        PlainTextBuilder.collapseWhitespace(text.lowercased())
    }

    /// 32 lowercase hex digits: FNV-1a 64 over the UTF-8 bytes with the standard offset basis,
    /// followed by the same with a second offset basis.
    public static func fingerprint(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let first = fnv1a64(bytes, offsetBasis: 0xcbf2_9ce4_8422_2325)
        let second = fnv1a64(bytes, offsetBasis: 0x6c62_272e_07bb_0142)
        return hex(first) + hex(second)
    }

    private static func fnv1a64(_ bytes: [UInt8], offsetBasis: UInt64) -> UInt64 {
        let prime: UInt64 = 0x0000_0100_0000_01b3
        var hash = offsetBasis
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* prime
        }
        return hash
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
