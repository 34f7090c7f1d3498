import Foundation
import Mentions
import Model
import Scanning
import Sentiment
import Storage
import Testing
import Workflow

@Suite struct ItemAnalyzerTests {
    let now = Date(timeIntervalSince1970: 1_795_600_800)

    func analyzer() throws -> ItemAnalyzer {
        let lexicon = try Lexicon.bundled()
        return ItemAnalyzer(
            mentionFinder: MentionFinder(profile: SchoolProfile(names: ["Millbrook Academy"], ambiguousAliases: ["Millbrook"],
                                                                contextWords: ["pupils"])),
            sentimentAnalyzer: SentimentAnalyzer(lexicon: lexicon),
            concernClassifier: ConcernClassifier(lexicon: lexicon),
            triager: CaseTriager(policy: .standard, calculator: DueTimeCalculator(calendar: try WorkingCalendar()))
        )
    }

    func source(aboutSchool: Bool) -> Source {
        Source(url: URL(string: "https://news.example/feed")!, kind: .feed, title: "News", isAboutSchool: aboutSchool)
    }

    func item(_ text: String) -> Item {
        Item(key: ItemKey(rawValue: "id:\(text.hashValue)"), title: "", text: text)
    }

    @Test func aPostNamingTheSchoolIsAFindingWithACaseUnderThePolicy() throws {
        let observation = try analyzer().observe(item("Millbrook Academy never answers emails, this is unacceptable."),
                                                 in: source(aboutSchool: false), discoveredAt: now)
        let finding = try #require(observation.finding)
        #expect(finding.mentions.map(\.term) == ["Millbrook Academy"])
        #expect(finding.sentiment.label == .negative)
        #expect(observation.triage?.primaryConcern == .complaint)
        #expect(observation.triage?.owner == .communications)
    }

    @Test func aPostNotAboutTheSchoolIsStoredButIsNoFinding() throws {
        let observation = try analyzer().observe(item("Flood warning for the Millbrook stream this weekend."),
                                                 in: source(aboutSchool: false), discoveredAt: now)
        #expect(observation.finding == nil && observation.triage == nil)
    }

    @Test func aPostInASourceAboutTheSchoolIsAFindingWithoutACaseWhenItNamesNoOne() throws {
        let observation = try analyzer().observe(item("Congratulations to our wonderful Year 11 leavers!"),
                                                 in: source(aboutSchool: true), discoveredAt: now)
        #expect(observation.finding != nil)
        #expect(observation.finding?.mentions.isEmpty == true)
        #expect(observation.triage == nil)
    }
}
