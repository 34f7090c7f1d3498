import ArgumentParser
import Fetching
import Foundation
import Mentions
import Model
import Parsing
import Recipes
import Settings
import Sourcing

/// `earshot feeds add RECIPE ARGS…`: appends a source made by a recipe to an OPML file, reads it
/// once, and says how many items it read and how many mention the school.
struct FeedsAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a source by recipe to a feed list, read it once, and say how many of its items mention the school.",
        discussion: """
        Recipes and what they take:
          google-news [QUERY…]    Google News (GB); no query: built from [school]
          bing-news [QUERY…]      Bing News; likewise
          reddit [QUERY…]         Reddit, newest first; likewise
          mastodon [TAG…]         hashtag feeds (default: [school] hashtags)
          youtube CHANNEL_ID      a channel's uploads (the id starts with UC)
          bridge NETWORK ACCOUNT  facebook, x, instagram or tiktok, via [bridges]
          feed URL                any RSS, Atom or JSON feed (a Google Alert's)
          page URL                a web page read as blocks of text
        docs/sources.md says what each covers, how often it is read and what it cannot see.
        """
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The recipe: \(RecipeKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var recipe: String

    @Argument(help: "What the recipe takes (see above).")
    var arguments: [String] = []

    @Option(name: .customLong("to"), help: "The OPML file to add to (default: the first of [feeds] opml).")
    var opmlFile: String?

    @Option(help: "The title to list the source under.")
    var title: String?

    @Option(help: "How often to read it, such as 30m or 6h (default: the recipe's own).")
    var interval: String?

    @Option(name: .customLong("instance"), help: "mastodon: a server to read instead of [recipes] mastodon_instances (repeatable).")
    var instances: [String] = []

    @Flag(help: "The source is the school's own (its posts are the school speaking, never a case).")
    var schoolsOwn = false

    @Flag(help: "Every item of the source is about the school (ambiguous aliases need no context there).")
    var aboutSchool = false

    @Option(help: "A trust's school (its id) the source belongs to and searches for; without it a trust's source is shared.")
    var school: String?

    func run() async throws {
        guard let kind = RecipeKind(rawValue: recipe) else {
            throw ValidationError("unknown recipe \"\(recipe)\"; use one of \(RecipeKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let configuration = try options.loadConfiguration()
        let recipes = try made(kind, configuration: configuration)
        let file = opmlFile.map { URL(fileURLWithPath: $0) } ?? configuration.feedLists[0]
        var sources = try unlisted(recipes.map(\.source), in: file)
        guard !sources.isEmpty else { return }
        let readings = try await readOnce(sources, configuration: configuration)
        // A feed or page is listed under the title it gives itself, unless one was asked for.
        for (index, reading) in readings.enumerated() where title == nil && (kind == .feed || kind == .page) {
            if case .success(let reading) = reading, !reading.title.isEmpty { sources[index].title = reading.title }
        }
        try append(sources, to: file)
        for (source, reading) in zip(sources, readings) {
            let every = source.refreshInterval.map { "every " + FeedListEditor.intervalText($0) } ?? "at the default interval"
            print(terminalSafe("added \"\(source.title)\" to \(file.path), read \(every)"))
            print("  \(AddressRedaction.redacted(source.url))")
            switch reading {
            case .success(let reading):
                print("  read \(reading.itemCount) item\(reading.itemCount == 1 ? "" : "s"), \(reading.mentionCount) "
                      + "mention\(reading.mentionCount == 1 ? "s" : "") the school")
            case .failure(let error):
                print(terminalSafe("  the first read failed: \(error.description); it stays listed and is tried at each scan"))
            }
        }
        print("  limits: \(kind.limits)")
        if readings.contains(where: { if case .failure = $0 { true } else { false } }) { throw ExitStatus.someSourcesFailed }
    }

    /// The sources the recipe makes from the arguments and the configuration, with the options applied.
    private func made(_ kind: RecipeKind, configuration: EarshotConfiguration) throws -> [SourceRecipe] {
        var settings = configuration.recipes
        if !instances.isEmpty {
            settings.mastodonInstances = try instances.map { text in
                guard let url = RecipeSettings.mastodonInstance(text) else {
                    throw ValidationError("--instance needs a Mastodon server such as mastodon.social, not \"\(text)\"")
                }
                return url
            }
        }
        var recipes: [SourceRecipe]
        let school = try school(in: configuration)
        do {
            recipes = try RecipeBook(settings: settings).sources(
                kind, arguments: arguments, terms: school.searchTerms, hashtags: school.profile.hashtags)
        } catch {
            throw ValidationError(error.description)
        }
        let refreshInterval = try interval.map { text -> Duration in
            guard let value = FeedListEditor.interval(parsing: text) else {
                throw ValidationError("--interval must be a duration such as 30m or 6h, not \"\(text)\"")
            }
            if let shortest = kind.shortestInterval, value < shortest {
                throw ValidationError("\(kind.rawValue) feeds are read no more often than every \(FeedListEditor.intervalText(shortest))")
            }
            return value
        }
        for index in recipes.indices {
            if let title { recipes[index].source.title = recipes.count == 1 ? title : "\(title) (\(index + 1))" }
            if let refreshInterval { recipes[index].source.refreshInterval = refreshInterval }
            if schoolsOwn { recipes[index].source.isSchoolsOwn = true }
            if aboutSchool || schoolsOwn { recipes[index].source.isAboutSchool = true }
            if self.school != nil { recipes[index].source.school = school.id }
        }
        return recipes
    }

    /// The school `--school` names; without it the only school, or the trust's own names (the
    /// first school's when there is no `[trust]`).
    private func school(in configuration: EarshotConfiguration) throws -> SchoolSettings {
        guard let id = school else { return configuration.trust ?? configuration.schools[0] }
        return try EarshotCLI.school(named: id, in: configuration, includingTrust: false)
    }

    /// The sources that `file` does not list yet; those it lists are named.
    private func unlisted(_ sources: [Source], in file: URL) throws -> [Source] {
        let existing = Set(try editingFeedList(file) { text in try OPMLParser().sources(from: Data(text.utf8), fileURL: file) }.map(\.url))
        for source in sources where existing.contains(source.url) {
            print(terminalSafe("\"\(source.title)\" is already in \(file.path)"))
        }
        return sources.filter { !existing.contains($0.url) }
    }

    /// Appends outlines for `sources` to `file`, checking first that the result still reads as OPML.
    private func append(_ sources: [Source], to file: URL) throws {
        try editingFeedList(file) { text in
            let edited = try FeedListEditor().adding(sources, to: text, file: file.path)
            _ = try OPMLParser().sources(from: Data(edited.utf8), fileURL: file)
            try edited.write(to: file, atomically: true, encoding: .utf8)
        }
    }

    /// Each source read once, politely, as the configuration says.
    private func readOnce(_ sources: [Source], configuration: EarshotConfiguration) async throws -> [Result<SourceTrial.Reading, SourcingError>] {
        do {
            return try await withTransferEngine(settings: configuration.fetchSettings) { engine in
                let trial = SourceTrial(fetcher: PoliteFetcher(engine: engine, policy: configuration.politeness),
                                        mentionFinder: MentionFinder(profile: try school(in: configuration).profile))
                var readings: [Result<SourceTrial.Reading, SourcingError>] = []
                for source in sources {
                    do throws(SourcingError) {
                        readings.append(.success(try await trial.read(source)))
                    } catch {
                        readings.append(.failure(error))
                    }
                }
                return readings
            }
        } catch {
            printError("cannot start fetching: \(error)")
            throw ExitCode.failure
        }
    }
}
