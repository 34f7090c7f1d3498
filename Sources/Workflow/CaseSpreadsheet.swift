import Foundation
import Model

/// Cases as CSV (RFC 4180) for a spreadsheet, safe to open: a cell that a spreadsheet would read
/// as a formula (starting with =, +, -, @, a tab or a carriage return) is prefixed with an apostrophe.
public struct CaseSpreadsheet: Sendable {
    public init() {}

    /// A header row and one row per case; times in ISO 8601 with the school's offset.
    public func render(_ cases: [CaseSummary], timeZone: TimeZone) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
        var rows = [["case", "status", "concern", "owner", "assignee", "due", "opened", "title", "snippet", "source", "link"]]
        for item in cases {
            rows.append([
                "\(item.id.rawValue)", item.status.rawValue, item.primaryConcern.rawValue, item.owner.rawValue,
                item.assignee ?? "", formatter.string(from: item.dueAt), formatter.string(from: item.openedAt),
                item.title, item.snippet, item.sourceTitle, item.link?.absoluteString ?? "",
            ])
        }
        return rows.map { $0.map(Self.cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func cell(_ value: String) -> String {
        // Direction controls would reorder what the spreadsheet shows, as on every other view.
        var text = DirectionControls.neutralised(value)
        if let first = text.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            text = "'" + text
        }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
