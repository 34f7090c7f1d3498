import Foundation

/// A due time with the policy rule that produced it, so that a digest can say why a case is due when it is.
public struct Deadline: Hashable, Sendable {
    /// Which clause of the policy set the due time.
    public enum Rule: String, Hashable, Sendable, CaseIterable {
        /// Urgent work ("as soon as possible", "at once"): the allowance in elapsed time, weekends included.
        case urgentElapsed
        /// Received on a working day: "a response within 24 hours", counted in elapsed seconds.
        case hoursOnWorkingDay
        /// Received on a weekend or bank holiday: "on the next working day", by its close.
        case nextWorkingDay
        /// Received on a working day, but the elapsed deadline fell on a non-working day and the school
        /// moves such deadlines to the close of the next working day.
        case movedOffNonWorkingDay

        /// The rule in words, for the due-times table and digests.
        public var explanation: String {
            switch self {
            case .urgentElapsed: "urgent: received + allowance, calendar ignored"
            case .hoursOnWorkingDay: "working-day receipt: received + 24 h elapsed"
            case .nextWorkingDay: "non-working-day receipt: close of next working day"
            case .movedOffNonWorkingDay: "24 h lands on a non-working day: moved to close of next working day"
            }
        }
    }

    /// When the response is due.
    public var dueAt: Date
    /// The rule that set it.
    public var rule: Rule

    /// A deadline from its parts.
    public init(dueAt: Date, rule: Rule) {
        self.dueAt = dueAt
        self.rule = rule
    }
}
