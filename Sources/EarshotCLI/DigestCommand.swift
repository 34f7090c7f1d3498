import ArgumentParser
import Settings
import Digest
import Foundation
import Model
import Notifications
import Storage
import Workflow

/// `earshot digest`: writes the digest for the senior leadership team into the reports folder.
struct DigestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Write the digest since the previous one (HTML, text and JSON figures) into the reports folder, and optionally email it."
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: "Write the digest of this local day (YYYY-MM-DD) instead of the one since the previous digest.")
    var date: String?

    @Flag(help: "Email the digest (and any earlier one that failed to send) to the senior leadership team.")
    var send = false

    func run() async throws {
        let configuration = try options.loadConfiguration()
        // One digest run at a time, and none while a scan writes; a scan takes minutes at most.
        let lock = try RunLock(for: configuration.databaseFile, command: "digest", patience: .seconds(15 * 60))
        defer { withExtendedLifetime(lock) {} }
        let store = try openStore(configuration)
        let now = Date()
        let window = try window(configuration: configuration, store: store, now: now)
        let digest: Digest
        do {
            digest = try makeDigest(configuration: configuration, store: store, from: window.start, to: window.end, at: window.asOf, now: now)
        } catch let error as StorageError {
            printError("storage error: \(error.description)")
            throw ExitStatus.storageFailure
        }
        let renderer = DigestRenderer()
        let folder = configuration.reportsDirectory
        // The day's first digest is YYYY-MM-DD; another on the same day (a rerun, or --date) gets
        // -2, -3…, so that a digest waiting to be sent is never overwritten by a later one.
        let name = try uniqueName(for: digest.dayKey, in: folder, store: store)
        let html: String
        do {
            html = try renderer.html(digest)
        } catch {
            printError("cannot write the digest: \(error)")
            throw ExitStatus.cannotWrite
        }
        let files = [("html", html), ("txt", renderer.plainText(digest)), ("json", renderer.figuresJSON(digest))]
            .map { (folder.appendingPathComponent("\(name).\($0.0)"), $0.1) }
        do {
            // The HTML digest holds safeguarding posts' text: for the account that runs Earshot only.
            try OwnerOnlyFiles.createFolder(folder)
            for (file, contents) in files {
                try OwnerOnlyFiles.write(contents, to: file)
            }
        } catch {
            printError("cannot write the digest into \(folder.path): \(error.localizedDescription)")
            throw ExitStatus.cannotWrite
        }
        let subject = "\(configuration.schoolName) social media digest, \(digest.dayTitle)"
        do {
            // Recorded as ending where its window ends. A regular digest's end is where the next one
            // starts; a given day's digest is marked so that it never moves that start.
            try store.recordDigest(day: digest.dayKey, windowStart: window.start, generatedAt: window.end, htmlPath: files[0].0.path,
                                   textPath: files[1].0.path, subject: subject, isOfGivenDay: date != nil)
        } catch {
            printError("storage error: \(error.description)")
            throw ExitStatus.storageFailure
        }
        print("digest for \(digest.dayTitle): \(digest.mentionCount) mentions, \(digest.newConcernCount) concerns, "
              + "\(digest.openCases.count) open cases"
              + (digest.mentionsTakenAsHistory > 0 ? "; \(digest.mentionsTakenAsHistory) mentions taken as history" : ""))
        for (file, _) in files { print("wrote \(file.path)") }
        if send {
            guard let mailer = Mailer(configuration: configuration, store: store) else {
                printError("cannot send: the configuration has no [email] section; the digest is written to \(folder.path)")
                throw ExitStatus.configurationError
            }
            let report = try await sendingMail { () async throws(NotificationError) in try await mailer.sendPendingDigests(logger: options.makeLogger()) }
            for day in report.sent {
                print("sent the digest for \(day) to \(report.recipientCount) recipient\(report.recipientCount == 1 ? "" : "s")")
            }
            for (day, problem) in report.failed {
                printError("the digest for \(day) was not sent (\(problem)); it is kept and retried next time")
            }
            if !report.failed.isEmpty { throw ExitStatus.someSourcesFailed }
        }
    }

    /// `day`, or `day-2`, `day-3`… when a recorded digest already uses that name's files.
    func uniqueName(for day: String, in folder: URL, store: Store) throws -> String {
        let taken = Set(try store.digests().map(\.htmlPath))
        var name = day
        var number = 1
        while taken.contains(folder.appendingPathComponent(name + ".html").path) {
            number += 1
            name = "\(day)-\(number)"
        }
        return name
    }

    /// The period the digest covers (a given local day, or from the previous digest, else the start
    /// of today, to now) and the moment its figures are taken at.
    func window(configuration: EarshotConfiguration, store: Store, now: Date) throws -> (start: Date, end: Date, asOf: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = configuration.calendar.timeZone
        if let date {
            guard let start = Digest.startOfDay(named: date, in: configuration.calendar.timeZone),
                  let end = calendar.date(byAdding: .day, value: 1, to: start) else {
                throw ValidationError("--date must be a day such as 2026-11-25, not \"\(date)\"")
            }
            guard start <= now else { throw ValidationError("--date \(date) has not come yet") }
            // A past day is reported as it stood at its last second, so that it keeps its own date;
            // today's window ends now.
            return (start, min(end, now), min(end.addingTimeInterval(-1), now))
        }
        let previous = try? store.lastRegularDigest()?.generatedAt
        return (previous ?? calendar.startOfDay(for: now), now, now)
    }

    /// The digest of findings discovered in `[start, end)` (and what they took as history) with
    /// figures taken at `moment`, the open cases judged at `now`, and the last 30 days' trends.
    func makeDigest(
        configuration: EarshotConfiguration, store: Store, from start: Date, to end: Date, at moment: Date, now: Date
    ) throws -> Digest {
        let past = try store.history(since: moment.addingTimeInterval(-31 * 86_400))
        let taken = try store.takenAsHistory(discoveredFrom: start, to: end)
        return Digest(
            schoolName: configuration.schoolName,
            generatedAt: moment,
            attentionAt: now,
            timeZone: configuration.calendar.timeZone,
            findings: try store.findings(discoveredFrom: start, to: end),
            openCases: try store.openCases(),
            fetchStates: try store.fetchStates().values,
            sourceTitles: Dictionary(configuration.sources.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first }),
            sentimentHistory: past.sentiment,
            responseHistory: past.responses,
            urgentConcerns: configuration.routing.concernsAlertedAtOnce,
            takenAsHistory: (taken.mentions, taken.casesHeldBack)
        )
    }
}
