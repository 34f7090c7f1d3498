import Foundation
import Model

/// What the digest needs from the past 30 days: every finding's sentiment by discovery time, and
/// how quickly each case was first answered.
public struct DigestHistory: Hashable, Sendable {
    /// One finding's sentiment at the moment it was found.
    public struct SentimentPoint: Hashable, Sendable {
        public var discoveredAt: Date
        public var compound: Double

        public init(discoveredAt: Date, compound: Double) {
            self.discoveredAt = discoveredAt
            self.compound = compound
        }
    }

    /// One case's due time and its first response (an acknowledgement, a reply, or a dismissal), if any yet.
    public struct CaseResponse: Hashable, Sendable {
        public var dueAt: Date
        public var firstResponseAt: Date?

        public init(dueAt: Date, firstResponseAt: Date?) {
            self.dueAt = dueAt
            self.firstResponseAt = firstResponseAt
        }
    }

    public var sentimentPoints: [SentimentPoint]
    public var caseResponses: [CaseResponse]

    public init(sentimentPoints: [SentimentPoint] = [], caseResponses: [CaseResponse] = []) {
        self.sentimentPoints = sentimentPoints
        self.caseResponses = caseResponses
    }
}

/// Sentiment on one local day.
public struct DailySentiment: Hashable, Sendable {
    /// YYYY-MM-DD in the school's time zone.
    public var day: String
    public var mentions: Int
    /// Mean compound of the day's findings; 0 when there were none.
    public var meanCompound: Double
}

/// Whether cases were answered within the policy's time.
public struct Compliance: Hashable, Sendable {
    /// Cases due in the period.
    public var due: Int
    /// Of those, answered (acknowledged, replied or dismissed) by their due time.
    public var answeredInTime: Int

    /// The share answered in time, nil when nothing was due.
    public var share: Double? { due == 0 ? nil : Double(answeredInTime) / Double(due) }
}

/// How long posts took to be found, from publication to discovery.
public struct DetectionDelay: Hashable, Sendable {
    /// Findings with a credible publication time.
    public var measured: Int
    public var median: TimeInterval?
    public var ninetiethPercentile: TimeInterval?
}

extension Digest {
    /// Sentiment per local day over the last `days` days, oldest first, the digest's day last.
    public func dailySentiment(days: Int) -> [DailySentiment] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let today = calendar.startOfDay(for: generatedAt)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd"
        var byDay: [String: [Double]] = [:]
        for point in history.sentimentPoints {
            byDay[formatter.string(from: point.discoveredAt), default: []].append(point.compound)
        }
        return (0..<days).reversed().compactMap { offset in
            guard let day = calendar.date(byAdding: .day, value: -offset, to: today) else { return nil }
            let key = formatter.string(from: day)
            let values = byDay[key] ?? []
            return DailySentiment(day: key, mentions: values.count,
                                  meanCompound: values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count))
        }
    }

    /// Cases due in the last `days` local days, the digest's day included and up to the digest (the
    /// same days as `dailySentiment(days:)`), and how many were answered in time.
    public func compliance(days: Int) -> Compliance {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let start = calendar.date(byAdding: .day, value: -(days - 1), to: calendar.startOfDay(for: generatedAt)) ?? generatedAt
        let due = history.caseResponses.filter { $0.dueAt >= start && $0.dueAt <= generatedAt }
        return Compliance(due: due.count, answeredInTime: due.filter { response in response.firstResponseAt.map { $0 <= response.dueAt } ?? false }.count)
    }

    /// Publication-to-discovery delay of the window's findings that carry a publication time.
    public var detectionDelay: DetectionDelay {
        let delays = findings.compactMap { finding in finding.published.map { finding.discoveredAt.timeIntervalSince($0) } }
            .filter { $0 >= 0 }.sorted()
        // Linear between the two nearest ranks: the median of two delays is their mean.
        func percentile(_ fraction: Double) -> TimeInterval? {
            guard !delays.isEmpty else { return nil }
            let position = Double(delays.count - 1) * fraction
            let lower = Int(position.rounded(.down))
            let upper = min(lower + 1, delays.count - 1)
            return delays[lower] + (delays[upper] - delays[lower]) * (position - Double(lower))
        }
        return DetectionDelay(measured: delays.count, median: percentile(0.5), ninetiethPercentile: percentile(0.9))
    }
}
