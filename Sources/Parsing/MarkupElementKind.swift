import Foundation

/// How an HTML element shapes the text around it, told from its name without making a Swift
/// string: names of up to sixteen bytes are packed into two integers and looked up.
enum MarkupElementKind {
    /// Its start and end are line boundaries (`p`, `div`, `li`, `h1`, ...).
    case block
    /// `br`: a line boundary where it stands.
    case lineBreak
    /// Dropped with everything inside it (`script`, `style`, ...).
    case hidden
    /// Its edges separate words without breaking the line (`td`, `img`, ...).
    case spaced
    /// Inline: no effect on the text around it.
    case inline

    private struct Key: Hashable {
        var low: UInt64 = 0
        var high: UInt64 = 0
    }

    private static let table: [Key: MarkupElementKind] = {
        var table: [Key: MarkupElementKind] = [:]
        for name in MarkupTextWalker.blockElements { table[pack(Array(name.utf8))!] = .block }
        for name in MarkupTextWalker.hiddenElements { table[pack(Array(name.utf8))!] = .hidden }
        for name in MarkupTextWalker.spacedElements { table[pack(Array(name.utf8))!] = .spaced }
        table[pack(Array("br".utf8))!] = .lineBreak
        return table
    }()

    /// The kind of an element named by a NUL-terminated name (any case).
    static func classify(_ name: UnsafePointer<UInt8>?) -> MarkupElementKind {
        guard let name else { return .inline }
        var key = Key()
        var index = 0
        while name[index] != 0 {
            guard index < 16 else { return .inline }
            var byte = name[index]
            if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
            if index < 8 {
                key.low |= UInt64(byte) << (8 * UInt64(index))
            } else {
                key.high |= UInt64(byte) << (8 * UInt64(index - 8))
            }
            index += 1
        }
        return table[key] ?? .inline
    }

    /// Up to sixteen lowercase bytes as a key; nil for longer names (none of the listed ones).
    private static func pack(_ bytes: [UInt8]) -> Key? {
        guard bytes.count <= 16 else { return nil }
        var key = Key()
        for (index, byte) in bytes.enumerated() {
            if index < 8 {
                key.low |= UInt64(byte) << (8 * UInt64(index))
            } else {
                key.high |= UInt64(byte) << (8 * UInt64(index - 8))
            }
        }
        return key
    }
}
