import Foundation

/// A cursor over ASCII bytes for the date parsers.
struct DigitScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    var isAtEnd: Bool { index >= bytes.count }

    /// How many bytes are left to read.
    var remainingCount: Int { max(0, bytes.count - index) }

    mutating func skip(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue, index < bytes.count, bytes[index] == ascii else { return false }
        index += 1
        return true
    }

    mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 {
            index += 1
        }
    }

    /// A run of decimal digits whose length is in `digits`; consumes nothing when it fails.
    mutating func number(digits: ClosedRange<Int>) -> Int? {
        var end = index
        while end < bytes.count, end - index < digits.upperBound, Self.isDigit(bytes[end]) {
            end += 1
        }
        if end < bytes.count, Self.isDigit(bytes[end]) { return nil }
        guard digits.contains(end - index) else { return nil }
        var value = 0
        for byte in bytes[index..<end] {
            value = value * 10 + Int(byte - 0x30)
        }
        index = end
        return value
    }

    /// The digits after a decimal point, as a fraction of a second.
    mutating func fraction() -> Double? {
        let start = index
        while index < bytes.count, Self.isDigit(bytes[index]) {
            index += 1
        }
        guard index > start else { return nil }
        let digits = String(decoding: bytes[start..<min(index, start + 9)], as: UTF8.self)
        return Double("0." + digits)
    }

    /// `±hh`, `±hhmm` or `±hh:mm`, in seconds east of UTC.
    mutating func numericOffset() -> Int? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") else {
            return nil
        }
        let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
        let start = index
        index += 1
        var hours: Int?
        var minutes = 0
        if let four = number(digits: 4...4) {
            hours = four / 100
            minutes = four % 100
        } else if let two = number(digits: 1...2) {
            hours = two
            if skip(":") {
                guard let parsed = number(digits: 2...2) else {
                    index = start
                    return nil
                }
                minutes = parsed
            }
        }
        guard let hours, hours < 24, minutes < 60 else {
            index = start
            return nil
        }
        return sign * (hours * 3600 + minutes * 60)
    }

    /// A run of ASCII letters.
    mutating func letters() -> String? {
        let start = index
        while index < bytes.count, Self.isLetter(bytes[index]) {
            index += 1
        }
        guard index > start else { return nil }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}
