import Foundation
import Testing
@testable import Workflow

@Suite struct WeekdayTests {
    @Test func mapsFoundationWeekdayNumbersBothWays() {
        for number in 1...7 {
            #expect(Weekday(calendarWeekday: number)?.calendarWeekday == number)
        }
        #expect(Weekday(calendarWeekday: 1) == .sunday)
        #expect(Weekday(calendarWeekday: 2) == .monday)
        #expect(Weekday(calendarWeekday: 0) == nil)
        #expect(Weekday(calendarWeekday: 8) == nil)
    }

    @Test func agreesWithFoundationOnARealDate() throws {
        let date = try TestClock.instant("2026-05-25T12:00:00+01:00")
        let number = TestClock.londonCalendar.component(.weekday, from: date)
        #expect(Weekday(calendarWeekday: number) == .monday)
    }

    @Test func schoolWeekIsMondayToFriday() {
        #expect(Weekday.mondayToFriday.count == 5)
        #expect(!Weekday.mondayToFriday.contains(.saturday))
        #expect(!Weekday.mondayToFriday.contains(.sunday))
    }

    @Test func readsConfigurationNames() throws {
        let days = try JSONDecoder().decode([Weekday].self, from: Data(#"["monday", "saturday"]"#.utf8))
        #expect(days == [.monday, .saturday])
    }
}
