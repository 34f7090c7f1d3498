import Foundation
import Model
import Storage

/// Cases as people read them: tables and pages in the school's time zone, or JSON.
struct CasePresenter {
    let timeZone: TimeZone
    let now: Date

    private var formatter: DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = timeZone
        formatter.dateFormat = "EEE d MMM HH:mm"
        return formatter
    }

    private var iso: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
        return formatter
    }

    func flag(_ item: CaseSummary) -> String {
        item.isOverdue(at: now) ? "OVERDUE" : (item.isAtRisk(at: now) ? "AT RISK" : "")
    }

    /// Open cases, one short block each.
    func listing(_ cases: [CaseSummary]) -> String {
        guard !cases.isEmpty else { return "No open cases.\n" }
        let formatter = self.formatter
        var lines = ["\(cases.count) open case\(cases.count == 1 ? "" : "s"), overdue and at risk first:"]
        for item in cases {
            let flag = self.flag(item)
            lines.append("")
            lines.append("\(item.id)  due \(formatter.string(from: item.dueAt))\(flag.isEmpty ? "" : "  " + flag)  [\(item.status.rawValue)]  "
                         + "\(item.primaryConcern.displayName)  → \(item.owner)" + (item.school == .sole ? "" : " at \(item.school)")
                         + (item.assignee.map { " (\($0))" } ?? "")
                         + (item.needsApproval ? "  (senior leader approves reply)" : ""))
            lines.append("    \(item.snippet)")
            lines.append("    \(item.sourceTitle)" + (item.link.map { ": \($0.absoluteString)" } ?? ""))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One case as a readable page.
    func text(_ record: Store.CaseRecord) -> String {
        let formatter = self.formatter
        let item = record.summary
        var lines = [
            "Case \(item.id): \(item.primaryConcern.displayName) [\(item.status.rawValue)] \(flag(item))",
            "owner \(item.owner)" + (item.school == .sole ? "" : " at \(item.school)") + (item.assignee.map { ", assigned to \($0)" } ?? "")
                + (item.needsApproval ? "; a senior leader approves the reply" : ""),
            "due \(formatter.string(from: item.dueAt)); clock started \(formatter.string(from: item.clockStartedAt)); "
                + "opened \(formatter.string(from: item.openedAt))" + (item.wasOverdueWhenFound ? " (already overdue when found)" : ""),
            "concerns: " + item.concerns.map(\.displayName).joined(separator: ", "),
            "",
            "Posts:",
        ]
        for finding in record.findings {
            lines.append("  - \(finding.title.isEmpty ? finding.snippet : finding.title)")
            lines.append("    \(finding.sourceTitles.joined(separator: ", "))" + (finding.link.map { ": \($0.absoluteString)" } ?? ""))
            lines.append("    sentiment \(String(format: "%+.2f", finding.sentiment.compound)) (\(finding.sentiment.label.rawValue))"
                         + (finding.sentiment.drivers.isEmpty ? "" : ", words: " + finding.sentiment.drivers.prefix(6).joined(separator: ", ")))
            for concern in finding.concerns {
                lines.append("    \(concern.displayName) \(String(format: "%.2f", concern.confidence)): "
                             + concern.evidence.map { "\"\($0)\"" }.joined(separator: ", "))
            }
        }
        if !record.drafts.isEmpty {
            lines.append("")
            lines.append("Drafts:")
            for draft in record.drafts {
                lines.append("  draft \(draft.id) by \(draft.author), \(formatter.string(from: draft.createdAt)), for a \(draft.audience)"
                             + (draft.problems.isEmpty ? ": passed the check" : ":"))
                for problem in draft.problems { lines.append("    - \(problem)") }
            }
        }
        lines.append("")
        lines.append("Audit trail:")
        for entry in record.audit {
            let move = entry.from.map { $0 == entry.to ? "" : " \($0.rawValue) → \(entry.to.rawValue)" } ?? " → \(entry.to.rawValue)"
            lines.append("  \(formatter.string(from: entry.at))  \(entry.actor)  \(entry.action)\(move)" + (entry.reason.map { ": \($0)" } ?? ""))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A list of cases as a JSON array.
    func json(_ cases: [CaseSummary]) throws -> String {
        try encode(cases.map(caseObject))
    }

    /// One case with its posts, drafts and audit trail as a JSON object.
    func json(_ record: Store.CaseRecord) throws -> String {
        var object = caseObject(record.summary)
        object["posts"] = .array(record.findings.map { finding in
            .object([
                "title": .string(finding.title), "snippet": .string(finding.snippet),
                "link": finding.link.map { .string($0.absoluteString) } ?? .null,
                "sources": .array(finding.sourceTitles.map(JSONValue.string)),
                "published": finding.published.map { .string(iso.string(from: $0)) } ?? .null,
                "discovered": .string(iso.string(from: finding.discoveredAt)),
                "sentiment": .number(finding.sentiment.compound), "label": .string(finding.sentiment.label.rawValue),
                "sentimentWords": .array(finding.sentiment.drivers.map(JSONValue.string)),
                "concerns": .array(finding.concerns.map { concern in
                    .object(["concern": .string(concern.concern.rawValue), "confidence": .number(concern.confidence),
                             "evidence": .array(concern.evidence.map(JSONValue.string))])
                }),
            ])
        })
        object["drafts"] = .array(record.drafts.map { draft in
            .object(["id": .number(Double(draft.id)), "audience": .string(draft.audience), "text": .string(draft.text),
                     "author": .string(draft.author), "created": .string(iso.string(from: draft.createdAt)),
                     "problems": .array(draft.problems.map(JSONValue.string))])
        })
        object["audit"] = .array(record.audit.map { entry in
            .object(["at": .string(iso.string(from: entry.at)), "actor": .string(entry.actor), "action": .string(entry.action),
                     "from": entry.from.map { .string($0.rawValue) } ?? .null, "to": .string(entry.to.rawValue),
                     "reason": entry.reason.map(JSONValue.string) ?? .null])
        })
        return try encode(object)
    }

    private func caseObject(_ item: CaseSummary) -> [String: JSONValue] {
        [
            "id": .number(Double(item.id.rawValue)), "status": .string(item.status.rawValue),
            "concern": .string(item.primaryConcern.rawValue), "concerns": .array(item.concerns.map { .string($0.rawValue) }),
            "owner": .string(item.owner.rawValue), "school": .string(item.school.rawValue), "assignee": item.assignee.map(JSONValue.string) ?? .null,
            "opened": .string(iso.string(from: item.openedAt)), "clockStarted": .string(iso.string(from: item.clockStartedAt)),
            "due": .string(iso.string(from: item.dueAt)), "overdue": .bool(item.isOverdue(at: now)),
            "atRisk": .bool(item.isAtRisk(at: now)), "needsApproval": .bool(item.needsApproval),
            "overdueWhenFound": .bool(item.wasOverdueWhenFound), "title": .string(item.title), "snippet": .string(item.snippet),
            "link": item.link.map { .string($0.absoluteString) } ?? .null, "source": .string(item.sourceTitle),
        ]
    }

    private func encode<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// A JSON value, for output whose shape is written out by hand.
enum JSONValue: Encodable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])
    case null

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .number(let value):
            if value.rounded() == value, abs(value) < 1e15 { try container.encode(Int64(value)) } else { try container.encode(value) }
        case .bool(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }
}
