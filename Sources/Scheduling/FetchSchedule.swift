import Foundation
import Model

/// Which sources are due and when each is due next. Pure: time is a parameter.
public struct FetchSchedule: Sendable, Hashable {
    /// The interval for a source that does not set its own.
    public var defaultInterval: Duration
    /// How far the interval is spread per source, as a fraction of it (0.1 = ±10 %).
    public var jitterFraction: Double
    /// The longest a failing source waits between attempts.
    public var maximumBackoff: Duration

    public init(
        defaultInterval: Duration = .seconds(30 * 60),
        jitterFraction: Double = 0.1,
        maximumBackoff: Duration = .seconds(2 * 24 * 3600)
    ) {
        self.defaultInterval = defaultInterval
        self.jitterFraction = jitterFraction
        self.maximumBackoff = maximumBackoff
    }

    /// The sources to fetch now: all of them when `includesAll`, else those never fetched or past due.
    /// Never-fetched sources come first, then the most overdue.
    public func dueSources(
        _ sources: [Source], states: [SourceID: FetchState], now: Date, includesAll: Bool = false
    ) -> [Source] {
        let due = sources.filter { source in
            includesAll || (states[source.id]?.nextDueAt).map { $0 <= now } ?? true
        }
        return due.sorted { left, right in
            let leftDue = states[left.id]?.nextDueAt ?? .distantPast
            let rightDue = states[right.id]?.nextDueAt ?? .distantPast
            return leftDue == rightDue ? left.id < right.id : leftDue < rightDue
        }
    }

    /// When `source` should next be fetched after an attempt at `fetchedAt`.
    /// - Parameter consecutiveErrors: failures in a row including this attempt; 0 after a success.
    public func nextDue(for source: Source, fetchedAt: Date, consecutiveErrors: Int) -> Date {
        let interval = seconds(source.refreshInterval ?? defaultInterval)
        let jitter = interval * jitterFraction * Self.unitJitter(for: source.id)
        guard consecutiveErrors > 0 else {
            return fetchedAt.addingTimeInterval(interval + jitter)
        }
        let backoff = min(interval * pow(2, Double(min(consecutiveErrors, 20))), seconds(maximumBackoff))
        return fetchedAt.addingTimeInterval(backoff + jitter)
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
