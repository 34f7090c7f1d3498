import ArgumentParser
import Foundation
import Settings

/// `earshot feeds remove ADDRESS_OR_TITLE`: takes a source out of the feed list that has it,
/// keeping the rest of the file as it was.
struct FeedsRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Take a source out of its feed list, by address or title; the rest of the file stays as it was."
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The source's address (xmlUrl), or its title.")
    var source: String

    @Option(name: .customLong("from"), help: "The OPML file to remove it from (default: whichever of [feeds] opml lists it).")
    var opmlFile: String?

    func run() throws {
        let configuration = try options.loadConfiguration()
        let files = opmlFile.map { [URL(fileURLWithPath: $0)] } ?? configuration.feedLists
        var problems: [String] = []
        for file in files {
            let removal: FeedListEditor.Removal
            do {
                removal = try FeedListEditor().removing(source, from: String(contentsOf: file, encoding: .utf8), fileURL: file)
            } catch let error as ConfigurationError {
                problems.append(error.description)
                continue
            } catch {
                printError("cannot read \(file.path): \(error.localizedDescription)")
                throw ExitStatus.configurationError
            }
            do {
                try removal.text.write(to: file, atomically: true, encoding: .utf8)
            } catch {
                printError("cannot write \(file.path): \(error.localizedDescription)")
                throw ExitStatus.cannotWrite
            }
            for title in removal.removed { print(terminalSafe("removed \"\(title)\" from \(file.path)")) }
            return
        }
        for problem in problems { printError(problem) }
        throw ExitCode.failure
    }
}
