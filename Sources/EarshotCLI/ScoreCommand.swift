import ArgumentParser
import Settings
import Foundation
import Model
import Sentiment
import Workflow

/// `earshot score`: judges lines of text from standard input, one JSON line out per line in.
///
/// Each input line is a passage, or a JSON object whose `"text"` field is the passage (an `"id"`
/// field is echoed back, so results can be joined to their inputs). Each output line holds the
/// compound score, its label, the words that drove it, and the concerns with their confidence
/// and evidence. A line that cannot be read gives an `{"error": …}` object in its place and the
/// command goes on, so one bad line never stops a pipeline.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score sentiment and concerns of each line of standard input, as JSON lines.",
        discussion: """
        Input: one passage per line, or JSON lines with a "text" field (and an optional "id", echoed back). \
        Output: one JSON object per input line, in order: {"compound", "label", "drivers", "stance" \
        (the attitude toward the school), "stanceEvidence" (the words that decided it), "concerns": [{"concern", "confidence", "evidence"}]}; with --sentences also "sentences": [{"text", "compound", \
        "label", "drivers"}], one per sentence. Output is written as soon as no further complete input \
        line is waiting, so each answer appears before the command waits for the next line.
        """
    )

    @Option(help: "How to read input lines: auto (JSON when a line starts with '{'), text or json.")
    var format: LineFormat = .auto

    @Flag(help: "Also give each sentence's own compound score, label and drivers.")
    var sentences = false

    @Option(name: .shortAndLong, help: "A configuration file: also give the owner role its routing gives each passage's concerns.")
    var config: String?

    @Option(help: "Weigh concerns with this concern-model file instead of the bundled one (as written by scripts/train-concerns).")
    var concernModel: String?

    @Flag(help: "Give only the features the concern model reads in each passage, for training it.")
    var features = false

    @Option(help: ArgumentHelp(
        "Score with this word list in place of the bundled lexicon-induced.tsv (same format).",
        discussion: "For measuring a list induced from part of the rated data on the rest of it.",
        valueName: "file"))
    var inducedLexicon: String?

    func run() throws {
        let lexicon = try (inducedLexicon.map(loadLexicon(inducedFrom:)) ?? loadBundledLexicon()).weighingConcerns(with: concernModel)
        let judge = PassageJudge(lexicon: lexicon)
        let routing = try config.map { try GlobalOptions.parse(["--config", $0]).loadConfiguration().routing }
        var workspace = JudgementWorkspace()
        var output = OutputBuffer()
        var lineNumber = 0
        LineStream.forEachLine(flushing: { output.flush() }) { bytes in
            lineNumber += 1
            let line = JudgementLine(bytes: bytes, format: format)
            if let problem = line.problem {
                output.appendError("line \(lineNumber): \(problem)", id: line.id)
            } else if features {
                output.appendFeatures(judge.concernFeatures(of: line.text ?? ""), id: line.id)
            } else {
                let text = line.text ?? ""
                let judgement = judge.judgement(of: text, in: &workspace)
                output.append(judgement, id: line.id,
                              owner: routing.map { policy -> Role? in policy.owner(for: judgement.concerns.map(\.concern)) },
                              sentences: sentences ? judge.analyzer.scoreSentences(text) : nil)
            }
        }
        output.flush()
    }
}
