import Foundation
import Testing
@testable import Workflow

@Suite struct CalendarDayTests {
    @Test func parsesTheGovUKDateForm() throws {
        let day = try CalendarDay(parsing: "2026-05-25")
        #expect(day.year == 2026)
        #expect(day.month == 5)
        #expect(day.day == 25)
        #expect(day.description == "2026-05-25")
    }

    @Test("Rejects text that is not a real YYYY-MM-DD day", arguments: [
        "", "2026-5-25", "2026/05/25", "26-05-25", "2026-13-01", "2026-02-29", "2026-04-31", "2026-00-10",
        "2026-05-25T00:00", "２０２６-05-25", "+026-05-25",
    ])
    func rejectsInvalidText(_ text: String) {
        #expect(throws: WorkflowError.self) { try CalendarDay(parsing: text) }
    }

    @Test func acceptsTheLeapDayOfALeapYear() throws {
        #expect(try CalendarDay(parsing: "2028-02-29").weekday == .tuesday)
    }

    @Test("Knows the weekday", arguments: [
        ("2026-05-25", Weekday.monday), ("2026-12-25", .friday), ("2026-12-26", .saturday),
        ("2027-12-25", .saturday), ("2028-01-01", .saturday), ("2024-03-29", .friday),
    ])
    func knowsTheWeekday(_ text: String, _ weekday: Weekday) throws {
        #expect(try CalendarDay(parsing: text).weekday == weekday)
    }

    @Test func addsDaysAcrossMonthsYearsAndLeapDays() throws {
        #expect(try CalendarDay(parsing: "2026-12-31").adding(days: 1) == CalendarDay(parsing: "2027-01-01"))
        #expect(try CalendarDay(parsing: "2028-02-28").adding(days: 1) == CalendarDay(parsing: "2028-02-29"))
        #expect(try CalendarDay(parsing: "2026-03-01").adding(days: -1) == CalendarDay(parsing: "2026-02-28"))
        #expect(try CalendarDay(parsing: "2026-10-24").adding(days: 2) == CalendarDay(parsing: "2026-10-26"))
    }

    @Test func ordersByDate() throws {
        let days = try ["2026-12-28", "2026-05-25", "2025-12-31", "2026-05-04"].map { text throws(WorkflowError) in
            try CalendarDay(parsing: text)
        }
        #expect(days.sorted().map(\.description) == ["2025-12-31", "2026-05-04", "2026-05-25", "2026-12-28"])
    }

    @Test func codesAsText() throws {
        let day = try CalendarDay(parsing: "2026-08-31")
        let data = try JSONEncoder().encode([day])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-08-31"]"#)
        #expect(try JSONDecoder().decode([CalendarDay].self, from: data) == [day])
        #expect(throws: (any Error).self) {
            try JSONDecoder().decode([CalendarDay].self, from: Data(#"["2026-02-30"]"#.utf8))
        }
    }
}
