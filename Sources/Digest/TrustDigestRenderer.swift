import Foundation
import Model
import Templating

/// Renders a ``TrustDigest`` as email-safe HTML, plain text and JSON figures.
public struct TrustDigestRenderer: Sendable {
    /// Overdue cases listed; the rest are counted, and `earshot cases --school ID` lists them.
    static let overdueRowLimit = 30

    public init() {}

    /// The bundled templates, read once.
    private static let templates = Result { () throws(TemplateError) in try TemplateLibrary(bundle: .module, folder: "Templates") }

    /// The trust digest as a complete HTML document from the bundled `trust-digest` template,
    /// every value escaped.
    /// - Throws: ``TemplateError`` when the bundled templates cannot be read.
    public func html(_ digest: TrustDigest) throws(TemplateError) -> String {
        try Self.templates.get().render(TrustDigestEmail(digest, renderer: self), with: "trust-digest")
    }

    /// The trust digest as plain text: a table of the schools, then the overdue cases.
    public func plainText(_ digest: TrustDigest) -> String {
        let time = DigestRenderer().timeFormatter(digest.timeZone)
        var lines = ["\(digest.trustName): the schools side by side", "\(digest.dayTitle), generated \(time.string(from: digest.generatedAt))", ""]
        let nameWidth = max(6, digest.rows.map(\.name.count).max() ?? 0)
        func padded(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        lines.append(padded("School", nameWidth) + "  Mentions  Sentiment  Concerns  Open  Overdue  Answered in time (30 days)")
        for row in digest.rows {
            lines.append(padded(row.name, nameWidth) + "  " + padded("\(row.mentions)", 8) + "  " + padded(DigestRenderer().signed(row.netSentiment), 9)
                         + "  " + padded("\(row.newConcerns)", 8) + "  " + padded("\(row.openCases)", 4) + "  "
                         + padded("\(row.overdueCases)", 7) + "  " + complianceText(row.compliance))
        }
        lines.append("")
        lines.append("OVERDUE CASES")
        if digest.overdue.isEmpty { lines.append("  No school has an overdue case.") }
        for (school, item) in digest.overdue.prefix(Self.overdueRowLimit) {
            lines.append("  \(school): case \(item.id) \(item.primaryConcern.displayName), owner \(item.owner), due \(time.string(from: item.dueAt))")
        }
        if digest.overdue.count > Self.overdueRowLimit {
            lines.append("  … and \(digest.overdue.count - Self.overdueRowLimit) more: run `earshot cases --school ID` for each school's list.")
        }
        return DirectionControls.neutralised(lines.joined(separator: "\n") + "\n")
    }

    /// The figures as a JSON object: the day, and each school's row.
    public func figuresJSON(_ digest: TrustDigest) -> String {
        let object: [String: Any] = [
            "day": digest.dayKey,
            "trust": digest.trustName,
            "mentions": digest.mentionCount,
            "overdue": digest.overdue.count,
            "schools": digest.rows.map { row -> [String: Any] in
                [
                    "school": row.school.rawValue, "name": row.name, "mentions": row.mentions,
                    "netSentiment": round(row.netSentiment * 1000) / 1000, "newConcerns": row.newConcerns,
                    "openCases": row.openCases, "overdue": row.overdueCases,
                    "compliance30Days": ["due": row.compliance.due, "answeredInTime": row.compliance.answeredInTime,
                                         "share": row.compliance.share.map { round($0 * 1000) / 1000 as Any } ?? NSNull()],
                ]
            },
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// "92% (12 of 13)", or "no case fell due".
    func complianceText(_ compliance: Compliance) -> String {
        guard compliance.share != nil else { return "no case fell due" }
        // Rounded down, in whole numbers, as the school digest does.
        return "\(compliance.answeredInTime * 100 / compliance.due)% (\(compliance.answeredInTime) of \(compliance.due))"
    }
}

/// What the `trust-digest` template shows, every value already worded.
struct TrustDigestEmail {
    let trustName: String
    let dayTitle: String
    let dayKey: String
    let generatedAt: String
    let rows: [Row]
    let overdue: [OverdueRow]
    let hasOverdue: Bool
    /// Overdue cases beyond those listed, when there are any.
    let unlistedOverdue: Int?

    struct Row {
        let name: String
        let mentions: String
        let sentiment: String
        let concerns: String
        let openCases: String
        let overdue: String
        /// Red when the school has an overdue case.
        let overdueColour: String
        let compliance: String
    }

    struct OverdueRow {
        let school: String
        let caseNumber: String
        let concern: String
        let owner: String
        let due: String
    }

    init(_ digest: TrustDigest, renderer: TrustDigestRenderer) {
        let time = DigestRenderer().timeFormatter(digest.timeZone)
        trustName = digest.trustName
        dayTitle = digest.dayTitle
        dayKey = digest.dayKey
        generatedAt = time.string(from: digest.generatedAt)
        rows = digest.rows.map { row in
            Row(name: row.name, mentions: "\(row.mentions)", sentiment: DigestRenderer().signed(row.netSentiment), concerns: "\(row.newConcerns)",
                openCases: "\(row.openCases)", overdue: "\(row.overdueCases)", overdueColour: row.overdueCases > 0 ? "#b00020" : "#222",
                compliance: renderer.complianceText(row.compliance))
        }
        overdue = digest.overdue.prefix(TrustDigestRenderer.overdueRowLimit).map { school, item in
            OverdueRow(school: school, caseNumber: "\(item.id)", concern: item.primaryConcern.displayName, owner: item.owner.rawValue,
                       due: time.string(from: item.dueAt))
        }
        hasOverdue = !digest.overdue.isEmpty
        unlistedOverdue = digest.overdue.count > TrustDigestRenderer.overdueRowLimit ? digest.overdue.count - TrustDigestRenderer.overdueRowLimit : nil
    }
}
