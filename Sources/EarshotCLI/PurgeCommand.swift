import ArgumentParser
import Settings
import Foundation
import Storage
import Workflow

/// `earshot purge`: removes post text older than the retention period (data protection).
struct PurgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Remove the text of posts and page blocks older than [retention] post_text; cases keep their audit trail."
    )

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Show what would be removed without removing it.")
    var dryRun = false

    func run() throws {
        let configuration = try options.loadConfiguration()
        let lock = try RunLock(for: configuration.databaseFile, command: "purge")
        defer { withExtendedLifetime(lock) {} }
        let store = try openStore(configuration)
        let now = Date()
        let days = Int(configuration.postTextRetention.components.seconds / 86_400)
        let cutoff = now.addingTimeInterval(-Double(configuration.postTextRetention.components.seconds))
        let summary: Store.PurgeSummary
        do {
            summary = try store.purgePostText(discoveredBefore: cutoff, dryRun: dryRun, at: now)
        } catch {
            printError("storage error: \(error.description)")
            throw ExitStatus.storageFailure
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = configuration.calendar.timeZone
        formatter.dateFormat = "d MMMM yyyy"
        let verb = dryRun ? "would remove" : "removed"
        print("retention: post text is kept \(days) days (found before \(formatter.string(from: cutoff)) goes)")
        print("\(verb) the text of \(summary.items) item\(summary.items == 1 ? "" : "s"): \(summary.findings) mentions, "
              + "\(summary.findingsInCases) of them in cases (the cases and their audit trails stay)"
              + (summary.oldest.map { "; oldest found \(formatter.string(from: $0))" } ?? ""))
    }
}
