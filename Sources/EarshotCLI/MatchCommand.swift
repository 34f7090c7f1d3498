import ArgumentParser
import Settings
import Foundation
import Mentions
import Model
import Sentiment

/// `earshot match`: finds mentions of the configured school in lines of standard input, one
/// JSON line out per line in.
///
/// The school profile comes from the configuration file, as for a scan. Each output line lists
/// the mentions of its input line with their span (character offsets, end exclusive), the text
/// matched, the rule that matched it, the configured term and, for an ambiguous alias, the
/// context word that licensed it; then the exclusion phrases that took the school's words in
/// another sense, when there were any. As with `earshot score`, a line that cannot be read gives an
/// `{"error": …}` object and the command goes on.
struct MatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Find mentions of the school in each line of standard input, as JSON lines.",
        discussion: """
        Input: one passage per line, or JSON lines with a "text" field (and an optional "id", echoed back). \
        Output: one JSON object per input line, in order: {"mentions": [{"start", "end", "text", "rule", \
        "term", "context"}], "otherMeanings": [...]}; start and end count characters, end exclusive; \
        otherMeanings (the exclusion phrases that took the school's words in another sense) only when there are any. \
        As in a scan, an ambiguous alias with no school context is a mention when the passage may be about \
        a child at risk (rule aliasInSafeguardingPost) or, unless the alias is initials, raises a concern aimed \
        at someone such as a complaint or abuse (rule aliasInConcernPost).
        """
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: "How to read input lines: auto (JSON when a line starts with '{'), text or json.")
    var format: LineFormat = .auto

    @Flag(help: "Treat every line as coming from a source about the school: ambiguous aliases need no context.")
    var aboutSchool = false

    @Option(help: "A trust's school (its id), or \"trust\", whose names to look for (default: the first school).")
    var school: String?

    @Option(help: "Judge passages with this concern-model file instead of the bundled one (as written by scripts/train-concerns).")
    var concernModel: String?

    func run() throws {
        let configuration = try options.loadConfiguration()
        let chosen = try school.map { try EarshotCLI.school(named: $0, in: configuration, includingTrust: true) } ?? configuration.schools[0]
        let finder = MentionFinder(profile: chosen.profile)
        let judge = PassageJudge(lexicon: try loadBundledLexicon().weighingConcerns(with: concernModel))
        var output = OutputBuffer()
        var lineNumber = 0
        LineStream.forEachLine(flushing: { output.flush() }) { bytes in
            lineNumber += 1
            let line = JudgementLine(bytes: bytes, format: format)
            if let problem = line.problem {
                output.appendError("line \(lineNumber): \(problem)", id: line.id)
            } else {
                let text = line.text ?? ""
                var reading = finder.reading(of: text, sourceIsAboutSchool: aboutSchool)
                if reading.mentions.isEmpty, !reading.aliasesWithoutContext.isEmpty {
                    reading.mentions = reading.mentions(judgedAs: judge.judgement(of: text).concerns)
                }
                output.append(reading, id: line.id)
            }
        }
        output.flush()
    }
}

extension OutputBuffer {
    /// A match line: the mentions found, in reading order, and any other meanings.
    mutating func append(_ reading: MentionReading, id: [UInt8]?) {
        appendRaw("{")
        appendID(id)
        appendRaw("\"mentions\":[")
        for (index, mention) in reading.mentions.enumerated() {
            if index > 0 { appendRaw(",") }
            appendRaw("{\"start\":\(mention.start),\"end\":\(mention.end),\"text\":")
            appendString(mention.matchedText)
            appendRaw(",\"rule\":\"\(mention.rule.rawValue)\",\"term\":")
            appendString(mention.term)
            if let context = mention.contextWord {
                appendRaw(",\"context\":")
                appendString(context)
            }
            appendRaw("}")
        }
        appendRaw("]")
        if !reading.otherMeanings.isEmpty {
            appendRaw(",\"otherMeanings\":[")
            for (index, meaning) in reading.otherMeanings.enumerated() {
                if index > 0 { appendRaw(",") }
                appendString(meaning)
            }
            appendRaw("]")
        }
        appendRaw("}\n")
    }
}
