import ArgumentParser
import Settings
import Dispatch
import Fetching
import Foundation
import Model
import Parsing

/// `earshot parse FILE_OR_URL`: shows what the parser makes of one feed or page, or of many files.
///
/// For people checking a source ("why is this feed's text empty?") and for the conformance and
/// speed scripts, which run it over test corpora. A URL is fetched politely with the configured
/// fetch settings (the defaults when there is no configuration file); a path is read from disk.
/// Nothing is stored.
struct ParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse a feed or page (a file or a URL) and print its items as Earshot reads them.",
        discussion: """
        With --batch, every argument is a file (or '-' for a list on standard input, one per line: \
        PATH, optionally followed by a tab and a Content-Type, and a tab and a base URL), the \
        files are parsed on all processors (--jobs to choose), and one JSON object is printed per \
        file, in the order given. With --batch --stats, only a summary is printed: files, bytes, \
        items, failures, the seconds spent inside the parser (summed over files) and the wall-clock \
        seconds of the whole batch.
        """
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "A feed or page: a file path or an http(s) URL (with --batch: files, or '-').")
    var inputs: [String]

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @Flag(help: "Read the input as a web page rather than a feed.")
    var page = false

    @Flag(help: "Also print each item's summary and content apart, and its publication and update dates apart.")
    var details = false

    @Flag(help: "Parse many files in one run, printing one JSON object per line.")
    var batch = false

    @Flag(help: "With --batch: print only totals and the time spent parsing.")
    var stats = false

    @Option(help: "With --batch: how many files to parse at once (default: one per processor).")
    var jobs: Int?

    @Option(name: .customLong("content-type"), help: "The HTTP Content-Type to read a file with (its charset counts).")
    var contentType: String?

    @Option(name: .customLong("base-url"), help: "The URL a file's relative links resolve against (default: the file's own).")
    var baseURL: String?

    func validate() throws {
        guard !inputs.isEmpty else { throw ValidationError("give a file or URL to parse") }
        if !batch, inputs.count > 1 { throw ValidationError("give one file or URL, or use --batch for many files") }
        if stats, !batch { throw ValidationError("--stats goes with --batch") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let baseURL, URL(string: baseURL)?.scheme == nil {
            throw ValidationError("--base-url \"\(baseURL)\" is not an absolute URL")
        }
    }

    func run() async throws {
        if batch {
            try runBatch()
            return
        }
        let input = try await read(inputs[0])
        let result: Output
        do {
            result = try Output.parse(input, asPage: page, keepsDetails: details)
        } catch {
            printError("cannot parse \(inputs[0]): \(error.description)")
            throw ExitStatus.someSourcesFailed
        }
        print(json ? result.jsonText(pretty: true) : terminalSafe(result.readableText))
    }

    // MARK: One input

    /// A file's or a response's bytes with what is needed to parse them.
    struct Input: Sendable {
        var source: String
        var data: Data
        var baseURL: URL
        var contentType: String?
    }

    private func read(_ argument: String) async throws -> Input {
        if let url = URL(string: argument), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" {
            return try await fetch(url)
        }
        let file = URL(fileURLWithPath: argument)
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw ValidationError("cannot read \(argument)")
        }
        return Input(source: argument, data: data, baseURL: try base(orFile: file), contentType: contentType)
    }

    private func base(orFile file: URL) throws -> URL {
        guard let baseURL else { return file.absoluteURL }
        guard let url = URL(string: baseURL) else { throw ValidationError("--base-url \"\(baseURL)\" is not a URL") }
        return url
    }

    private func fetch(_ url: URL) async throws -> Input {
        let file = options.configurationFile
        let configuration = FileManager.default.fileExists(atPath: file.path) ? try options.loadConfiguration() : nil
        let settings = configuration?.fetchSettings ?? FetchSettings()
        let politeness = configuration?.politeness ?? PolitenessPolicy()
        let outcome: FetchOutcome
        do {
            outcome = try await withTransferEngine(settings: settings) { engine in
                try await PoliteFetcher(engine: engine, policy: politeness).fetch(FetchRequest(url: url))
            }
        } catch let error as FetchError {
            printError("fetch failed: \(error.description)")
            throw ExitStatus.someSourcesFailed
        }
        let response = outcome.response
        guard (200..<300).contains(response.statusCode) else {
            printError("fetch failed: HTTP \(response.statusCode) from \(AddressRedaction.redacted(response.finalURL))")
            throw ExitStatus.someSourcesFailed
        }
        return Input(
            source: AddressRedaction.redacted(url),
            data: response.body,
            baseURL: response.finalURL,
            contentType: contentType ?? response.contentType
        )
    }

    // MARK: Many files

    private func runBatch() throws {
        let lines = batchLines()
        let base = try baseURL.map { try self.base(orFile: URL(fileURLWithPath: $0)) }
        let job = BatchJob(
            feedParser: FeedParser(keepsItemDetails: details),
            pageParser: PageParser(),
            asPage: page,
            keepsDetails: details,
            printsResults: !stats,
            contentType: contentType,
            baseURL: base
        )
        let clock = ContinuousClock()
        let started = clock.now
        let results = job.run(lines, workers: max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount))
        var totals = BatchTotals(wallTime: clock.now - started)
        for result in results {
            totals.add(result)
            if let line = result.line { print(line) }
        }
        if stats { print(totals.jsonText) }
    }

    /// The batch's inputs: the arguments, with '-' replaced by the lines of standard input.
    private func batchLines() -> [String] {
        var lines: [String] = []
        for argument in inputs {
            guard argument == "-" else {
                lines.append(argument)
                continue
            }
            while let line = readLine(strippingNewline: true) {
                if !line.trimmingCharacters(in: .whitespaces).isEmpty { lines.append(line) }
            }
        }
        return lines
    }
}

extension ParseCommand {
    /// What one file of a batch gave: its size, items, time in the parser, and its line of output.
    struct BatchResult: Sendable {
        var bytes = 0
        var items = 0
        var isFailure = false
        var parseTime = Duration.zero
        var line: String?
    }

    /// Parses the files of a batch, in parallel when asked, and keeps their results in order.
    /// Each worker thread takes the next file not yet taken; libxml2 keeps its error handlers per
    /// thread, and the parsers are pure, so workers share nothing else.
    struct BatchJob: Sendable {
        let feedParser: FeedParser
        let pageParser: PageParser
        let asPage: Bool
        let keepsDetails: Bool
        let printsResults: Bool
        let contentType: String?
        let baseURL: URL?

        func run(_ lines: [String], workers: Int) -> [BatchResult] {
            let board = WorkBoard(count: lines.count)
            DispatchQueue.concurrentPerform(iterations: min(workers, max(1, lines.count))) { _ in
                while let index = board.take() {
                    board.finish(index, with: parse(lines[index]))
                }
            }
            return board.results
        }

        /// One line of the list: `PATH[<tab>CONTENT-TYPE[<tab>BASE-URL]]`.
        private func parse(_ line: String) -> BatchResult {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let path = fields[0]
            let file = URL(fileURLWithPath: path)
            guard let data = FileManager.default.contents(atPath: file.path) else {
                return BatchResult(isFailure: true, line: printsResults ? Output.failureLine(source: path, message: "cannot read the file") : nil)
            }
            var input = Input(source: path, data: data, baseURL: baseURL ?? file.absoluteURL, contentType: contentType)
            if fields.count > 1, !fields[1].isEmpty { input.contentType = fields[1] }
            if fields.count > 2, let url = URL(string: fields[2]), url.scheme != nil { input.baseURL = url }
            let clock = ContinuousClock()
            let started = clock.now
            let outcome = Result { () throws(ParseError) -> Output in
                try Output.parse(input, asPage: asPage, feedParser: feedParser, pageParser: pageParser, keepsDetails: keepsDetails)
            }
            var result = BatchResult(bytes: data.count, parseTime: clock.now - started)
            switch outcome {
            case let .success(output):
                result.items = output.itemCount
                result.line = printsResults ? output.jsonText(pretty: false) : nil
            case let .failure(error):
                result.isFailure = true
                result.line = printsResults ? Output.failureLine(source: path, message: error.description) : nil
            }
            return result
        }
    }

    /// The files of a batch still to take, and the results of those done, shared by the workers
    /// under one lock (taken twice per file, so never contended for long).
    final class WorkBoard: @unchecked Sendable {
        private let lock = NSLock()
        private var nextIndex = 0
        private var finished: [BatchResult?]

        init(count: Int) {
            finished = Array(repeating: nil, count: count)
        }

        /// The index of the next file to parse, or nil when all are taken.
        func take() -> Int? {
            lock.withLock {
                guard nextIndex < finished.count else { return nil }
                defer { nextIndex += 1 }
                return nextIndex
            }
        }

        func finish(_ index: Int, with result: BatchResult) {
            lock.withLock { finished[index] = result }
        }

        /// The results in the order of the files.
        var results: [BatchResult] {
            lock.withLock { finished.compactMap { $0 } }
        }
    }

    /// What a batch run read and how long it took.
    struct BatchTotals {
        var files = 0
        var bytes = 0
        var items = 0
        var failed = 0
        /// Time inside the parsers, summed over files (so over all workers).
        var parseTime = Duration.zero
        /// Time from the first file read to the last parsed.
        var wallTime: Duration

        mutating func add(_ result: BatchResult) {
            files += 1
            bytes += result.bytes
            items += result.items
            failed += result.isFailure ? 1 : 0
            parseTime += result.parseTime
        }

        var jsonText: String {
            let object: [String: Any] = [
                "files": files, "bytes": bytes, "items": items, "failed": failed,
                "parse_seconds": Self.seconds(parseTime), "wall_seconds": Self.seconds(wallTime),
            ]
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }

        private static func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
    }
}

extension ParseCommand {
    /// One parsed document as printed: the feed's or page's title and link, and its items.
    struct Output: Sendable {
        var source: String
        var kind: String
        var format: String?
        var encoding: String?
        var isIllFormed: Bool
        var problems: [String]
        var title: String
        var link: URL?
        var items: [Item]
        var details: [ItemKey: ItemDetails]
        var keepsDetails: Bool

        var itemCount: Int { items.count }

        /// Parses an input as a feed or as a page.
        static func parse(_ input: Input, asPage: Bool, keepsDetails: Bool) throws(ParseError) -> Output {
            try parse(
                input,
                asPage: asPage,
                feedParser: FeedParser(keepsItemDetails: keepsDetails),
                pageParser: PageParser(),
                keepsDetails: keepsDetails
            )
        }

        /// Parses an input with the parsers given (a batch reuses them).
        static func parse(
            _ input: Input,
            asPage: Bool,
            feedParser: FeedParser,
            pageParser: PageParser,
            keepsDetails: Bool
        ) throws(ParseError) -> Output {
            if asPage {
                let parsed = pageParser.parse(input.data, baseURL: input.baseURL, contentType: input.contentType)
                return Output(
                    source: input.source, kind: "page", format: nil, encoding: nil, isIllFormed: false,
                    problems: [], title: parsed.title, link: input.baseURL, items: parsed.blocks, details: [:],
                    keepsDetails: false
                )
            }
            let feed = try feedParser.parse(input.data, baseURL: input.baseURL, contentType: input.contentType)
            return Output(
                source: input.source, kind: "feed", format: feed.format.rawValue, encoding: feed.encoding,
                isIllFormed: feed.isIllFormed, problems: feed.problems, title: feed.title, link: feed.link,
                items: feed.items, details: feed.itemDetails, keepsDetails: keepsDetails
            )
        }

        /// A batch line for an input that could not be parsed.
        static func failureLine(source: String, message: String) -> String {
            encode(FailureLine(source: source, error: message), pretty: false)
        }

        /// The JSON form: one object, pretty for people or on one line for batches.
        func jsonText(pretty: Bool) -> String {
            Self.encode(self, pretty: pretty)
        }

        /// The text form: the feed, then each item with its fields and text.
        var readableText: String {
            var lines: [String] = []
            let header = kind == "page" ? "page" : "\(format ?? "") feed"
            lines.append("\(header) \"\(title)\"" + (link.map { " <\($0.absoluteString)>" } ?? ""))
            if let encoding { lines.append("encoding: \(encoding)") }
            if isIllFormed { lines.append("ill-formed, recovered:") }
            lines += problems.map { "  \($0)" }
            lines.append("\(items.count) item\(items.count == 1 ? "" : "s")")
            for item in items {
                lines.append("")
                lines.append("id:        \(item.key.rawValue)")
                lines.append("title:     \(item.title)")
                lines.append("link:      \(item.link?.absoluteString ?? "")")
                lines.append("author:    \(item.author ?? "")")
                lines.append("published: \(item.published.map(Self.isoString) ?? "")")
                if keepsDetails, let details = details[item.key] {
                    lines.append("updated:   \(details.updated.map(Self.isoString) ?? "")")
                    lines.append("summary:   \(Self.indented(details.summary))")
                    lines.append("content:   \(Self.indented(details.content))")
                }
                lines.append("text:      \(Self.indented(item.text))")
            }
            return lines.joined(separator: "\n")
        }

        private static func indented(_ text: String) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n           ")
        }

        /// An instant as ISO 8601 in UTC, to the second.
        static func isoString(_ date: Date) -> String {
            Date.ISO8601FormatStyle(timeZone: TimeZone(secondsFromGMT: 0)!).format(date)
        }

        private static func encode(_ value: some Encodable, pretty: Bool) -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
            guard let data = try? encoder.encode(value) else { return "{}" }
            return String(decoding: data, as: UTF8.self)
        }
    }

    private struct FailureLine: Encodable {
        var source: String
        var error: String
    }
}

extension ParseCommand.Output: Encodable {
    private enum Key: String, CodingKey {
        case source, kind, format, encoding, illFormed = "ill_formed", problems, title, link, items
    }

    private enum ItemKeyName: String, CodingKey {
        case id, title, link, author, published, text, details
    }

    private enum DetailKey: String, CodingKey {
        case id, published, updated, summary, content
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(source, forKey: .source)
        try container.encode(kind, forKey: .kind)
        try container.encode(format, forKey: .format)
        try container.encode(encoding, forKey: .encoding)
        try container.encode(isIllFormed, forKey: .illFormed)
        try container.encode(problems, forKey: .problems)
        try container.encode(title, forKey: .title)
        try container.encode(link?.absoluteString, forKey: .link)
        var list = container.nestedUnkeyedContainer(forKey: .items)
        for item in items {
            var entry = list.nestedContainer(keyedBy: ItemKeyName.self)
            try entry.encode(item.key.rawValue, forKey: .id)
            try entry.encode(item.title, forKey: .title)
            try entry.encode(item.link?.absoluteString, forKey: .link)
            try entry.encode(item.author, forKey: .author)
            try entry.encode(item.published.map(Self.isoString), forKey: .published)
            try entry.encode(item.text, forKey: .text)
            guard keepsDetails, let details = details[item.key] else { continue }
            var nested = entry.nestedContainer(keyedBy: DetailKey.self, forKey: .details)
            try nested.encode(details.id, forKey: .id)
            try nested.encode(details.published.map(Self.isoString), forKey: .published)
            try nested.encode(details.updated.map(Self.isoString), forKey: .updated)
            try nested.encode(details.summary, forKey: .summary)
            try nested.encode(details.content, forKey: .content)
        }
    }
}
