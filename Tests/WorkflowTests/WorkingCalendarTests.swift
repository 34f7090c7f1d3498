import Foundation
import Testing
@testable import Workflow

@Suite struct WorkingCalendarTests {
    @Test func defaultsFollowTheSchoolWeek() throws {
        let calendar = try WorkingCalendar()
        #expect(calendar.timeZone.identifier == "Europe/London")
        #expect(calendar.workingWeekdays == [.monday, .tuesday, .wednesday, .thursday, .friday])
        #expect(calendar.workingHoursStart == (try TimeOfDay(hour: 8)))
        #expect(calendar.workingHoursEnd == (try TimeOfDay(hour: 17)))
        #expect(calendar.bankHolidays.isEmpty)
    }

    @Test("Knows working days", arguments: [
        ("2026-03-04T12:00:00Z", true, "Wednesday"),
        ("2026-03-07T12:00:00Z", false, "Saturday"),
        ("2026-03-08T12:00:00Z", false, "Sunday"),
        ("2026-05-25T12:00:00+01:00", false, "spring bank holiday"),
        ("2026-12-28T12:00:00Z", false, "substitute Boxing Day"),
        ("2026-12-29T12:00:00Z", true, "Tuesday after Christmas"),
        ("2026-03-06T23:30:00Z", true, "Friday 23:30"),
        ("2026-05-22T23:30:00Z", false, "00:30 BST on Saturday, still Friday in UTC"),
    ])
    func knowsWorkingDays(_ text: String, _ isWorking: Bool, _ label: String) throws {
        let calendar = TestClock.englandAndWales
        #expect(calendar.isWorkingDay(try TestClock.instant(text)) == isWorking, "\(label)")
    }

    @Test func readsTheCalendarDayOnTheSchoolsClock() throws {
        let calendar = TestClock.englandAndWales
        let justAfterMidnightBST = try TestClock.instant("2026-05-22T23:30:00Z")
        #expect(calendar.calendarDay(containing: justAfterMidnightBST) == (try CalendarDay(parsing: "2026-05-23")))
        #expect(calendar.timeOfDay(of: justAfterMidnightBST) == (try TimeOfDay(hour: 0, minute: 30)))
    }

    @Test func closesAt1700LocalOnEitherSideOfAClockChange() throws {
        let calendar = TestClock.englandAndWales
        #expect(calendar.closeOfWorkingDay(on: try CalendarDay(parsing: "2026-03-27")) == (try TestClock.instant("2026-03-27T17:00:00Z")))
        #expect(calendar.closeOfWorkingDay(on: try CalendarDay(parsing: "2026-03-30")) == (try TestClock.instant("2026-03-30T16:00:00Z")))
        #expect(calendar.closeOfWorkingDay(on: try CalendarDay(parsing: "2026-10-23")) == (try TestClock.instant("2026-10-23T16:00:00Z")))
        #expect(calendar.closeOfWorkingDay(on: try CalendarDay(parsing: "2026-10-26")) == (try TestClock.instant("2026-10-26T17:00:00Z")))
        #expect(calendar.startOfWorkingDay(on: try CalendarDay(parsing: "2026-03-30")) == (try TestClock.instant("2026-03-30T07:00:00Z")))
    }

    @Test func nextWorkingDaySkipsWeekendsAndBankHolidays() throws {
        let calendar = TestClock.englandAndWales
        let pairs = [
            ("2026-12-24", "2026-12-29"), ("2026-05-22", "2026-05-26"), ("2026-03-04", "2026-03-05"),
            ("2027-12-24", "2027-12-29"), ("2027-12-31", "2028-01-04"), ("2026-04-02", "2026-04-07"),
        ]
        for (from, expected) in pairs {
            #expect(calendar.nextWorkingDay(after: try CalendarDay(parsing: from)) == (try CalendarDay(parsing: expected)), "after \(from)")
        }
    }

    @Test func closeOfNextWorkingDayCountsFromTheDayTheInstantFallsOn() throws {
        let calendar = TestClock.englandAndWales
        // 00:30 BST on Saturday 23 May is still Friday in UTC; the next working day is Tuesday 26 May.
        let received = try TestClock.instant("2026-05-22T23:30:00Z")
        #expect(calendar.closeOfNextWorkingDay(after: received) == (try TestClock.instant("2026-05-26T17:00:00+01:00")))
    }

    @Test func knowsWorkingHours() throws {
        let calendar = TestClock.englandAndWales
        #expect(calendar.isWithinWorkingHours(try TestClock.instant("2026-03-04T08:00:00Z")))
        #expect(calendar.isWithinWorkingHours(try TestClock.instant("2026-03-04T16:59:00Z")))
        #expect(!calendar.isWithinWorkingHours(try TestClock.instant("2026-03-04T17:00:00Z")))
        #expect(!calendar.isWithinWorkingHours(try TestClock.instant("2026-06-03T06:30:00Z")), "07:30 BST")
        #expect(calendar.isWithinWorkingHours(try TestClock.instant("2026-06-03T07:00:00Z")), "08:00 BST")
        #expect(!calendar.isWithinWorkingHours(try TestClock.instant("2026-03-07T10:00:00Z")), "Saturday")
    }

    @Test func honoursAnotherTimeZoneAndWorkingWeek() throws {
        let calendar = try WorkingCalendar(
            timeZone: try #require(TimeZone(identifier: "Asia/Dubai")),
            workingWeekdays: [.monday, .tuesday, .wednesday, .thursday, .friday],
            workingHoursStart: try TimeOfDay(hour: 7, minute: 30),
            workingHoursEnd: try TimeOfDay(hour: 15, minute: 30)
        )
        let saturday = try TestClock.instant("2026-03-07T10:00:00+04:00")
        #expect(!calendar.isWorkingDay(saturday))
        #expect(calendar.closeOfNextWorkingDay(after: saturday) == (try TestClock.instant("2026-03-09T15:30:00+04:00")))
    }

    @Test func refusesACalendarWithNoWorkingDays() {
        #expect(throws: WorkflowError.self) { try WorkingCalendar(workingWeekdays: []) }
    }

    @Test func refusesWorkingHoursThatDoNotEndAfterTheyStart() throws {
        let nine = try TimeOfDay(hour: 9)
        #expect(throws: WorkflowError.self) {
            try WorkingCalendar(workingHoursStart: nine, workingHoursEnd: nine)
        }
    }

    @Test func closingTimeInsideTheSpringForwardGapMovesForwardWithTheClock() throws {
        let calendar = try WorkingCalendar(
            workingWeekdays: Set(Weekday.allCases),
            workingHoursStart: try TimeOfDay(hour: 0),
            workingHoursEnd: try TimeOfDay(hour: 1, minute: 30)
        )
        // 01:30 does not exist in London on 29 March 2026: the clocks jump from 01:00 GMT to 02:00 BST.
        let close = calendar.closeOfWorkingDay(on: try CalendarDay(parsing: "2026-03-29"))
        #expect(close == (try TestClock.instant("2026-03-29T02:30:00+01:00")))
    }
}
