import ArgumentParser
import Configuration
import Foundation
import Model
import Storage
import Workflow

/// `earshot cases`: lists the open cases, soonest due first.
struct CasesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases",
        abstract: "List open cases: due time, status, concern, owner, snippet and source link."
    )

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let configuration = try options.loadConfiguration()
        let store = try openStore(configuration)
        let cases: [CaseSummary]
        do {
            cases = try store.openCases()
        } catch {
            printError("storage error: \(error.description)")
            throw ExitStatus.storageFailure
        }
        print(CaseListing(cases: cases, now: Date(), timeZone: configuration.calendar.timeZone).text, terminator: "")
    }
}

/// Open cases as a readable list.
struct CaseListing {
    let cases: [CaseSummary]
    let now: Date
    let timeZone: TimeZone

    var text: String {
        guard !cases.isEmpty else { return "No open cases.\n" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = timeZone
        formatter.dateFormat = "EEE d MMM HH:mm"
        var lines = ["\(cases.count) open case\(cases.count == 1 ? "" : "s"), soonest due first:"]
        for item in cases {
            let flag = item.isOverdue(at: now) ? " OVERDUE" : ""
            lines.append("")
            lines.append("\(item.id)  due \(formatter.string(from: item.dueAt))\(flag)  [\(item.status.rawValue)]  "
                         + "\(item.primaryConcern.displayName)  → \(item.owner)"
                         + (item.needsApproval ? "  (senior leader approves reply)" : ""))
            lines.append("    \(item.snippet)")
            lines.append("    \(item.sourceTitle)" + (item.link.map { ": \($0.absoluteString)" } ?? ""))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
