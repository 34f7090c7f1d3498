import Foundation
import Testing
@testable import Workflow

@Suite struct DueTimeCalculatorTests {
    @Test("Worked examples in Europe/London", arguments: WorkedExample.all)
    func workedExample(_ example: WorkedExample) throws {
        let calculator = try example.calculator()
        let received = try TestClock.instant(example.received)
        let deadline = calculator.deadline(for: example.responseTime, receivedAt: received)
        let expected = try TestClock.instant(example.expectedDue)
        #expect(
            deadline.dueAt == expected,
            "due \(TestClock.describe(deadline.dueAt)), expected \(TestClock.describe(expected))"
        )
        #expect(deadline.rule == example.expectedRule)
        #expect(calculator.dueTime(for: example.responseTime, receivedAt: received) == deadline.dueAt)
    }

    @Test func workingDayPostIsDueExactly86400SecondsLaterEvenWhenTheWallClockSaysOtherwise() throws {
        let calculator = DueTimeCalculator(calendar: try TestClock.everyDay())
        let received = try TestClock.instant("2026-10-24T12:00:00+01:00")
        let due = calculator.dueTime(for: .policyDay, receivedAt: received)
        #expect(due.timeIntervalSince(received) == 86_400)
        let wallClock = TestClock.londonCalendar.dateComponents([.hour], from: due)
        #expect(wallClock.hour == 11)
    }

    @Test func hoursRuleCountsElapsedHoursFromAWorkingDayPost() throws {
        let calculator = DueTimeCalculator(calendar: TestClock.englandAndWales)
        let received = try TestClock.instant("2026-03-04T10:00:00Z")
        #expect(calculator.dueTime(for: .hours(4), receivedAt: received) == received.addingTimeInterval(4 * 3600))
        #expect(calculator.dueTime(for: .hours(48), receivedAt: received) == received.addingTimeInterval(48 * 3600))
    }

    @Test func aResponseTimeBeyondAYearCountsAsAYearInsteadOfOverflowing() throws {
        let calculator = DueTimeCalculator(calendar: TestClock.englandAndWales)
        let received = try TestClock.instant("2026-03-04T10:00:00Z")
        let year = received.addingTimeInterval(TimeInterval(ResponseTime.longestHours * 3600))
        #expect(calculator.dueTime(for: .hours(Int.max), receivedAt: received) == year)
        #expect(calculator.dueTime(for: .hours(Int.max), receivedAt: try TestClock.instant("2026-03-07T10:00:00Z")) > year)
    }

    @Test func hoursRuleOfUpToADayIsDueAtTheNextWorkingDaysCloseFromAWeekendPost() throws {
        let calculator = DueTimeCalculator(calendar: TestClock.englandAndWales)
        let received = try TestClock.instant("2026-03-07T10:00:00Z")
        let close = try TestClock.instant("2026-03-09T17:00:00Z")
        #expect(calculator.dueTime(for: .hours(4), receivedAt: received) == close)
        #expect(calculator.dueTime(for: .hours(24), receivedAt: received) == close)
    }

    @Test func hoursBeyondADayRunOnFromTheNextWorkingDaysCloseForAWeekendPost() throws {
        let calculator = DueTimeCalculator(calendar: TestClock.englandAndWales)
        let received = try TestClock.instant("2026-03-07T10:00:00Z")
        let deadline = calculator.deadline(for: .hours(48), receivedAt: received)
        #expect(deadline.dueAt == (try TestClock.instant("2026-03-10T17:00:00Z")))
        #expect(deadline.rule == .nextWorkingDay)
    }

    @Test func longHoursRuleThatLandsOnAWeekendMovesWhenAsked() throws {
        let calculator = DueTimeCalculator(
            calendar: TestClock.englandAndWales,
            movesDeadlinesOffNonWorkingDays: true
        )
        // Saturday post, 144 hours: close of Monday 9 March + 120 h = Saturday 14 March 17:00, moved to Monday 16.
        let received = try TestClock.instant("2026-03-07T10:00:00Z")
        let deadline = calculator.deadline(for: .hours(144), receivedAt: received)
        #expect(deadline.dueAt == (try TestClock.instant("2026-03-16T17:00:00Z")))
        #expect(deadline.rule == .movedOffNonWorkingDay)
    }

    @Test func policyDayMatchesTwentyFourHours() throws {
        let calculator = DueTimeCalculator(calendar: TestClock.englandAndWales)
        for text in ["2026-03-06T19:30:00Z", "2026-03-07T10:00:00Z", "2026-12-25T10:00:00Z"] {
            let received = try TestClock.instant(text)
            #expect(
                calculator.dueTime(for: .policyDay, receivedAt: received)
                    == calculator.dueTime(for: .hours(24), receivedAt: received)
            )
        }
    }

    @Test func negativeAllowancesCountAsZero() throws {
        let calculator = DueTimeCalculator(calendar: TestClock.englandAndWales)
        let received = try TestClock.instant("2026-03-04T10:00:00Z")
        #expect(calculator.dueTime(for: .asSoonAsPossible(within: .seconds(-60)), receivedAt: received) == received)
        #expect(calculator.dueTime(for: .hours(-3), receivedAt: received) == received)
    }

    @Test func urgentAllowanceKeepsFractionsOfASecond() throws {
        let calculator = DueTimeCalculator(calendar: TestClock.englandAndWales)
        let received = try TestClock.instant("2026-03-04T10:00:00Z")
        let due = calculator.dueTime(for: .asSoonAsPossible(within: .milliseconds(1500)), receivedAt: received)
        #expect(due.timeIntervalSince(received) == 1.5)
    }

    @Test func workingDayPostWhoseDeadlineIsAWorkingDayIsNotMoved() throws {
        let calculator = DueTimeCalculator(
            calendar: TestClock.englandAndWales,
            movesDeadlinesOffNonWorkingDays: true
        )
        let received = try TestClock.instant("2026-03-05T19:30:00Z")
        let deadline = calculator.deadline(for: .policyDay, receivedAt: received)
        #expect(deadline.dueAt == (try TestClock.instant("2026-03-06T19:30:00Z")))
        #expect(deadline.rule == .hoursOnWorkingDay)
    }
}
