import Foundation
import Model
import Storage
import TestSupport
import Testing
import Workflow

/// A fetch is written in multi-row statements: a feed of hundreds of items, copies of one post
/// within one feed and a stand-in completed within the fetch that stored it are written as one
/// statement a row would write them, on either store.
@Suite struct BatchedItemWriteTests {
    let feed = Source(url: URL(string: "https://big.example/all.rss")!, kind: .feed, title: "Big feed")
    let mirror = Source(url: URL(string: "https://mirror.example/all.rss")!, kind: .feed, title: "Mirror")
    let now = Date(timeIntervalSince1970: 1_795_600_800)
    let school = SchoolID(rawValue: "school")

    func item(_ number: Int, link: String? = nil) -> Item {
        Item(key: ItemKey(rawValue: "guid:post-\(number)"), title: "Post \(number)",
             link: URL(string: link ?? "https://big.example/posts/\(number)"), text: "Post number \(number) about the town")
    }

    /// A post naming the school, with a complaint case in its own thread.
    func finding(_ item: Item, in source: Source) -> SourceScanRecord.Observation {
        let finding = Finding(item: item, source: source.id, discoveredAt: now, mentions: [], sentiment: .neutral,
                              concerns: [ConcernAssessment(concern: .complaint, confidence: 0.9, evidence: [])])
        let triage = CaseTriage(primaryConcern: .complaint, concerns: [.complaint], owner: .communications, clockStartedAt: now,
                                dueAt: now.addingTimeInterval(3600), needsApproval: false, shouldAlertAtOnce: false,
                                wasOverdueWhenFound: false, threadKey: item.link.map { "thread:" + $0.absoluteString })
        return .init(item: item, finding: finding, schools: [.init(school: school, mentions: [], triage: triage)])
    }

    func write(_ store: Store, _ observations: [SourceScanRecord.Observation], from source: Source) throws -> RecordSummary {
        try store.record(SourceScanRecord(state: FetchState(sourceID: source.id, currentURL: source.url, lastFetchedAt: now),
                                          observations: observations), joining: CaseJoin.init(joining:to:))
    }

    @Test(arguments: StoreKind.available) func aLargeFeedWithCopiesOfItsOwnPostsIsStoredOnce(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try Store(location: location)
            try store.register([feed, mirror])
            // 400 posts, every tenth naming the school; post 7 twice, and a post under another
            // id with post 8's link: neither is new.
            var observations = (0..<400).map { $0 % 10 == 0 ? finding(item($0), in: feed) : SourceScanRecord.Observation(item: item($0)) }
            observations.insert(.init(item: item(7)), at: 200)
            observations.append(.init(item: Item(key: ItemKey(rawValue: "guid:renumbered"), title: "Post 8",
                                                 link: URL(string: "https://big.example/posts/8"), text: "Post number 8")))
            #expect(try store.itemsToJudge(observations.map(\.item)).count == 402)
            let first = try write(store, observations, from: feed)
            #expect(first.newItems == 400 && first.newFindings == 40 && first.openedCases.count == 40)
            #expect(first.repeatSightings == 0)
            var counts = try store.counts()
            #expect(counts.items == 400 && counts.findings == 40 && counts.cases == 40 && counts.sightings == 400)

            // The same posts from another source: all known, each a repeat sighting once.
            #expect(try store.itemsToJudge(observations.map(\.item)).isEmpty)
            let mirrored = try write(store, observations.map { .init(item: $0.item) }, from: mirror)
            #expect(mirrored.newItems == 0 && mirrored.repeatSightings == 400 && mirrored.openedCases.isEmpty)
            counts = try store.counts()
            #expect(counts.items == 400 && counts.cases == 40 && counts.sightings == 800)
            #expect(try store.openCases(school: school).count == 40)

            // Read again: nothing new, no repeat sighting.
            #expect(try write(store, observations, from: feed) == RecordSummary())
        }
    }

    @Test(arguments: StoreKind.available) func aStandInAndItsPublishersCopyInOneFetchAreOneItemAndOneCase(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try Store(location: location)
            try store.register([feed])
            let story = StoryKey(site: URL(string: "https://paper.example")!, headline: "School wins award")
            let standIn = Item(key: ItemKey(rawValue: "guid:stand-in"), title: "School wins award - Paper",
                               link: URL(string: "https://search.example/r/1"), published: now, text: "School wins award Paper", story: story)
            let copy = Item(key: ItemKey(rawValue: "guid:copy"), title: "School wins award",
                            link: URL(string: "https://paper.example/news/award"), published: now,
                            text: "The school won an award on Monday.", story: story)
            let summary = try write(store, [finding(standIn, in: feed), finding(copy, in: feed)], from: feed)
            #expect(summary.newItems == 1 && summary.repeatSightings == 0 && summary.openedCases.count == 1)
            let counts = try store.counts()
            #expect(counts.items == 1 && counts.cases == 1 && counts.sightings == 1)
            // The item took its publisher's link within the same fetch.
            #expect(try store.itemsToJudge([copy]).isEmpty)
            #expect(try store.openCases().first?.link == URL(string: "https://paper.example/news/award"))
        }
    }
}
