import Foundation
import Model

/// What the `digest` template shows, with every figure already worded: the template only places
/// values, and escapes each one.
///
/// Read by the template through reflection, property by property; optional values that a section
/// tests are read with a leading dot in the template, so that a missing one is never looked for
/// in an enclosing value.
struct DigestEmail {
    let schoolName: String
    let dayTitle: String
    let dayKey: String
    let generatedAt: String
    let figures: [Figure]
    let attention: [AttentionRow]
    let hasAttention: Bool
    /// Cases needing attention beyond those listed, when there are any.
    let unlistedCases: Int?
    let hasMentions: Bool
    let mentionGroups: [MentionGroup]
    /// Mentions beyond those listed, when there are any.
    let unlistedMentions: Int?
    /// How many mentions were taken as history, when any were.
    let historyLine: String?
    let charts: [SentimentChart]
    let responseLines: [String]
    let failingFeeds: [FailingFeed]
    let hasFailingFeeds: Bool

    /// One headline figure.
    struct Figure {
        let label: String
        let value: String
    }

    /// A case under "Needs attention now".
    struct AttentionRow {
        let caseNumber: String
        let reason: String
        /// The reason's colour: red for overdue, amber for at risk and urgent, dark for due today.
        let colour: String
        let concern: String
        let owner: String
        let due: String
        let post: EmailLink
        let sourceTitle: String
    }

    /// The mentions of one concern, with how many there were in all.
    struct MentionGroup {
        let title: String
        let total: Int
        let mentions: [Mention]
    }

    /// One listed mention.
    struct Mention {
        let post: EmailLink
        let sources: String
        let sentiment: String
        let snippet: String
    }

    /// Mean sentiment per day, one row a day, oldest first.
    struct SentimentChart {
        let title: String
        let days: [Day]

        /// One day's row: a bar of `negativeWidth` or `positiveWidth` pixels on its side of zero.
        struct Day {
            let day: String
            let negativeWidth: Int?
            let positiveWidth: Int?
            let mean: String
            let mentions: String
        }
    }

    /// A failing feed, its address without secrets.
    struct FailingFeed {
        let title: String
        let address: String
        let failures: Int
        let lastError: String
    }

    init(_ digest: Digest, renderer: DigestRenderer) {
        let time = renderer.timeFormatter(digest.timeZone)
        schoolName = digest.schoolName
        dayTitle = digest.dayTitle
        dayKey = digest.dayKey
        generatedAt = time.string(from: digest.generatedAt)
        figures = renderer.headline(digest).map { Figure(label: $0.0, value: $0.1) }

        let rows = renderer.attentionRows(digest)
        attention = rows.prefix(DigestRenderer.attentionRowLimit).map { reason, item in
            AttentionRow(caseNumber: item.id.description, reason: reason,
                         colour: reason == "Overdue" ? "#b00020" : (reason == "Due today" ? "#333" : "#a15c00"),
                         concern: item.primaryConcern.displayName, owner: item.owner.rawValue, due: time.string(from: item.dueAt),
                         post: EmailLink(text: item.title, to: item.link), sourceTitle: item.sourceTitle)
        }
        hasAttention = !rows.isEmpty
        unlistedCases = rows.count > DigestRenderer.attentionRowLimit ? rows.count - DigestRenderer.attentionRowLimit : nil

        hasMentions = !digest.findings.isEmpty
        let listed = renderer.listedMentions(digest)
        mentionGroups = listed.groups.map { group in
            MentionGroup(title: group.title, total: group.total, mentions: group.listed.map { finding in
                Mention(post: EmailLink(text: finding.title.isEmpty ? finding.snippet : finding.title, to: finding.link),
                        sources: finding.sourceTitles.joined(separator: ", "), sentiment: renderer.signed(finding.sentiment.compound),
                        snippet: finding.snippet)
            })
        }
        unlistedMentions = listed.unlisted > 0 ? listed.unlisted : nil
        historyLine = digest.historyLine

        charts = [(7, "Last 7 days"), (30, "Last 30 days")].map { days, title in
            SentimentChart(title: title, days: digest.dailySentiment(days: days).map { day in
                let width = Int((abs(day.meanCompound) * 120).rounded())
                return SentimentChart.Day(day: day.day,
                                          negativeWidth: day.meanCompound < 0 && width > 0 ? width : nil,
                                          positiveWidth: day.meanCompound > 0 && width > 0 ? width : nil,
                                          mean: renderer.signed(day.meanCompound),
                                          mentions: "\(day.mentions) mention\(day.mentions == 1 ? "" : "s")")
            })
        }
        responseLines = renderer.responseLines(digest)
        failingFeeds = digest.failingSources.map { source in
            FailingFeed(title: source.title, address: AddressRedaction.redacted(source.url), failures: source.consecutiveErrors,
                        lastError: source.lastError)
        }
        hasFailingFeeds = !failingFeeds.isEmpty
    }
}

/// A post's title and, when it is a web address, where it links to: anything but http and https
/// (a `javascript:` address, say) is shown as text only.
struct EmailLink {
    let text: String
    let address: String?

    init(text: String, to url: URL?) {
        self.text = text
        address = url.flatMap { ["http", "https"].contains($0.scheme?.lowercased() ?? "") ? $0.absoluteString : nil }
    }
}
