import Foundation

extension FeedDateParser {
    /// RFC 3339 / ISO 8601 extended format and the W3C profile:
    /// `YYYY-MM[-DD[(T| )hh:mm[:ss[.fff]][zone]]]`, zone `Z`, `±hh`, `±hhmm` or `±hh:mm`.
    func parseISO8601(_ text: String) -> Date? {
        var scanner = DigitScanner(text)
        guard let year = scanner.number(digits: 4...4), scanner.skip("-"),
            let month = scanner.number(digits: 1...2)
        else { return nil }
        var value = CivilDateTime(year: year, month: month, day: 1)
        guard scanner.skip("-") else {
            return scanner.isAtEnd ? value.date : nil
        }
        guard let day = scanner.number(digits: 1...2) else { return nil }
        value.day = day
        if scanner.isAtEnd { return value.date }
        guard scanner.skip("T") || scanner.skip("t") || scanner.skip(" ") else { return nil }
        scanner.skipSpaces()
        guard let hour = scanner.number(digits: 1...2), scanner.skip(":"),
            let minute = scanner.number(digits: 2...2)
        else { return nil }
        value.hour = hour
        value.minute = minute
        if scanner.skip(":") {
            guard let second = scanner.number(digits: 2...2) else { return nil }
            value.second = second
            if scanner.skip(".") || scanner.skip(",") {
                guard let fraction = scanner.fraction() else { return nil }
                value.fraction = fraction
            }
        }
        scanner.skipSpaces()
        if scanner.isAtEnd { return value.date }
        if scanner.skip("Z") || scanner.skip("z") {
            value.offsetSeconds = 0
        } else if let offset = scanner.numericOffset() {
            value.offsetSeconds = offset
        } else if let word = scanner.letters(), let offset = Self.namedZoneOffsets[word.uppercased()] {
            value.offsetSeconds = offset
        } else {
            return nil
        }
        scanner.skipSpaces()
        return scanner.isAtEnd ? value.date : nil
    }
}
