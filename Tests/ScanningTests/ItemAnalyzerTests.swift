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
                                                                handles: ["@MillbrookAcad"], domains: ["millbrook-academy.example"],
                                                                contextWords: ["pupils"])),
            judge: PassageJudge(lexicon: lexicon),
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

    /// The school's own words open no case, however they are recognised: a source marked as the
    /// school's own, a source or a link on its domain, or one of its handles as the author.
    @Test func theSchoolsOwnVoiceIsAFindingButOpensNoCase() throws {
        let analyzer = try analyzer()
        let text = "Millbrook Academy pupils, please tell us your questions about the new timetable? Thank you!"
        var ownItem = item(text)
        let heard = analyzer.observe(ownItem, in: source(aboutSchool: false), discoveredAt: now)
        #expect(heard.triage != nil, "the same words from someone else are answered")

        let marked = Source(url: URL(string: "https://news.example/feed")!, kind: .feed, title: "Ours", isSchoolsOwn: true)
        let onDomain = Source(url: URL(string: "https://www.millbrook-academy.example/feed")!, kind: .feed, title: "Ours")
        for source in [marked, onDomain] {
            let observation = analyzer.observe(ownItem, in: source, discoveredAt: now)
            #expect(observation.finding != nil && observation.triage == nil, "\(source.url)")
        }
        ownItem.link = URL(string: "https://news.millbrook-academy.example/2026/timetable")
        #expect(analyzer.observe(ownItem, in: source(aboutSchool: false), discoveredAt: now).triage == nil)
        ownItem.link = nil
        ownItem.author = "@millbrookacad"
        #expect(analyzer.observe(ownItem, in: source(aboutSchool: false), discoveredAt: now).triage == nil)
        // A look-alike domain is not the school's.
        ownItem.author = nil
        ownItem.link = URL(string: "https://millbrook-academy.example.evil.example/post")
        #expect(analyzer.observe(ownItem, in: source(aboutSchool: false), discoveredAt: now).triage != nil)
    }

    @Test func aPostNotAboutTheSchoolIsStoredButIsNoFinding() throws {
        let observation = try analyzer().observe(item("Flood warning for the Millbrook stream this weekend."),
                                                 in: source(aboutSchool: false), discoveredAt: now)
        #expect(observation.finding == nil && observation.triage == nil)
    }

    @Test func aPostInASourceAboutTheSchoolIsAFindingToAnswerWhenItNamesNoOne() throws {
        let observation = try analyzer().observe(item("Congratulations to our wonderful Year 11 leavers!"),
                                                 in: source(aboutSchool: true), discoveredAt: now)
        #expect(observation.finding != nil)
        #expect(observation.finding?.mentions.isEmpty == true)
        #expect(observation.triage?.primaryConcern == .praise)
    }

    @Test func aPostInASourceAboutTheSchoolThatOnlyNamesSomethingElseIsNoFinding() throws {
        let analyzer = ItemAnalyzer(
            mentionFinder: MentionFinder(profile: SchoolProfile(names: ["Millbrook Academy"], ambiguousAliases: ["Millbrook"],
                                                                exclusionPhrases: ["Millbrook Garden Centre"])),
            judge: PassageJudge(lexicon: try Lexicon.bundled()),
            triager: CaseTriager(policy: .standard, calculator: DueTimeCalculator(calendar: try WorkingCalendar()))
        )
        let elsewhere = analyzer.observe(item("Millbrook Garden Centre: cold soup, rude till staff. 2 stars."),
                                         in: source(aboutSchool: true), discoveredAt: now)
        #expect(elsewhere.finding == nil)
        // A review on the school's own page that never names it is still a complaint to answer.
        let ours = analyzer.observe(item("2 stars. Cold lunches and the head never replies."),
                                    in: source(aboutSchool: true), discoveredAt: now)
        #expect(ours.finding != nil && ours.triage?.concerns.contains(.complaint) == true)
    }

    @Test func aBareAliasInAComplaintIsTheSchoolsComplaint() throws {
        let observation = try analyzer().observe(
            item("Third email to Millbrook about the refund and still nothing back. Shocking."),
            in: source(aboutSchool: false), discoveredAt: now)
        #expect(observation.finding?.mentions.map(\.rule) == [.aliasInConcernPost])
        #expect(observation.triage?.primaryConcern == .complaint)
    }

    @Test func aBareAliasInAPostAboutAChildAtRiskReachesTheSafeguardingLead() throws {
        let observation = try analyzer().observe(
            item("A man in a van keeps offering girls lifts near Millbrook and telling them to keep it secret"),
            in: source(aboutSchool: false), discoveredAt: now)
        #expect(observation.finding?.mentions.map(\.rule) == [.aliasInSafeguardingPost])
        #expect(observation.triage?.primaryConcern == .safeguarding && observation.triage?.owner == .designatedSafeguardingLead)
    }

    @Test func aBareAliasInAnyOtherPostIsNoFinding() throws {
        let observation = try analyzer().observe(item("Millbrook won 3-1 on Saturday, what a goal"),
                                                 in: source(aboutSchool: false), discoveredAt: now)
        #expect(observation.finding == nil && observation.triage == nil)
    }
}
