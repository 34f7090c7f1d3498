import Foundation

/// A date on the school's calendar (year, month, day) with no time and no time zone.
///
/// Bank holidays are whole days in the school's own time zone, so they are kept as calendar
/// days rather than instants: 25 December is a holiday from local midnight to local midnight,
/// whatever its offset from UTC.
public struct CalendarDay: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The year, 1...9999.
    public let year: Int
    /// 1...12.
    public let month: Int
    /// 1...31, valid for the month.
    public let day: Int

    /// A calendar day from its parts.
    ///
    /// - Throws: `WorkflowError.invalidCalendarDay` when the day does not exist in the Gregorian calendar
    ///   (30 February, month 13).
    public init(year: Int, month: Int, day: Int) throws(WorkflowError) {
        let text = CalendarDay.format(year: year, month: month, day: day)
        guard (1...9999).contains(year), (1...12).contains(month), (1...31).contains(day),
              let noon = CalendarDay.utcNoon(year: year, month: month, day: day)
        else {
            throw .invalidCalendarDay(text)
        }
        let parts = CalendarDay.utcCalendar.dateComponents([.year, .month, .day], from: noon)
        guard parts.year == year, parts.month == month, parts.day == day else {
            throw .invalidCalendarDay(text)
        }
        self.init(uncheckedYear: year, month: month, day: day)
    }

    /// A calendar day from `YYYY-MM-DD` text, the form gov.uk and configuration files use.
    ///
    /// - Throws: `WorkflowError.invalidCalendarDay` when the text is not in that form or names a day that does not exist.
    public init(parsing text: String) throws(WorkflowError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3,
              parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else {
            throw .invalidCalendarDay(text)
        }
        try self.init(year: year, month: month, day: day)
    }

    init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day of the week this day falls on.
    public var weekday: Weekday {
        let noon = CalendarDay.utcNoon(year: year, month: month, day: day)!
        return Weekday(calendarWeekday: CalendarDay.utcCalendar.component(.weekday, from: noon))!
    }

    /// The day a given number of days later (or earlier, for a negative count).
    public func adding(days: Int) -> CalendarDay {
        let noon = CalendarDay.utcNoon(year: year, month: month, day: day)!
        let moved = CalendarDay.utcCalendar.date(byAdding: .day, value: days, to: noon)!
        let parts = CalendarDay.utcCalendar.dateComponents([.year, .month, .day], from: moved)
        return CalendarDay(uncheckedYear: parts.year!, month: parts.month!, day: parts.day!)
    }

    /// The day as `YYYY-MM-DD`.
    public var description: String {
        CalendarDay.format(year: year, month: month, day: day)
    }

    /// Earlier days come first.
    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Decodes the `YYYY-MM-DD` text form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(parsing: container.decode(String.self))
    }

    /// Encodes the `YYYY-MM-DD` text form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Day arithmetic runs in UTC at noon, where no clock change can move a day boundary.
    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        return calendar
    }()

    private static func utcNoon(year: Int, month: Int, day: Int) -> Date? {
        utcCalendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12))
    }

    private static func format(year: Int, month: Int, day: Int) -> String {
        func padded(_ value: Int, to width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, to: 4))-\(padded(month, to: 2))-\(padded(day, to: 2))"
    }
}
