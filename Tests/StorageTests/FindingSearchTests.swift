import Foundation
import Model
import Storage
import TestSupport
import Testing
import Workflow

/// `Store.searchFindings`: every word must appear, LIKE's wildcards are plain characters, and the
/// concern, sentiment, hidden-concern and limit filters run in the query itself.
@Suite struct FindingSearchTests {
    let forum = Source(url: URL(string: "https://forum.example/thread")!, kind: .page, title: "Forum")
    let start = Date(timeIntervalSince1970: 1_795_000_000)

    /// A store holding four mentions, one a minute apart, oldest first.
    func store(at location: StoreLocation) throws -> Store {
        let store = try Store(location: location)
        try store.register([forum])
        let posts: [(String, String, Double, Concern?)] = [
            ("Uniform prices", "The uniform costs 100% more than last year", -0.5, .complaint),
            ("Well done", "Brilliant netball result for the uniform_team", 0.7, .praise),
            ("Worried", "A pupil said they want to hurt themselves", -0.8, .safeguarding),
            ("Term dates", "When does term end?", 0, nil),
        ]
        for (offset, post) in posts.enumerated() {
            let item = Item(key: ItemKey(rawValue: "id:\(offset)"), title: post.0, link: nil, text: post.1)
            let finding = Finding(item: item, source: forum.id, discoveredAt: start.addingTimeInterval(Double(offset) * 60), mentions: [],
                                  sentiment: SentimentScore(compound: post.2, drivers: []),
                                  concerns: post.3.map { [ConcernAssessment(concern: $0, confidence: 0.9, evidence: ["x"])] } ?? [])
            _ = try store.record(SourceScanRecord(state: FetchState(sourceID: forum.id, currentURL: forum.url, lastFetchedAt: start),
                                                  observations: [.init(item: item, finding: finding, triage: nil)]), joining: CaseJoin.init(joining:to:))
        }
        return store
    }

    @Test(arguments: StoreKind.available) func everyWordMustAppearInTheTitleOrTextAndNewestComeFirst(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try store(at: location)
            #expect(try store.searchFindings("").map(\.title) == ["Term dates", "Worried", "Well done", "Uniform prices"])
            #expect(try store.searchFindings("UNIFORM").map(\.title) == ["Well done", "Uniform prices"])
            #expect(try store.searchFindings("uniform costs").map(\.title) == ["Uniform prices"])
            #expect(try store.searchFindings("uniform hurt").isEmpty)
            #expect(try store.searchFindings("", limit: 2).map(\.title) == ["Term dates", "Worried"])
        }
    }

    @Test(arguments: StoreKind.available) func wildcardsInTheQueryAreOrdinaryCharacters(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try store(at: location)
            #expect(try store.searchFindings("100%").map(\.title) == ["Uniform prices"])
            #expect(try store.searchFindings("%").map(\.title) == ["Uniform prices"])
            #expect(try store.searchFindings("uniform_team").map(\.title) == ["Well done"])
            #expect(try store.searchFindings("uniform_").map(\.title) == ["Well done"])
            #expect(try store.searchFindings("\\").isEmpty)
            #expect(try store.searchFindings("' OR 1=1 --").isEmpty)
        }
    }

    @Test(arguments: StoreKind.available) func concernSentimentAndHiddenConcernFilter(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try store(at: location)
            #expect(try store.searchFindings("", concern: .praise).map(\.title) == ["Well done"])
            #expect(try store.searchFindings("", sentiment: .negative).map(\.title) == ["Worried", "Uniform prices"])
            #expect(try store.searchFindings("", sentiment: .neutral).map(\.title) == ["Term dates"])
            #expect(try store.searchFindings("", sentiment: .negative, hiding: .safeguarding).map(\.title) == ["Uniform prices"])
            #expect(try store.searchFindings("hurt", hiding: .safeguarding).isEmpty)
            #expect(try store.searchFindings("", concern: .safeguarding, hiding: .safeguarding).isEmpty)
        }
    }
}
