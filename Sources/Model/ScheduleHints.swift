/// What a source says about how often it should be fetched: an RSS `ttl`, an HTTP
/// `Cache-Control: max-age`, and the RSS `skipHours` and `skipDays` in which not to come.
public struct ScheduleHints: Hashable, Sendable, Codable {
    /// The shortest time before the next fetch that the source asks for.
    public var minimumInterval: Duration?
    /// Hours of the day (0–23, in UTC as RSS defines them) in which the source asks not to be fetched.
    public var skipHours: Set<Int>
    /// Days of the week (1 = Sunday … 7 = Saturday, in UTC) in which the source asks not to be fetched.
    public var skipDays: Set<Int>

    public init(minimumInterval: Duration? = nil, skipHours: Set<Int> = [], skipDays: Set<Int> = []) {
        self.minimumInterval = minimumInterval
        self.skipHours = skipHours
        self.skipDays = skipDays
    }

    /// No hints at all.
    public static let none = ScheduleHints()

    /// The two sets of hints together: the longer minimum interval, the union of skipped hours and days.
    public func merged(with other: ScheduleHints) -> ScheduleHints {
        let interval: Duration? = switch (minimumInterval, other.minimumInterval) {
        case let (left?, right?): max(left, right)
        case let (left, right): left ?? right
        }
        return ScheduleHints(minimumInterval: interval, skipHours: skipHours.union(other.skipHours),
                             skipDays: skipDays.union(other.skipDays))
    }
}
