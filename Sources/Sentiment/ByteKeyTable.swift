import Foundation

/// An open-addressing hash table from byte strings (UTF-8 words and phrases in comparison form)
/// to small integers, built once and then only read.
///
/// Passages are read as UTF-8 bytes, and each word's hash is computed while its bytes are
/// lowered, so a look-up costs one probe and one byte comparison, with no `String` made. The hash
/// is polynomial, so the hash of a phrase can be composed from the hashes of its words
/// (`combining(_:_:length:)`) without copying them together.
struct ByteKeyTable: Sendable {
    /// The polynomial hash's multiplier.
    static let multiplier: UInt64 = 0x100_0000_01B3
    /// Marks an empty slot, and a look-up that found nothing.
    static let missing: Int32 = -1

    /// One place of the table: a key's hash, its value, and where its bytes lie in `keyBytes`,
    /// side by side so that a probe reads one cache line.
    private struct Slot {
        var hash: UInt64 = 0
        var value: Int32 = ByteKeyTable.missing
        var keyStart: Int32 = 0
        var keyLength: Int32 = 0
    }

    private var slots: [Slot]
    private var keyBytes: [UInt8] = []
    private var mask: Int
    private(set) var count = 0

    /// An empty table with room for `capacity` keys at a low load factor.
    init(capacity: Int) {
        var size = 16
        while size < capacity * 3 { size <<= 1 }
        slots = Array(repeating: Slot(), count: size)
        mask = size - 1
    }

    // MARK: - Hashing

    /// The hash of some bytes.
    @inline(__always)
    static func hash<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 0
        for byte in bytes { hash = extending(hash, with: byte) }
        return hash
    }

    /// The hash with one more byte.
    @inline(__always)
    static func extending(_ hash: UInt64, with byte: UInt8) -> UInt64 {
        hash &* multiplier &+ UInt64(byte)
    }

    /// The hash of the bytes of `first` followed by `length` bytes whose hash is `second`.
    @inline(__always)
    static func combining(_ first: UInt64, _ second: UInt64, length: Int) -> UInt64 {
        first &* power(length) &+ second
    }

    private static let powers: [UInt64] = {
        var powers: [UInt64] = [1]
        for _ in 0..<256 { powers.append(powers[powers.count - 1] &* multiplier) }
        return powers
    }()

    /// The multiplier raised to `exponent`.
    @inline(__always)
    static func power(_ exponent: Int) -> UInt64 {
        if exponent < powers.count { return powers[exponent] }
        var result = powers[powers.count - 1]
        for _ in 0..<(exponent - powers.count + 1) { result = result &* multiplier }
        return result
    }

    @inline(__always)
    private func slot(for hash: UInt64) -> Int {
        let mixed = (hash ^ (hash >> 31)) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: mixed >> 20) & mask
    }

    // MARK: - Building and reading

    /// Adds a key, or returns the value it already has. Returns the value now stored for it.
    @discardableResult
    mutating func insert<Bytes: Collection>(_ key: Bytes, value: Int32) -> Int32 where Bytes.Element == UInt8 {
        let hash = Self.hash(key)
        let existing = self.value(hash: hash, length: key.count) { stored in stored.elementsEqual(key) }
        if existing != Self.missing { return existing }
        var index = slot(for: hash)
        while slots[index].value != Self.missing { index = (index + 1) & mask }
        slots[index] = Slot(hash: hash, value: value, keyStart: Int32(keyBytes.count), keyLength: Int32(key.count))
        keyBytes.append(contentsOf: key)
        count += 1
        return value
    }

    /// The value of a key of `length` bytes and this hash, for which `isKey` confirms the bytes.
    @inline(__always)
    func value(hash: UInt64, length: Int, isKey: (UnsafeBufferPointer<UInt8>) -> Bool) -> Int32 {
        slots.withUnsafeBufferPointer { slots in
            var index = slot(for: hash)
            while true {
                let slot = slots[index]
                if slot.value == Self.missing { return Self.missing }
                if slot.hash == hash, Int(slot.keyLength) == length {
                    let start = Int(slot.keyStart)
                    let matches = keyBytes.withUnsafeBufferPointer { stored in
                        isKey(UnsafeBufferPointer(rebasing: stored[start..<(start + length)]))
                    }
                    if matches { return slot.value }
                }
                index = (index + 1) & mask
            }
        }
    }

    /// The value of a key given as bytes in memory.
    @inline(__always)
    func value(hash: UInt64, bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        value(hash: hash, length: bytes.count) { stored in
            stored.count == bytes.count && (bytes.isEmpty || Self.equal(stored.baseAddress!, bytes.baseAddress!, count: bytes.count))
        }
    }

    /// Whether two runs of bytes are equal, compared eight at a time: keys are words and short
    /// phrases, for which a call to `memcmp` costs more than the comparison.
    @inline(__always)
    static func equal(_ first: UnsafePointer<UInt8>, _ second: UnsafePointer<UInt8>, count: Int) -> Bool {
        var index = 0
        while index + 8 <= count {
            guard UnsafeRawPointer(first + index).loadUnaligned(as: UInt64.self)
                == UnsafeRawPointer(second + index).loadUnaligned(as: UInt64.self) else { return false }
            index += 8
        }
        while index < count {
            guard first[index] == second[index] else { return false }
            index += 1
        }
        return true
    }

    /// The value of a key given as any bytes.
    func value<Bytes: Collection>(of key: Bytes) -> Int32 where Bytes.Element == UInt8 {
        value(hash: Self.hash(key), length: key.count) { $0.elementsEqual(key) }
    }
}
