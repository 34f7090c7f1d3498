import ArgumentParser
import Settings
import Fetching
import Foundation
import Logging
import Model
import Notifications
import Scanning
import Storage

/// `earshot scan`: fetches the due sources and opens cases for new findings.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Fetch the sources that are due, find new mentions and open cases for them."
    )

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Print nothing unless a source or an alert failed, as cron wants (it mails any output).")
    var quiet = false

    @Flag(help: "Fetch every source now, whether due or not.")
    var all = false

    @Flag(help: "Also open the cases of posts taken as history (published before their source was first read, by more than [scan] history_window).")
    var backfill = false

    func run() async throws {
        let configuration = try options.loadConfiguration()
        var logger = options.makeLogger()
        // Scans of an SQLite file take turns behind the run lock; scans sharing a PostgreSQL store
        // run at once, each claiming the sources it fetches.
        let claiming: SourceClaiming
        let lock: RunLock?
        if configuration.store.allowsSeveralScanners {
            claiming = SourceClaiming(holder: SourceClaiming.uniqueHolder(), lease: configuration.sourceLease,
                                      hostsPerClaim: configuration.fetchSettings.maximumConcurrentTransfers)
            logger[metadataKey: "scanner"] = "\(claiming.holder)"
            lock = nil
        } else {
            claiming = SourceClaiming(holder: SourceClaiming.soleScanner.holder, lease: configuration.sourceLease)
            lock = try RunLock(for: configuration.databaseFile, command: "scan")
        }
        defer { withExtendedLifetime(lock) {} }
        let analyzer = try makeAnalyzer(configuration)
        let store = try openStore(configuration)
        // Quiet prints nothing, and a verbose log would be torn by a line redrawn in place.
        let progress = ProgressLine.forTerminal(quiet: quiet || options.verbose)
        let reportProgress: (@Sendable (Int, Int) -> Void)? = progress.map { line in
            { @Sendable done, total in line.show(done: done, of: total) }
        }
        let scanner = ScanRunner(sources: configuration.sources, schedule: configuration.schedule, analyzer: analyzer,
                                 logger: logger, caseJoinWindow: configuration.caseJoinWindow,
                                 historyWindow: configuration.historyWindow, claiming: claiming)
        let report: ScanReport
        do {
            report = try await withTransferEngine(settings: configuration.fetchSettings) { engine in
                let fetcher = PoliteFetcher(engine: engine, policy: configuration.politeness)
                return try await scanner.scan(fetcher: fetcher, storage: StorageQueue(store: store), includesAll: all,
                                              takesUpHistory: backfill, progress: reportProgress)
            }
        } catch let error as StorageError {
            printError("storage error: \(error.description)")
            throw ExitStatus.storageFailure
        } catch let error as FetchError {
            printError("cannot start fetching: \(error.description)")
            throw ExitCode.failure
        }
        progress?.finish()
        var alertFailures = 0
        if let mailer = Mailer(configuration: configuration, store: store) {
            alertFailures = try await sendingMail { () async throws(NotificationError) in try await mailer.sendPendingAlerts(logger: logger) }
        }
        if !quiet || !report.failures.isEmpty || alertFailures > 0 {
            print(terminalSafe(ScanSummary(report: report, sourceCount: configuration.sources.count).text))
        }
        if alertFailures > 0 { print("alerts: \(alertFailures) could not be sent; they are retried on the next scan") }
        if !report.failures.isEmpty || alertFailures > 0 { throw ExitStatus.someSourcesFailed }
    }
}

/// The lines `earshot scan` prints.
struct ScanSummary {
    let report: ScanReport
    let sourceCount: Int

    var text: String {
        var lines = [
            "scanned \(report.outcomes.count) of \(sourceCount) sources: \(report.fetchedCount) fetched, "
                + "\(report.notModifiedCount) not modified, \(report.failures.count) failed",
            "new: \(report.written.newItems) items, \(report.written.newFindings) mentions, "
                + "\(report.written.openedCases.count) cases; \(report.written.repeatSightings) repeat sightings",
            "cases: \(report.written.joinedCases.count) joined by later posts, \(report.written.reopenedCases.count) reopened",
        ]
        if report.written.takenAsHistory > 0 {
            lines.append("history: \(report.written.takenAsHistory) of the new items were published before their source was first read "
                         + "and taken as history; \(report.written.casesHeldBack) cases held back (`earshot scan --backfill` opens them)")
        }
        if let backfill = report.backfill {
            lines.append("backfill: \(backfill.takenUpFromHistory) items taken up from history, \(backfill.openedCases.count) cases opened, "
                         + "\(backfill.joinedCases.count) joined, \(backfill.reopenedCases.count) reopened")
        }
        if report.leftToOtherScanners > 0 {
            lines.append("left to other scanners: \(report.leftToOtherScanners) due sources they had claimed or just fetched")
        }
        for move in report.permanentMoves {
            lines.append("moved permanently: \(move.source.title) is now fetched from \(AddressRedaction.redacted(move.newURL))")
        }
        for failure in report.failures {
            lines.append("failed: \(failure.source.title) (\(AddressRedaction.redacted(failure.source.url))): \(failure.reason)")
        }
        return lines.joined(separator: "\n")
    }
}
