import Foundation
import Model
import Storage
import TestSupport
import Testing
import Workflow

/// One story seen through a news search engine's stand-in and in its publisher's own feed is one
/// item, one finding and at most one case, whichever is seen first.
@Suite struct StoryStorageTests {
    let engine = Source(url: URL(string: "https://news.google.com/rss/search?q=millbrook")!, kind: .feed, title: "Google News")
    let paper = Source(url: URL(string: "https://www.paper.example/rss")!, kind: .feed, title: "Paper")
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    let published = Date(timeIntervalSince1970: 1_794_990_000)
    static let story = StoryKey(site: URL(string: "https://www.paper.example")!, headline: "Head of Millbrook Academy resigns")

    /// The engine's item: a redirect for a link, the publisher's site and headline for a story.
    func standIn(_ id: String = "CBMiQ1", published: Date? = nil) -> Item {
        Item(key: ItemKey(rawValue: "id:\(engine.id.rawValue) \(id)"), title: "Head of Millbrook Academy resigns - Paper",
             link: URL(string: "https://news.google.com/rss/articles/\(id)?oc=5"), published: published ?? self.published,
             text: "Head of Millbrook Academy resigns Paper", story: Self.story)
    }

    /// The publisher's own item for the same story.
    func publishersCopy(link: String = "https://www.paper.example/news/head-resigns", published: Date? = nil) -> Item {
        Item(key: ItemKey(rawValue: "id:\(link)"), title: "Head of Millbrook Academy resigns", link: URL(string: link),
             published: published ?? self.published,
             text: "Parents at Millbrook Academy were told on Monday that the head is leaving.", story: Self.story)
    }

    func observation(
        _ item: Item, in source: Source, concerns: [Concern]? = [.complaint], at time: Date? = nil
    ) -> SourceScanRecord.Observation {
        guard let concerns else { return .init(item: item) }
        let finding = Finding(
            item: item, source: source.id, discoveredAt: time ?? now,
            mentions: [Mention(matchedText: "Millbrook Academy", term: "Millbrook Academy", rule: .name, start: 0, end: 17)],
            sentiment: SentimentScore(compound: -0.4, drivers: []),
            concerns: concerns.map { ConcernAssessment(concern: $0, confidence: 0.9, evidence: []) })
        guard let primary = concerns.min() else { return .init(item: item, finding: finding) }
        let owner: Role = primary == .safeguarding ? .designatedSafeguardingLead : .communications
        let triage = CaseTriage(
            primaryConcern: primary, concerns: concerns, owner: owner, clockStartedAt: now, dueAt: now.addingTimeInterval(3600),
            needsApproval: primary == .safeguarding, shouldAlertAtOnce: primary == .safeguarding, wasOverdueWhenFound: false,
            threadKey: item.link.map { "thread:" + $0.absoluteString })
        return .init(item: item, finding: finding, triage: triage)
    }

    func record(_ observations: [SourceScanRecord.Observation], from source: Source, at time: Date? = nil) -> SourceScanRecord {
        SourceScanRecord(state: FetchState(sourceID: source.id, currentURL: source.url, lastFetchedAt: time ?? now), observations: observations)
    }

    func withStore(_ body: (Store) throws -> Void) async throws {
        try await withTemporaryDirectory { directory in
            let store = try Store(path: directory.appendingPathComponent("e.sqlite").path)
            try store.register([engine, paper])
            try body(store)
        }
    }

    @Test func thePublishersCopyAfterTheStandInIsASightingThatGivesTheItemItsLink() async throws {
        try await withStore { store in
            let first = try store.record(record([observation(standIn(), in: engine)], from: engine), joining: CaseJoin.init(joining:to:))
            #expect(first.newItems == 1 && first.openedCases.count == 1)
            // The publisher's copy is read in full, for what the stand-in's headline could not say.
            #expect(try store.itemsToJudge([publishersCopy()]).count == 1)
            let second = try store.record(record([observation(publishersCopy(), in: paper)], from: paper), joining: CaseJoin.init(joining:to:))
            #expect(second.newItems == 0 && second.newFindings == 0 && second.repeatSightings == 1)
            #expect(second.openedCases.isEmpty && second.joinedCases.isEmpty)
            let counts = try store.counts()
            #expect(counts.items == 1 && counts.findings == 1 && counts.cases == 1 && counts.sightings == 2)
            let finding = try #require(try store.searchFindings("resigns").first)
            #expect(finding.link == URL(string: "https://www.paper.example/news/head-resigns"))
            #expect(Set(finding.sourceTitles) == ["Google News", "Paper"])
            #expect(try store.openCases().first?.link == URL(string: "https://www.paper.example/news/head-resigns"))
            // Completed once: the copy is now known by its link, and a second reading adds nothing.
            #expect(try store.itemsToJudge([publishersCopy()]).isEmpty)
            let again = try store.record(record([observation(publishersCopy(), in: paper)], from: paper), joining: CaseJoin.init(joining:to:))
            #expect(again == RecordSummary())
        }
    }

    @Test func theStandInAfterThePublishersCopyIsARepeatSightingNotJudgedAgain() async throws {
        try await withStore { store in
            try store.record(record([observation(publishersCopy(), in: paper)], from: paper), joining: CaseJoin.init(joining:to:))
            #expect(try store.itemsToJudge([standIn()]).isEmpty)
            let summary = try store.record(record([observation(standIn(), in: engine)], from: engine), joining: CaseJoin.init(joining:to:))
            #expect(summary.newItems == 0 && summary.repeatSightings == 1 && summary.openedCases.isEmpty)
            let counts = try store.counts()
            #expect(counts.items == 1 && counts.cases == 1 && counts.sightings == 2)
        }
    }

    @Test func twoStandInsForOneStoryAreOneItem() async throws {
        try await withStore { store in
            try store.record(record([observation(standIn("CBMiQ1"), in: engine)], from: engine), joining: CaseJoin.init(joining:to:))
            let other = Source(url: URL(string: "https://news.google.com/rss/search?q=mba")!, kind: .feed, title: "Google News, MBA")
            try store.register([other])
            let summary = try store.record(record([observation(standIn("CBMiZ9"), in: other)], from: other), joining: CaseJoin.init(joining:to:))
            #expect(summary.newItems == 0 && summary.repeatSightings == 1)
        }
    }

    @Test func aStandInThatMissedTheSchoolBecomesAFindingWhenThePublishersCopyNamesIt() async throws {
        try await withStore { store in
            try store.record(record([observation(standIn(), in: engine, concerns: nil)], from: engine), joining: CaseJoin.init(joining:to:))
            #expect(try store.counts().findings == 0)
            let later = now.addingTimeInterval(1800)
            let copy = observation(publishersCopy(), in: paper, concerns: [.safeguarding], at: later)
            let summary = try store.record(record([copy], from: paper, at: later),
                                           joining: CaseJoin.init(joining:to:))
            #expect(summary.newItems == 0 && summary.newFindings == 1 && summary.openedCases.count == 1)
            let finding = try #require(try store.searchFindings("told").first)
            #expect(finding.title == "Head of Millbrook Academy resigns")
            #expect(finding.discoveredAt == later)
            #expect(try store.openCases().first?.primaryConcern == .safeguarding)
        }
    }

    @Test func aConcernOnlyThePublishersCopyShowsJoinsTheStandInsCase() async throws {
        try await withStore { store in
            let opened = try store.record(record([observation(standIn(), in: engine)], from: engine), joining: CaseJoin.init(joining:to:))
            let caseID = try #require(opened.openedCases.first)
            let summary = try store.record(record([observation(publishersCopy(), in: paper, concerns: [.safeguarding, .complaint])], from: paper),
                                           joining: CaseJoin.init(joining:to:))
            #expect(summary.joinedCases == [caseID] && summary.openedCases.isEmpty)
            let joined = try #require(try store.caseSummary(caseID))
            #expect(joined.primaryConcern == .safeguarding && joined.concerns == [.safeguarding, .complaint])
            #expect(try store.auditTrail(for: caseID).last?.reason?.hasPrefix("the post read in full from its publisher") == true)
            #expect(try store.counts().cases == 1)
        }
    }

    @Test func twoArticlesOfOneSiteUnderOneHeadlineWithLinksOfTheirOwnStayTwo() async throws {
        try await withStore { store in
            try store.record(record([observation(publishersCopy(link: "https://www.paper.example/news/1"), in: paper)], from: paper),
                             joining: CaseJoin.init(joining:to:))
            let summary = try store.record(record([observation(publishersCopy(link: "https://www.paper.example/news/2"), in: paper)], from: paper),
                                           joining: CaseJoin.init(joining:to:))
            #expect(summary.newItems == 1)
        }
    }

    @Test func aStandInPublishedMoreThanThreeDaysFromTheStoredCopyIsAnotherStory() async throws {
        try await withStore { store in
            try store.record(record([observation(publishersCopy(), in: paper)], from: paper), joining: CaseJoin.init(joining:to:))
            let weekLater = standIn(published: published.addingTimeInterval(7 * 86_400))
            #expect(try store.itemsToJudge([weekLater]).count == 1)
            let summary = try store.record(record([observation(weekLater, in: engine)], from: engine), joining: CaseJoin.init(joining:to:))
            #expect(summary.newItems == 1)
        }
    }
}
