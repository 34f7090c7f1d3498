import ArgumentParser
import Settings
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
        let parsed: DocumentParser.Parsed
        do {
            parsed = try DocumentParser(keepsItemDetails: details, readsPages: page)
                .parse(input.data, baseURL: input.baseURL, contentType: input.contentType)
        } catch {
            printError("cannot parse \(inputs[0]): \(error.description)")
            throw ExitStatus.someSourcesFailed
        }
        let result = Output(parsed, source: input.source, link: input.baseURL, keepsDetails: details)
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
        let base = try baseURL.map { try self.base(orFile: URL(fileURLWithPath: $0)) }
        let documents = batchLines().map { document(fromLine: $0, base: base) }
        let keepsDetails = details
        let printsResults = !stats
        let clock = ContinuousClock()
        let started = clock.now
        let results = DocumentParser(keepsItemDetails: details, readsPages: page).parse(
            documents, workers: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
            load: { FileManager.default.contents(atPath: $0.location) },
            present: { BatchResult($0, keepsDetails: keepsDetails, printsResults: printsResults) })
        var totals = BatchTotals(wallTime: clock.now - started)
        for result in results {
            totals.add(result)
            if let line = result.line { print(line) }
        }
        if stats { print(totals.jsonText) }
    }

    /// One line of the batch's list: `PATH[<tab>CONTENT-TYPE[<tab>BASE-URL]]`; without a base URL
    /// of its own, a file's links resolve against `--base-url` or the file itself.
    private func document(fromLine line: String, base: URL?) -> DocumentParser.Document {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        var document = DocumentParser.Document(location: fields[0], baseURL: base ?? URL(fileURLWithPath: fields[0]).absoluteURL,
                                               contentType: contentType)
        if fields.count > 1, !fields[1].isEmpty { document.contentType = fields[1] }
        if fields.count > 2, let url = URL(string: fields[2]), url.scheme != nil { document.baseURL = url }
        return document
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
        var bytes: Int
        var items = 0
        var isFailure = false
        var parseTime: Duration
        var line: String?

        init(_ outcome: DocumentParser.Outcome, keepsDetails: Bool, printsResults: Bool) {
            bytes = outcome.byteCount
            parseTime = outcome.parseTime
            let source = outcome.document.location
            switch outcome.result {
            case .success(let parsed):
                items = parsed.items.count
                line = printsResults
                    ? Output(parsed, source: source, link: outcome.document.baseURL, keepsDetails: keepsDetails).jsonText(pretty: false) : nil
            case .failure(.unreadable):
                isFailure = true
                line = printsResults ? Output.failureLine(source: source, message: "cannot read the file") : nil
            case .failure(.unparseable(let error)):
                isFailure = true
                line = printsResults ? Output.failureLine(source: source, message: error.description) : nil
            }
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

extension ParseCommand.Output {
    /// A parsed feed or page as printed; a page links to where it was read from.
    init(_ parsed: DocumentParser.Parsed, source: String, link pageLink: URL, keepsDetails: Bool) {
        switch parsed {
        case .page(let page):
            self.init(source: source, kind: "page", format: nil, encoding: nil, isIllFormed: false, problems: [], title: page.title,
                      link: pageLink, items: page.blocks, details: [:], keepsDetails: false)
        case .feed(let feed):
            self.init(source: source, kind: "feed", format: feed.format.rawValue, encoding: feed.encoding, isIllFormed: feed.isIllFormed,
                      problems: feed.problems, title: feed.title, link: feed.link, items: feed.items, details: feed.itemDetails,
                      keepsDetails: keepsDetails)
        }
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
