import Foundation
import Model

/// Which sources are due and when each is due next. Pure: time is a parameter.
public struct FetchSchedule: Sendable, Hashable {
    /// The interval for a source that does not set its own.
    public var defaultInterval: Duration
    /// How far the interval is spread per source, as a fraction of it (0.1 = ±10 %), from 0 to 0.5.
    public var jitterFraction: Double
    /// The longest a failing source waits between attempts.
    public var maximumBackoff: Duration

    public init(
        defaultInterval: Duration = .seconds(30 * 60),
        jitterFraction: Double = 0.1,
        maximumBackoff: Duration = .seconds(2 * 24 * 3600)
    ) {
        self.defaultInterval = defaultInterval
        self.jitterFraction = min(max(jitterFraction, 0), 0.5)
        self.maximumBackoff = maximumBackoff
    }

    /// The shortest interval between fetches of one source, whatever the configuration says: an
    /// interval of zero would fetch every source on every run and never back off a failing one.
    public static let shortestInterval: Duration = .seconds(60)

    /// The sources to fetch now: all of them when `includesAll`, else those never fetched, past
    /// due, or due further ahead than any wait the schedule could now give them (a due time set
    /// under a longer interval since shortened, or before the clock was set back).
    /// Never-fetched sources come first, then the most overdue.
    public func dueSources(
        _ sources: [Source], states: [SourceID: FetchState], now: Date, includesAll: Bool = false
    ) -> [Source] {
        let due = sources.filter { source in
            guard !includesAll, let state = states[source.id], let next = state.nextDueAt else { return true }
            return next <= now || next.timeIntervalSince(now) > longestWait(for: source, hints: state.scheduleHints)
        }
        return due.sorted { left, right in
            let leftDue = states[left.id]?.nextDueAt ?? .distantPast
            let rightDue = states[right.id]?.nextDueAt ?? .distantPast
            return leftDue == rightDue ? left.id < right.id : leftDue < rightDue
        }
    }

    /// When `source` should next be fetched after an attempt at `fetchedAt`.
    ///
    /// After a success: the source's interval, lengthened when its content has not changed for a
    /// day (×2) or a week (×4) but never past a day on that ground, raised to the source's own
    /// minimum (RSS `ttl`, `Cache-Control: max-age`) but never past a day on that ground either, so
    /// that a server asking for a year still has its posts read daily; spread by the per-source
    /// jitter (never below that minimum), then moved out of the hours and days the source asks to be
    /// skipped. After failures: exponential backoff from the interval, spread by the same jitter and
    /// capped by ``maximumBackoff``, then moved out of the skipped hours and days. Intervals shorter
    /// than ``shortestInterval`` count as that.
    /// - Parameters:
    ///   - consecutiveErrors: failures in a row including this attempt; 0 after a success.
    ///   - lastChangedAt: when the source's content last changed, if known.
    ///   - hints: what the source says about how often to come.
    public func nextDue(
        for source: Source,
        fetchedAt: Date,
        consecutiveErrors: Int,
        lastChangedAt: Date? = nil,
        hints: ScheduleHints = .none
    ) -> Date {
        let interval = interval(of: source)
        let jitter = interval * jitterFraction * Self.unitJitter(for: source.id)
        guard consecutiveErrors == 0 else {
            let backoff = min(interval * pow(2, Double(min(consecutiveErrors, 20))) + jitter, seconds(maximumBackoff))
            return Self.avoidingSkippedTimes(fetchedAt.addingTimeInterval(backoff), hints: hints)
        }
        var wait = interval
        if let lastChangedAt {
            let quiet = fetchedAt.timeIntervalSince(lastChangedAt)
            let factor: Double = quiet > 7 * 86_400 ? 4 : (quiet > 86_400 ? 2 : 1)
            wait = max(interval, min(interval * factor, 86_400))
        }
        wait += jitter
        if let minimum = hints.minimumInterval {
            wait = max(wait, min(seconds(minimum), 86_400))
        }
        return Self.avoidingSkippedTimes(fetchedAt.addingTimeInterval(wait), hints: hints)
    }

    /// The longest wait `nextDue` can give `source` now, with a margin of an hour.
    func longestWait(for source: Source, hints: ScheduleHints) -> TimeInterval {
        let interval = interval(of: source)
        let skipping: TimeInterval = hints.skipHours.isEmpty && hints.skipDays.isEmpty ? 0 : 8 * 86_400
        return max(interval, 86_400, seconds(maximumBackoff)) + interval * jitterFraction + skipping + 3600
    }

    private func interval(of source: Source) -> TimeInterval {
        max(seconds(source.refreshInterval ?? defaultInterval), seconds(Self.shortestInterval))
    }

    /// `date`, or the start of the first following hour that is in neither `skipHours` nor `skipDays` (UTC).
    static func avoidingSkippedTimes(_ date: Date, hints: ScheduleHints) -> Date {
        guard !hints.skipHours.isEmpty || !hints.skipDays.isEmpty else { return date }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var candidate = date
        for _ in 0..<(24 * 8) {
            let parts = calendar.dateComponents([.hour, .weekday], from: candidate)
            guard let hour = parts.hour, let weekday = parts.weekday else { return candidate }
            if !hints.skipHours.contains(hour) && !hints.skipDays.contains(weekday) { return candidate }
            let startOfHour = calendar.dateInterval(of: .hour, for: candidate)?.start ?? candidate
            candidate = startOfHour.addingTimeInterval(3600)
        }
        return date
    }

    private func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// A fixed value in [-1, 1] per source, from a hash of its identity, so that runs are repeatable.
    static func unitJitter(for id: SourceID) -> Double {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.rawValue.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return Double(hash % 2001) / 1000 - 1
    }
}
