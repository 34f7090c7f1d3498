import Foundation
import Model
import Templating

/// Renders a ``Digest`` as email-safe HTML and as plain text.
///
/// The HTML uses tables and inline styles only, which common email clients render, and escapes
/// every value that came from the internet.
public struct DigestRenderer: Sendable {
    /// Cases listed under "Needs attention now"; the rest are counted, and `earshot cases` lists them all.
    static let attentionRowLimit = 15
    /// Mentions listed under "New mentions", most serious concern first; the rest are counted, and
    /// the workspace's Mentions page searches them all. With titles and snippets within `TextLimits`,
    /// this keeps the emailed digest to about a megabyte whatever a day brings, well under the
    /// 10 MB that mail servers commonly accept.
    static let listedMentionLimit = 200

    public init() {}

    /// The digest as a complete HTML document, from the bundled `digest` template: tables and
    /// inline styles only, which common email clients render, with every value escaped.
    /// - Throws: ``TemplateError`` when the bundled templates cannot be read.
    public func html(_ digest: Digest) throws(TemplateError) -> String {
        try Self.templates.get().render(DigestEmail(digest, renderer: self), with: "digest")
    }

    /// The bundled templates, read once.
    private static let templates = Result { () throws(TemplateError) in try TemplateLibrary(bundle: .module, folder: "Templates") }

    /// The digest as plain text, for the text part of an email and for terminals.
    public func plainText(_ digest: Digest) -> String {
        let time = timeFormatter(digest.timeZone)
        var lines = ["\(digest.schoolName): social media digest", "\(digest.dayTitle), generated \(time.string(from: digest.generatedAt))", ""]
        lines.append(headline(digest).map { "\($0.0): \($0.1)" }.joined(separator: " | "))
        lines.append("")
        lines.append("NEEDS ATTENTION NOW")
        let attention = attentionRows(digest)
        if attention.isEmpty { lines.append("  Nothing is overdue, urgent or due today.") }
        for (reason, item) in attention.prefix(Self.attentionRowLimit) {
            lines.append("  \(item.id) [\(reason)] \(item.primaryConcern.displayName), owner \(item.owner), due \(time.string(from: item.dueAt))")
            lines.append("      \(item.title) (\(item.sourceTitle))")
            if let link = item.link { lines.append("      \(link.absoluteString)") }
        }
        if attention.count > Self.attentionRowLimit {
            lines.append("  … and \(attention.count - Self.attentionRowLimit) more: run `earshot cases` for the full list.")
        }
        lines.append("")
        lines.append("NEW MENTIONS")
        if digest.findings.isEmpty { lines.append("  No new mentions in this period.") }
        let mentions = listedMentions(digest)
        for group in mentions.groups {
            lines.append("  \(group.title) (\(group.total))")
            for finding in group.listed {
                lines.append("    - \(finding.title.isEmpty ? finding.snippet : finding.title) [\(finding.sourceTitles.joined(separator: ", ")); sentiment \(signed(finding.sentiment.compound))]")
                if let link = finding.link { lines.append("      \(link.absoluteString)") }
            }
        }
        if mentions.unlisted > 0 {
            lines.append("  … and \(mentions.unlisted) more: search them by concern or words on the workspace's Mentions page.")
        }
        if let line = digest.historyLine { lines.append("  " + line) }
        lines.append("")
        lines.append("SENTIMENT, LAST 7 DAYS (mean compound, mentions)")
        for day in digest.dailySentiment(days: 7) {
            let bar = String(repeating: day.meanCompound < 0 ? "-" : "+", count: Int((abs(day.meanCompound) * 20).rounded()))
            lines.append("  \(day.day)  \(signed(day.meanCompound))  \(String(format: "%3d", day.mentions))  \(bar)")
        }
        let month = digest.dailySentiment(days: 30)
        let monthMentions = month.map(\.mentions).reduce(0, +)
        let monthMean = monthMentions == 0 ? 0 : month.map { $0.meanCompound * Double($0.mentions) }.reduce(0, +) / Double(monthMentions)
        lines.append("  last 30 days: \(monthMentions) mentions, mean \(signed(monthMean))")
        lines.append("")
        lines.append("RESPONSE TIMES")
        for line in responseLines(digest) { lines.append("  " + line) }
        lines.append("")
        lines.append("FAILING FEEDS")
        if digest.failingSources.isEmpty { lines.append("  Every feed was fetched without error.") }
        for source in digest.failingSources {
            lines.append("  \(source.title): \(source.consecutiveErrors) failures in a row; last error: \(source.lastError)")
        }
        // Direction controls in a title or snippet would reorder the lines a reader sees.
        return DirectionControls.neutralised(lines.joined(separator: "\n") + "\n")
    }

    /// The mention groups with the findings listed in each (at most ``listedMentionLimit`` in all,
    /// most serious concern first), and how many are left unlisted.
    func listedMentions(_ digest: Digest) -> (groups: [(title: String, total: Int, listed: ArraySlice<FindingSummary>)], unlisted: Int) {
        var remaining = Self.listedMentionLimit
        var groups: [(title: String, total: Int, listed: ArraySlice<FindingSummary>)] = []
        for group in digest.findingsByConcern where remaining > 0 {
            let listed = group.findings.prefix(remaining)
            remaining -= listed.count
            groups.append((title: group.title, total: group.findings.count, listed: listed))
        }
        let listedCount = groups.map(\.listed.count).reduce(0, +)
        return (groups, digest.findings.count - listedCount)
    }

    /// Response-time compliance over 7 and 30 days and the detection delay, one sentence each.
    public func responseLines(_ digest: Digest) -> [String] {
        var lines: [String] = []
        for days in [7, 30] {
            let compliance = digest.compliance(days: days)
            if compliance.share != nil {
                // Rounded down, in whole numbers: 199 of 200 is 99 %, not a perfect record.
                lines.append("Last \(days) days: \(compliance.answeredInTime * 100 / compliance.due)% of cases answered within the policy time "
                             + "(\(compliance.answeredInTime) of \(compliance.due))")
            } else {
                lines.append("Last \(days) days: no case fell due")
            }
        }
        let delay = digest.detectionDelay
        if let median = delay.median, let slowest = delay.ninetiethPercentile {
            lines.append("Detection delay (publication to discovery): median \(Self.duration(median)), 90th percentile "
                         + "\(Self.duration(slowest)), over \(delay.measured) mentions")
        } else {
            lines.append("Detection delay: no mention in this period carried a publication time")
        }
        return lines
    }

    /// A duration for people: minutes, hours or days.
    static func duration(_ seconds: TimeInterval) -> String {
        if seconds < 3600 { return "\(Int((seconds / 60).rounded())) min" }
        if seconds < 2 * 86_400 { return String(format: "%.1f h", seconds / 3600) }
        return String(format: "%.1f days", seconds / 86_400)
    }

    /// The digest's key figures as a JSON object, saved beside the HTML and text. The attention
    /// counts (`overdue`, `atRisk`, `urgent`, `dueToday`) count each case once, under the first
    /// reason it is listed for, as the attention rows do.
    public func figuresJSON(_ digest: Digest) -> String {
        let attention = attentionRows(digest)
        func listed(_ reason: String) -> Int { attention.count { $0.0 == reason } }
        func sentiment(_ days: Int) -> [[String: Any]] {
            digest.dailySentiment(days: days).map { ["day": $0.day, "mentions": $0.mentions, "meanCompound": round($0.meanCompound * 1000) / 1000] }
        }
        func compliance(_ days: Int) -> [String: Any] {
            let value = digest.compliance(days: days)
            return ["due": value.due, "answeredInTime": value.answeredInTime, "share": value.share.map { round($0 * 1000) / 1000 as Any } ?? NSNull()]
        }
        let delay = digest.detectionDelay
        let object: [String: Any] = [
            "day": digest.dayKey,
            "school": digest.schoolName,
            "mentions": digest.mentionCount,
            "mentionsTakenAsHistory": digest.mentionsTakenAsHistory,
            "casesHeldBack": digest.casesHeldBack,
            "netSentiment": round(digest.netSentiment * 1000) / 1000,
            "newConcerns": digest.newConcernCount,
            "openCases": digest.openCases.count,
            "overdue": listed("Overdue"),
            "atRisk": listed("At risk"),
            "urgent": listed("Urgent"),
            "dueToday": listed("Due today"),
            "sentiment7Days": sentiment(7),
            "sentiment30Days": sentiment(30),
            "compliance7Days": compliance(7),
            "compliance30Days": compliance(30),
            "detectionDelay": ["measured": delay.measured, "medianSeconds": delay.median.map { $0 as Any } ?? NSNull(),
                               "ninetiethPercentileSeconds": delay.ninetiethPercentile.map { $0 as Any } ?? NSNull()],
            "failingFeeds": digest.failingSources.map { ["title": $0.title, "url": $0.url.absoluteString,
                                                         "consecutiveErrors": $0.consecutiveErrors, "lastError": $0.lastError] },
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The headline figures, as label and value.
    public func headline(_ digest: Digest) -> [(String, String)] {
        [
            ("Mentions", "\(digest.mentionCount)"),
            ("Net sentiment", signed(digest.netSentiment)),
            ("New concerns", "\(digest.newConcernCount)"),
            ("Open cases", "\(digest.openCases.count)"),
            ("Overdue", "\(digest.overdueCases.count)"),
        ]
    }

    /// What needs attention now: overdue first, then at risk (due within two hours), then urgent,
    /// then due today; each case once, with the reason it is listed.
    public func attentionRows(_ digest: Digest) -> [(String, CaseSummary)] {
        var seen = Set<CaseID>()
        var rows: [(String, CaseSummary)] = []
        for (reason, cases) in [("Overdue", digest.overdueCases), ("At risk", digest.atRiskCases), ("Urgent", digest.urgentCases),
                                ("Due today", digest.casesDueToday)] {
            for item in cases where seen.insert(item.id).inserted {
                rows.append((reason, item))
            }
        }
        return rows
    }

    func signed(_ value: Double) -> String {
        String(format: "%+.2f", value)
    }

    func timeFormatter(_ timeZone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = timeZone
        formatter.dateFormat = "EEE d MMM HH:mm"
        return formatter
    }
}
