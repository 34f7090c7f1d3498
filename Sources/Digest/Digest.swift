import Foundation
import Model

/// A source whose recent fetches failed, as the digest reports it.
public struct FailingSource: Hashable, Sendable {
    public var title: String
    public var url: URL
    public var consecutiveErrors: Int
    public var lastError: String

    public init(title: String, url: URL, consecutiveErrors: Int, lastError: String) {
        self.title = title
        self.url = url
        self.consecutiveErrors = consecutiveErrors
        self.lastError = lastError
    }
}

/// The daily digest for the senior leadership team: its figures and sections, ready to render.
public struct Digest: Hashable, Sendable {
    /// The school's name, for the heading.
    public var schoolName: String
    /// The day the digest covers, as shown to people (e.g. "Wednesday 25 November 2026").
    public var dayTitle: String
    /// The same day as YYYY-MM-DD, for file names.
    public var dayKey: String
    /// The moment the digest's figures are taken at: now, or a past day's last second.
    public var generatedAt: Date
    /// The moment open cases are judged overdue, at risk or due today: the present, even for a
    /// past day's digest, since "what needs attention now" is about now.
    public var attentionAt: Date
    public var timeZone: TimeZone
    public var findings: [FindingSummary]
    public var openCases: [CaseSummary]
    public var failingSources: [FailingSource]
    /// The concerns the routing in force treats as urgent (their owners are alerted at once).
    public var urgentConcerns: Set<Concern>
    /// The last 30 days, for trends and compliance.
    public var history: DigestHistory
    /// Mentions found in the window but taken as history (published before their source was first
    /// read, by more than the history window): counted here, not among `findings`.
    public var mentionsTakenAsHistory: Int
    /// How many of those would have opened a case; `earshot scan --backfill` opens them.
    public var casesHeldBack: Int

    /// Builds a digest for the local day containing `generatedAt` in `timeZone`; open cases are
    /// judged at `attentionAt` (by default `generatedAt`).
    public init(
        schoolName: String,
        generatedAt: Date,
        attentionAt: Date? = nil,
        timeZone: TimeZone,
        findings: [FindingSummary],
        openCases: [CaseSummary],
        failingSources: [FailingSource],
        urgentConcerns: Set<Concern>,
        history: DigestHistory = DigestHistory(),
        mentionsTakenAsHistory: Int = 0,
        casesHeldBack: Int = 0
    ) {
        self.urgentConcerns = urgentConcerns
        self.history = history
        self.mentionsTakenAsHistory = mentionsTakenAsHistory
        self.casesHeldBack = casesHeldBack
        self.schoolName = schoolName
        self.generatedAt = generatedAt
        self.attentionAt = attentionAt ?? generatedAt
        self.timeZone = timeZone
        self.findings = findings
        self.openCases = openCases
        self.failingSources = failingSources
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = timeZone
        formatter.dateFormat = "EEEE d MMMM yyyy"
        dayTitle = formatter.string(from: generatedAt)
        formatter.dateFormat = "yyyy-MM-dd"
        dayKey = formatter.string(from: generatedAt)
    }

    /// A digest from what the store keeps: the window's findings, the open cases (put in urgent
    /// order), every source's fetch state (the failing ones reported under their titles, falling
    /// back to their identifiers), the last 30 days' sentiment and first responses, and what the
    /// window took as history.
    public init(
        schoolName: String,
        generatedAt: Date,
        attentionAt: Date,
        timeZone: TimeZone,
        findings: [FindingSummary],
        openCases: [CaseSummary],
        fetchStates: some Sequence<FetchState>,
        sourceTitles: [SourceID: String],
        sentimentHistory: [(discoveredAt: Date, compound: Double)],
        responseHistory: [(dueAt: Date, firstResponseAt: Date?)],
        urgentConcerns: Set<Concern>,
        takenAsHistory: (mentions: Int, casesHeldBack: Int) = (0, 0)
    ) {
        let failing = fetchStates
            .filter { !$0.isHealthy }
            .sorted { $0.sourceID < $1.sourceID }
            .map { state in
                FailingSource(title: sourceTitles[state.sourceID] ?? state.sourceID.rawValue, url: state.currentURL,
                              consecutiveErrors: state.consecutiveErrors, lastError: state.lastError ?? "")
            }
        let history = DigestHistory(
            sentimentPoints: sentimentHistory.map { DigestHistory.SentimentPoint(discoveredAt: $0.discoveredAt, compound: $0.compound) },
            caseResponses: responseHistory.map { DigestHistory.CaseResponse(dueAt: $0.dueAt, firstResponseAt: $0.firstResponseAt) }
        )
        self.init(schoolName: schoolName, generatedAt: generatedAt, attentionAt: attentionAt, timeZone: timeZone, findings: findings,
                  openCases: openCases.urgentFirst(at: attentionAt), failingSources: failing, urgentConcerns: urgentConcerns,
                  history: history, mentionsTakenAsHistory: takenAsHistory.mentions, casesHeldBack: takenAsHistory.casesHeldBack)
    }

    /// Mentions found in the window.
    public var mentionCount: Int { findings.count }

    /// What the window took as history, in a sentence; nil when it took none.
    public var historyLine: String? {
        guard mentionsTakenAsHistory > 0 else { return nil }
        return "Taken as history: \(mentionsTakenAsHistory) mention\(mentionsTakenAsHistory == 1 ? "" : "s") published before "
            + "their source was first read (\(casesHeldBack) would have opened a case; `earshot scan --backfill` opens them)."
    }

    /// Mean compound sentiment of the window's findings, 0 when there are none.
    public var netSentiment: Double {
        findings.isEmpty ? 0 : findings.map(\.sentiment.compound).reduce(0, +) / Double(findings.count)
    }

    /// Findings that carry at least one concern other than praise.
    public var newConcernCount: Int {
        findings.filter { $0.concerns.contains { $0.concern != .praise } }.count
    }

    /// Open cases past their due time at `attentionAt`.
    public var overdueCases: [CaseSummary] { openCases.filter { $0.isOverdue(at: attentionAt) } }

    /// Open cases due within two hours of `attentionAt`.
    public var atRiskCases: [CaseSummary] { openCases.filter { $0.isAtRisk(at: attentionAt) } }

    /// Open cases awaiting their first response, not overdue, and due before the end of
    /// `attentionAt`'s local day.
    public var casesDueToday: [CaseSummary] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let endOfDay = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: attentionAt)) ?? attentionAt
        return openCases.filter { $0.awaitsResponse && !$0.isOverdue(at: attentionAt) && $0.dueAt < endOfDay }
    }

    /// The start of the local day a `YYYY-MM-DD` text names in `timeZone`, or nil when the text is
    /// not exactly such a day ("2026-02-30", "2026-1-5" and "5/1/2026" are not).
    public static func startOfDay(named text: String, in timeZone: TimeZone) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, text.utf8.allSatisfy({ $0 == 0x2D || (0x30...0x39).contains($0) }),
              parts.count == 3, parts.map(\.count) == [4, 2, 2],
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        guard let start = calendar.date(from: DateComponents(year: year, month: month, day: day)) else { return nil }
        let written = calendar.dateComponents([.year, .month, .day], from: start)
        guard written.year == year, written.month == month, written.day == day else { return nil }
        return calendar.startOfDay(for: start)
    }

    /// Open cases whose concern the routing in force treats as urgent (its owner alerted at once).
    public var urgentCases: [CaseSummary] {
        openCases.filter { urgentConcerns.contains($0.primaryConcern) }
    }

    /// The window's findings grouped by their most serious concern; findings without one come last as "Other mentions".
    public var findingsByConcern: [(title: String, findings: [FindingSummary])] {
        var groups: [Concern: [FindingSummary]] = [:]
        var other: [FindingSummary] = []
        for finding in findings {
            if let concern = finding.concerns.map(\.concern).min() {
                groups[concern, default: []].append(finding)
            } else {
                other.append(finding)
            }
        }
        var result = Concern.allCases.compactMap { concern in
            groups[concern].map { (title: concern.displayName, findings: $0) }
        }
        if !other.isEmpty { result.append((title: "Other mentions", findings: other)) }
        return result
    }

    public static func == (lhs: Digest, rhs: Digest) -> Bool {
        lhs.dayKey == rhs.dayKey && lhs.generatedAt == rhs.generatedAt && lhs.findings == rhs.findings
            && lhs.openCases == rhs.openCases && lhs.failingSources == rhs.failingSources
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(dayKey)
        hasher.combine(generatedAt)
    }
}
