import ArgumentParser
import Settings
import Fetching
import Foundation
import Model
import Parsing
import Storage
import Workflow

/// `earshot feeds`: the sources and their health, and a way to try one now.
struct FeedsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feeds",
        abstract: "List every source with its health, add or remove one by recipe, check one now, or discover a site's feeds.",
        subcommands: [FeedsListCommand.self, FeedsAddCommand.self, FeedsRemoveCommand.self, FeedsCheckCommand.self,
                      FeedsDiscoverCommand.self],
        defaultSubcommand: FeedsListCommand.self
    )
}

/// `earshot feeds list`: every configured source with status, timings and errors.
struct FeedsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List every source: status, last fetch, last change, next due time, consecutive errors, last error."
    )

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let configuration = try options.loadConfiguration()
        let store = try openStore(configuration)
        let states: [SourceID: FetchState]
        do {
            states = try store.fetchStates()
        } catch {
            printError("storage error: \(error.description)")
            throw ExitStatus.storageFailure
        }
        print(terminalSafe(FeedListing(sources: configuration.sources, states: states, timeZone: configuration.calendar.timeZone).text),
              terminator: "")
    }
}

/// Sources and their fetch state as a readable list.
struct FeedListing {
    let sources: [Source]
    let states: [SourceID: FetchState]
    let timeZone: TimeZone

    var text: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = timeZone
        formatter.dateFormat = "d MMM HH:mm"
        func when(_ date: Date?) -> String { date.map { formatter.string(from: $0) } ?? "never" }
        var lines = ["\(sources.count) source\(sources.count == 1 ? "" : "s"):"]
        for source in sources {
            let state = states[source.id]
            let status = if state?.lastFetchedAt == nil { "new" } else if state?.isHealthy == true { "ok" } else { "failing" }
            lines.append("")
            lines.append("[\(status)] \(source.title) (\(source.kind.rawValue))")
            lines.append("    \(AddressRedaction.redacted(state?.currentURL ?? source.url))")
            lines.append("    last fetch \(when(state?.lastFetchedAt)), last change \(when(state?.lastChangedAt)), "
                         + "next due \(state?.nextDueAt.map { formatter.string(from: $0) } ?? "now")")
            if let state, state.consecutiveErrors > 0 {
                lines.append("    \(state.consecutiveErrors) error\(state.consecutiveErrors == 1 ? "" : "s") in a row; last: \(state.lastError ?? "")")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// `earshot feeds check URL`: fetches one URL now, politely, and shows what it holds.
struct FeedsCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Fetch one feed or page now and show what was found (nothing is stored)."
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The URL of the feed or page.")
    var url: String

    @Flag(help: "Read the URL as a web page rather than a feed.")
    var page = false

    func run() async throws {
        let configuration = try options.loadConfiguration()
        let outcome = try await fetchNow(url, configuration: configuration)
        let response = outcome.response
        print("HTTP \(response.statusCode) from \(AddressRedaction.redacted(response.finalURL)) after \(outcome.attempts) attempt\(outcome.attempts == 1 ? "" : "s")")
        if let moved = outcome.permanentRedirect { print("moved permanently to \(AddressRedaction.redacted(moved))") }
        print("content type: \(response.contentType ?? "none"); \(response.body.count) bytes; "
              + "ETag: \(response.entityTag ?? "none"); Last-Modified: \(response.lastModified ?? "none")")
        guard (200..<300).contains(response.statusCode) else { throw ExitStatus.someSourcesFailed }
        let items: [Item]
        if page {
            let parsed = PageParser().parse(response.body, baseURL: response.finalURL, contentType: response.contentType)
            print(terminalSafe("page \"\(parsed.title)\": \(parsed.blocks.count) blocks"))
            items = parsed.blocks
        } else {
            do {
                let feed = try FeedParser().parse(response.body, baseURL: response.finalURL, contentType: response.contentType)
                print(terminalSafe("\(feed.format) feed \"\(feed.title)\": \(feed.items.count) items" + (feed.isIllFormed ? " (ill-formed, recovered)" : "")))
                for problem in feed.problems.prefix(5) { print(terminalSafe("  problem: \(problem)")) }
                items = feed.items
            } catch {
                printError("cannot parse: \(error.description)")
                throw ExitStatus.someSourcesFailed
            }
        }
        let formatter = ISO8601DateFormatter()
        for item in items.prefix(20) {
            print(terminalSafe("- \(item.title.isEmpty ? String(item.text.prefix(80)) : item.title)"))
            print("  \(item.published.map { formatter.string(from: $0) } ?? "no date")  \(item.link?.absoluteString ?? "")")
        }
        if items.count > 20 { print("… and \(items.count - 20) more") }
    }
}

/// `earshot feeds discover URL`: finds the feeds a site advertises, and can add them to a feed list.
struct FeedsDiscoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "Find the RSS, Atom and JSON feeds a web page advertises, and optionally add them to an OPML file."
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The address of the site or page.")
    var url: String

    @Option(name: .customLong("add-to"), help: "An OPML file to add the feeds to (feeds already in it are skipped).")
    var opmlFile: String?

    func run() async throws {
        let configuration = try options.loadConfiguration()
        let outcome = try await fetchNow(url, configuration: configuration)
        let response = outcome.response
        let feeds = FeedDiscovery().feeds(inPage: response.body, pageURL: response.finalURL, contentType: response.contentType)
        guard !feeds.isEmpty else {
            print("no feeds advertised by \(response.finalURL.absoluteString)")
            return
        }
        for feed in feeds {
            print(terminalSafe("\(feed.url.absoluteString)  \(feed.mediaType)" + (feed.title.isEmpty ? "" : "  \"\(feed.title)\"")))
        }
        guard let opmlFile else { return }
        try add(feeds, to: URL(fileURLWithPath: opmlFile))
    }

    private func add(_ feeds: [FeedDiscovery.Feed], to file: URL) throws {
        try editingFeedList(file) { text in
            let existing = Set(try OPMLParser().sources(from: Data(text.utf8), fileURL: file).map(\.url))
            let entries = feeds.filter { !existing.contains($0.url) }.map { Source(url: $0.url, kind: .feed, title: $0.title) }
            guard !entries.isEmpty else {
                print("every feed is already in \(file.path)")
                return
            }
            try FeedListEditor().adding(entries, to: text, file: file.path).write(to: file, atomically: true, encoding: .utf8)
            print("added \(entries.count) feed\(entries.count == 1 ? "" : "s") to \(file.path)")
        }
    }
}

/// Runs `body` on the text of a feed list, turning what goes wrong into a message and an exit code:
/// a list that cannot be read as OPML is a configuration error, a file that cannot be written is not.
func editingFeedList<Result>(_ file: URL, _ body: (String) throws -> Result) throws -> Result {
    do {
        return try body(try String(contentsOf: file, encoding: .utf8))
    } catch let error as ConfigurationError {
        printError("cannot add to the feed list: \(error.description)")
        throw ExitStatus.configurationError
    } catch let error as ParseError {
        printError("cannot add to the feed list: \(file.path): \(error.description)")
        throw ExitStatus.configurationError
    } catch {
        printError("cannot update \(file.path): \(error.localizedDescription)")
        throw ExitStatus.cannotWrite
    }
}
