import Model
import Sentiment
import Testing

/// File contents that must be rejected, with the file and line the error should name.
struct MalformedCase: CustomTestStringConvertible, Sendable {
    var file: String
    var contents: String
    var line: Int
    var problem: String
    var testDescription: String { "\(file): \(problem)" }

    func load() throws(SentimentError) -> Lexicon {
        switch file {
        case "lexicon.tsv": try Lexicon(lexicon: contents)
        case "idioms.tsv": try Lexicon(idioms: contents)
        case "modifiers.tsv": try Lexicon(modifiers: contents)
        case "negators.txt": try Lexicon(negators: contents)
        case "emoticons.tsv": try Lexicon(emoticons: contents)
        case "lexicon-induced.tsv": try Lexicon(inducedLexicon: contents)
        default: try Lexicon(concerns: contents)
        }
    }
}

@Suite struct LexiconTests {
    @Test func parsesEveryFileFormat() throws {
        let lexicon = try TestLexicon.make()
        #expect(lexicon.valences["good"] == 2)
        #expect(lexicon.valences["kind-hearted"] == 3)
        #expect(lexicon.idioms["over the moon"] == 3.5)
        #expect(lexicon.modifiers["kind of"] == -0.2)
        #expect(lexicon.negators.contains("never"))
        #expect(lexicon.emoticons[":)"] == 2)
        #expect(lexicon.concernRules.count == 18)
        #expect(lexicon.concernRules.first?.concern == .safeguarding)
        #expect(lexicon.concernRules.first?.weight == 0.9)
    }

    @Test func skipsCommentsBlankLinesAndByteOrderMark() throws {
        let lexicon = try Lexicon(lexicon: "\u{FEFF}# heading\n\n   \ngood\t2\n  # indented comment\nbad\t-2\n")
        #expect(lexicon.valences == ["good": 2, "bad": -2])
    }

    @Test func acceptsWindowsLineEndingsAndStraySpaces() throws {
        let lexicon = try Lexicon(lexicon: "good \t 2\r\nBad\t-2\r\n", idioms: "Over  The Moon\t3\r\n")
        #expect(lexicon.valences == ["good": 2, "bad": -2])
        #expect(lexicon.idioms == ["over the moon": 3])
    }

    @Test func inducedWordsAddToHandWrittenOnesWithoutChangingThem() throws {
        let lexicon = try Lexicon(lexicon: "good\t2", inducedLexicon: "# induced\nGood\t0.3\nsturdy\t0.12")
        #expect(lexicon.valences == ["good": 2, "sturdy": 0.12])
    }

    @Test func foldsCurlyApostrophesInEntries() throws {
        let lexicon = try Lexicon(idioms: "can’t fault\t3", negators: "don’t")
        #expect(lexicon.idioms["can't fault"] == 3)
        #expect(lexicon.negators == ["don't"])
    }

    @Test func emojiKeysIgnoreVariationSelectorsAndSkinTones() throws {
        let lexicon = try Lexicon(emoticons: "❤️\t3\n👍🏽\t2")
        #expect(lexicon.emoticons == ["❤": 3, "👍": 2])
    }

    @Test(arguments: [
        MalformedCase(file: "lexicon.tsv", contents: "# c\ngood\t2\ngreat 3", line: 3, problem: "missing TAB"),
        MalformedCase(file: "lexicon.tsv", contents: "good\tvery", line: 1, problem: "valence not a number"),
        MalformedCase(file: "lexicon.tsv", contents: "good\t2\n\nbad\t-5", line: 3, problem: "valence out of range"),
        MalformedCase(file: "lexicon.tsv", contents: "good job\t2", line: 1, problem: "phrase in the word list"),
        MalformedCase(file: "lexicon.tsv", contents: "good\t2\t1", line: 1, problem: "extra field"),
        MalformedCase(file: "lexicon.tsv", contents: "good\tnan", line: 1, problem: "not finite"),
        MalformedCase(file: "lexicon-induced.tsv", contents: "# c\ncamera\t0.1\nlens\t12", line: 3, problem: "valence out of range"),
        MalformedCase(file: "idioms.tsv", contents: "over the moon\t", line: 1, problem: "empty field"),
        MalformedCase(file: "modifiers.tsv", contents: "very\t0.3\na bit more\t0.2", line: 2, problem: "three-word modifier"),
        MalformedCase(file: "modifiers.tsv", contents: "very\t9", line: 1, problem: "factor out of range"),
        MalformedCase(file: "negators.txt", contents: "not\nnever\tever", line: 2, problem: "TAB in a negator"),
        MalformedCase(file: "negators.txt", contents: "not at all", line: 1, problem: "phrase as negator"),
        MalformedCase(file: "emoticons.tsv", contents: ":)\t9", line: 1, problem: "valence out of range"),
        MalformedCase(file: "concerns.tsv", contents: "bulying\t0.5\tbully", line: 1, problem: "unknown concern"),
        MalformedCase(file: "concerns.tsv", contents: "bullying\t1.5\tbully", line: 1, problem: "weight above 1"),
        MalformedCase(file: "concerns.tsv", contents: "bullying\t0.05\tbully", line: 1, problem: "weight below 0.1"),
        MalformedCase(file: "concerns.tsv", contents: "# x\nbullying\t0.5", line: 2, problem: "missing phrase"),
        MalformedCase(file: "concerns.tsv", contents: "bullying\t0.5\t---", line: 1, problem: "phrase without words"),
        MalformedCase(file: "concerns.tsv", contents: "safeguarding\t0.5\t_ kids", line: 1, problem: "phrase starting with any word"),
        MalformedCase(file: "concerns.tsv", contents: "safeguarding\t0.5\tfilming _", line: 1, problem: "phrase ending with any word"),
    ])
    func malformedLineIsReportedWithFileAndLine(_ example: MalformedCase) {
        do {
            _ = try example.load()
            Issue.record("\(example.file) should have been rejected")
        } catch {
            guard case .malformedLine(let file, let line, _, let reason) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(file == example.file)
            #expect(line == example.line)
            #expect(!reason.isEmpty)
            #expect(error.description.hasPrefix("\(example.file) line \(example.line): "))
        }
    }

    @Test func unknownConcernMessageListsTheKnownOnes() {
        #expect(throws: SentimentError.self) { try Lexicon(concerns: "bulying\t0.5\tbully") }
        do {
            _ = try Lexicon(concerns: "bulying\t0.5\tbully")
        } catch {
            #expect(error.description.contains("bulying"))
            #expect(error.description.contains("safeguarding, bullying"))
        }
    }

    // MARK: Wildcards

    @Test(arguments: [
        ("bulli*", [ConcernRule.Word.prefix("bulli")]),
        ("c*nt*", [.prefix("c*nt")]),
        ("sh*t*", [.prefix("sh*t")]),
        ("f***", [.literal("f***")]),
        ("c***", [.literal("c***")]),
        ("sh*t", [.literal("sh*t")]),
        ("ab*", [.literal("ab*")]),
        ("abc*", [.prefix("abc")]),
        ("self-harm", [.literal("self"), .literal("harm")]),
        ("gang up on", [.literal("gang"), .literal("up"), .literal("on")]),
        ("Can’t Thank", [.literal("can't"), .literal("thank")]),
        ("filming _ kids", [.literal("filming"), .anyWord, .literal("kids")]),
    ])
    func onlyATrailingStarAfterThreeLettersIsAWildcard(phrase: String, words: [ConcernRule.Word]) {
        #expect(ConcernRule(concern: .offensive, weight: 0.5, phrase: phrase).words == words)
    }
}
