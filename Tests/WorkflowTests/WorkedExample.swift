import Foundation
import Testing
@testable import Workflow

/// A due-time example with its expected answer: the rows of docs/due-times.md.
struct WorkedExample: Sendable, CustomTestStringConvertible {
    enum CalendarChoice: Sendable {
        /// Monday to Friday with England and Wales bank holidays.
        case schoolWeek
        /// Every day a working day, to show elapsed time across a clock change.
        case everyDay
    }

    var title: String
    var received: String
    var responseTime: ResponseTime
    var movesDeadlinesOffNonWorkingDays = false
    var calendar: CalendarChoice = .schoolWeek
    var expectedDue: String
    var expectedRule: Deadline.Rule

    var testDescription: String { title }

    func calculator() throws -> DueTimeCalculator {
        let workingCalendar = switch calendar {
        case .schoolWeek: TestClock.englandAndWales
        case .everyDay: try TestClock.everyDay()
        }
        return DueTimeCalculator(
            calendar: workingCalendar,
            movesDeadlinesOffNonWorkingDays: movesDeadlinesOffNonWorkingDays
        )
    }

    static let all: [WorkedExample] = [
        WorkedExample(
            title: "Friday evening post is due Saturday evening",
            received: "2026-03-06T19:30:00Z", responseTime: .policyDay,
            expectedDue: "2026-03-07T19:30:00Z", expectedRule: .hoursOnWorkingDay
        ),
        WorkedExample(
            title: "Friday evening post, deadlines moved off weekends, is due Monday close",
            received: "2026-03-06T19:30:00Z", responseTime: .policyDay, movesDeadlinesOffNonWorkingDays: true,
            expectedDue: "2026-03-09T17:00:00Z", expectedRule: .movedOffNonWorkingDay
        ),
        WorkedExample(
            title: "Saturday morning post is due Monday close",
            received: "2026-03-07T10:00:00Z", responseTime: .policyDay,
            expectedDue: "2026-03-09T17:00:00Z", expectedRule: .nextWorkingDay
        ),
        WorkedExample(
            title: "Sunday 23:59 post is due Monday close",
            received: "2026-03-08T23:59:00Z", responseTime: .policyDay,
            expectedDue: "2026-03-09T17:00:00Z", expectedRule: .nextWorkingDay
        ),
        WorkedExample(
            title: "Friday before the spring bank holiday is due Saturday",
            received: "2026-05-22T18:00:00+01:00", responseTime: .policyDay,
            expectedDue: "2026-05-23T18:00:00+01:00", expectedRule: .hoursOnWorkingDay
        ),
        WorkedExample(
            title: "Friday before the spring bank holiday, moved, is due Tuesday close",
            received: "2026-05-22T18:00:00+01:00", responseTime: .policyDay, movesDeadlinesOffNonWorkingDays: true,
            expectedDue: "2026-05-26T17:00:00+01:00", expectedRule: .movedOffNonWorkingDay
        ),
        WorkedExample(
            title: "Saturday of the bank holiday weekend is due Tuesday close",
            received: "2026-05-23T10:00:00+01:00", responseTime: .policyDay,
            expectedDue: "2026-05-26T17:00:00+01:00", expectedRule: .nextWorkingDay
        ),
        WorkedExample(
            title: "Spring bank holiday Monday is due Tuesday close",
            received: "2026-05-25T09:00:00+01:00", responseTime: .policyDay,
            expectedDue: "2026-05-26T17:00:00+01:00", expectedRule: .nextWorkingDay
        ),
        WorkedExample(
            title: "Friday before the clocks go back is due Saturday at the same time",
            received: "2026-10-23T12:00:00+01:00", responseTime: .policyDay,
            expectedDue: "2026-10-24T12:00:00+01:00", expectedRule: .hoursOnWorkingDay
        ),
        WorkedExample(
            title: "Saturday before the clocks go back is due Monday 17:00 GMT",
            received: "2026-10-24T12:00:00+01:00", responseTime: .policyDay,
            expectedDue: "2026-10-26T17:00:00Z", expectedRule: .nextWorkingDay
        ),
        WorkedExample(
            title: "The repeated hour of the night the clocks go back is due Monday 17:00 GMT",
            received: "2026-10-25T01:30:00+01:00", responseTime: .policyDay,
            expectedDue: "2026-10-26T17:00:00Z", expectedRule: .nextWorkingDay
        ),
        WorkedExample(
            title: "Every-day calendar: Saturday noon BST is due 86,400 s later at Sunday 11:00 GMT",
            received: "2026-10-24T12:00:00+01:00", responseTime: .policyDay, calendar: .everyDay,
            expectedDue: "2026-10-25T11:00:00Z", expectedRule: .hoursOnWorkingDay
        ),
        WorkedExample(
            title: "Friday before the clocks go forward is due Saturday",
            received: "2026-03-27T12:00:00Z", responseTime: .policyDay,
            expectedDue: "2026-03-28T12:00:00Z", expectedRule: .hoursOnWorkingDay
        ),
        WorkedExample(
            title: "Saturday before the clocks go forward is due Monday 17:00 BST",
            received: "2026-03-28T10:00:00Z", responseTime: .policyDay,
            expectedDue: "2026-03-30T17:00:00+01:00", expectedRule: .nextWorkingDay
        ),
        WorkedExample(
            title: "Every-day calendar: Saturday noon GMT is due 86,400 s later at Sunday 13:00 BST",
            received: "2026-03-28T12:00:00Z", responseTime: .policyDay, calendar: .everyDay,
            expectedDue: "2026-03-29T13:00:00+01:00", expectedRule: .hoursOnWorkingDay
        ),
        WorkedExample(
            title: "Christmas Eve afternoon is due Christmas Day afternoon",
            received: "2026-12-24T15:00:00Z", responseTime: .policyDay,
            expectedDue: "2026-12-25T15:00:00Z", expectedRule: .hoursOnWorkingDay
        ),
        WorkedExample(
            title: "Christmas Eve afternoon, moved, skips the substitute Boxing Day to Tuesday",
            received: "2026-12-24T15:00:00Z", responseTime: .policyDay, movesDeadlinesOffNonWorkingDays: true,
            expectedDue: "2026-12-29T17:00:00Z", expectedRule: .movedOffNonWorkingDay
        ),
        WorkedExample(
            title: "Christmas Day skips the weekend and the substitute Boxing Day to Tuesday",
            received: "2026-12-25T10:00:00Z", responseTime: .policyDay,
            expectedDue: "2026-12-29T17:00:00Z", expectedRule: .nextWorkingDay
        ),
        WorkedExample(
            title: "Safeguarding on a Saturday night is due within the hour",
            received: "2026-03-07T22:30:00Z", responseTime: .asSoonAsPossible(within: .seconds(3600)),
            expectedDue: "2026-03-07T23:30:00Z", expectedRule: .urgentElapsed
        ),
        WorkedExample(
            title: "Offensive post in the night the clocks go back is due four elapsed hours later",
            received: "2026-10-25T00:30:00+01:00", responseTime: .asSoonAsPossible(within: .seconds(4 * 3600)),
            expectedDue: "2026-10-25T03:30:00Z", expectedRule: .urgentElapsed
        ),
    ]
}
