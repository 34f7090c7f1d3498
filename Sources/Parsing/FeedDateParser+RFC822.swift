import Foundation

extension FeedDateParser {
    /// Offsets of the zone names seen in feeds, in seconds east of UTC.
    static let namedZoneOffsets: [String: Int] = [
        "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0,
        "BST": 3600, "CET": 3600, "WEST": 3600, "MET": 3600,
        "CEST": 7200, "EET": 7200, "MEST": 7200, "EEST": 10800,
        "EST": -5 * 3600, "EDT": -4 * 3600,
        "CST": -6 * 3600, "CDT": -5 * 3600,
        "MST": -7 * 3600, "MDT": -6 * 3600,
        "PST": -8 * 3600, "PDT": -7 * 3600,
        "AKST": -9 * 3600, "AKDT": -8 * 3600, "HST": -10 * 3600,
        "JST": 9 * 3600, "AEST": 10 * 3600, "AEDT": 11 * 3600,
        "NZST": 12 * 3600, "NZDT": 13 * 3600,
    ]

    private static let monthNames = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ]

    private static let weekdayNames = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"]

    /// RFC 822 / 1123 and the variants of the wild: `[Weekday,] DD Mon YY[YY] [hh:mm[:ss]] [zone]`,
    /// in any order of day, month and year that can be told apart, with `-` between the date's
    /// parts allowed, an optional AM/PM, and comments in parentheses ignored.
    func parseRFC822(_ text: String) -> Date? {
        var numbers: [(value: Int, digitCount: Int)] = []
        var month: Int?
        var time: (hour: Int, minute: Int, second: Int, fraction: Double)?
        var offset: Int?
        var isAfternoon: Bool?
        var hasUnknownZone = false

        for token in Self.tokens(of: text) {
            let upper = token.uppercased()
            if let first = upper.utf8.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
                var scanner = DigitScanner(upper)
                guard let numeric = scanner.numericOffset(), scanner.isAtEnd else { return nil }
                offset = (offset ?? 0) + numeric
            } else if token.utf8.contains(UInt8(ascii: ":")) {
                guard time == nil, let parsed = Self.parseTime(token) else { return nil }
                time = (parsed.hour, parsed.minute, parsed.second, parsed.fraction)
                if let zone = parsed.zone {
                    guard let zoneOffset = Self.parseZone(zone) else { return nil }
                    offset = (offset ?? 0) + zoneOffset
                }
            } else if upper.utf8.allSatisfy(DigitScanner.isDigit) {
                numbers.append((Int(upper) ?? 0, upper.utf8.count))
            } else if let day = Self.ordinalDay(upper) {
                numbers.append((day, 2))
            } else if let index = Self.monthNames.firstIndex(where: { upper.hasPrefix($0) }),
                month == nil, upper.count >= 3, upper.utf8.allSatisfy(DigitScanner.isLetter)
            {
                month = index + 1
            } else if Self.weekdayNames.contains(where: { upper.hasPrefix($0) }),
                upper.utf8.allSatisfy(DigitScanner.isLetter)
            {
                continue
            } else if upper == "AM" || upper == "PM" {
                isAfternoon = upper == "PM"
            } else if let zoneOffset = Self.parseZone(upper) {
                offset = (offset ?? 0) + zoneOffset
            } else if upper.utf8.allSatisfy(DigitScanner.isLetter), upper.count <= 5, !hasUnknownZone {
                // An unknown zone name: RFC 2822 says to read it as UTC.
                hasUnknownZone = true
            } else {
                return nil
            }
        }

        guard let month, numbers.count == 2 else { return nil }
        let (day, yearToken) = numbers[0].digitCount >= 3 ? (numbers[1], numbers[0]) : (numbers[0], numbers[1])
        guard day.digitCount <= 2 else { return nil }
        let year = Self.fullYear(yearToken.value, digitCount: yearToken.digitCount)
        var value = CivilDateTime(year: year, month: month, day: day.value)
        if let time {
            value.hour = time.hour
            value.minute = time.minute
            value.second = time.second
            value.fraction = time.fraction
            if let isAfternoon {
                guard (1...12).contains(value.hour) else { return nil }
                value.hour = value.hour % 12 + (isAfternoon ? 12 : 0)
            }
        }
        value.offsetSeconds = offset ?? 0
        return value.date
    }

    /// Two-digit years: 00–49 are 2000–2049, 50–99 are 1950–1999; three digits add 1900 (RFC 2822 §4.3).
    static func fullYear(_ year: Int, digitCount: Int) -> Int {
        switch digitCount {
        case ...2: year < 50 ? 2000 + year : 1900 + year
        case 3: 1900 + year
        default: year
        }
    }

    /// Splits on spaces and commas, drops parenthesised comments, and splits `02-Jan-2006`
    /// and `GMT+0100` into their parts.
    private static func tokens(of text: String) -> [String] {
        var withoutComments = text
        if text.utf8.contains(UInt8(ascii: "(")) {
            withoutComments = ""
            var depth = 0
            for character in text {
                if character == "(" {
                    depth += 1
                } else if character == ")" {
                    depth = max(0, depth - 1)
                } else if depth == 0 {
                    withoutComments.append(character)
                }
            }
        }
        var result: [String] = []
        for raw in withoutComments.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" }) {
            var token = String(raw)
            while token.utf8.last == UInt8(ascii: "."), !token.utf8.contains(UInt8(ascii: ":")) {
                token.removeLast()
            }
            guard !token.isEmpty else { continue }
            if token.utf8.contains(UInt8(ascii: ":")) {
                result.append(token)
                continue
            }
            // Letters glued to an offset: GMT+0100, UTC-05:00.
            if let signIndex = token.firstIndex(where: { $0 == "+" || $0 == "-" }), signIndex != token.startIndex {
                let head = String(token[..<signIndex])
                let tail = String(token[signIndex...])
                let offsetDigits = tail.utf8.dropFirst()
                if head.utf8.allSatisfy(DigitScanner.isLetter), !offsetDigits.isEmpty,
                    offsetDigits.allSatisfy({ DigitScanner.isDigit($0) || $0 == UInt8(ascii: ":") })
                {
                    result.append(head)
                    result.append(tail)
                } else {
                    result.append(contentsOf: token.split(separator: "-").map(String.init))
                }
                continue
            }
            result.append(token)
        }
        return result
    }

    /// `1st`, `22nd`, `3rd`, `4th` as a day of the month.
    private static func ordinalDay(_ token: String) -> Int? {
        for suffix in ["ST", "ND", "RD", "TH"] where token.hasSuffix(suffix) {
            let digits = token.dropLast(2)
            guard (1...2).contains(digits.count), digits.utf8.allSatisfy(DigitScanner.isDigit) else { return nil }
            return Int(digits)
        }
        return nil
    }

    /// `hh:mm[:ss[.fff]]`, optionally followed directly by a zone (`10:00:00Z`, `10:00+0100`).
    private static func parseTime(
        _ token: String
    ) -> (hour: Int, minute: Int, second: Int, fraction: Double, zone: String?)? {
        var scanner = DigitScanner(token)
        guard let hour = scanner.number(digits: 1...2), scanner.skip(":"),
            let minute = scanner.number(digits: 1...2)
        else { return nil }
        var second = 0
        var fraction: Double = 0
        if scanner.skip(":") {
            guard let parsed = scanner.number(digits: 1...2) else { return nil }
            second = parsed
            if scanner.skip(".") {
                guard let parsedFraction = scanner.fraction() else { return nil }
                fraction = parsedFraction
            }
        }
        if scanner.isAtEnd {
            return (hour, minute, second, fraction, nil)
        }
        let zoneStart = token.utf8.index(token.utf8.startIndex, offsetBy: token.utf8.count - scanner.remainingCount)
        return (hour, minute, second, fraction, String(token[zoneStart...]))
    }

    /// A zone name, `Z`, or a numeric offset, in seconds east of UTC.
    private static func parseZone(_ zone: String) -> Int? {
        let upper = zone.uppercased()
        if let named = namedZoneOffsets[upper] { return named }
        var scanner = DigitScanner(upper)
        if let letters = scanner.letters() {
            guard let named = namedZoneOffsets[letters] else { return nil }
            if scanner.isAtEnd { return named }
            guard let numeric = scanner.numericOffset(), scanner.isAtEnd else { return nil }
            return named + numeric
        }
        guard let numeric = scanner.numericOffset(), scanner.isAtEnd else { return nil }
        return numeric
    }
}
