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
        if configuration.isTrust {
            // Each school's digest in its own folder, then the trust's, which sets them side by side.
            var schools: [(id: SchoolID, name: String, digest: Digest)] = []
            for school in configuration.everyone {
                let digest = try makeDigest(configuration: configuration, store: store, school: school, now: now)
                if school.id != .trust {
                    try write(digest.digest, window: digest.window, school: school, configuration: configuration, store: store)
                }
                schools.append((school.id, school.id == .trust ? "\(school.name) (the trust itself)" : school.name, digest.digest))
            }
            let trust = TrustDigest(trustName: configuration.displayName, schools: schools)
            let window = try window(configuration: configuration, store: store, school: .trust, now: now)
            try writeTrustDigest(trust, window: window, configuration: configuration, store: store)
        } else {
            let digest = try makeDigest(configuration: configuration, store: store, school: configuration.schools[0], now: now)
            try write(digest.digest, window: digest.window, school: nil, configuration: configuration, store: store)
        }
        if send {
            guard let mailer = Mailer(configuration: configuration, store: store) else {
                printError("cannot send: the configuration has no [email] section; the digest is written to \(configuration.reportsDirectory.path)")
                throw ExitStatus.configurationError
            }
            let report = try await sendingMail { () async throws(NotificationError) in try await mailer.sendPendingDigests(logger: options.makeLogger()) }
            for (day, count) in report.sent {
                print("sent the digest for \(day) to \(count) recipient\(count == 1 ? "" : "s")")
            }
            for (day, problem) in report.failed {
                printError("the digest for \(day) was not sent (\(problem)); it is kept and retried next time")
            }
            if !report.failed.isEmpty { throw ExitStatus.someSourcesFailed }
        }
    }

    /// A window's digest of `school` (the only school's, or one of a trust's), and the window.
    private func makeDigest(
        configuration: EarshotConfiguration, store: Store, school: SchoolSettings, now: Date
    ) throws -> (digest: Digest, window: (start: Date, end: Date, asOf: Date)) {
        let scope = configuration.isTrust ? school.id : nil
        let window = try window(configuration: configuration, store: store, school: scope, now: now)
        do {
            return (try makeDigest(configuration: configuration, school: school, scope: scope, store: store, from: window.start, to: window.end,
                                   at: window.asOf, now: now), window)
        } catch let error as StorageError {
            printError("storage error: \(error.description)")
            throw ExitStatus.storageFailure
        }
    }

    /// Writes a digest's HTML, text and figures into the reports folder (a trust's school's into
    /// its own folder, `reports/<school>/`) and records it to be emailed.
    private func write(
        _ digest: Digest, window: (start: Date, end: Date, asOf: Date), school: SchoolSettings?, configuration: EarshotConfiguration,
        store: Store
    ) throws {
        let renderer = DigestRenderer()
        let html: String
        do {
            html = try renderer.html(digest)
        } catch {
            printError("cannot write the digest: \(error)")
            throw ExitStatus.cannotWrite
        }
        let folder = school.map { configuration.reportsDirectory.appendingPathComponent($0.id.rawValue) } ?? configuration.reportsDirectory
        let files = try writeFiles([("html", html), ("txt", renderer.plainText(digest)), ("json", renderer.figuresJSON(digest))],
                                   day: digest.dayKey, into: folder, store: store)
        try record(files, day: digest.dayKey, window: window, subject: "\(digest.schoolName) social media digest, \(digest.dayTitle)",
                   school: school?.id, store: store)
        print("digest for \(school.map { "\($0.name), " } ?? "")\(digest.dayTitle): \(digest.mentionCount) mentions, "
              + "\(digest.newConcernCount) concerns, \(digest.openCases.count) open cases"
              + (digest.mentionsTakenAsHistory > 0 ? "; \(digest.mentionsTakenAsHistory) mentions taken as history" : ""))
        for file in files { print("wrote \(file.path)") }
    }

    /// Writes the trust's digest into `reports/trust/` and records it to be emailed.
    private func writeTrustDigest(
        _ digest: TrustDigest, window: (start: Date, end: Date, asOf: Date), configuration: EarshotConfiguration, store: Store
    ) throws {
        let renderer = TrustDigestRenderer()
        let html: String
        do {
            html = try renderer.html(digest)
        } catch {
            printError("cannot write the trust digest: \(error)")
            throw ExitStatus.cannotWrite
        }
        let folder = configuration.reportsDirectory.appendingPathComponent(SchoolID.trust.rawValue)
        let files = try writeFiles([("html", html), ("txt", renderer.plainText(digest)), ("json", renderer.figuresJSON(digest))],
                                   day: digest.dayKey, into: folder, store: store)
        try record(files, day: digest.dayKey, window: window, subject: "\(digest.trustName) schools side by side, \(digest.dayTitle)",
                   school: .trust, store: store)
        print("trust digest for \(digest.dayTitle): \(digest.rows.count) rows, \(digest.mentionCount) mentions, \(digest.overdue.count) overdue cases")
        for file in files { print("wrote \(file.path)") }
    }

    /// Writes the rendered files (the HTML first, then the text) under the day's unique name, for
    /// the account that runs Earshot only: the HTML holds safeguarding posts' text.
    private func writeFiles(_ contents: [(String, String)], day: String, into folder: URL, store: Store) throws -> [URL] {
        // The day's first digest is YYYY-MM-DD; another on the same day (a rerun, or --date) gets
        // -2, -3…, so that a digest waiting to be sent is never overwritten by a later one.
        let name = try uniqueName(for: day, in: folder, store: store)
        let files = contents.map { (folder.appendingPathComponent("\(name).\($0.0)"), $0.1) }
        do {
            try OwnerOnlyFiles.createFolder(folder)
            for (file, text) in files {
                try OwnerOnlyFiles.write(text, to: file)
            }
        } catch {
            printError("cannot write the digest into \(folder.path): \(error.localizedDescription)")
            throw ExitStatus.cannotWrite
        }
        return files.map(\.0)
    }

    /// Records a written digest, ending where its window ends. A regular digest's end is where the
    /// next one starts; a given day's digest is marked so that it never moves that start.
    private func record(
        _ files: [URL], day: String, window: (start: Date, end: Date, asOf: Date), subject: String, school: SchoolID?, store: Store
    ) throws {
        do {
            try store.recordDigest(day: day, windowStart: window.start, generatedAt: window.end, htmlPath: files[0].path,
                                   textPath: files[1].path, subject: subject, isOfGivenDay: date != nil, school: school)
        } catch {
            printError("storage error: \(error.description)")
            throw ExitStatus.storageFailure
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

    /// The period the digest of `school` covers (a given local day, or from that school's previous
    /// digest, else the start of today, to now) and the moment its figures are taken at.
    func window(configuration: EarshotConfiguration, store: Store, school: SchoolID?, now: Date) throws -> (start: Date, end: Date, asOf: Date) {
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
        let previous = try? store.lastRegularDigest(school: school)?.generatedAt
        return (previous ?? calendar.startOfDay(for: now), now, now)
    }

    /// The digest of `school`'s findings discovered in `[start, end)` (and what they took as
    /// history) with figures taken at `moment`, its open cases judged at `now`, and the last 30
    /// days' trends; `scope` is the school's id in a trust's store, nil for a single school's.
    func makeDigest(
        configuration: EarshotConfiguration, school: SchoolSettings, scope: SchoolID?, store: Store, from start: Date, to end: Date,
        at moment: Date, now: Date
    ) throws -> Digest {
        let past = try store.history(since: moment.addingTimeInterval(-31 * 86_400), school: scope)
        let taken = try store.takenAsHistory(discoveredFrom: start, to: end, school: scope)
        return Digest(
            schoolName: school.name,
            generatedAt: moment,
            attentionAt: now,
            timeZone: configuration.calendar.timeZone,
            findings: try store.findings(discoveredFrom: start, to: end, school: scope),
            openCases: try store.openCases(school: scope),
            // A school's digest reports its own sources and those the schools share.
            fetchStates: try store.fetchStates().values.filter { state in
                scope == nil || configuration.sources.first { $0.id == state.sourceID }.map { $0.school == nil || $0.school == scope } ?? true
            },
            sourceTitles: Dictionary(configuration.sources.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first }),
            sentimentHistory: past.sentiment,
            responseHistory: past.responses,
            urgentConcerns: configuration.routing.concernsAlertedAtOnce,
            takenAsHistory: (taken.mentions, taken.casesHeldBack)
        )
    }
}
