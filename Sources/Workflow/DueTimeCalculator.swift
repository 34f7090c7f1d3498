import Foundation

/// Turns a response time and the moment a post was received into a due time, following the policy:
/// "comments, queries and complaints get a response (at least an acknowledgement) within 24 hours,
/// or on the next working day if received at a weekend".
///
/// Rule order, for a calendar-aware response time (`policyDay`, `hours`):
/// 1. Received on a non-working day (weekend, bank holiday): due at the close of the next working day.
/// 2. Received on a working day: due the allowance later in elapsed seconds (24 hours = 86,400 s),
///    even across a clock change and even if that lands on a weekend.
/// 3. Only with `movesDeadlinesOffNonWorkingDays`: a deadline from rule 2 that lands on a non-working
///    day moves to the close of the next working day.
///
/// Urgent response times (`asSoonAsPossible`) skip all three: they are elapsed time from receipt.
public struct DueTimeCalculator: Sendable, Hashable {
    /// The school's working calendar.
    public let calendar: WorkingCalendar
    /// Whether a 24-hour deadline that lands on a weekend or bank holiday moves to the next working day's close.
    ///
    /// Off by default: the policy promises a response "within 24 hours" of a working-day post, and a
    /// Friday-evening post is then due on Saturday evening. A school that does not staff weekends can
    /// turn this on and read the policy as "within 24 working hours' notice".
    public let movesDeadlinesOffNonWorkingDays: Bool

    /// A calculator over a working calendar.
    public init(calendar: WorkingCalendar, movesDeadlinesOffNonWorkingDays: Bool = false) {
        self.calendar = calendar
        self.movesDeadlinesOffNonWorkingDays = movesDeadlinesOffNonWorkingDays
    }

    /// When a response is due.
    ///
    /// - Parameters:
    ///   - responseTime: The concern's response time from its routing rule.
    ///   - receivedAt: When the policy clock started (the post's publication, or its discovery).
    /// - Returns: The due time; never before `receivedAt`.
    public func dueTime(for responseTime: ResponseTime, receivedAt: Date) -> Date {
        deadline(for: responseTime, receivedAt: receivedAt).dueAt
    }

    /// When a response is due, and which rule of the policy set it.
    ///
    /// - Parameters:
    ///   - responseTime: The concern's response time from its routing rule.
    ///   - receivedAt: When the policy clock started.
    /// - Returns: The due time and its rule.
    public func deadline(for responseTime: ResponseTime, receivedAt: Date) -> Deadline {
        switch responseTime {
        case .asSoonAsPossible(let allowance):
            // "Reported to a senior member of staff as soon as possible"; "to the DSL at once":
            // urgent work does not wait for Monday, so the allowance is plain elapsed time.
            let seconds = max(0, Self.seconds(in: allowance))
            return Deadline(dueAt: receivedAt.addingTimeInterval(seconds), rule: .urgentElapsed)
        case .policyDay:
            return calendarDeadline(hours: 24, receivedAt: receivedAt)
        case .hours(let hours):
            return calendarDeadline(hours: min(max(0, hours), ResponseTime.longestHours), receivedAt: receivedAt)
        }
    }

    private func calendarDeadline(hours: Int, receivedAt: Date) -> Deadline {
        guard calendar.isWorkingDay(receivedAt) else {
            // "… or on the next working day if received at a weekend": a bank holiday or any other
            // non-working day is read the same way. The response is due by the close of the next
            // working day; allowances longer than 24 hours run on from that close.
            let close = calendar.closeOfNextWorkingDay(after: receivedAt)
            let extraSeconds = TimeInterval(max(0, hours - 24) * 3600)
            if extraSeconds == 0 {
                return Deadline(dueAt: close, rule: .nextWorkingDay)
            }
            return movedIfNeeded(close.addingTimeInterval(extraSeconds), otherwise: .nextWorkingDay)
        }
        // "A response within 24 hours": hours are elapsed time, 86,400 s for a day, even if that lands on
        // a weekend. Where the day before the clocks go back is a working day, a post at 12:00 BST is
        // due at 11:00 GMT.
        let elapsed = receivedAt.addingTimeInterval(TimeInterval(hours * 3600))
        return movedIfNeeded(elapsed, otherwise: .hoursOnWorkingDay)
    }

    /// Applies the optional reading that a deadline never falls on a non-working day.
    private func movedIfNeeded(_ dueAt: Date, otherwise rule: Deadline.Rule) -> Deadline {
        guard movesDeadlinesOffNonWorkingDays, !calendar.isWorkingDay(dueAt) else {
            return Deadline(dueAt: dueAt, rule: rule)
        }
        return Deadline(dueAt: calendar.closeOfNextWorkingDay(after: dueAt), rule: .movedOffNonWorkingDay)
    }

    private static func seconds(in duration: Duration) -> TimeInterval {
        let parts = duration.components
        return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
    }
}
