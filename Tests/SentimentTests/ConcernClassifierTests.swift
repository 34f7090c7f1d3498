import Model
import Sentiment
import Testing

/// A passage and whether it should raise a concern.
struct ConcernCase: CustomTestStringConvertible, Sendable {
    var concern: Concern
    var text: String
    var shouldRaise: Bool
    var testDescription: String { "\(shouldRaise ? "raises" : "does not raise") \(concern.rawValue): \"\(text)\"" }

    init(_ concern: Concern, _ text: String, _ shouldRaise: Bool) {
        self.concern = concern
        self.text = text
        self.shouldRaise = shouldRaise
    }
}

@Suite struct ConcernClassifierTests {
    let classifier: ConcernClassifier

    init() throws {
        classifier = ConcernClassifier(lexicon: try TestLexicon.make())
    }

    private func assessment(_ concern: Concern, in text: String) -> ConcernAssessment? {
        classifier.classify(text).first { $0.concern == concern }
    }

    @Test(arguments: [
        ConcernCase(.safeguarding, "She talked about self harm", true),
        ConcernCase(.safeguarding, "worried about self-harm", true),
        ConcernCase(.safeguarding, "He touched her", true),
        ConcernCase(.safeguarding, "We were so touched by the card", false),
        ConcernCase(.safeguarding, "Not self harm, they said", true),
        ConcernCase(.bullying, "My son is being bullied", true),
        ConcernCase(.bullying, "He is a bully to my son", true),
        ConcernCase(.bullying, "The bus was a bully to drive", false),
        ConcernCase(.bullying, "Bully for you!", false),
        ConcernCase(.bullying, "This is not bullying, it's banter", false),
        ConcernCase(.bullying, "#bullying at break time", true),
        ConcernCase(.bullying, "the bull in the field", false),
        ConcernCase(.discrimination, "That was racist", true),
        ConcernCase(.discrimination, "I'm not racist but", true),
        ConcernCase(.discrimination, "a race on sports day", false),
        ConcernCase(.defamation, "The head is a liar", true),
        ConcernCase(.defamation, "reliable and honest", false),
        ConcernCase(.dataProtection, "They shared her home address", true),
        ConcernCase(.dataProtection, "home was the address of the day", false),
        ConcernCase(.complaint, "I want to complain about lunch", true),
        ConcernCase(.complaint, "I'm not complaining, the teachers are brilliant", false),
        ConcernCase(.complaint, "no complaints from us", false),
        ConcernCase(.complaint, "Complaints? Not from me, but I complained last year", true),
        ConcernCase(.pressEnquiry, "I am a journalist at the Gazette", true),
        ConcernCase(.pressEnquiry, "I'm not a journalist, just a parent", false),
        ConcernCase(.praise, "Brilliant teachers", true),
        ConcernCase(.praise, "Well done everyone", true),
        ConcernCase(.praise, "#WellDone team", true),
        ConcernCase(.praise, "Not brilliant, frankly", false),
        ConcernCase(.praise, "Cant thank them enough", true),
    ])
    func phrasesRaiseTheirConcern(_ example: ConcernCase) {
        #expect((assessment(example.concern, in: example.text) != nil) == example.shouldRaise)
    }

    // MARK: Confidence

    @Test func confidenceCombinesDistinctPhrases() throws {
        let found = try #require(assessment(.complaint, in: "This is a formal complaint. I complained before."))
        // "complaint" inside "formal complaint" counts once, as the longer phrase.
        #expect(abs(found.confidence - (1 - (1 - 0.9) * (1 - 0.7))) < 1e-9)
        #expect(found.evidence == ["formal complaint", "complained"])
    }

    @Test func repeatingAPhraseDoesNotRaiseConfidence() throws {
        let found = try #require(assessment(.defamation, in: "liar, liar, LIAR"))
        #expect(abs(found.confidence - 0.7) < 1e-9)
        #expect(found.evidence == ["liar"])
    }

    @Test func confidenceIsCappedBelowCertainty() throws {
        let text = "self harm, touched, and he is a bully who bullied and bullies: cyber bullying"
        let found = try #require(assessment(.bullying, in: text))
        #expect(found.confidence <= ConcernClassifier.maximumConfidence)
        #expect(found.confidence > 0.95)
    }

    @Test func weakEvidenceIsDropped() {
        #expect(assessment(.question, in: "are the results out") == nil)
    }

    @Test func assessmentsAreSortedMostSeriousFirst() {
        let concerns = classifier.classify("A journalist says the head is a liar and a bully. Does anyone know more?").map(\.concern)
        #expect(Set(concerns) == [.bullying, .defamation, .question, .pressEnquiry])
        #expect(concerns == concerns.sorted())
    }

    @Test func evidenceKeepsTheWritingOfThePassage() throws {
        let found = try #require(assessment(.complaint, in: "I am COMPLAINING, Formal   Complaint"))
        #expect(found.evidence == ["COMPLAINING", "Formal   Complaint"])
    }

    @Test func longerPhraseWinsOverTheWildcardInsideIt() throws {
        let found = try #require(assessment(.bullying, in: "cyber bullying"))
        #expect(abs(found.confidence - 0.9) < 1e-9)
        #expect(found.evidence == ["cyber bullying"])
    }

    @Test func cleanPassageRaisesNothing() {
        #expect(classifier.classify("The autumn term starts on Monday.").isEmpty)
        #expect(classifier.classify("").isEmpty)
    }

    // MARK: Offensive language

    @Test(arguments: ["f***", "F***!", "sh*t", "SH*TTY", "f**king", "sh**"])
    func obfuscatedProfanityIsOffensive(_ word: String) throws {
        let found = try #require(assessment(.offensive, in: "what a \(word) day"))
        #expect(found.evidence == [word.filter { $0 != "!" }])
    }

    @Test func literalObfuscatedRuleKeepsItsOwnWeight() throws {
        let found = try #require(assessment(.offensive, in: "f***"))
        #expect(abs(found.confidence - 0.9) < 1e-9)
    }

    @Test(arguments: [
        "C# developers wanted", "a 5* review", "terms apply*", "*great* news", "**bold** claim",
        "email office@millbrook.example", "US$ prices", "@millbrook_academy", "price: £5",
        "Learning@Home starts next week", "Thanks to everyone at school@home", "great#proud", "mum@home", "Fun$ raised",
    ])
    func symbolsThatAreNotProfanityAreIgnored(_ text: String) {
        #expect(assessment(.offensive, in: text) == nil)
    }

    // MARK: Questions

    @Test func sentenceWithQuestionMarkIsAQuestion() throws {
        let found = try #require(assessment(.question, in: "Lovely day. Is the hall open on Saturday? Thanks"))
        #expect(abs(found.confidence - ConcernClassifier.questionMarkWeight) < 1e-9)
        #expect(found.evidence == ["Is the hall open on Saturday?"])
    }

    @Test func questionPhraseCountsWithoutQuestionMark() throws {
        let found = try #require(assessment(.question, in: "does anyone know the term dates"))
        #expect(found.evidence == ["does anyone know"])
    }

    @Test(arguments: [
        "What a day!", "See https://millbrook.example/page?id=3 for details", "Mr. Hall",
        "£185 for the basics?!", "Who even decided this??",
    ])
    func noQuestionWithoutQuestionMarkOrPhrase(_ text: String) {
        #expect(assessment(.question, in: text) == nil)
    }

    // MARK: Data protection

    @Test(arguments: ["07700 900123", "07700900123", "07700-900-123", "+44 7700 900123", "+447700900123", "+44 (0)7700 900 123"])
    func ukMobileNumbersAreDataProtection(_ number: String) throws {
        let found = try #require(assessment(.dataProtection, in: "Ring her on \(number), she won't mind"))
        #expect(found.evidence == [number])
        #expect(abs(found.confidence - ConcernClassifier.mobileNumberWeight) < 1e-9)
    }

    @Test func aNumberRepeatedManyTimesCountsOnceAndManyNumbersCountEach() throws {
        let repeated = try #require(assessment(.dataProtection, in: Array(repeating: "Ring 07700 900123.", count: 50).joined(separator: " ")))
        #expect(abs(repeated.confidence - ConcernClassifier.mobileNumberWeight) < 1e-9)
        let many = (10..<60).map { "Ring 07700 9001\($0)." }.joined(separator: " ")
        #expect(try #require(assessment(.dataProtection, in: many)).confidence == ConcernClassifier.maximumConfidence)
    }

    @Test func everySentenceWithAQuestionMarkIsAQuestionEvenInALongPassage() throws {
        let passage = (0..<200).map { "Why is gate \($0) locked? It was open." }.joined(separator: " ")
        let found = try #require(assessment(.question, in: passage))
        #expect(found.evidence.count == 200)
    }

    @Test(arguments: ["0113 496 0000", "020 7946 0018", "(01632) 960 001", "01632 960001", "01632-960001", "+44 20 7946 0018",
                      "(01632)960123"])
    func ukLandlinesOnlySupportOtherEvidence(_ number: String) throws {
        #expect(assessment(.dataProtection, in: "Call the office on \(number).") == nil)
        let found = try #require(assessment(.dataProtection, in: "Her home address and \(number) were posted"))
        #expect(found.evidence == ["home address", number])
        #expect(abs(found.confidence - (1 - (1 - 0.8) * (1 - ConcernClassifier.landlineNumberWeight))) < 1e-9)
    }

    @Test(arguments: [
        "0770 090 012", "123 456 7890", "2024-01-07", "ref 01234", "ISBN 0123456789012", "07700 90012",
        "+1 212 555 0100", "A07700900123",
    ])
    func otherNumbersAreNotPhoneNumbers(_ text: String) {
        #expect(assessment(.dataProtection, in: "Details: \(text).") == nil)
    }

    @Test func postcodeAfterStreetIsAnAddress() throws {
        let found = try #require(assessment(.dataProtection, in: "She lives at 12 Millbrook Road, Leeds LS6 2AB now"))
        #expect(found.evidence == ["12 Millbrook Road, Leeds LS6 2AB"])
    }

    @Test func aPostcodeEndingInLettersThatOnlyLookLikeAnOrdinalCounts() throws {
        let found = try #require(assessment(.dataProtection, in: "She lives at 12 High Street LS6 2TH now"))
        #expect(found.evidence == ["12 High Street LS6 2TH"])
    }

    @Test func postcodeWrittenTogetherCounts() throws {
        let found = try #require(assessment(.dataProtection, in: "14 Oak Close ls62ab"))
        #expect(found.evidence == ["14 Oak Close ls62ab"])
    }

    @Test(arguments: ["Our postcode is LS6 2AB", "We are on Millbrook Road", "Road safety week, year 6 2ab class",
                      "St Mary's sports day: Y5 2pm, Y6 3pm.", "Road closed on the M1 3rd time this month",
                      "Term dates: 01.02.2023 10.00 and 02.03.2023 11.00 at Millbrook Road"])
    func postcodeOrStreetAloneIsNotAnAddress(_ text: String) {
        #expect(assessment(.dataProtection, in: text) == nil)
    }

    // MARK: Praise and sentiment

    @Test func praiseNeedsSentimentThatIsNotNegative() {
        let text = "Well done on the concert"
        let negative = SentimentScore(compound: -0.5, drivers: ["awful"])
        let neutral = SentimentScore(compound: 0, drivers: [])
        #expect(classifier.classify(text, sentiment: negative).isEmpty)
        #expect(classifier.classify(text, sentiment: neutral).map(\.concern) == [.praise])
    }

    @Test func classifyWithoutSentimentScoresThePassageItself() {
        #expect(assessment(.praise, in: "Well done, but the food was awful and bad") == nil)
        #expect(assessment(.praise, in: "Well done, the food was good") != nil)
    }

    @Test func notComplainingWithPraiseIsPraiseOnly() {
        let concerns = classifier.classify("I'm not complaining, the teachers are brilliant").map(\.concern)
        #expect(concerns == [.praise])
    }
}
