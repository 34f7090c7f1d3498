import Foundation
import Testing
@testable import Workflow

/// Properties of the due-time rules over 500 seeded pseudo-random instants from 2024 to 2028.
///
/// The checks use their own London calendar and the bundled holiday dates, not the calculator's
/// helpers, so that a mistake in `WorkingCalendar` cannot hide itself.
@Suite struct DueTimePropertyTests {
    static let sampleCount = 500

    /// 2024-01-01T00:00:00Z up to 2028-12-31T23:59:59Z.
    static let earliest = 1_704_067_200
    static let latest = 1_861_919_999

    struct Oracle {
        let holidays: Set<CalendarDay>
        let calendar = TestClock.londonCalendar

        init() {
            holidays = BankHolidays.bundledEnglandAndWales.withRegularEnglandAndWalesHolidaysAfterTheList().days
        }

        func day(of date: Date) -> CalendarDay {
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            return try! CalendarDay(year: parts.year!, month: parts.month!, day: parts.day!)
        }

        func isWorkingDay(_ date: Date) -> Bool {
            let weekday = calendar.component(.weekday, from: date)
            return (2...6).contains(weekday) && !holidays.contains(day(of: date))
        }

        func hourAndMinute(of date: Date) -> [Int] {
            let parts = calendar.dateComponents([.hour, .minute, .second], from: date)
            return [parts.hour!, parts.minute!]
        }
    }

    /// Whole-second instants, as feeds give them, plus a few near clock changes and holidays.
    static func instants(seed: UInt64) -> [Date] {
        var generator = SplitMix64(seed: seed)
        var dates = (0..<sampleCount).map { _ in
            Date(timeIntervalSince1970: TimeInterval(Int.random(in: earliest...latest, using: &generator)))
        }
        let hotSpots = [
            "2026-03-29T01:00:00Z", "2026-10-25T01:00:00Z", "2024-10-27T01:00:00Z",
            "2028-03-26T01:00:00Z", "2026-12-25T00:00:00Z", "2027-12-25T00:00:00Z",
        ]
        for text in hotSpots {
            let centre = ISO8601DateFormatter().date(from: text)!
            for _ in 0..<20 {
                dates.append(centre.addingTimeInterval(TimeInterval(Int.random(in: -259_200...259_200, using: &generator))))
            }
        }
        return dates
    }

    @Test func dueTimeIsNeverBeforeReceipt() throws {
        let standard = DueTimeCalculator(calendar: TestClock.englandAndWales)
        let moving = DueTimeCalculator(calendar: TestClock.englandAndWales, movesDeadlinesOffNonWorkingDays: true)
        let responseTimes: [ResponseTime] = [.policyDay, .hours(4), .hours(48), .asSoonAsPossible(within: .seconds(3600))]
        for received in Self.instants(seed: 1) {
            for calculator in [standard, moving] {
                for responseTime in responseTimes {
                    let due = calculator.dueTime(for: responseTime, receivedAt: received)
                    #expect(due >= received, "\(responseTime) received \(TestClock.describe(received))")
                }
            }
        }
    }

    @Test func nonWorkingDayReceiptIsDueAt1700OnTheNextWorkingDay() throws {
        let oracle = Oracle()
        let calculator = DueTimeCalculator(calendar: TestClock.englandAndWales)
        var checked = 0
        for received in Self.instants(seed: 2) where !oracle.isWorkingDay(received) {
            checked += 1
            let due = calculator.dueTime(for: .policyDay, receivedAt: received)
            let label = TestClock.describe(received)
            #expect(oracle.hourAndMinute(of: due) == [17, 0], "received \(label)")
            #expect(oracle.isWorkingDay(due), "received \(label)")
            // No working day lies between receipt and the due day.
            var day = oracle.calendar.date(byAdding: .day, value: 1, to: received)!
            while oracle.day(of: day) < oracle.day(of: due) {
                #expect(!oracle.isWorkingDay(day), "received \(label) skipped a working day")
                day = oracle.calendar.date(byAdding: .day, value: 1, to: day)!
            }
        }
        #expect(checked > 100)
    }

    @Test func workingDayReceiptIsDueExactly86400SecondsLaterByDefault() throws {
        let oracle = Oracle()
        let calculator = DueTimeCalculator(calendar: TestClock.englandAndWales)
        var checked = 0
        for received in Self.instants(seed: 3) where oracle.isWorkingDay(received) {
            checked += 1
            let due = calculator.dueTime(for: .policyDay, receivedAt: received)
            #expect(due.timeIntervalSince(received) == 86_400, "received \(TestClock.describe(received))")
        }
        #expect(checked > 250)
    }

    @Test func movedDeadlinesAlwaysFallOnAWorkingDay() throws {
        let oracle = Oracle()
        let calculator = DueTimeCalculator(calendar: TestClock.englandAndWales, movesDeadlinesOffNonWorkingDays: true)
        for received in Self.instants(seed: 4) {
            for responseTime in [ResponseTime.policyDay, .hours(48), .hours(100)] {
                let due = calculator.dueTime(for: responseTime, receivedAt: received)
                #expect(oracle.isWorkingDay(due), "\(responseTime) received \(TestClock.describe(received))")
            }
        }
    }

    @Test func movedDeadlineIsEitherTheElapsedTimeOrAWorkingDayClose() throws {
        let oracle = Oracle()
        let calculator = DueTimeCalculator(calendar: TestClock.englandAndWales, movesDeadlinesOffNonWorkingDays: true)
        for received in Self.instants(seed: 5) where oracle.isWorkingDay(received) {
            let due = calculator.dueTime(for: .policyDay, receivedAt: received)
            let elapsed = received.addingTimeInterval(86_400)
            if oracle.isWorkingDay(elapsed) {
                #expect(due == elapsed)
            } else {
                #expect(due > elapsed)
                #expect(oracle.hourAndMinute(of: due) == [17, 0])
            }
        }
    }

    @Test func urgentDueTimeIsExactlyReceiptPlusAllowance() throws {
        var generator = SplitMix64(seed: 6)
        let calculator = DueTimeCalculator(calendar: TestClock.englandAndWales)
        for received in Self.instants(seed: 7) {
            let seconds = Int64.random(in: 0...(72 * 3600), using: &generator)
            let due = calculator.dueTime(for: .asSoonAsPossible(within: .seconds(seconds)), receivedAt: received)
            #expect(due.timeIntervalSince(received) == TimeInterval(seconds))
        }
    }

    @Test func generatorIsDeterministic() {
        var first = SplitMix64(seed: 42)
        var second = SplitMix64(seed: 42)
        #expect((0..<10).map { _ in first.next() } == (0..<10).map { _ in second.next() })
        #expect(Self.instants(seed: 9) == Self.instants(seed: 9))
    }
}
