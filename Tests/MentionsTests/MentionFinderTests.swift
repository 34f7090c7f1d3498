import Mentions
import Model
import Testing

/// The profile most tests use: a school with a full name, two risky aliases and every kind of handle.
private let millbrook = SchoolProfile(
    names: ["Millbrook Academy", "Millbrook Academy Sixth Form", "St Mary's Primary"],
    ambiguousAliases: ["Millbrook", "MBA"],
    hashtags: ["#MillbrookProud"],
    handles: ["@MillbrookAcad", "@millbrookacademy@schools.example"],
    domains: ["millbrook-academy.example"],
    contextWords: ["school", "pupils", "head teacher", "Ofsted"],
    exclusionPhrases: ["Millbrook Road", "MBA programme"],
    contextWindow: 12
)

private let finder = MentionFinder(profile: millbrook)

private func mentions(_ text: String, aboutSchool: Bool = false) -> [Mention] {
    finder.mentions(in: text, sourceIsAboutSchool: aboutSchool)
}

/// The text a mention's offsets point at, read back from the passage.
private func spanText(_ mention: Mention, in text: String) -> String {
    String(Array(text)[mention.start..<mention.end])
}

@Suite struct MentionFinderTests {
    // MARK: Names

    @Test func nameIsFoundWithoutContext() {
        let text = "Great result for Millbrook Academy today"
        let found = mentions(text)
        #expect(found.count == 1)
        #expect(found.first?.rule == .name)
        #expect(found.first?.term == "Millbrook Academy")
        #expect(found.first?.matchedText == "Millbrook Academy")
        #expect(found.first.map { spanText($0, in: text) } == "Millbrook Academy")
        #expect(found.first?.contextWord == nil)
    }

    struct FoldingCase: CustomTestStringConvertible, Sendable {
        var text: String
        var expectedMatch: String
        var testDescription: String
    }

    @Test(arguments: [
        FoldingCase(text: "MILLBROOK ACADEMY wins", expectedMatch: "MILLBROOK ACADEMY", testDescription: "upper case"),
        FoldingCase(text: "millbrook academy wins", expectedMatch: "millbrook academy", testDescription: "lower case"),
        FoldingCase(text: "Millbróok Acadèmy wins", expectedMatch: "Millbróok Acadèmy", testDescription: "accents"),
        FoldingCase(text: "Millbrook-Academy wins", expectedMatch: "Millbrook-Academy", testDescription: "hyphen"),
        FoldingCase(text: "Millbrook.Academy wins", expectedMatch: "Millbrook.Academy", testDescription: "dot between words"),
        FoldingCase(text: "\"Millbrook Academy\", they said", expectedMatch: "Millbrook Academy", testDescription: "quotes and comma"),
        FoldingCase(text: "Millbrook   Academy\nwins", expectedMatch: "Millbrook   Academy", testDescription: "extra whitespace"),
        FoldingCase(text: "Millbrook Academy's new hall", expectedMatch: "Millbrook Academy", testDescription: "possessive left out of span"),
        FoldingCase(text: "Millbrook Academy’s new hall", expectedMatch: "Millbrook Academy", testDescription: "curly possessive"),
        FoldingCase(text: "MillbrookAcademy wins", expectedMatch: "MillbrookAcademy", testDescription: "run together"),
    ])
    func nameIsFoundThroughFolding(_ example: FoldingCase) {
        let found = mentions(example.text)
        #expect(found.count == 1)
        #expect(found.first?.rule == .name)
        #expect(found.first?.matchedText == example.expectedMatch)
        #expect(found.first.map { spanText($0, in: example.text) } == example.expectedMatch)
    }

    @Test(arguments: ["St Mary's Primary", "St Mary’s Primary", "St Marys Primary", "ST. MARY'S PRIMARY", "St-Mary's-Primary"])
    func possessiveNameMatchesEverySpellingAndKeepsItsApostrophe(_ written: String) {
        let text = "Well done \(written)!"
        let found = mentions(text)
        #expect(found.count == 1)
        #expect(found.first?.term == "St Mary's Primary")
        #expect(found.first?.matchedText == written)
    }

    @Test func aPassageRepeatingItselfKeepsEveryMentionAndEveryRule() {
        let unit = "Millbrook Academy and MBA school, not Millbrook Road. "
        let text = String(repeating: unit, count: 2_000)
        let found = mentions(text)
        #expect(found.count == 4_000)
        #expect(found.filter { $0.rule == .name }.count == 2_000)
        #expect(found.filter { $0.rule == .aliasWithContext }.allSatisfy { $0.term == "MBA" && $0.contextWord != nil })
        let characters = Array(text)
        #expect(!found.contains { String(characters[$0.start..<$0.end]) == "Millbrook" })
    }

    @Test(arguments: ["Mill\u{00AD}brook Academy", "Millbrook\u{200D} Academy", "Mill\u{2060}brook Aca\u{200B}demy"])
    func invisibleCharactersInsideANameDoNotHideIt(_ text: String) {
        let found = mentions(text)
        #expect(found.map(\.term) == ["Millbrook Academy"], "\(found)")
        #expect(found.first.map { spanText($0, in: text) } == text)
    }

    @Test func nameInsideLongerNameIsReportedOnceAsTheLonger() {
        let text = "Millbrook Academy Sixth Form open evening"
        let found = mentions(text)
        #expect(found.count == 1)
        #expect(found.first?.term == "Millbrook Academy Sixth Form")
        #expect(found.first?.matchedText == "Millbrook Academy Sixth Form")
    }

    @Test func aliasInsideNameIsNotReportedSeparately() {
        let found = mentions("Millbrook Academy pupils")
        #expect(found.map(\.rule) == [.name])
    }

    @Test func repeatedNamesAreEachReportedInOrder() {
        let text = "Millbrook Academy beat Oakfield; Millbrook-Academy again!"
        let found = mentions(text)
        #expect(found.map(\.start) == [0, 33])
        #expect(found.map { spanText($0, in: text) } == ["Millbrook Academy", "Millbrook-Academy"])
    }

    @Test func wordsThatOnlyStartLikeTheNameDoNotMatch() {
        #expect(mentions("Millbrooke Academyfield").isEmpty)
        #expect(mentions("Millbrookside Academyfield").isEmpty)
    }

    @Test func spansCountCharactersNotBytesOrScalars() {
        let text = "👩‍👧 café 🎉 Millbrook Academy"
        let found = mentions(text)
        #expect(found.first?.start == 9)
        #expect(found.first?.end == 26)
        #expect(found.first.map { spanText($0, in: text) } == "Millbrook Academy")
    }

    // MARK: Hashtags

    @Test func configuredHashtagMatchesInAnyCase() {
        let text = "So proud today #millbrookproud"
        let found = mentions(text)
        #expect(found.count == 1)
        #expect(found.first?.rule == .hashtag)
        #expect(found.first?.term == "#MillbrookProud")
        #expect(found.first?.matchedText == "#millbrookproud")
    }

    @Test(arguments: ["#MillbrookAcademy", "#millbrookacademy", "#Millbrook_Academy", "#MILLBROOKACADEMY"])
    func hashtagOfNameWrittenTogetherMatchesTheName(_ tag: String) {
        let text = "Sports day \(tag)."
        let found = mentions(text)
        #expect(found.count == 1)
        #expect(found.first?.rule == .hashtag)
        #expect(found.first?.term == "Millbrook Academy")
        #expect(found.first?.matchedText == tag)
    }

    @Test func hashtagOfAliasStillNeedsContext() {
        #expect(mentions("Lovely walk #Millbrook").isEmpty)
        let found = mentions("The school fair #Millbrook")
        #expect(found.first?.rule == .aliasWithContext)
        #expect(found.first?.contextWord == "school")
    }

    @Test func hashtagBodyReadsAsTheFirstWordOfAName() {
        let text = "Go #Millbrook Academy!"
        let found = mentions(text)
        #expect(found.map(\.rule) == [.name])
        #expect(found.first?.matchedText == "#Millbrook Academy")
    }

    @Test func exclusionVetoesAliasHashtag() {
        #expect(mentions("#Millbrook Road closed near the school").isEmpty)
    }

    @Test func unrelatedHashtagDoesNotMatch() {
        #expect(mentions("#MillbrookRoadworks again").isEmpty)
    }

    // MARK: Handles

    @Test func handleMatchesWithTrailingPunctuation() {
        let text = "Thanks @millbrookacad!"
        let found = mentions(text)
        #expect(found.count == 1)
        #expect(found.first?.rule == .handle)
        #expect(found.first?.term == "@MillbrookAcad")
        #expect(found.first?.matchedText == "@millbrookacad")
    }

    @Test func fediverseHandleMatchesWithItsInstance() {
        let text = "cc @MillbrookAcademy@schools.example, thanks"
        let found = mentions(text)
        #expect(found.count == 1)
        #expect(found.first?.rule == .handle)
        #expect(found.first?.matchedText == "@MillbrookAcademy@schools.example")
    }

    @Test func fediverseHandleOnAnotherInstanceDoesNotMatch() {
        #expect(mentions("cc @millbrookacademy@elsewhere.example").isEmpty)
    }

    @Test func handleThatOnlyStartsLikeTheConfiguredOneDoesNotMatch() {
        #expect(mentions("@MillbrookAcadFan says hi").isEmpty)
    }

    // MARK: Domains

    struct DomainCase: CustomTestStringConvertible, Sendable {
        var written: String
        var testDescription: String { written }
    }

    @Test(arguments: [
        "millbrook-academy.example",
        "www.millbrook-academy.example/news",
        "https://www.millbrook-academy.example/news/2024?id=3",
        "http://parents.millbrook-academy.example:8080/",
        "MILLBROOK-ACADEMY.EXAMPLE",
        "office@millbrook-academy.example",
    ])
    func domainOrSubdomainMatches(_ written: String) {
        let text = "See \(written) for details."
        let found = mentions(text)
        #expect(found.count == 1)
        #expect(found.first?.rule == .domain)
        #expect(found.first?.term == "millbrook-academy.example")
        #expect(found.first?.matchedText == written)
    }

    @Test(arguments: ["notmillbrook-academy.example", "millbrook-academy.example.evil.test", "https://news.example/millbrook-academy-example"])
    func lookalikeDomainDoesNotMatchAsDomain(_ written: String) {
        #expect(!mentions("See \(written)").contains { $0.rule == .domain })
    }

    // MARK: Ambiguous aliases

    @Test func aliasWithoutContextIsIgnored() {
        #expect(mentions("Traffic is slow through Millbrook this morning").isEmpty)
    }

    @Test func aliasWithContextWordIsReportedWithThatWord() {
        let text = "Pupils at Millbrook did well"
        let found = mentions(text)
        #expect(found.count == 1)
        #expect(found.first?.rule == .aliasWithContext)
        #expect(found.first?.term == "Millbrook")
        #expect(found.first?.contextWord == "pupils")
        #expect(found.first?.matchedText == "Millbrook")
    }

    @Test func multiWordContextPhraseLicensesAlias() {
        let found = mentions("MBA has a new form tutor")
        #expect(found.first?.contextWord == "form tutor")
    }

    @Test func aliasInSourceAboutSchoolNeedsNoContext() {
        let found = mentions("Millbrook wins the cup", aboutSchool: true)
        #expect(found.count == 1)
        #expect(found.first?.rule == .aliasWithContext)
        #expect(found.first?.contextWord == nil)
    }

    @Test func nameElsewhereInPassageLicensesAlias() {
        let found = mentions("Millbrook Academy played away. Millbrook won.")
        #expect(found.map(\.rule) == [.name, .aliasWithContext])
        #expect(found.last?.contextWord == "Millbrook Academy")
    }

    /// `text` made longer than a short post by words that are no context, so the window applies.
    private func inLongPassage(_ text: String) -> String {
        text + " " + Array(repeating: "rain", count: SchoolProfile.shortPostTokens).joined(separator: " ")
    }

    /// `filler` words between the alias and a context word: with a window of 12 the context word
    /// may be the twelfth token away, so 11 words between still count and 12 do not.
    @Test(arguments: [(11, true), (12, false)])
    func contextWordAfterAliasCountsUpToTheWindowEdge(wordsBetween: Int, shouldMatch: Bool) {
        let filler = Array(repeating: "and", count: wordsBetween).joined(separator: " ")
        let found = mentions(inLongPassage("Millbrook \(filler) school"))
        #expect(found.isEmpty != shouldMatch)
    }

    @Test(arguments: [(11, true), (12, false)])
    func contextWordBeforeAliasCountsUpToTheWindowEdge(wordsBetween: Int, shouldMatch: Bool) {
        let filler = Array(repeating: "and", count: wordsBetween).joined(separator: " ")
        let found = mentions(inLongPassage("School \(filler) Millbrook"))
        #expect(found.isEmpty != shouldMatch)
    }

    @Test func smallerWindowIsHonoured() {
        var profile = millbrook
        profile.contextWindow = 2
        let narrow = MentionFinder(profile: profile)
        #expect(narrow.mentions(in: inLongPassage("Millbrook and school"), sourceIsAboutSchool: false).count == 1)
        #expect(narrow.mentions(in: inLongPassage("Millbrook and the school"), sourceIsAboutSchool: false).isEmpty)
    }

    @Test func inAShortPostContextAnywhereLicensesTheAlias() {
        let post = "Whoever's child keeps telling my son in Y3 that nobody may play with him at lunch, "
            + "it has gone on for four weeks now and Millbrook say they're monitoring"
        let found = mentions(post)
        #expect(found.first?.rule == .aliasWithContext)
        #expect(found.first?.contextWord == "y3")
        // The same words in a long passage are too far apart.
        #expect(mentions(inLongPassage(post)).isEmpty)
    }

    @Test func inAShortPostAnExclusionStillVetoes() {
        #expect(mentions("Took the kids for a walk along Millbrook Road in the sunshine, lovely afternoon").isEmpty)
    }

    @Test func nearestContextWordIsReported() {
        let found = mentions("Ofsted visited the pupils of Millbrook")
        #expect(found.first?.contextWord == "pupils")
    }

    @Test func hashtagContextWordLicensesAlias() {
        let found = mentions("Millbrook raffle tonight #school")
        #expect(found.first?.contextWord == "school")
    }

    struct LicenceCase: CustomTestStringConvertible, Sendable {
        var text: String
        var licence: String
        var testDescription: String
    }

    @Test(arguments: [
        LicenceCase(text: "Boys at Millbrook get away with anything", licence: "boys at", testDescription: "pupils at the alias"),
        LicenceCase(text: "Her daughter goes to Millbrook and loves it", licence: "daughter goes to", testDescription: "a child goes to it"),
        LicenceCase(text: "Apparently I go to MBA now, according to the letter", licence: "i go to", testDescription: "a pupil goes to it"),
        LicenceCase(text: "She taught at Millbrook for a decade", licence: "taught at", testDescription: "staff taught at it"),
        LicenceCase(text: "We got offered Millbrook instead of our choice", licence: "offered", testDescription: "an offer"),
        LicenceCase(text: "Has anyone applied to Millbrook lately?", licence: "applied to", testDescription: "an application"),
        LicenceCase(text: "If you're at Millbrook, speak up", licence: "youre at", testDescription: "you're at it"),
        LicenceCase(text: "Everyone in my year thinks Millbrook is a joke", licence: "in my year", testDescription: "a pupil's year"),
        LicenceCase(text: "Millbrook sent home half of them for trainers", licence: "sent home", testDescription: "sent home"),
        LicenceCase(text: "Millbrook year 3 went to the farm", licence: "year 3", testDescription: "a primary year group"),
        LicenceCase(text: "The Millbrook drop-off is chaos again", licence: "drop off", testDescription: "the school run"),
        LicenceCase(text: "That Millbrook ski trip costs a fortune", licence: "ski trip", testDescription: "a trip"),
        LicenceCase(text: "Millbrook is our first choice", licence: "first choice", testDescription: "admissions"),
        LicenceCase(text: "Does Millbrook still run Duke of Edinburgh at silver?", licence: "duke of edinburgh", testDescription: "an award scheme"),
        LicenceCase(text: "Millbrook's new behaviour policy makes no sense", licence: "behaviour policy", testDescription: "a school policy"),
        LicenceCase(text: "Well done to the Millbrook Y12s on the charity run", licence: "y12s", testDescription: "a year group's pupils"),
        LicenceCase(text: "Millbrook had supply teachers for every lesson but one", licence: "supply teachers", testDescription: "staff"),
        LicenceCase(text: "My 6yo cried leaving Millbrook today", licence: "6yo", testDescription: "a child's age"),
        LicenceCase(text: "Millbrook mock results out tomorrow, send help", licence: "mock", testDescription: "exams"),
        LicenceCase(text: "When does Millbrook break up for summer?", licence: "break up", testDescription: "the end of term"),
    ])
    func theWaysPeopleWriteAboutASchoolLicenseAnAlias(_ example: LicenceCase) {
        let found = mentions(example.text)
        #expect(found.count == 1)
        #expect(found.first?.rule == .aliasWithContext)
        #expect(found.first?.contextWord == example.licence)
    }

    @Test func aLeadInCountsOnlyRightBeforeTheAlias() {
        #expect(mentions("Boys at the bus stop by Millbrook were shouting").isEmpty)
        #expect(mentions("Millbrook won again and the boys at the bus stop cheered").isEmpty)
    }

    @Test func aLeadOutCountsOnlyRightAfterTheAlias() {
        #expect(mentions("The Millbrook girls were brilliant in the final").first?.contextWord == "girls")
        #expect(mentions("Millbrook's leadership never answers").first?.contextWord == "leadership")
        #expect(mentions("Girls swam in the Millbrook all afternoon").isEmpty)
    }

    @Test func aContextWordCountsInThePlural() {
        #expect(mentions("Another week, another two Millbrook cake sales").first?.contextWord == "cake sales")
        // A hyphenated term is no stem: "in-year" makes no "in years".
        #expect(mentions("Kingfisher on the Millbrook this morning, the first in years").isEmpty)
    }

    @Test func aNearbyContextWordIsReportedBeforeALeadIn() {
        #expect(mentions("Girls at Millbrook wear a blazer").first?.contextWord == "blazer")
    }

    @Test(arguments: [
        "My MBA at the business school near Leeds", "I was offered a place on the MBA", "Driving school on the way out of Millbrook",
        "Summer school by the Millbrook", "Her law school friends met at Millbrook for a walk",
    ])
    func schoolWordsAboutSomethingElseLicenseNothing(_ text: String) {
        #expect(mentions(text).isEmpty, "\(mentions(text))")
    }

    @Test func aSchoolWordOutsideANonSchoolPhraseStillCounts() {
        #expect(mentions("Business school was easy; the Millbrook uniform is not").first?.contextWord == "uniform")
    }

    @Test(arguments: [
        "Children at Millbrook Road playground were loud", "Kids at Millbrook Road park again",
        "She taught at Millbrook Road for years, the dance studio there", "Offered MBA programme places this spring",
    ])
    func exclusionsStillVetoWhateverLeadsIn(_ text: String) {
        #expect(mentions(text).isEmpty, "\(mentions(text))")
    }

    // MARK: Other meanings

    @Test func anExclusionThatVetoesIsReportedAsAnOtherMeaning() {
        let reading = finder.reading(of: "Roadworks on Millbrook Road again, and Millbrook Road shut", sourceIsAboutSchool: true)
        #expect(reading.mentions.isEmpty)
        #expect(reading.otherMeanings == ["Millbrook Road"])
        #expect(!reading.belongsToSourceAboutSchool)
    }

    @Test func anItemNamingNothingBelongsToASourceAboutTheSchool() {
        let reading = finder.reading(of: "1 star. The head never answers an email.", sourceIsAboutSchool: true)
        #expect(reading.mentions.isEmpty)
        #expect(reading.otherMeanings.isEmpty)
        #expect(reading.belongsToSourceAboutSchool)
    }

    @Test func anItemNamingTheSchoolBelongsEvenBesideAnOtherMeaning() {
        let reading = finder.reading(of: "Millbrook Road is shut, so Millbrook pupils walk", sourceIsAboutSchool: false)
        #expect(reading.mentions.map(\.term) == ["Millbrook"])
        #expect(reading.otherMeanings == ["Millbrook Road"])
        #expect(reading.belongsToSourceAboutSchool)
    }

    @Test func aPassageRepeatingLeadInsAndNonSchoolPhrasesKeepsEveryAnswer() {
        let unit = "Girls at Millbrook, a place on the MBA at business school, then Millbrook Road. "
        let text = String(repeating: unit, count: 5_000)
        let reading = finder.reading(of: text, sourceIsAboutSchool: false)
        #expect(reading.mentions.count == 5_000)
        #expect(reading.mentions.allSatisfy { $0.term == "Millbrook" && $0.contextWord == "girls at" })
        #expect(reading.otherMeanings == ["Millbrook Road"])
    }

    // MARK: Exclusions

    @Test func exclusionPhraseVetoesAliasEvenWithContext() {
        #expect(mentions("The school on Millbrook Road is closed").isEmpty)
        #expect(mentions("Apply for our MBA programme, school of business").isEmpty)
    }

    @Test func exclusionVetoesOnlyTheOccurrenceItCovers() {
        let text = "Millbrook Road is shut, so Millbrook pupils walk"
        let found = mentions(text)
        #expect(found.count == 1)
        #expect(found.first?.start == 27)
        #expect(found.first.map { spanText($0, in: text) } == "Millbrook")
    }

    @Test func exclusionVetoesEvenInSourceAboutSchool() {
        #expect(mentions("Roadworks on Millbrook Road", aboutSchool: true).isEmpty)
    }

    @Test func exclusionDoesNotVetoLongerName() {
        let found = mentions("Millbrook Academy, Millbrook Road")
        #expect(found.map(\.term) == ["Millbrook Academy"])
    }

    @Test func aPossessiveExclusionVetoesOnlyThePossessive() {
        let butcherShares = MentionFinder(profile: SchoolProfile(
            names: ["Saxby Moor Primary School"], ambiguousAliases: ["Saxby"],
            contextWords: ["class"], exclusionPhrases: ["Saxby's"]
        ))
        let school = butcherShares.reading(of: "the lad in my son's class at Saxby has a black eye", sourceIsAboutSchool: false)
        #expect(school.mentions.map(\.term) == ["Saxby"])
        #expect(school.otherMeanings.isEmpty)
        let butcher = butcherShares.reading(of: "Saxby's sausages, the best in class", sourceIsAboutSchool: false)
        #expect(butcher.mentions.isEmpty)
        #expect(butcher.otherMeanings == ["Saxby's"])
    }

    // MARK: Overlaps and mixtures

    @Test func domainWinsOverNameWordsInsideIt() {
        let found = mentions("millbrook-academy.example")
        #expect(found.map(\.rule) == [.domain])
    }

    @Test func everyRuleInOnePassage() {
        let text = "Millbrook Academy (@MillbrookAcad) #MillbrookProud: pupils at MBA, see millbrook-academy.example."
        let found = mentions(text)
        #expect(found.map(\.rule) == [.name, .handle, .hashtag, .aliasWithContext, .domain])
        for mention in found {
            #expect(spanText(mention, in: text) == mention.matchedText)
        }
    }

    @Test func emptyAndPunctuationOnlyPassagesHaveNoMentions() {
        #expect(mentions("").isEmpty)
        #expect(mentions("... !!! ???").isEmpty)
    }

    @Test func termsWithoutLettersAreIgnored() {
        let odd = MentionFinder(profile: SchoolProfile(names: ["", "!!!"], ambiguousAliases: ["-"]))
        #expect(odd.mentions(in: "!!! - something", sourceIsAboutSchool: true).isEmpty)
    }

    @Test func configuredTermsMayCarryPunctuationAndSchemes() {
        let profile = SchoolProfile(
            names: ["Ecole Sainte-Thérèse"],
            hashtags: ["EcoleSTE"],
            handles: ["ecolestt"],
            domains: ["https://www.ecole-ste.example/"]
        )
        let ecole = MentionFinder(profile: profile)
        let found = ecole.mentions(in: "ÉCOLE SAINTE THERESE #ecoleste @EcoleSTT https://ecole-ste.example", sourceIsAboutSchool: false)
        #expect(found.map(\.rule) == [.name, .hashtag, .handle, .domain])
    }

    @Test func ampersandReadsAsAnd() {
        let profile = SchoolProfile(names: ["Millbrook and District School"])
        let found = MentionFinder(profile: profile).mentions(in: "Millbrook & District School", sourceIsAboutSchool: false)
        #expect(found.first?.matchedText == "Millbrook & District School")
    }

    @Test(arguments: [
        "👨‍👩‍👧 family day at Millbrook Academy!", "Cafe\u{301} au lait at Millbrook Academy", "🇬🇧🇬🇧 Millbrook Academy's pupils",
        "Millbrook Academy\r\nnext line", "e\u{301}e\u{301} #MillbrookProud e\u{301}", "Ze\u{301}ro @MillbrookAcad",
    ])
    func offsetsAreCharacterOffsetsWhateverSitsBeforeTheMention(_ text: String) throws {
        let found = try #require(mentions(text).first)
        #expect(["Millbrook Academy", "Millbrook Academy's", "#MillbrookProud", "@MillbrookAcad"].contains(spanText(found, in: text)))
        #expect(found.matchedText == spanText(found, in: text))
    }

    // MARK: Aliases without context

    @Test func anAliasNoContextLicensesIsKeptAsidePendingTheJudgement() {
        let reading = finder.reading(of: "A man by Millbrook keeps offering girls lifts home", sourceIsAboutSchool: false)
        #expect(reading.mentions.isEmpty)
        #expect(reading.aliasesWithoutContext.map(\.matchedText) == ["Millbrook"])
        #expect(reading.mentions(judgedAs: [ConcernAssessment(concern: .praise, confidence: 0.9, evidence: [])]).isEmpty)
        let kept = reading.mentions(judgedAs: [ConcernAssessment(concern: .safeguarding, confidence: 0.4, evidence: [])])
        #expect(kept.map(\.rule) == [.aliasInSafeguardingPost] && kept.map(\.matchedText) == ["Millbrook"])
    }

    /// A complaint, abuse or an allegation makes a bare alias the school's, unless the alias is
    /// initials; praise and questions do not.
    @Test func aConcernAimedAtSomeoneMakesABareWordAliasTheSchools() {
        let complaint = [ConcernAssessment(concern: .complaint, confidence: 0.9, evidence: [])]
        let word = finder.reading(of: "Millbrook ignored three of my emails", sourceIsAboutSchool: false)
        #expect(word.mentions.isEmpty)
        #expect(word.mentions(judgedAs: complaint).map(\.rule) == [.aliasInConcernPost])
        #expect(word.mentions(judgedAs: [ConcernAssessment(concern: .question, confidence: 0.9, evidence: [])]).isEmpty)
        let initials = finder.reading(of: "MBA ignored three of my emails", sourceIsAboutSchool: false)
        #expect(initials.aliasesWithoutContext.map(\.matchedText) == ["MBA"])
        #expect(initials.mentions(judgedAs: complaint).isEmpty)
        #expect(initials.mentions(judgedAs: [ConcernAssessment(concern: .safeguarding, confidence: 0.4, evidence: [])]).map(\.rule)
                == [.aliasInSafeguardingPost])
    }

    @Test func anExcludedOrLicensedAliasIsNeverSetAside() {
        #expect(finder.reading(of: "Flooding on Millbrook Road again", sourceIsAboutSchool: false).aliasesWithoutContext.isEmpty)
        let licensed = finder.reading(of: "Millbrook pupils raised £500", sourceIsAboutSchool: false)
        #expect(licensed.mentions.count == 1 && licensed.aliasesWithoutContext.isEmpty)
        #expect(licensed.mentions(judgedAs: [ConcernAssessment(concern: .safeguarding, confidence: 0.9, evidence: [])]) == licensed.mentions)
    }
}
