import Foundation
import Model

/// The trust's digest: its schools side by side (mentions, net sentiment, open and overdue cases,
/// response-time compliance), built from each school's own digest of the same window, and every
/// overdue case of every school.
public struct TrustDigest: Sendable {
    /// One school's figures.
    public struct SchoolRow: Sendable, Hashable {
        public var school: SchoolID
        public var name: String
        public var mentions: Int
        public var netSentiment: Double
        public var newConcerns: Int
        public var openCases: Int
        public var overdueCases: Int
        /// Cases due in the last 30 days and how many were answered within the policy time.
        public var compliance: Compliance
    }

    public var trustName: String
    public var dayTitle: String
    public var dayKey: String
    public var generatedAt: Date
    public var timeZone: TimeZone
    /// One row per school, in the order configured, the trust's own last.
    public var rows: [SchoolRow]
    /// Every school's overdue cases, most overdue first, with the school's name.
    public var overdue: [(school: String, case: CaseSummary)]

    /// The trust digest of each school's digest of one window, given with the school's id and name.
    public init(trustName: String, schools: [(id: SchoolID, name: String, digest: Digest)]) {
        self.trustName = trustName
        let first = schools.first?.digest
        dayTitle = first?.dayTitle ?? ""
        dayKey = first?.dayKey ?? ""
        generatedAt = first?.generatedAt ?? Date()
        timeZone = first?.timeZone ?? .current
        rows = schools.map { id, name, digest in
            SchoolRow(school: id, name: name, mentions: digest.mentionCount, netSentiment: digest.netSentiment,
                      newConcerns: digest.newConcernCount, openCases: digest.openCases.count,
                      overdueCases: digest.overdueCases.count, compliance: digest.compliance(days: 30))
        }
        overdue = schools.flatMap { _, name, digest in digest.overdueCases.map { (school: name, case: $0) } }
            .sorted { ($0.case.dueAt, $0.case.id.rawValue) < ($1.case.dueAt, $1.case.id.rawValue) }
    }

    /// Mentions across the trust.
    public var mentionCount: Int { rows.map(\.mentions).reduce(0, +) }
}
