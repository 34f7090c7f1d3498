/// An open-addressing table from 64-bit hashes to small integers, built once and then only read.
///
/// The concern model's features are known only by their polynomial hashes (`ByteKeyTable`), so a
/// look-up compares hashes alone. Each slot packs the upper half of a key's hash beside its value
/// in one word, so a probe reads eight bytes and the model's table of 98,813 features takes two
/// megabytes; the slot itself is chosen by the whole hash, so two features are confused only when
/// they agree in both, a chance of about one in 2^45 for a look-up. Unlike `Dictionary` it hashes
/// nothing again, which keeps the model's share of judging a passage small.
struct HashIndex: Sendable {
    /// Per slot: the upper 32 bits of the key's hash, then the value's 32 bits.
    private var slots: [UInt64]
    private let mask: Int
    /// The slot of an empty place: no key, the value `ByteKeyTable.missing`.
    private static let empty = UInt64(UInt32(bitPattern: ByteKeyTable.missing))

    /// A table holding `entries`, whose values must not be `ByteKeyTable.missing`.
    init(_ entries: [UInt64: Int32]) {
        var size = 16
        while size < entries.count * 2 { size <<= 1 }
        slots = Array(repeating: Self.empty, count: size)
        mask = size - 1
        for (key, value) in entries {
            precondition(value != ByteKeyTable.missing, "a hash index cannot hold its empty value")
            var slot = Self.slot(for: key, mask: mask)
            while slots[slot] != Self.empty { slot = (slot + 1) & mask }
            slots[slot] = (key & 0xFFFF_FFFF_0000_0000) | UInt64(UInt32(bitPattern: value))
        }
    }

    /// The value stored for a hash, if any.
    @inline(__always)
    func value(for key: UInt64) -> Int32? {
        slots.withUnsafeBufferPointer { slots in
            var slot = Self.slot(for: key, mask: mask)
            let upper = key & 0xFFFF_FFFF_0000_0000
            while true {
                let entry = slots[slot]
                if entry == Self.empty { return nil }
                if entry & 0xFFFF_FFFF_0000_0000 == upper { return Int32(bitPattern: UInt32(truncatingIfNeeded: entry)) }
                slot = (slot + 1) & mask
            }
        }
    }

    @inline(__always)
    static func slot(for key: UInt64, mask: Int) -> Int {
        let mixed = (key ^ (key >> 31)) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: mixed >> 20) & mask
    }
}
