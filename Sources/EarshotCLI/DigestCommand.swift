import ArgumentParser
import Configuration
import Digest
import Foundation
import Model
import Storage
import Workflow

/// `earshot digest`: writes the day's digest for the senior leadership team into the reports folder.
struct DigestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Write the day's digest (HTML and plain text) into the reports folder."
    )

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let configuration = try options.loadConfiguration()
        let store = try openStore(configuration)
        let now = Date()
        let digest: Digest
        do {
            digest = try makeDigest(configuration: configuration, store: store, now: now)
        } catch let error as StorageError {
            printError("storage error: \(error.description)")
            throw ExitStatus.storageFailure
        }
        let renderer = DigestRenderer()
        let folder = configuration.reportsDirectory
        let html = folder.appendingPathComponent("\(digest.dayKey).html")
        let text = folder.appendingPathComponent("\(digest.dayKey).txt")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try renderer.html(digest).write(to: html, atomically: true, encoding: .utf8)
            try renderer.plainText(digest).write(to: text, atomically: true, encoding: .utf8)
        } catch {
            printError("cannot write the digest into \(folder.path): \(error.localizedDescription)")
            throw ExitStatus.cannotWrite
        }
        print("digest for \(digest.dayTitle): \(digest.mentionCount) mentions, \(digest.newConcernCount) concerns, "
              + "\(digest.openCases.count) open cases")
        print("wrote \(html.path)")
        print("wrote \(text.path)")
    }

    /// The digest of the local day containing `now`.
    func makeDigest(configuration: EarshotConfiguration, store: Store, now: Date) throws -> Digest {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = configuration.calendar.timeZone
        let start = calendar.startOfDay(for: now)
        let end = calendar.date(byAdding: .day, value: 1, to: start) ?? now
        let sources = Dictionary(configuration.sources.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let failing = try store.fetchStates().values
            .filter { !$0.isHealthy }
            .sorted { $0.sourceID < $1.sourceID }
            .map { state in
                FailingSource(title: sources[state.sourceID]?.title ?? state.sourceID.rawValue, url: state.currentURL,
                              consecutiveErrors: state.consecutiveErrors, lastError: state.lastError ?? "")
            }
        return Digest(
            schoolName: configuration.schoolName,
            generatedAt: now,
            timeZone: configuration.calendar.timeZone,
            findings: try store.findings(discoveredFrom: start, to: end),
            openCases: try store.openCases(),
            failingSources: failing
        )
    }
}
