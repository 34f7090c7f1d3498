import ArgumentParser
import Settings
import Foundation
import Mentions
import Sentiment

/// `earshot-bench`: times the judgement and the matching alone, on one core, over every line of
/// standard input (one passage per line), and prints one JSON object of throughput. Used by
/// `scripts/bench-judgement`; the product commands carry no timing code.
@main
struct EarshotBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "earshot-bench",
        abstract: "Time Earshot's judgement or matching alone over the lines of standard input.",
        subcommands: [Score.self, Match.self]
    )

    /// The passages: every line of standard input, read before any timing starts.
    static func readPassages() -> [String] {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Sentiment and concerns, as `earshot score` judges them, with one reused workspace.
    struct Score: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Time the judgement (sentiment and concerns).")

        @Option(help: "How many times to judge the whole input.")
        var rounds = 1

        @Option(help: "Weigh concerns with this concern-model file instead of the bundled one.")
        var concernModel: String?

        func run() throws {
            var lexicon = try Lexicon.bundled()
            if let concernModel {
                lexicon.concernModel = try ConcernModel.withBundledFamilies(weights: String(contentsOfFile: concernModel, encoding: .utf8))
            }
            let judge = PassageJudge(lexicon: lexicon)
            let texts = EarshotBench.readPassages()
            var workspace = JudgementWorkspace()
            var checksum = 0.0
            let report = Throughput.measure(texts, rounds: rounds) { text in
                checksum += judge.judge(text, in: &workspace).compound
            }
            print(report.json(extra: "\"checksum\":\(checksum)"))
        }
    }

    /// Mentions of the configured school, as `earshot match` finds them.
    struct Match: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Time the matching of the configured school.")

        @Option(name: .shortAndLong, help: "The configuration file whose school profile is matched.")
        var config = "earshot.toml"

        @Option(help: "How many times to match the whole input.")
        var rounds = 1

        @Flag(help: "Treat every line as coming from a source about the school.")
        var aboutSchool = false

        func run() throws {
            let finder = MentionFinder(profile: try ConfigurationLoader().load(from: URL(fileURLWithPath: config)).schools[0].profile)
            let texts = EarshotBench.readPassages()
            var found = 0
            let report = Throughput.measure(texts, rounds: rounds) { text in
                found += finder.mentions(in: text, sourceIsAboutSchool: aboutSchool).count
            }
            print(report.json(extra: "\"mentions\":\(found)"))
        }
    }
}
