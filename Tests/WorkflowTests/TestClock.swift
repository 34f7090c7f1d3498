import Foundation
import Testing
@testable import Workflow

/// Instants and calendars shared by the Workflow tests, written with explicit UTC offsets so
/// that a reader sees which side of a clock change each example is on.
enum TestClock {
    /// An instant from ISO 8601 text with an offset, such as `2026-10-23T12:00:00+01:00`.
    static func instant(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text), "not an ISO 8601 instant: \(text)")
    }

    static var london: TimeZone {
        TimeZone(identifier: "Europe/London")!
    }

    /// A Gregorian calendar on London time, independent of the code under test.
    static var londonCalendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = london
        return calendar
    }

    /// Europe/London, Monday to Friday, 08:00–17:00, with the bundled England and Wales bank holidays.
    static var englandAndWales: WorkingCalendar {
        WorkingCalendar.englandAndWales
    }

    /// Every day a working day, with the bundled bank holidays ignored: shows elapsed time across a clock change.
    static func everyDay() throws -> WorkingCalendar {
        try WorkingCalendar(workingWeekdays: Set(Weekday.allCases))
    }

    /// A London instant in words, such as `Fri 23 Oct 2026 12:00 BST`.
    static func describe(_ date: Date) -> String {
        let parts = londonCalendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: date)
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let zone = london.secondsFromGMT(for: date) == 3600 ? "BST" : "GMT"
        let hour = parts.hour! < 10 ? "0\(parts.hour!)" : "\(parts.hour!)"
        let minute = parts.minute! < 10 ? "0\(parts.minute!)" : "\(parts.minute!)"
        return "\(weekdays[parts.weekday! - 1]) \(parts.day!) \(months[parts.month! - 1]) \(parts.year!) \(hour):\(minute) \(zone)"
    }
}
