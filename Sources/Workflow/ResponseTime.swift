/// How long the school has to respond to a case of some concern.
///
/// Two kinds of clock exist in the policy. Unacceptable content and safeguarding worries are
/// dealt with "as soon as possible" or "at once": urgent work that runs on elapsed time and
/// ignores weekends. Comments, queries and complaints get a response "within 24 hours, or on the
/// next working day if received at a weekend": a clock that respects the working calendar.
public enum ResponseTime: Hashable, Sendable, CustomStringConvertible {
    /// Urgent work: due this long after the clock starts, weekends and holidays included.
    /// A negative allowance counts as zero.
    case asSoonAsPossible(within: Duration)
    /// The policy's rule: within 24 hours, or the next working day if received on a non-working day.
    case policyDay
    /// Like `policyDay` with a different number of hours; hours beyond 24 run on after the
    /// next working day's close for posts received on a non-working day. A negative count counts as zero,
    /// and one over `longestHours` as that.
    case hours(Int)

    /// The longest response time in hours, a leap year; longer ones count as this long.
    public static let longestHours = 366 * 24

    /// The response time in words, for digests and listings.
    public var description: String {
        switch self {
        case .asSoonAsPossible(let allowance):
            "as soon as possible (within \(ResponseTime.describe(allowance)))"
        case .policyDay:
            "within 24 hours, or by the close of the next working day if received on a non-working day"
        case .hours(let hours):
            "within \(hours) hour\(hours == 1 ? "" : "s"), or if received on a non-working day by the close of the next working day"
                + (hours > 24 ? " plus \(hours - 24) hours" : "")
        }
    }

    private static func describe(_ duration: Duration) -> String {
        let seconds = duration.components.seconds
        if seconds > 0, seconds % 3600 == 0 {
            let hours = seconds / 3600
            return "\(hours) hour\(hours == 1 ? "" : "s")"
        }
        if seconds > 0, seconds % 60 == 0 {
            let minutes = seconds / 60
            return "\(minutes) minute\(minutes == 1 ? "" : "s")"
        }
        return "\(seconds) second\(seconds == 1 ? "" : "s")"
    }
}
