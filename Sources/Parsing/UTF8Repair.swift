import Foundation

/// Makes bytes that are meant to be UTF-8 valid UTF-8, reading each stray byte as the
/// Windows-1252 character it most likely was.
///
/// A feed that says UTF-8 but carries a Latin-1 `£` or `é` pasted from elsewhere is common.
/// libxml2 reports it and copies the raw byte into the text, which later shows as U+FFFD;
/// reading the byte as Windows-1252 (a superset of Latin-1's printable range) recovers the
/// character the author meant, without disturbing the valid UTF-8 around it.
enum UTF8Repair {
    /// Windows-1252's characters for 0x80–0x9F; the five unassigned bytes become U+FFFD.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    /// The repaired bytes and what was repaired, or nil when the bytes are already valid UTF-8.
    static func repaired(_ input: [UInt8]) -> (bytes: [UInt8], problems: [XMLProblem], repairCount: Int)? {
        guard let firstInvalid = firstInvalidIndex(in: input, from: 0) else { return nil }
        var output = Array(input[..<firstInvalid])
        output.reserveCapacity(input.count + 16)
        var problems: [XMLProblem] = []
        var repairCount = 0
        var line = 1 + input[..<firstInvalid].count { $0 == 0x0A }
        var lastReportedLine = 0
        var index = firstInvalid
        while index < input.count {
            let length = validSequenceLength(in: input, at: index)
            if length > 0 {
                if input[index] == 0x0A { line += 1 }
                output.append(contentsOf: input[index..<(index + length)])
                index += length
                continue
            }
            let byte = input[index]
            let scalar = byte >= 0xA0 ? UInt32(byte) : windows1252High[Int(byte) - 0x80]
            output.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
            repairCount += 1
            if line != lastReportedLine, problems.count < XMLErrorCollector.keptProblemLimit {
                problems.append(
                    XMLProblem(
                        line: line,
                        message: "bytes that are not UTF-8 were read as Windows-1252 "
                            + "(declare the encoding the file really uses)",
                        isFatal: false,
                        isWarning: false
                    )
                )
                lastReportedLine = line
            }
            index += 1
        }
        return (output, problems, repairCount)
    }

    /// Whether the bytes are valid UTF-8 throughout.
    static func isValid(_ input: [UInt8]) -> Bool {
        firstInvalidIndex(in: input, from: 0) == nil
    }

    private static func firstInvalidIndex(in input: [UInt8], from start: Int) -> Int? {
        var index = start
        while index < input.count {
            if input[index] < 0x80 {
                index += 1
                continue
            }
            let length = validSequenceLength(in: input, at: index)
            if length == 0 { return index }
            index += length
        }
        return nil
    }

    /// The length of the valid UTF-8 sequence at `index`, or 0 when the byte there starts none.
    private static func validSequenceLength(in input: [UInt8], at index: Int) -> Int {
        let lead = input[index]
        if lead < 0x80 { return 1 }
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: return 0
        }
        guard index + length <= input.count, secondRange.contains(input[index + 1]) else { return 0 }
        for offset in 2..<length where !(0x80...0xBF).contains(input[index + offset]) {
            return 0
        }
        return length
    }
}
