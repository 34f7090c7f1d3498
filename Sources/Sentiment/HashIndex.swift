/// An open-addressing table from 64-bit hashes to small integers, built once and then only read.
///
/// The concern model's features are known only by their polynomial hashes (`ByteKeyTable`), so a
/// look-up compares hashes alone: with 64 bits the chance that two of a few thousand features
/// collide is negligible. Unlike `Dictionary` it hashes nothing again, which keeps the model's
/// share of judging a passage small.
struct HashIndex: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private let mask: Int

    /// A table holding `entries`.
    init(_ entries: [UInt64: Int32]) {
        var size = 16
        while size < entries.count * 3 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: ByteKeyTable.missing, count: size)
        mask = size - 1
        for (key, value) in entries {
            var slot = Self.slot(for: key, mask: mask)
            while values[slot] != ByteKeyTable.missing { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = value
        }
    }

    /// The value stored for a hash, if any.
    @inline(__always)
    func value(for key: UInt64) -> Int32? {
        var slot = Self.slot(for: key, mask: mask)
        while true {
            let value = values[slot]
            if value == ByteKeyTable.missing { return nil }
            if keys[slot] == key { return value }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    static func slot(for key: UInt64, mask: Int) -> Int {
        let mixed = (key ^ (key >> 31)) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: mixed >> 20) & mask
    }
}

/// The 64-bit hashes seen so far in one passage, emptied in constant time for the next.
///
/// Each slot remembers the passage (`generation`) that filled it, so starting a new passage is
/// one increment; the table doubles when half full.
struct HashSet64: Sendable {
    private var keys: [UInt64] = Array(repeating: 0, count: 64)
    private var generations: [UInt32] = Array(repeating: 0, count: 64)
    private var generation: UInt32 = 1
    private var count = 0

    /// Forgets every hash.
    mutating func removeAll() {
        count = 0
        generation &+= 1
        if generation == 0 {
            for index in generations.indices { generations[index] = 0 }
            generation = 1
        }
    }

    /// Adds a hash; returns whether it was new.
    @inline(__always)
    mutating func insert(_ key: UInt64) -> Bool {
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var slot = HashIndex.slot(for: key, mask: mask)
        while generations[slot] == generation {
            if keys[slot] == key { return false }
            slot = (slot + 1) & mask
        }
        keys[slot] = key
        generations[slot] = generation
        count += 1
        return true
    }

    private mutating func grow() {
        let held = keys.indices.filter { generations[$0] == generation }.map { keys[$0] }
        keys = Array(repeating: 0, count: keys.count * 2)
        generations = Array(repeating: 0, count: keys.count)
        let mask = keys.count - 1
        for key in held {
            var slot = HashIndex.slot(for: key, mask: mask)
            while generations[slot] == generation { slot = (slot + 1) & mask }
            keys[slot] = key
            generations[slot] = generation
        }
    }
}
