import Foundation
import Model
import Sentiment
import Testing

/// A passage and the raw sum the rules should give it with `TestLexicon`.
struct ScoringCase: CustomTestStringConvertible, Sendable {
    var rule: String
    var text: String
    var expectedSum: Double
    var testDescription: String { "\(rule): \"\(text)\"" }

    init(_ rule: String, _ text: String, _ expectedSum: Double) {
        self.rule = rule
        self.text = text
        self.expectedSum = expectedSum
    }
}

@Suite struct SentimentAnalyzerTests {
    let analyzer: SentimentAnalyzer

    init() throws {
        analyzer = SentimentAnalyzer(lexicon: try TestLexicon.make())
    }

    private func expectSum(_ example: ScoringCase, sourceLocation: SourceLocation = #_sourceLocation) {
        let score = analyzer.score(example.text)
        let expected = TestLexicon.compound(example.expectedSum)
        #expect(abs(score.compound - expected) < 1e-9,
                "\(example.text): compound \(score.compound), expected \(expected) from sum \(example.expectedSum)",
                sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        ScoringCase("plain word", "The teachers are good", 2),
        ScoringCase("unknown words score nothing", "The teachers are here", 0),
        ScoringCase("accents folded", "The teachers are góod", 2),
        ScoringCase("negative word", "The food is awful", -3),
    ])
    func singleWordsScoreTheirValence(_ example: ScoringCase) {
        expectSum(example)
    }

    @Test(arguments: [
        ScoringCase("negator flips and damps", "The teachers are not good", -1.48),
        ScoringCase("negator flips a negative word", "The food is not awful", 2.22),
        ScoringCase("never", "never good", -1.48),
        ScoringCase("any word ending in n't", "isn't good", -1.48),
        ScoringCase("curly apostrophe", "isn’t good", -1.48),
        ScoringCase("three tokens back still negates", "not a so good", -2 * 0.74 + 0.2 * 0.74),
        ScoringCase("four tokens back does not", "not at all a good", 2),
        ScoringCase("a comma ends the reach", "no, good", 2),
        ScoringCase("two negators flip once", "not never good", -1.48),
    ])
    func negationFlipsAndDampsWithinThreeTokens(_ example: ScoringCase) {
        expectSum(example)
    }

    @Test(arguments: [
        ScoringCase("intensifier", "very good", 2.3),
        ScoringCase("intensifier on a negative word", "very bad", -2.8),
        ScoringCase("dampener", "slightly good", 1.7),
        ScoringCase("two-word dampener, its words not scored", "kind of good", 1.8),
        ScoringCase("stacked, decayed by distance", "extremely very good", 2 + 0.3 + 0.35 * 0.95),
        ScoringCase("intensifier inside negation softens it", "not very good", -(2 - 0.3) * 0.74),
        ScoringCase("a modifier alone scores nothing", "very", 0),
        ScoringCase("a modifier with no word after it keeps its own valence", "kind", 2),
        ScoringCase("elongated modifier", "sooooo good", 2.2),
    ])
    func modifiersChangeMagnitude(_ example: ScoringCase) {
        expectSum(example)
    }

    @Test(arguments: [
        ScoringCase("but: before halved, after raised", "good but bad", 2 * 0.5 - 2.5 * 1.5),
        ScoringCase("but the other way", "bad but good", -2.5 * 0.5 + 2 * 1.5),
        ScoringCase("however", "good however bad", 2 * 0.5 - 2.5 * 1.5),
        ScoringCase("the last but decides", "bad but good but awful", -2.5 * 0.5 + 2 * 0.5 - 3 * 1.5),
        ScoringCase("although opening the sentence", "although good, bad", 2 * 0.5 - 2.5 * 1.5),
        ScoringCase("although closing the sentence", "bad, although good", -2.5 * 1.5 + 2 * 0.5),
        ScoringCase("although clause without sentiment changes nothing", "although it rained, good", 2),
        ScoringCase("contrast stays in its sentence", "good. but bad", 2 - 2.5 * 1.5),
    ])
    func contrastWordsShiftWeight(_ example: ScoringCase) {
        expectSum(example)
    }

    @Test(arguments: [
        ScoringCase("capitals in a mixed-case passage", "GOOD teachers", 2.75),
        ScoringCase("capitals on a negative word", "AWFUL food", -3.75),
        ScoringCase("an all-capitals passage gets no boost", "GOOD TEACHERS", 2),
        ScoringCase("capitalised modifier", "VERY good teachers", 2 + 0.3 + 0.375),
    ])
    func capitalsEmphasiseInMixedCaseText(_ example: ScoringCase) {
        expectSum(example)
    }

    @Test(arguments: [
        ScoringCase("one exclamation mark", "good!", 2.3),
        ScoringCase("capped at four", "good!!!!!!!", 3.2),
        ScoringCase("on a negative sentence", "bad!!", -3.1),
        ScoringCase("nothing to emphasise", "!!!", 0),
        ScoringCase("question damps", "good?", 1.8),
        ScoringCase("both", "good?!", 2.3 * 0.9),
        ScoringCase("per sentence", "good! bad.", 2.3 - 2.5),
    ])
    func punctuationEmphasisesOrDamps(_ example: ScoringCase) {
        expectSum(example)
    }

    @Test(arguments: [
        ScoringCase("ascii emoticon", "fine :)", 2.1),
        ScoringCase("sad emoticon", "lunch :(", -2),
        ScoringCase("attached to a word", "great:)", 5),
        ScoringCase("heart", "<3", 3),
        ScoringCase("emoji", "sports day 😀", 2.5),
        ScoringCase("emoji listed with a variation selector, written without", "❤", 3),
        ScoringCase("emoji written with a variation selector", "❤️", 3),
        ScoringCase("skin tone ignored", "👍🏽", 2),
        ScoringCase("emoji run together", "😀😀", 5),
        ScoringCase("emoticons are not negated", "not :)", 2),
        ScoringCase("emoticon before trailing punctuation", "lunch :(.", -2),
    ])
    func emoticonsAndEmojiScore(_ example: ScoringCase) {
        expectSum(example)
    }

    @Test(arguments: [
        ScoringCase("collapsed to one letter", "I loooove it", 3),
        ScoringCase("collapsed to two letters", "gooooood", 2),
        ScoringCase("elongated capitals", "GOOOOD day", 2.75),
        ScoringCase("elongated idiom, first word", "ooover the moon", 3.5),
        ScoringCase("elongated idiom, last word", "over the mooooon", 3.5),
        ScoringCase("elongated idiom with an apostrophe", "cant faaault them", 3),
        ScoringCase("elongated two-word modifier, first word", "kiiiind of good", 1.8),
        ScoringCase("elongated two-word modifier, second word", "kind offff good", 1.8),
        ScoringCase("an elongated word outside any idiom", "over the sooo moon", 0),
    ])
    func elongatedWordsScoreAsTheirBaseWord(_ example: ScoringCase) {
        expectSum(example)
    }

    @Test(arguments: [
        ScoringCase("idiom beats its words", "not bad", 1.5),
        ScoringCase("three-word idiom", "over the moon", 3.5),
        ScoringCase("idiom in capitals", "OVER THE MOON about it", 4.25),
        ScoringCase("idiom with apostrophe", "can't fault them", 3),
        ScoringCase("written without the apostrophe", "cant fault them", 3),
        ScoringCase("with a curly apostrophe", "Can’t fault them", 3),
        ScoringCase("hyphenated lexicon word", "kind-hearted staff", 3),
        ScoringCase("unknown hyphenated word read as parts", "well-good staff", 2),
        ScoringCase("CamelCase hashtag read as words", "#SoGood", 2.2),
    ])
    func idiomsAndCompoundsScoreAsOneUnit(_ example: ScoringCase) {
        expectSum(example)
    }

    @Test func idiomWordsAreNotScoredAgain() {
        let score = analyzer.score("not bad")
        #expect(score.drivers == ["not bad"])
    }

    @Test func urlsHandlesAndAddressesAreNotScored() {
        let score = analyzer.score("see https://good.example/great-love and @goodteacher or good@great.example")
        #expect(score.compound == 0)
        #expect(score.drivers.isEmpty)
    }

    // MARK: Labels and normalisation

    @Test(arguments: [
        ("okay", SentimentLabel.positive),
        ("fine", SentimentLabel.neutral),
        ("poor", SentimentLabel.negative),
        ("", SentimentLabel.neutral),
        ("nothing to see", SentimentLabel.neutral),
    ])
    func labelUsesTheNeutralBand(text: String, label: SentimentLabel) {
        #expect(analyzer.score(text).label == label)
    }

    @Test func emptyTextIsNeutralWithNoDrivers() {
        #expect(analyzer.score("") == SentimentScore.neutral)
    }

    @Test func compoundStaysBelowOneForLongPraise() {
        let text = Array(repeating: "great", count: 200).joined(separator: " ")
        let score = analyzer.score(text)
        #expect(score.compound > 0.99)
        #expect(score.compound <= 1)
        #expect(analyzer.score(text.replacingOccurrences(of: "great", with: "awful")).compound >= -1)
    }

    // MARK: Drivers

    @Test func driversAreStrongestFirst() {
        let score = analyzer.score("good and awful and okay")
        #expect(score.drivers == ["awful", "good", "okay"])
    }

    @Test func driversUseTheLexiconSpelling() {
        #expect(analyzer.score("LOOOOVE it").drivers == ["love"])
        #expect(analyzer.score("cant fault").drivers == ["can't fault"])
        #expect(analyzer.score("❤️").drivers == ["❤"])
    }

    @Test func repeatedWordIsOneDriverWithItsTotal() {
        let score = analyzer.score("good good good awful")
        #expect(score.drivers == ["good", "awful"])
    }

    @Test func actingModifiersAndNegatorsAreNotDrivers() {
        #expect(analyzer.score("not very good").drivers == ["good"])
        #expect(analyzer.score("kind of good").drivers == ["good"])
    }

    // MARK: Sentences

    @Test func scoreSentencesScoresEachSentenceAlone() {
        let sentences = analyzer.scoreSentences("Good.  Awful!\nokay")
        #expect(sentences.map(\.text) == ["Good.", "Awful!", "okay"])
        #expect(abs(sentences[0].score.compound - TestLexicon.compound(2)) < 1e-9)
        #expect(abs(sentences[1].score.compound - TestLexicon.compound(-3.3)) < 1e-9)
        #expect(sentences[1].score.drivers == ["awful"])
        #expect(sentences[2].score.label == .positive)
    }

    @Test func passageScoreIsTheNormalisedSumOfSentences() {
        let score = analyzer.score("Good.  Awful!\nokay")
        #expect(abs(score.compound - TestLexicon.compound(2 - 3.3 + 0.2)) < 1e-9)
    }

    @Test(arguments: [
        ("Mr. Smith is good. Dr. Jones is awful.", ["Mr. Smith is good.", "Dr. Jones is awful."]),
        ("It costs 3.5 pounds, e.g. lunch. Fine!", ["It costs 3.5 pounds, e.g. lunch.", "Fine!"]),
        ("What?! Really... yes", ["What?!", "Really...", "yes"]),
        ("\"Good.\" She said", ["\"Good.\"", "She said"]),
        ("   ", []),
    ])
    func sentencesSplitAtTerminatorsButNotAbbreviations(text: String, expected: [String]) {
        #expect(analyzer.scoreSentences(text).map(\.text) == expected)
    }
}

/// Adverbs in -ly and nouns in -ness of listed words take their word's valence.
@Suite struct InflectionTests {
    let analyzer: SentimentAnalyzer

    init() throws {
        analyzer = SentimentAnalyzer(lexicon: try Lexicon(
            lexicon: "disappointing\t-2\nhappy\t2.5\nterrible\t-3\nfantastic\t3\nrude\t-2\nhigh\t1\nsad\t-2\nweakly\t-1",
            modifiers: "highly\t0.25"
        ))
    }

    @Test(arguments: [
        ("disappointingly", "disappointing"), ("happily", "happy"), ("terribly", "terrible"),
        ("fantastically", "fantastic"), ("rudeness", "rude"), ("rudely", "rude"),
    ])
    func formTakesItsWordsValence(form: String, word: String) {
        #expect(analyzer.score("it was \(form) done").compound == analyzer.score("it was \(word) done").compound)
        #expect(analyzer.score("it was \(form) done").drivers == [form])
    }

    @Test(arguments: ["highly", "sadly", "weaklyness", "happiness"])
    func modifiersShortWordsAndWordsNotFormedAreLeftAlone(_ word: String) {
        #expect(analyzer.score("it was \(word) done").compound == 0)
    }
}
