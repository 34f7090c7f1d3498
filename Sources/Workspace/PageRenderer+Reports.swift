import Digest
import Foundation
import Model
import Storage
import Templating

extension PageRenderer {
    /// Whether the person may read this post: safeguarding posts are for the DSL and senior leaders.
    func isRestricted(_ finding: FindingSummary, for user: SignedInUser) -> Bool {
        !user.canSeeSafeguarding && finding.concerns.contains { $0.concern == .safeguarding }
    }

    /// One mention in a list, as the `mention-entry` template shows it. A restricted one carries
    /// nothing of the post but when it was found.
    struct MentionEntry {
        let isRestricted: Bool
        let found: String
        let title: String
        let link: String?
        let snippet: String
        let meta: String
    }

    func mentionEntry(_ finding: FindingSummary, user: SignedInUser) -> MentionEntry {
        let found = formatter.string(from: finding.discoveredAt)
        if isRestricted(finding, for: user) {
            return MentionEntry(isRestricted: true, found: found, title: "", link: nil, snippet: "", meta: "")
        }
        let concerns = finding.concerns.map(\.displayName).joined(separator: ", ")
        return MentionEntry(
            isRestricted: false, found: found, title: finding.title.isEmpty ? "Untitled post" : finding.title,
            link: Self.webAddress(finding.link), snippet: finding.snippet,
            meta: "\(finding.sourceTitles.joined(separator: ", ")) · found \(found) · sentiment "
                + String(format: "%+.2f", finding.sentiment.compound) + (concerns.isEmpty ? "" : " · " + concerns))
    }

    // MARK: Digest

    private struct DigestPage {
        let frame: Frame
        let dayTitle: String
        let dayKey: String
        let coverage: String
        let figures: [Figure]
        let attention: [AttentionRow]
        let hasAttention: Bool
        let charts: [SentimentBars]
        let responseLines: [String]
        let mentionGroups: [MentionGroup]
        let failingFeeds: [String]
        let hasFailingFeeds: Bool
    }

    private struct Figure {
        let label: String
        let value: String
    }

    /// A case needing attention; a restricted one is named but not linked.
    private struct AttentionRow {
        let reason: String
        let number: Int64
        let title: String
        let link: String?
        let due: String
        let owner: String
    }

    /// A table of days with a bar each way from zero: `negativeStep` or `positiveStep` is the
    /// bar's width in 5 % steps (the style sheet's `w0` to `w20`).
    private struct SentimentBars {
        let caption: String
        let days: [Day]

        struct Day {
            let day: String
            let negativeStep: Int?
            let positiveStep: Int?
            let mean: String
            let mentions: Int
        }
    }

    private struct MentionGroup {
        let title: String
        let count: Int
        let mentions: [MentionEntry]
    }

    func digestPage(_ digest: Digest, lastSaved: Store.DigestRecord?, user: SignedInUser) throws(TemplateError) -> String {
        let digestRenderer = DigestRenderer()
        let formatter = self.formatter
        var coverage = "Up to \(formatter.string(from: digest.generatedAt))."
        if let lastSaved {
            let sent = lastSaved.sentAt.map { "emailed \(formatter.string(from: $0))" }
                ?? "not emailed yet" + (lastSaved.lastSendError.map { " (last attempt: \($0))" } ?? "")
            coverage += " The last digest written covers \(lastSaved.day), \(sent)."
        }
        let attention = digestRenderer.attentionRows(digest).map { reason, item in
            let restricted = isRestricted(item, for: user)
            return AttentionRow(reason: reason, number: item.id.rawValue, title: restricted ? "Safeguarding case (restricted)" : item.title,
                                link: restricted ? nil : "/cases/\(item.id.rawValue)", due: formatter.string(from: item.dueAt),
                                owner: item.owner.rawValue + (item.assignee.map { " (\($0))" } ?? ""))
        }
        let charts = [(7, "Last 7 days: mean sentiment of each day's mentions"), (30, "Last 30 days")].map { days, caption in
            SentimentBars(caption: caption, days: digest.dailySentiment(days: days).map { day in
                let step = Int((min(1, abs(day.meanCompound)) * 20).rounded())
                return SentimentBars.Day(day: day.day, negativeStep: day.meanCompound < 0 && step > 0 ? step : nil,
                                         positiveStep: day.meanCompound > 0 && step > 0 ? step : nil,
                                         mean: String(format: "%+.2f", day.meanCompound), mentions: day.mentions)
            })
        }
        let failing = digest.failingSources.map { source in
            "\(source.title) (\(AddressRedaction.redacted(source.url))): \(source.consecutiveErrors) failure"
                + "\(source.consecutiveErrors == 1 ? "" : "s") in a row; \(source.lastError)"
        }
        return try templates.render(DigestPage(
            frame: frame("Digest", user: user), dayTitle: digest.dayTitle, dayKey: digest.dayKey, coverage: coverage,
            figures: digestRenderer.headline(digest).map { Figure(label: $0.0, value: $0.1) },
            attention: attention, hasAttention: !attention.isEmpty, charts: charts,
            responseLines: digestRenderer.responseLines(digest),
            mentionGroups: digest.findingsByConcern.map { group in
                MentionGroup(title: group.title, count: group.findings.count, mentions: group.findings.map { mentionEntry($0, user: user) })
            },
            failingFeeds: failing, hasFailingFeeds: !failing.isEmpty
        ), with: "digest")
    }

    // MARK: Feeds

    private struct FeedsPage {
        let frame: Frame
        let count: String
        let sources: [SourceRow]
        let hasSources: Bool
    }

    /// A source with how its fetches went; its address shown without secrets.
    private struct SourceRow {
        let title: String
        let kind: String?
        let address: String
        let isHealthy: Bool
        let failure: String
        let lastFetched: String
        let lastChanged: String
        let nextDue: String
    }

    func feedsPage(_ sources: [Store.SourceRecord], user: SignedInUser) throws(TemplateError) -> String {
        let formatter = self.formatter
        func time(_ date: Date?) -> String { date.map { formatter.string(from: $0) } ?? "never" }
        let failing = sources.filter { !$0.state.isHealthy }.count
        let rows = sources.map { source in
            let state = source.state
            return SourceRow(title: source.title, kind: source.kind?.rawValue, address: AddressRedaction.redacted(state.currentURL),
                             isHealthy: state.isHealthy,
                             failure: state.isHealthy ? "" : "\(state.consecutiveErrors) in a row: \(state.lastError ?? "unknown error")",
                             lastFetched: time(state.lastFetchedAt), lastChanged: time(state.lastChangedAt), nextDue: time(state.nextDueAt))
        }
        return try templates.render(FeedsPage(
            frame: frame("Feeds", user: user),
            count: "\(sources.count) source\(sources.count == 1 ? "" : "s"), \(failing) failing. Failing sources first.",
            sources: rows, hasSources: !rows.isEmpty
        ), with: "feeds")
    }

    // MARK: Mentions

    private struct MentionsPage {
        let frame: Frame
        let words: String
        let concernOptions: [Option]
        let sentimentOptions: [Option]
        let count: String
        let mentions: [MentionEntry]
        let hasMentions: Bool
    }

    func mentionsPage(_ findings: [FindingSummary], search: MentionSearch, user: SignedInUser) throws(TemplateError) -> String {
        let shown = findings.count == MentionSearch.pageSize ? "The newest \(findings.count)" : "\(findings.count)"
        return try templates.render(MentionsPage(
            frame: frame("Mentions", user: user), words: search.text,
            concernOptions: options(Concern.allCases.map { ($0.rawValue, $0.displayName) }, selected: search.concern?.rawValue),
            sentimentOptions: options(SentimentLabel.allCases.map { ($0.rawValue, $0.rawValue) }, selected: search.sentiment?.rawValue),
            count: "\(shown) mention\(findings.count == 1 ? "" : "s"), newest first.",
            mentions: findings.map { mentionEntry($0, user: user) }, hasMentions: !findings.isEmpty
        ), with: "mentions")
    }
}
