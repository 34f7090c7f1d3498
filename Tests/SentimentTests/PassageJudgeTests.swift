import Model
@testable import Sentiment
import Testing

/// The one-pass judge: the same answers as the analyzer and classifier on their own, with a
/// reused workspace, on text of any kind.
@Suite struct PassageJudgeTests {
    let judge: PassageJudge

    init() throws {
        judge = PassageJudge(lexicon: try Lexicon.bundled())
    }

    static let passages = [
        "The teachers are brilliant and so supportive!",
        "My daughter is being bullied and nothing has been done. Does anyone know who to contact?",
        "Góod teachers!!! 😀😀 but the café was AWFUL :(",
        "well-good staff; kind-hearted, not-bad-at-all",
        "Call 07700 900123 or write to 12 Oak Road LS6 2AB",
        "I loooove it sooooo much!!!! #SoProud",
        "Mr. Smith e.g. J. Doe is rude. I. A.",
        "cant fault them, can’t fault them",
        "",
        "   \t ",
    ]

    /// The stance is the attitude toward the school: the bundled model has learnt that thanks
    /// are positive, a plain question or a notice neutral, and a complaint negative.
    @Test func bundledStanceFollowsTheAttitudeTowardTheSchool() {
        #expect(judge.judgement(of: "Thank you so much to the teachers, what a wonderful concert!").stance == .positive)
        #expect(judge.judgement(of: "Does anyone know what time the school bus leaves on Friday?").stance == .neutral)
        #expect(judge.judgement(of: "The school will be closed on Monday for staff training.").stance == .neutral)
        #expect(judge.judgement(of: "I am very disappointed that my son has been given a detention for something he did not do.").stance == .negative)
    }

    /// Each stance column holds a feature's log-odds of that stance against a neutral one; the
    /// stance is the likeliest, and its evidence the words that set it apart from the runner-up.
    @Test func stanceFollowsTheModelsStanceWeights() throws {
        var lexicon = try Lexicon.bundled()
        lexicon.concernModel = try ConcernModel.withBundledFamilies(weights: """
            @bias\tnegative\t-1
            @bias\tpositive\t-1
            refund\tnegative\t4
            thank\tpositive\t4
            trip\tpositive\t0
            """)
        let judge = PassageJudge(lexicon: lexicon)
        let refund = judge.judgement(of: "Lovely staff, but I want a refund")
        #expect(refund.stance == .negative)
        #expect(refund.stanceEvidence == ["refund"])
        let thanks = judge.judgement(of: "Thank you!")
        #expect(thanks.stance == .positive)
        #expect(thanks.stanceEvidence == ["Thank"])
        // Both stances below even odds: neutral, with nothing to cite.
        let trip = judge.judgement(of: "The trip was awful")
        #expect(trip.stance == .neutral)
        #expect(trip.stanceEvidence.isEmpty)
        var workspace = JudgementWorkspace()
        #expect(judge.judge("Lovely staff, but I want a refund", in: &workspace).stance == .negative)
    }

    /// A model that has learnt no stance, or a passage it knows no feature of, leaves the stance
    /// to the tone.
    @Test func stanceWithoutAModelStanceIsTheSentimentLabel() throws {
        var lexicon = try Lexicon.bundled()
        lexicon.concernModel = try ConcernModel.withBundledFamilies(weights: "refund\tcomplaint\t1\n")
        let judge = PassageJudge(lexicon: lexicon)
        let judgement = judge.judgement(of: "I want a refund, this is awful")
        #expect(judgement.stance == judgement.sentiment.label)
        #expect(judgement.stance == .negative)
        #expect(judgement.stanceEvidence.isEmpty)
        #expect(self.judge.judgement(of: "").stance == .neutral)
    }

    /// A model that knows enough of a passage overrules the weak phrases of a concern it finds
    /// unlikely (a question mark in a rant), but never a concern it did not learn, and never
    /// safeguarding.
    @Test func aConfidentModelOverrulesWeakPhrasesOfUnlikelyConcerns() throws {
        let rant = "The car park was full again and the traffic was slow, who plans these things?"
        let known = ["car", "park", "full", "again", "traffic", "slow"]
        func concerns(of text: String, weights: String) throws -> [Concern] {
            var lexicon = try Lexicon.bundled()
            lexicon.concernModel = try ConcernModel.withBundledFamilies(weights: weights)
            return PassageJudge(lexicon: lexicon).judgement(of: text).concerns.map(\.concern)
        }
        let unlikelyQuestion = "@bias\tquestion\t-6\n" + known.map { "\($0)\tquestion\t0.1\n" }.joined()
        #expect(try concerns(of: rant, weights: unlikelyQuestion).contains(.question) == false)
        let questionUnlearnt = known.map { "\($0)\tcomplaint\t0.1\n" }.joined()
        #expect(try concerns(of: rant, weights: questionUnlearnt).contains(.question))
        let worry = "I am worried she might self-harm, the car park was full again and traffic was slow"
        let unlikelySafeguarding = "@bias\tsafeguarding\t-6\n" + known.map { "\($0)\tsafeguarding\t0.1\n" }.joined()
        #expect(try concerns(of: worry, weights: unlikelySafeguarding).contains(.safeguarding))
    }

    /// The words of an innocent reading ("touched my heart") are no evidence of its concern for
    /// the model, as they are none for the phrases; the same word elsewhere still is, in the
    /// same passage too.
    @Test func theModelWeighsNoWordInsideAnInnocentReading() throws {
        let known = ["kindness", "parents", "children", "class", "two", "year"]
        var lexicon = try Lexicon.bundled()
        lexicon.concernModel = try ConcernModel.withBundledFamilies(
            weights: "@bias\tsafeguarding\t-4\n@threshold\tsafeguarding\t0.5\ntouched\tsafeguarding\t12\n"
                + known.map { "\($0)\tsafeguarding\t0.1\n" }.joined())
        let judge = PassageJudge(lexicon: lexicon)
        func safeguarding(_ text: String) -> ConcernAssessment? {
            judge.judgement(of: text).concerns.first { $0.concern == .safeguarding }
        }
        #expect(safeguarding("Your kindness touched my heart, say the parents of the children in class two of year one") == nil)
        let elsewhere = try #require(safeguarding("Your kindness was noted, say the parents; he touched the children in class two of year one"))
        #expect(elsewhere.evidence.contains("touched"))
        let both = "Your kindness touched my heart, say the parents; he touched the children in class two of year one"
        #expect(safeguarding(both) != nil)
    }

    /// In a passage of many known features the model overrules every phrase of a concern it finds
    /// unlikely but the heaviest; in a shorter one, only when it finds the concern very unlikely.
    @Test func inALongPassageTheModelOverrulesAllButTheHeaviestPhrases() throws {
        let words = ["apple", "banana", "cherry", "damson", "elder", "fig", "grape", "hazel", "iris", "juniper",
                     "kale", "lemon", "mango", "nutmeg", "olive", "pear", "quince", "radish", "sage", "thyme",
                     "ugli", "vanilla", "walnut", "yam", "zest", "basil", "chive", "dill", "fennel", "garlic"]
        // A probability of about 0.27 for a complaint: above the bar for any passage, below the one for a long one.
        var lexicon = try Lexicon.bundled()
        lexicon.concernModel = try ConcernModel.withBundledFamilies(
            weights: "@bias\tcomplaint\t-1\n" + words.map { "\($0)\tcomplaint\t0.001\n" }.joined())
        let judge = PassageJudge(lexicon: lexicon)
        func complains(_ text: String) -> Bool { judge.judgement(of: text).concerns.contains { $0.concern == .complaint } }
        let long = words.joined(separator: " ") + ". "
        let short = words.prefix(10).joined(separator: " ") + ". "
        #expect(!complains(long + "I want to complain about it."))
        #expect(complains(long + "I have made a formal complaint."))
        #expect(complains(short + "I want to complain about it."))
    }

    /// The model's safeguarding counts from a lower probability in a short passage than its trained
    /// threshold, but neither in a passage of a handful of words nor in a long one.
    @Test func inAShortPassageTheModelsSafeguardingCountsFromALowerProbability() throws {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let words = (0..<80).map { "zz" + String(letters[$0 / 26]) + String(letters[$0 % 26]) }
        // A probability of about 0.25 for safeguarding: under the trained 0.3, over the short passages' 0.2.
        var lexicon = try Lexicon.bundled()
        lexicon.concernModel = try ConcernModel.withBundledFamilies(
            weights: "@bias\tsafeguarding\t-1.1\n@threshold\tsafeguarding\t0.3\n"
                + words.map { "\($0)\tsafeguarding\t0.001\n" }.joined())
        let judge = PassageJudge(lexicon: lexicon)
        func safeguarding(knownWords count: Int) -> Bool {
            judge.judgement(of: words.prefix(count).joined(separator: " ") + ".").concerns.contains { $0.concern == .safeguarding }
        }
        #expect(safeguarding(knownWords: ConcernModel.shortPassageMinimumFeatures))
        #expect(safeguarding(knownWords: ConcernModel.shortPassageFeatures - 1))
        #expect(!safeguarding(knownWords: ConcernModel.shortPassageMinimumFeatures - 1))
        #expect(!safeguarding(knownWords: ConcernModel.shortPassageFeatures))
    }

    /// A complaint, abuse or an allegation the model alone raises is dropped when the model reads
    /// the post as positive toward the school; a phrase of a complaint or an allegation still
    /// counts, while abuse in a positive post is swearing, not abuse aimed at the school.
    @Test(arguments: [
        (Concern.complaint, ", and my emails got no reply", true),
        (Concern.offensive, ", the head is a wanker", false),
        (Concern.defamation, ", and the bursar is embezzling the money", true),
    ])
    func aPositiveStanceOverrulesTheModelsOwnHostileConcern(concern: Concern, phrase: String, phraseStands: Bool) throws {
        let known = ["the", "trip", "to", "museum", "was", "on", "friday"]
        let post = "The trip to the museum was on Friday"
        func concerns(of text: String, stance: String) throws -> [Concern] {
            var lexicon = try Lexicon.bundled()
            let weights = "@bias\t\(concern.rawValue)\t2\n"
                + known.map { "\($0)\t\(concern.rawValue)\t0.1\n\($0)\t\(stance)\t1\n" }.joined()
            lexicon.concernModel = try ConcernModel.withBundledFamilies(weights: weights)
            return PassageJudge(lexicon: lexicon).judgement(of: text).concerns.map(\.concern)
        }
        #expect(try concerns(of: post, stance: "negative").contains(concern))
        #expect(try concerns(of: post, stance: "positive").contains(concern) == false)
        #expect(try concerns(of: post + phrase, stance: "positive").contains(concern) == phraseStands)
        #expect(try concerns(of: post + phrase, stance: "negative").contains(concern))
    }

    @Test func stanceWeightsNeedAKnownTarget() {
        #expect(throws: SentimentError.self) {
            try ConcernModel.withBundledFamilies(weights: "refund\tneutral\t1\n")
        }
        #expect(throws: SentimentError.self) {
            try ConcernModel.withBundledFamilies(weights: "@threshold\tnegative\t0.5\n")
        }
    }

    @Test(arguments: passages)
    func judgementAgreesWithAnalyzerAndClassifier(_ text: String) {
        let judgement = judge.judgement(of: text)
        let sentiment = judge.analyzer.score(text)
        #expect(judgement.sentiment == sentiment)
        #expect(judgement.concerns == judge.classifier.classify(text, sentiment: sentiment))
    }

    @Test func reusedWorkspaceGivesTheSameAnswersInAnyOrder() {
        var workspace = JudgementWorkspace()
        let first = Self.passages.map { judge.judgement(of: $0, in: &workspace) }
        let again = Self.passages.reversed().map { judge.judgement(of: $0, in: &workspace) }
        #expect(first == Array(again.reversed()))
    }

    @Test(arguments: passages)
    func quickJudgementHasTheSameFigures(_ text: String) {
        var workspace = JudgementWorkspace()
        let quick = judge.judge(text, in: &workspace)
        let full = judge.judgement(of: text)
        #expect(quick.compound == full.sentiment.compound)
        #expect(quick.label == full.sentiment.label)
        for concern in Concern.allCases {
            #expect(quick.concerns[concern] == (full.concerns.first { $0.concern == concern }?.confidence ?? 0))
        }
    }

    @Test func aDraftReadingGivesItsSentimentAndOnlyItsPersonalData() {
        let text = "Sorry to hear this; please call Mrs Khan on 07700 900123. We are not complaining about anyone."
        let reading = judge.draftReading(of: text)
        #expect(reading.sentiment == judge.analyzer.score(text))
        #expect(reading.personalData == ["07700 900123"])
        #expect(judge.draftReading(of: "Thank you for your kind words, we are proud of them.").personalData.isEmpty)
    }

    @Test(arguments: ["The food was so\u{200D} good", "The food was so go\u{00AD}od", "The food was so good\u{200C}",
                      "The food was so go\u{2060}od", "\u{FEFF}The food was so good"])
    func invisibleCharactersChangeNothing(_ text: String) {
        #expect(judge.analyzer.score(text) == judge.analyzer.score("The food was so good"))
    }

    @Test func aZeroWidthJoinerBeforeALineBreakDoesNotSwallowIt() {
        let sentences = judge.analyzer.scoreSentences("It was awful\u{200D}\nGreat teachers though")
        #expect(sentences.count == 2)
        #expect(judge.judgement(of: "It was awful\u{200D}\nGreat teachers though").sentiment.drivers.contains("awful"))
        // Between a word and an emoji it joins nothing: both still count.
        let mixed = judge.analyzer.score("great\u{200D}😀")
        #expect(mixed.drivers.contains("great") && mixed.compound > judge.analyzer.score("great").compound)
    }

    @Test func trailingWhitespaceStillClosesTheLastSentence() {
        #expect(judge.analyzer.score("a really nice class ").compound > 0.3)
        #expect(judge.analyzer.scoreSentences("good. bad \n").map(\.text) == ["good.", "bad"])
    }

    @Test func wordsWithAccentsAndCurlyApostrophesMeetTheLexicon() {
        #expect(judge.analyzer.score("Brillíant").compound == judge.analyzer.score("brilliant").compound)
        #expect(judge.analyzer.score("don’t like it").label == .negative)
    }
}

/// The bundled data on the cases the issue tracker and evaluations pointed at.
@Suite struct BundledConcernCoverageTests {
    let classifier: ConcernClassifier
    let analyzer: SentimentAnalyzer

    init() throws {
        let lexicon = try Lexicon.bundled()
        classifier = ConcernClassifier(lexicon: lexicon)
        analyzer = SentimentAnalyzer(lexicon: lexicon)
    }

    @Test(arguments: ["There is bullying at this school", "Bullying is rife in year 8", "#bullying", "stop the bullys"])
    func theWordBullyingRaisesBullying(_ text: String) {
        #expect(classifier.classify(text).contains { $0.concern == .bullying })
    }

    @Test(arguments: ["shut up you dumb hoe", "what a pussy", "kiss my ass", "these fags", "fuk this"])
    func slangAbuseIsOffensive(_ text: String) {
        #expect(classifier.classify(text).contains { $0.concern == .offensive })
    }

    @Test(arguments: ["Emailed three times and never got a reply. Not impressed.", "The uniform is a total rip off"])
    func everydayComplaintsAreComplaints(_ text: String) {
        #expect(classifier.classify(text).contains { $0.concern == .complaint })
    }

    @Test(arguments: ["We are so glad we chose this school", "Ofsted found pupils well looked after", "Our choir was shortlisted"])
    func quietPraiseIsPraise(_ text: String) {
        #expect(classifier.classify(text).contains { $0.concern == .praise })
    }

    @Test(arguments: ["I didn't like the course", "My least favourite class", "It was poorly organised", "Not worth the money"])
    func dislikeReadsNegative(_ text: String) {
        #expect(analyzer.score(text).label == .negative)
    }
}

@Suite struct PassageLimitTests {
    @Test func aPassageOverTheLimitIsCutAtACharacterBoundary() {
        #expect(JudgementWorkspace.prefix(of: "héllo wörld", bytes: 8) == "héllo w")
        #expect(JudgementWorkspace.prefix(of: "héllo wörld", bytes: 9) == "héllo w")
        #expect(JudgementWorkspace.prefix(of: "héllo", bytes: 6) == "héllo")
        #expect(JudgementWorkspace.prefix(of: "héllo", bytes: 60) == "héllo")
    }
}
