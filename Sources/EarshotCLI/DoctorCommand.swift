import ArgumentParser
import Settings
import Foundation
import Mailing
import Model
import Sentiment
import Storage
import Workflow
#if canImport(Glibc)
import Glibc
import Notifications
#endif

/// `earshot doctor`: checks what an unattended installation depends on, and says what to fix.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the configuration, database, feed health, mail server, lexicon, calendar and free disk, and say what to fix."
    )

    @OptionGroup var options: GlobalOptions

    /// How a check came out.
    enum Outcome: String {
        case ok, warning, failure
    }

    func run() async throws {
        var results: [(Outcome, String)] = []
        let configuration: EarshotConfiguration
        do {
            configuration = try ConfigurationLoader().load(from: options.configurationFile)
            results.append((.ok, "configuration \(configuration.file.path): \(configuration.sources.count) sources from "
                            + "\(configuration.feedLists.count) feed list\(configuration.feedLists.count == 1 ? "" : "s")"))
        } catch {
            print("failure: configuration: \(error.description)")
            print("fix the configuration first; nothing else was checked")
            throw ExitCode.failure
        }
        results += checkDatabase(configuration)
        results.append(checkLexicon())
        results.append(checkCalendar(configuration))
        results.append(await checkMailServer(configuration))
        results += checkDisk(configuration)
        results += checkReportPermissions(configuration)
        for (outcome, message) in results { print("\(outcome.rawValue): \(message)") }
        let failures = results.filter { $0.0 == .failure }.count
        let warnings = results.filter { $0.0 == .warning }.count
        print(failures == 0 && warnings == 0 ? "all checks passed" : "\(failures) failure(s), \(warnings) warning(s)")
        if failures > 0 { throw ExitCode.failure }
    }

    private func checkDatabase(_ configuration: EarshotConfiguration) -> [(Outcome, String)] {
        let location = configuration.store
        if case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
            return [(.warning, "database \(path) does not exist yet; `earshot scan` creates it")]
        }
        var results: [(Outcome, String)] = []
        do {
            let store = try Store(location: location)
            switch location {
            case .sqlite(let path):
                let problems = try store.integrityProblems()
                results.append(problems.isEmpty
                    ? (.ok, "database \(path) passes SQLite's integrity check")
                    : (.failure, "database \(path) is damaged: \(problems.prefix(3).joined(separator: "; ")); restore it from a backup"))
            case .postgres:
                results.append((.ok, "database \(location) answers, and its tables are up to date"))
            }
            let states = try store.fetchStates()
            let failing = configuration.sources.filter { states[$0.id].map { !$0.isHealthy } ?? false }
            if failing.isEmpty {
                results.append((.ok, "feeds: every fetched source is healthy"))
            } else {
                for source in failing.prefix(10) {
                    let state = states[source.id]!
                    results.append((.warning, "feed \(source.title) (\(AddressRedaction.redacted(state.currentURL))) failed "
                                    + "\(state.consecutiveErrors) time(s) in a row: \(state.lastError ?? "")"))
                }
                results.append((.warning, "\(failing.count) failing source(s): check their URLs with `earshot feeds check URL`"))
            }
        } catch {
            let hint = location.allowsSeveralScanners
                ? "; check [storage] url, and that \(PostgresServer.passwordVariables[0]) holds the password" : ""
            results.append((.failure, "database \(location) cannot be opened: \(error.description)\(hint)"))
        }
        guard case .sqlite(let path) = location else { return results }
        let mode = (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
        if mode & 0o077 != 0 {
            results.append((.warning, String(format: "database %@ is readable by others (mode %o); run chmod 600 on it", path, mode)))
        }
        return results
    }

    private func checkLexicon() -> (Outcome, String) {
        do {
            let lexicon = try Lexicon.bundled()
            return (.ok, "lexicon: \(lexicon.valences.count) words, \(lexicon.concernRules.count) concern rules")
        } catch {
            return (.failure, "the sentiment lexicon cannot be loaded: \(error); reinstall Earshot")
        }
    }

    private func checkCalendar(_ configuration: EarshotConfiguration) -> (Outcome, String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = configuration.calendar.timeZone
        let nextYear = calendar.component(.year, from: Date()) + 1
        let covered = configuration.calendar.bankHolidays.map(\.year)
        guard let last = covered.max() else {
            return (.warning, "calendar: no bank holidays configured; due times will count them as working days")
        }
        return last >= nextYear
            ? (.ok, "calendar: \(configuration.calendar.timeZone.identifier), bank holidays known to \(last)")
            : (.warning, "calendar: bank holidays are known only to \(last); give a newer gov.uk file in [calendar] bank_holidays")
    }

    private func checkMailServer(_ configuration: EarshotConfiguration) async -> (Outcome, String) {
        guard let mailer = Mailer(configuration: configuration, store: nil) else {
            return (.warning, "email: no [email] section, so the digest and alerts are written to disk but not sent")
        }
        var settings = mailer.settings
        settings.connectTimeout = .seconds(5)
        settings.totalTimeout = .seconds(15)
        do {
            try await MailSender().verifyConnection(using: settings)
        } catch {
            return (.failure, "email: \(settings.host):\(settings.port) does not accept us: \(error.description); "
                    + "check [email] host, port and security, and EARSHOT_SMTP_USER / EARSHOT_SMTP_PASSWORD")
        }
        return (.ok, "email: \(settings.host):\(settings.port) answers (\(settings.security.rawValue))"
                + (settings.username == nil ? ", no login set" : ", logged in as \(settings.username!)"))
    }

    /// Digests hold safeguarding posts' text: a reports folder or report that others may read (written
    /// by an earlier version, or loosened by hand) is flagged.
    private func checkReportPermissions(_ configuration: EarshotConfiguration) -> [(Outcome, String)] {
        let folder = configuration.reportsDirectory.path
        func mode(_ path: String) -> Int { (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0 }
        guard FileManager.default.fileExists(atPath: folder) else { return [] }
        var results: [(Outcome, String)] = []
        if mode(folder) & 0o077 != 0 {
            results.append((.warning, String(format: "reports folder %@ is open to others (mode %o); run chmod 700 on it", folder, mode(folder))))
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let readable = names.filter { mode(folder + "/" + $0) & 0o077 != 0 }
        if !readable.isEmpty {
            results.append((.warning, "\(readable.count) report(s) in \(folder) are readable by others; run chmod 600 on them"))
        }
        return results
    }

    private func checkDisk(_ configuration: EarshotConfiguration) -> [(Outcome, String)] {
        var folders = [configuration.reportsDirectory.path]
        if case .sqlite(let path) = configuration.store { folders.append(URL(fileURLWithPath: path).deletingLastPathComponent().path) }
        return Set(folders).sorted().map { folder in
            var existing = URL(fileURLWithPath: folder)
            while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
                existing.deleteLastPathComponent()
            }
            var stats = statvfs()
            guard statvfs(existing.path, &stats) == 0 else { return (.warning, "disk: cannot read free space for \(folder)") }
            let free = Double(stats.f_bavail) * Double(stats.f_frsize) / 1_048_576
            return free < 500
                ? (.failure, String(format: "disk: only %.0f MB free for %@; free some space", free, folder))
                : (.ok, String(format: "disk: %.1f GB free for %@", free / 1024, folder))
        }
    }
}
